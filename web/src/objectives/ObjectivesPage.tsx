// /objectives: the information security objectives (policy section 6) as cards, each with
// its indicators' latest values and a status dot (green on target, red off target, grey
// not measured yet), and the counts of the summary. "New objective" needs objectives:write.
import './objectives.css'
import { useState } from 'react'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link, navigate } from '../router'
import { ObjectiveDialog } from './forms'
import { objectiveRoute } from './paths'
import { StatusDot } from './StatusDot'
import type { ObjectiveList } from './types'

interface Summary {
  objectives: { total: number; active: number; achieved: number; review_overdue: number }
  indicators: { total: number; on_target: number; off_target: number; not_measured: number; measurement_overdue: number }
}

export function ObjectivesPage() {
  const [withdrawn, setWithdrawn] = useState(false)
  const list = useApi<ObjectiveList>(`/api/v1/objectives${withdrawn ? '?include_withdrawn=true' : ''}`)
  const summary = useApi<Summary>('/api/v1/objectives/summary')
  const { can } = useAuth()
  const [creating, setCreating] = useState(false)
  const s = summary.data
  return (
    <>
      <PageHeader
        title="Objectives"
        subtitle="The information security objectives and the indicators that measure them, reviewed every year."
        actions={
          can('objectives:write') && (
            <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-objective">
              New objective
            </button>
          )
        }
      />
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {s && (
        <div className={`verify ${s.indicators.off_target > 0 || s.objectives.review_overdue > 0 ? 'broken' : 'ok'}`} data-testid="objectives-summary">
          <strong>
            {s.indicators.on_target} of {s.indicators.total} indicator(s) on target
          </strong>
          <span>{s.indicators.off_target} off target</span>
          <span>{s.indicators.not_measured} not measured</span>
          <span>{s.indicators.measurement_overdue} measurement(s) overdue</span>
          <span>{s.objectives.review_overdue} review(s) overdue</span>
        </div>
      )}
      <div className="toolbar">
        <label>
          <input type="checkbox" checked={withdrawn} onChange={(e) => setWithdrawn(e.target.checked)} /> Show withdrawn objectives
        </label>
      </div>
      <div className="objective-cards" aria-busy={list.loading}>
        {(list.data?.items ?? []).map((o) => (
          <article key={o.id} className="panel objective-card" data-testid="objective-card">
            <h2>
              <Link to={objectiveRoute(o.id)}>
                {o.ref} · {o.title}
              </Link>
            </h2>
            <p className="small muted">
              <Badge tone={o.status === 'active' ? undefined : o.status === 'achieved' ? 'ok' : 'warn'}>{o.status}</Badge> Next review {o.next_review_on}
              {o.review_overdue && (
                <>
                  {' '}
                  <Badge tone="bad">review overdue</Badge>
                </>
              )}
            </p>
            {o.indicators.length === 0 ? (
              <p className="muted small">No indicators yet.</p>
            ) : (
              <ul>
                {o.indicators
                  .filter((i) => i.status === 'active')
                  .map((i) => (
                    <li key={i.id} data-testid="card-indicator">
                      <StatusDot indicator={i} />
                      <span>{i.name}</span>
                      <span className="value">
                        {i.latest ? `${i.latest.value}${i.unit ? ` ${i.unit}` : ''}` : '—'}
                        {i.measurement_overdue && ' · overdue'}
                      </span>
                    </li>
                  ))}
              </ul>
            )}
          </article>
        ))}
      </div>
      {list.data && list.data.items.length === 0 && <p className="muted">No objectives.</p>}
      {creating && <ObjectiveDialog onClose={() => setCreating(false)} onSaved={(o) => navigate(objectiveRoute(o.id))} />}
    </>
  )
}
