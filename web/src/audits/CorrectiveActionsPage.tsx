// /corrective-actions: corrective actions by due date — mine (the signed-in person's)
// and/or overdue only — each linked to its finding.
import '../risks/risks.css'
import { useState } from 'react'
import { useApi } from '../api/useApi'
import { Badge } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { actionTone } from './chain'
import type { CorrectiveAction, Items } from './types'

export function actionsQuery(mine: boolean, overdue: boolean, status: string): string {
  const q = new URLSearchParams()
  if (mine) q.set('owner', 'me')
  if (overdue) q.set('overdue', 'true')
  if (status) q.set('status', status)
  const s = q.toString()
  return `/api/v1/corrective-actions${s ? `?${s}` : ''}`
}

export function CorrectiveActionsPage() {
  const [mine, setMine] = useState(false)
  const [overdue, setOverdue] = useState(false)
  const [status, setStatus] = useState('open,implemented')
  const list = useApi<Items<CorrectiveAction>>(actionsQuery(mine, overdue, status))
  return (
    <>
      <PageHeader title="Corrective actions" back={<Link to="/findings">Findings</Link>} subtitle="What is being fixed, by whom and by when; verified by someone other than the owner." />
      <div className="toolbar">
        <label className="nowrap">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="actions-mine" /> mine
        </label>
        <label className="nowrap">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="actions-overdue" /> overdue
        </label>
        <div className="filter">
          <label htmlFor="actions-status">Status</label>
          <select id="actions-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="open,implemented">pending</option>
            <option value="">all</option>
            <option value="verified">verified</option>
            <option value="ineffective">ineffective</option>
          </select>
        </div>
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={list.loading} data-testid="actions-table">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              <th scope="col">Root cause</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((a) => (
              <tr key={a.id} data-testid="action-row">
                <td>
                  <Link to={`/findings/${a.finding_id}`}>
                    {a.ref} {a.title}
                  </Link>
                </td>
                <td className="nowrap">{a.due_on}</td>
                <td>
                  <Badge tone={actionTone(a)}>{a.overdue ? 'overdue' : a.status}</Badge>
                </td>
                <td>{a.root_cause || '—'}</td>
              </tr>
            ))}
            {list.data && list.data.items.length === 0 && (
              <tr>
                <td colSpan={4} className="empty">
                  No corrective actions.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  )
}
