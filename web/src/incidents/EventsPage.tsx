// /events: the CISO's inbox of reported events. Each open event can be triaged into a new
// incident (the event's summary becomes its title), linked to an existing incident, or
// closed with a reason.
import { useState } from 'react'
import { api, ApiError } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge, When } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link, navigate } from '../router'
import type { Incident, Items, SecurityEvent } from './types'

function TriageRow({ ev, onDone }: { ev: SecurityEvent; onDone: () => void }) {
  const [severity, setSeverity] = useState('medium')
  const [linkId, setLinkId] = useState('')
  const [reason, setReason] = useState('')
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const triage = async (body: Record<string, unknown>) => {
    setBusy(true)
    setFailure(undefined)
    try {
      const out = await api<SecurityEvent & { incident: { id: string } | null }>(`/api/v1/events/${ev.id}/triage`, { method: 'POST', body: { ...body, version: ev.version } })
      if (out.incident) navigate(`/incidents/${out.incident.id}`)
      else onDone()
    } catch (err) {
      setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="triage" data-testid={`triage-${ev.ref}`}>
      <label>
        Severity{' '}
        <select value={severity} onChange={(e) => setSeverity(e.target.value)} data-testid="triage-severity">
          {['low', 'medium', 'high', 'critical'].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>{' '}
      <button type="button" className="primary" disabled={busy} data-testid="triage-incident" onClick={() => void triage({ action: 'incident', incident: { severity } })}>
        Open incident
      </button>{' '}
      <input type="text" placeholder="incident id" value={linkId} onChange={(e) => setLinkId(e.target.value)} aria-label="Incident id to link" />{' '}
      <button type="button" disabled={busy || linkId === ''} onClick={() => void triage({ action: 'link', incident_id: linkId })}>
        Link
      </button>{' '}
      <input type="text" placeholder="reason to close" value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason to close" />{' '}
      <button type="button" disabled={busy || reason.trim() === ''} data-testid="triage-close" onClick={() => void triage({ action: 'close', reason })}>
        Close
      </button>
      {failure !== undefined && <ErrorBox error={failure} title={failure instanceof ApiError && failure.status === 409 ? 'Already triaged' : undefined} />}
    </div>
  )
}

export function EventsPage() {
  const { can } = useAuth()
  const events = useApi<Items<SecurityEvent>>('/api/v1/events')
  const incidents = useApi<Items<Incident>>(can('incidents:read') ? '/api/v1/incidents' : null)
  return (
    <>
      <PageHeader title="Reported events" subtitle="Policy 3.3: security events are reported to the CISO, who triages them." actions={<Link to="/events/new">Report an event</Link>} />
      {events.error !== undefined && <ErrorBox error={events.error} />}
      <div className="table-wrap">
        <table data-testid="events-table">
          <thead>
            <tr>
              <th>Ref</th>
              <th>Summary</th>
              <th>Reported</th>
              <th>Status</th>
              <th>Triage</th>
            </tr>
          </thead>
          <tbody>
            {(events.data?.items ?? []).map((ev) => (
              <tr key={ev.id} data-testid={`event-${ev.ref}`}>
                <td>{ev.ref}</td>
                <td>
                  <strong>{ev.summary}</strong>
                  {ev.description && <div className="muted">{ev.description}</div>}
                </td>
                <td>
                  <When at={ev.reported_at} />
                </td>
                <td>
                  <Badge tone={ev.status === 'reported' ? 'warn' : undefined}>{ev.status}</Badge>
                  {ev.incident_id && (
                    <div>
                      <Link to={`/incidents/${ev.incident_id}`}>{incidents.data?.items.find((i) => i.id === ev.incident_id)?.ref ?? 'incident'}</Link>
                    </div>
                  )}
                  {ev.close_reason && <div className="muted">{ev.close_reason}</div>}
                </td>
                <td>{ev.status === 'reported' && can('incidents:write') ? <TriageRow ev={ev} onDone={events.reload} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
