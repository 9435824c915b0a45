// The dashboard's risk panels, from GET /dashboard "risks" (absent for readers without
// risks:read): risks above the appetite, both heat maps, the owners carrying the most
// risk and the top risks.
import './risks.css'
import { Link } from '../router'
import { LevelBadge } from './bits'
import { HeatMap } from './HeatMap'
import { HeatMapNotes } from './HeatMapPage'
import { levelByRank } from './method'
import { riskRoute } from './paths'
import type { RiskLevel, RiskSummary, TopOwner } from './types'

function ownerLevel(o: TopOwner, summary: RiskSummary): RiskLevel | undefined {
  const v = o.max_residual_level
  if (v === null || v === undefined) return undefined
  if (typeof v === 'number') return levelByRank(summary.residual.method, v)
  return v
}

export function DashboardRiskPanels({ risks }: { risks: RiskSummary }) {
  return (
    <section aria-labelledby="dashboard-risks" data-testid="dashboard-risks" className="spaced" style={{ marginBottom: '1rem' }}>
      <h2 id="dashboard-risks" className="visually-hidden">
        Risks
      </h2>
      <div className="stats">
        <div className={`stat${risks.above_appetite > 0 ? ' notice-panel' : ''}`} data-testid="stat-above-appetite">
          <span className="stat-value">
            <Link to="/risks?above_appetite=true">{risks.above_appetite}</Link>
          </span>
          <span className="stat-label">Risks above appetite</span>
        </div>
        <div className="stat" data-testid="stat-risks">
          <span className="stat-value">
            <Link to="/risks">{risks.residual.total}</Link>
          </span>
          <span className="stat-label">Risks</span>
        </div>
      </div>
      <div className="grid-2">
        <section className="panel" aria-label="Residual risk heat map">
          <h2>Residual risk</h2>
          <HeatMap method={risks.residual.method} basis="residual" counts={risks.residual.counts} />
          <HeatMapNotes data={{ ...risks.residual, basis: 'residual' }} />
        </section>
        <section className="panel" aria-label="Inherent risk heat map">
          <h2>Inherent risk</h2>
          <HeatMap method={risks.inherent.method} basis="inherent" counts={risks.inherent.counts} />
          <HeatMapNotes data={{ ...risks.inherent, basis: 'inherent' }} />
        </section>
      </div>
      <div className="grid-2">
        <section className="panel" aria-labelledby="top-owners">
          <h2 id="top-owners">Risk owners</h2>
          {risks.top_owners.length === 0 ? (
            <p className="muted">No risks yet.</p>
          ) : (
            <table className="breakdown" data-testid="top-owners">
              <thead>
                <tr>
                  <th scope="col">Owner</th>
                  <th scope="col" className="num">
                    Risks
                  </th>
                  <th scope="col" className="num">
                    Above appetite
                  </th>
                  <th scope="col">Highest residual</th>
                </tr>
              </thead>
              <tbody>
                {risks.top_owners.map((o) => (
                  <tr key={o.owner_id ?? 'none'}>
                    <th scope="row">{o.owner_id ? <Link to={`/risks?owner_id=${encodeURIComponent(o.owner_id)}`}>{o.owner_name ?? o.owner_id}</Link> : <span className="muted">no owner</span>}</th>
                    <td className="num">{o.risks}</td>
                    <td className="num">{o.above_appetite}</td>
                    <td>
                      <LevelBadge level={ownerLevel(o, risks)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-labelledby="top-risks">
          <h2 id="top-risks">Top risks</h2>
          {risks.top_risks.length === 0 ? (
            <p className="muted">No risks yet.</p>
          ) : (
            <ul className="plain" data-testid="top-risks">
              {risks.top_risks.map((r) => (
                <li key={r.id}>
                  <LevelBadge level={r.residual?.level} /> <Link to={riskRoute(r.id)}>{r.ref}</Link> {r.title}
                  {r.owner_name && <span className="muted small"> · {r.owner_name}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  )
}
