// A risk method as read-only tables: both scales, the levels with their colours, the grid
// (as a heat map without counts) and the acceptance rules.
import '../risks/risks.css'
import { When } from '../access/bits'
import { LevelBadge } from '../risks/bits'
import { HeatMap } from '../risks/HeatMap'
import { levelByRank } from '../risks/method'
import type { RiskMethod, ScaleLevel } from '../risks/types'

function ScaleTable({ title, scale, testId }: { title: string; scale: readonly ScaleLevel[]; testId: string }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <table className="grid" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">Name</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {scale.map((s) => (
            <tr key={s.value}>
              <td className="num">{s.value}</td>
              <td>{s.name}</td>
              <td className="small">{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export function MethodView({ method }: { method: RiskMethod }) {
  const appetite = method.appetite_level ?? levelByRank(method, method.appetite_rank)
  return (
    <div className="stack" data-testid="method-view">
      <section className="panel" aria-labelledby="method-summary">
        <h2 id="method-summary">
          {method.name} · version {method.number}
        </h2>
        <dl className="fields">
          <div className="field-row">
            <dt>Risk appetite</dt>
            <dd data-testid="method-appetite">
              up to <LevelBadge level={appetite} />
            </dd>
          </div>
          <div className="field-row">
            <dt>Above the appetite</dt>
            <dd>
              accepted only by a person with risks:accept and the role <code>{method.acceptance_role_key}</code>
            </dd>
          </div>
          <div className="field-row">
            <dt>Acceptance valid for</dt>
            <dd>{method.acceptance_validity_months} months (by default)</dd>
          </div>
          <div className="field-row">
            <dt>Change note</dt>
            <dd className="prose">{method.change_note || '—'}</dd>
          </div>
          <div className="field-row">
            <dt>Made</dt>
            <dd>
              <When at={method.created_at} /> {method.created_by && <span className="muted">by {method.created_by}</span>}
            </dd>
          </div>
        </dl>
      </section>
      <section className="panel" aria-labelledby="method-grid">
        <h2 id="method-grid">Risk levels by likelihood and impact</h2>
        <HeatMap method={method} basis="residual" links={false} id="method" />
      </section>
      <div className="grid-2">
        <ScaleTable title="Likelihood" scale={method.likelihood} testId="method-likelihood" />
        <ScaleTable title="Impact" scale={method.impact} testId="method-impact" />
      </div>
    </div>
  )
}
