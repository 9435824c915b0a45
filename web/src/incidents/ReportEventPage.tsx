// /events/new: the short form anyone with events:report uses to report a security event to
// the CISO (policy 3.3). The confirmation shows the event's reference; "My reports" lists
// the caller's own events.
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import { useApi } from '../api/useApi'
import { When } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import type { Items, SecurityEvent } from './types'

const shown = ['summary', 'description', 'occurred_at', 'contact']

export function ReportEventPage() {
  const mine = useApi<Items<SecurityEvent>>('/api/v1/events?mine=true')
  const [summary, setSummary] = useState('')
  const [description, setDescription] = useState('')
  const [occurredAt, setOccurredAt] = useState('')
  const [contact, setContact] = useState('')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<SecurityEvent>()

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    try {
      const body: Record<string, unknown> = { summary, description, contact }
      if (occurredAt !== '') body.occurred_at = new Date(occurredAt).toISOString()
      const created = await api<SecurityEvent>('/api/v1/events', { method: 'POST', body })
      setDone(created)
      setSummary('')
      setDescription('')
      setOccurredAt('')
      mine.reload()
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setErrors(formErrorsFrom(err, shown))
      else setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  const msg = (name: string) =>
    errors.byField[name] && (
      <div className="field-error" data-testid={`error-${name}`}>
        {errors.byField[name].join(' ')}
      </div>
    )
  return (
    <>
      <PageHeader title="Report a security event" subtitle="Something odd, lost or broken? Tell the CISO — reporting early is always right." />
      {done && (
        <div className="flash ok" role="status" data-testid="event-reported">
          Thank you. Your report <strong data-testid="event-ref">{done.ref}</strong> has been sent to the CISO.
        </div>
      )}
      <form onSubmit={submit} noValidate data-testid="report-event-form" className="card">
        <div className="field">
          <label htmlFor="field-summary">What happened, in one line</label>
          <input id="field-summary" type="text" maxLength={200} value={summary} onChange={(e) => setSummary(e.target.value)} />
          {msg('summary')}
        </div>
        <div className="field">
          <label htmlFor="field-description">Details</label>
          <textarea id="field-description" rows={6} value={description} onChange={(e) => setDescription(e.target.value)} />
          {msg('description')}
        </div>
        <div className="field">
          <label htmlFor="field-occurred_at">When it happened or was noticed (optional)</label>
          <input id="field-occurred_at" type="datetime-local" value={occurredAt} onChange={(e) => setOccurredAt(e.target.value)} />
          {msg('occurred_at')}
        </div>
        <div className="field">
          <label htmlFor="field-contact">How to reach you (optional)</label>
          <input id="field-contact" type="text" value={contact} onChange={(e) => setContact(e.target.value)} />
          {msg('contact')}
        </div>
        {errors.summary.filter((s) => !s.field).map((s, i) => (
          <p className="field-error" key={i}>
            {s.message}
          </p>
        ))}
        {failure !== undefined && <ErrorBox error={failure} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="report-event-submit">
            {busy ? 'Sending…' : 'Send to the CISO'}
          </button>
        </div>
      </form>
      <h2>My reports</h2>
      {mine.error !== undefined && <ErrorBox error={mine.error} />}
      <div className="table-wrap">
        <table data-testid="my-events">
          <thead>
            <tr>
              <th>Ref</th>
              <th>Summary</th>
              <th>Reported</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {(mine.data?.items ?? []).map((ev) => (
              <tr key={ev.id}>
                <td>{ev.ref}</td>
                <td>{ev.summary}</td>
                <td>
                  <When at={ev.reported_at} />
                </td>
                <td>{ev.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
