// /calendar/activities/:id: an activity's cadence and rules, its next occurrences and
// history, and the complete / skip dialog asking for what the activity requires.
import '../risks/risks.css'
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge } from '../access/bits'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { Link, navigate } from '../router'
import { addDays, stateBadge } from './calendar'
import type { Activity, ItemList, Occurrence } from './types'

const todayUtc = () => new Date().toISOString().slice(0, 10)

function RecordDialog({ activity, date, skip, onClose, onDone }: { activity: Activity; date: string; skip: boolean; onClose: () => void; onDone: () => void }) {
  const [notes, setNotes] = useState('')
  const [decision, setDecision] = useState('')
  const [evidence, setEvidence] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>()
  const needs = (r: string) => activity.requires.includes(r as never)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setErrors(noErrors)
    setFailure(undefined)
    const body: Record<string, unknown> = skip
      ? { reason }
      : { notes, decision, evidence: evidence.split(/\s+/).filter((s) => s !== '') }
    try {
      await api(`/api/v1/activities/${activity.id}/occurrences/${date}/${skip ? 'skip' : 'complete'}`, { method: 'POST', body })
      onDone()
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setErrors(formErrorsFrom(err, ['notes', 'decision', 'evidence', 'reason']))
      else setFailure(err)
    }
  }
  const msg = (name: string) => errors.byField[name] && <div className="field-error" data-testid={`error-${name}`}>{errors.byField[name].join(' ')}</div>
  return (
    <Dialog open title={`${skip ? 'Skip' : 'Complete'} ${activity.title} of ${date}`} onClose={onClose}>
      <form onSubmit={submit} noValidate data-testid="occurrence-form">
        {skip ? (
          <div className="field">
            <label htmlFor="occ-reason">Reason (required)</label>
            <textarea id="occ-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
            {msg('reason')}
          </div>
        ) : (
          <>
            <div className="field">
              <label htmlFor="occ-notes">Notes{needs('notes') ? ' (required)' : ''}</label>
              <textarea id="occ-notes" value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="occ-notes" />
              {msg('notes')}
            </div>
            <div className="field">
              <label htmlFor="occ-evidence">Evidence{needs('evidence') ? ' (required)' : ''}</label>
              <input id="occ-evidence" type="text" value={evidence} placeholder="evidence ids or https URLs, separated by spaces" onChange={(e) => setEvidence(e.target.value)} />
              {msg('evidence')}
            </div>
            <div className="field">
              <label htmlFor="occ-decision">Decision{needs('decision') ? ' (required)' : ''}</label>
              <textarea id="occ-decision" value={decision} onChange={(e) => setDecision(e.target.value)} />
              {msg('decision')}
            </div>
          </>
        )}
        {errors.summary.filter((s) => !s.field).map((s, i) => (
          <p className="field-error" key={i}>
            {s.message}
          </p>
        ))}
        {failure !== undefined && <ErrorBox error={failure} />}
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="occ-confirm">
            {skip ? 'Skip' : 'Complete'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

export function ActivityPage({ id }: { id: string }) {
  const { session, can } = useAuth()
  const activity = useApi<Activity>(`/api/v1/activities/${encodeURIComponent(id)}`)
  const from = addDays(todayUtc(), -365)
  const to = addDays(todayUtc(), 35)
  const occurrences = useApi<ItemList<Occurrence>>(`/api/v1/activities/${encodeURIComponent(id)}/occurrences?from=${from}&to=${to}`)
  const [dialog, setDialog] = useState<{ date: string; skip: boolean } | undefined>()
  const [failure, setFailure] = useState<unknown>()
  const a = activity.data
  if (activity.error !== undefined) return <ErrorBox error={activity.error} onRetry={activity.reload} />
  if (!a) return <p aria-busy>Loading…</p>
  const mayComplete = can('calendar:write') || (a.owner_id !== null && a.owner_id === session.user.person_id)
  const items = [...(occurrences.data?.items ?? [])].reverse()
  const archive = async () => {
    try {
      await api(`/api/v1/activities/${a.id}/archive`, { method: 'POST', body: { version: a.version } })
      navigate('/calendar/activities')
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <>
      <PageHeader
        title={`${a.ref} ${a.title}`}
        subtitle={a.cadence_text}
        back={<Link to="/calendar/activities">Activities</Link>}
        actions={
          can('calendar:write') &&
          !a.archived && (
            <>
              <Link to={`/calendar/activities/${a.id}/edit`} className="button" data-testid="edit-activity">
                Edit
              </Link>{' '}
              <button type="button" onClick={archive} data-testid="archive-activity">
                Archive
              </button>
            </>
          )
        }
      />
      {failure !== undefined && <ErrorBox error={failure} />}
      <dl className="details" data-testid="activity-details">
        <dt>Owner</dt>
        <dd>{a.owner_name ?? 'unassigned'}</dd>
        <dt>Concerns</dt>
        <dd>
          {a.subject.register}
          {a.subject.object_id ? ` ${a.subject.object_id}` : ''}
        </dd>
        <dt>Completing requires</dt>
        <dd>{a.requires.length > 0 ? a.requires.join(', ') : 'nothing'}</dd>
        <dt>Due window</dt>
        <dd>{a.due_window_days} days before the date</dd>
        <dt>Policy</dt>
        <dd>{a.policy_ref || '—'}</dd>
        <dt>Status</dt>
        <dd>
          {a.status}
          {a.archived ? ' (archived)' : ''}
        </dd>
        <dt>Next due</dt>
        <dd>{a.next_due ?? '—'}</dd>
      </dl>
      {a.description && <p>{a.description}</p>}
      <h2>Occurrences</h2>
      {occurrences.error !== undefined && <ErrorBox error={occurrences.error} onRetry={occurrences.reload} />}
      <div className="table-wrap">
        <table className="grid" data-testid="occurrences-table">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">State</th>
              <th scope="col">By</th>
              <th scope="col">Notes / reason</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {items.map((o) => {
              const b = stateBadge(o.state)
              const open = o.record_id === null
              return (
                <tr key={o.due_on} data-testid="occurrence-row" data-state={o.state}>
                  <td className="nowrap">{o.due_on}</td>
                  <td>
                    <Badge tone={b.tone}>{b.label}</Badge>
                  </td>
                  <td>{o.completed_by_name ?? '—'}</td>
                  <td>
                    {o.notes || o.reason || '—'}
                    {o.decision && <div>Decision: {o.decision}</div>}
                    {o.evidence.length > 0 && <div>Evidence: {o.evidence.join(', ')}</div>}
                  </td>
                  <td className="nowrap">
                    {open && mayComplete && !a.archived && (
                      <button type="button" onClick={() => setDialog({ date: o.due_on, skip: false })} data-testid="complete-occurrence">
                        Complete
                      </button>
                    )}{' '}
                    {open && can('calendar:write') && !a.archived && (
                      <button type="button" onClick={() => setDialog({ date: o.due_on, skip: true })}>
                        Skip
                      </button>
                    )}
                  </td>
                </tr>
              )
            })}
            {occurrences.data && items.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  No occurrences in the last year or the next weeks.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {dialog && (
        <RecordDialog
          activity={a}
          date={dialog.date}
          skip={dialog.skip}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined)
            occurrences.reload()
            activity.reload()
          }}
        />
      )}
    </>
  )
}
