// /calendar/activities: the recurring activities with cadence, owner and next occurrence.
import '../risks/risks.css'
import { useState } from 'react'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { stateBadge } from './calendar'
import type { Activity, ItemList } from './types'

export function ActivitiesPage() {
  const { can } = useAuth()
  const [status, setStatus] = useState('')
  const list = useApi<ItemList<Activity>>(`/api/v1/activities${status ? `?status=${status}` : ''}`)
  const items = list.data?.items ?? []
  return (
    <>
      <PageHeader
        title="Activities"
        subtitle="Recurring duties of the ISMS; their occurrences make up the calendar."
        back={<Link to="/calendar">Calendar</Link>}
        actions={
          can('calendar:write') && (
            <Link to="/calendar/activities/new" className="button primary" data-testid="new-activity">
              New activity
            </Link>
          )
        }
      />
      <div className="toolbar">
        <div className="filter">
          <label htmlFor="activity-status">Status</label>
          <select id="activity-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Active and paused</option>
            <option value="active">Active</option>
            <option value="paused">Paused</option>
            <option value="archived">Archived</option>
          </select>
        </div>
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={list.loading} data-testid="activities-table">
          <thead>
            <tr>
              <th scope="col">Ref</th>
              <th scope="col">Activity</th>
              <th scope="col">Cadence</th>
              <th scope="col">Owner</th>
              <th scope="col">Policy</th>
              <th scope="col">Next</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => {
              const b = stateBadge(a.next_state)
              return (
                <tr key={a.id} data-testid="activity-row">
                  <td className="nowrap">{a.ref}</td>
                  <td>
                    <Link to={`/calendar/activities/${a.id}`}>{a.title}</Link>
                  </td>
                  <td>{a.cadence_text}</td>
                  <td>{a.owner_name ?? 'unassigned'}</td>
                  <td>{a.policy_ref || '—'}</td>
                  <td className="nowrap">
                    {a.status === 'paused' ? (
                      <Badge>paused</Badge>
                    ) : (
                      <>
                        {a.next_due ?? '—'} {a.next_state && <Badge tone={b.tone}>{b.label}</Badge>}
                      </>
                    )}
                  </td>
                </tr>
              )
            })}
            {list.data && items.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  No activities.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  )
}
