// Dashboard panel: coverage of each built-in framework scope by published documents,
// linking to the gap report.
import './traceability.css'
import type { CoverageSummary } from '../api/types'
import { Link } from '../router'
import { CoverageBar } from './CoverageBar'
import { percentText, scopeParamOf } from './scopes'
import { withQuery } from '../api/client'

export function CoveragePanel({ coverage }: { coverage: CoverageSummary }) {
  const reports = coverage.reports ?? []
  return (
    <section className="panel" aria-labelledby="coverage-heading" data-testid="coverage-panel">
      <h2 id="coverage-heading">Requirement coverage by published documents</h2>
      {reports.length === 0 ? (
        <p className="muted">No coverage figures yet.</p>
      ) : (
        <table className="coverage">
          <thead>
            <tr>
              <th scope="col">Framework</th>
              <th scope="col" className="num">
                Cited
              </th>
              <th scope="col" className="num">
                Coverage
              </th>
              <th scope="col" className="num">
                With mappings
              </th>
              <th scope="col">
                <span className="visually-hidden">Bar</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => {
              const scope = scopeParamOf(r)
              return (
                <tr key={`${r.framework_id}|${r.scope}`} data-testid={`coverage-${r.framework_id}${scope ? `-${scope}` : ''}`}>
                  <th scope="row" style={{ fontWeight: 400 }}>
                    <Link to={withQuery('/traceability', { framework: r.framework_id, scope })}>
                      {r.framework_name}
                      <span className="muted"> · {r.scope}</span>
                    </Link>
                  </th>
                  <td className="num nowrap">
                    {r.figures.covered} / {r.figures.total}
                  </td>
                  <td className="num" data-testid="coverage-percent">
                    {percentText(r.figures.percent)}
                  </td>
                  <td className="num">{percentText(r.figures.percent_with_mapping)}</td>
                  <td className="bar-cell">
                    <CoverageBar figures={r.figures} label={`${r.framework_name} ${r.scope}`} />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
