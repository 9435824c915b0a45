// /incidents: every incident with its severity, status, significance and next reporting
// deadline; overdue clocks are flagged. "New incident" opens one directly (incidents:write).
import { useState, type FormEvent } from 'react'
import { api, ApiError, withQuery } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge, When } from '../access/bits'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { Link, navigate } from '../router'
import type { Incident, Items } from './types'

function NewIncidentDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [title, setTitle] = useState('')
  const [severity, setSeverity] = useState('medium')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setErrors(noErrors)
    setFailure(undefined)
    try {
      const created = await api<Incident>('/api/v1/incidents', { method: 'POST', body: { title, severity } })
      navigate(`/incidents/${created.id}`)
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setErrors(formErrorsFrom(err, ['title', 'severity']))
      else setFailure(err)
    }
  }
  return (
    <Dialog open={open} title="New incident" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="field-inc-title">Title</label>
          <input id="field-inc-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
          {errors.byField.title && <div className="field-error">{errors.byField.title.join(' ')}</div>}
        </div>
        <div className="field">
          <label htmlFor="field-inc-severity">Severity</label>
          <select id="field-inc-severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
            {['low', 'medium', 'high', 'critical'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        {failure !== undefined && <ErrorBox error={failure} />}
        <div className="form-actions">
          <button type="submit" className="primary">
            Open incident
          </button>
        </div>
      </form>
    </Dialog>
  )
}

export function IncidentsPage() {
  const { can } = useAuth()
  const [status, setStatus] = useState('')
  const [overdue, setOverdue] = useState(false)
  const [creating, setCreating] = useState(false)
  const list = useApi<Items<Incident>>(withQuery('/api/v1/incidents', { status: status || undefined, overdue: overdue ? true : undefined }))
  return (
    <>
      <PageHeader
        title="Incidents"
        subtitle="NIS2 Art. 23 and GDPR Art. 33 reporting deadlines run from when the organization became aware."
        actions={
          <>
            <Link to="/events">Reported events</Link>{' '}
            {can('incidents:write') && (
              <button type="button" className="primary" onClick={() => setCreating(true)}>
                New incident
              </button>
            )}
          </>
        }
      />
      <div className="filters">
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">any</option>
            {['open', 'contained', 'resolved', 'closed'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>{' '}
        <label>
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> only with an overdue report
        </label>
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} />}
      <div className="table-wrap">
        <table data-testid="incidents-table">
          <thead>
            <tr>
              <th>Ref</th>
              <th>Title</th>
              <th>Severity</th>
              <th>Status</th>
              <th>Significant</th>
              <th>Next deadline</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/incidents/${i.id}`}>{i.ref}</Link>
                </td>
                <td>{i.title}</td>
                <td>{i.severity}</td>
                <td>{i.status}</td>
                <td>{i.significant ? <Badge tone="warn">significant</Badge> : 'no'}</td>
                <td>
                  <When at={i.next_deadline} />
                  {i.overdue && (
                    <>
                      {' '}
                      <Badge tone="bad">overdue</Badge>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <NewIncidentDialog open={creating} onClose={() => setCreating(false)} />
    </>
  )
}
