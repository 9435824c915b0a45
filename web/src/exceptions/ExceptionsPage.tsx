// /exceptions: exceptions from policies and controls (policy 3.3), newest first, with their
// state badges (requested, active, expiring, expired, ...). Holders of exceptions:read see
// all; requesters see their own. Filters by status/state and "mine".
import '../risks/risks.css'
import { useState } from 'react'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { stateLabel, stateTone } from './model'
import type { ExceptionList } from './types'

const filters = [
  { value: '', label: 'All' },
  { value: 'status=requested', label: 'Requested' },
  { value: 'state=active', label: 'Active' },
  { value: 'state=expiring', label: 'Expiring' },
  { value: 'state=expired', label: 'Expired' },
  { value: 'status=rejected,withdrawn,revoked', label: 'Closed' },
]

export function ExceptionsPage() {
  const { can } = useAuth()
  const [filter, setFilter] = useState('')
  const [mine, setMine] = useState(false)
  const params = [filter, mine ? 'mine=true' : ''].filter((p) => p !== '').join('&')
  const list = useApi<ExceptionList>(`/api/v1/exceptions${params ? `?${params}` : ''}`)
  const items = list.data?.items ?? []
  return (
    <>
      <PageHeader
        title="Exceptions"
        subtitle="Time-limited exemptions from a policy or control, with compensating controls and the risk accepted meanwhile (policy 3.3). At most 12 months; nobody approves their own."
        actions={
          can('exceptions:request') && (
            <Link to="/exceptions/new" className="button primary" data-testid="new-exception">
              Request an exception
            </Link>
          )
        }
      />
      <div className="toolbar">
        <div className="filter">
          <label htmlFor="exception-filter">Show</label>
          <select id="exception-filter" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="exception-filter">
            {filters.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        {can('exceptions:read') && (
          <label className="filter">
            <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="exception-mine" /> Only mine
          </label>
        )}
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={list.loading} data-testid="exceptions-table">
          <thead>
            <tr>
              <th scope="col">Ref</th>
              <th scope="col">Title</th>
              <th scope="col">State</th>
              <th scope="col">Requester</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} data-testid="exception-row" data-state={e.state}>
                <td className="nowrap">
                  <Link to={`/exceptions/${e.id}`}>{e.ref}</Link>
                </td>
                <td>
                  <Link to={`/exceptions/${e.id}`}>{e.title}</Link>
                </td>
                <td>
                  <Badge tone={stateTone(e.state)} testId="exception-state">
                    {stateLabel(e)}
                  </Badge>
                </td>
                <td>{e.requester_name || '—'}</td>
                <td className="nowrap">{e.expires_on ?? (e.requested_expires_on ? `${e.requested_expires_on} (asked)` : '—')}</td>
              </tr>
            ))}
            {list.data && items.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  No exceptions.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  )
}
