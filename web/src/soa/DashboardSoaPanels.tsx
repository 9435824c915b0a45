// The dashboard's SoA status (GET /dashboard "soa", null without soa:read) and the combined
// coverage panel: per built-in framework scope, how much published documents cite and how
// much controls cover (with a control, with an implemented one, with valid evidence; the
// control figures are present for readers with controls:read).
import './soa.css'
import '../traceability/traceability.css'
import { withQuery } from '../api/client'
import type { CoverageFigures, CoverageReport, CoverageSummary } from '../api/types'
import { When } from '../access/bits'
import { Link } from '../router'
import { CoverageBar } from '../traceability/CoverageBar'
import { percentText, scopeParamOf } from '../traceability/scopes'
import { TotalsBar } from './bits'
import { soaVersionRoute } from './paths'
import type { SoaStatus } from './types'

/** Coverage figures with the control part (traceability_service.h CoverageFigures). */
export interface ControlCoverageFigures extends CoverageFigures {
  with_control?: number
  with_implemented_control?: number
  with_valid_evidence?: number
}

export function SoaStatusPanel({ soa }: { soa: SoaStatus }) {
  const last = soa.last_approved
  const changed = soa.changed_since_approval ?? 0
  return (
    <section className="panel" aria-labelledby="dashboard-soa" data-testid="dashboard-soa">
      <h2 id="dashboard-soa">
        <Link to="/soa">Statement of Applicability</Link>
      </h2>
      <p>
        {last ? (
          <>
            <Link to={soaVersionRoute(last.id)}>Version {last.number}</Link> approved <When at={last.approved_at} />
            {last.approved_by_name ? ` by ${last.approved_by_name}` : ''}.{' '}
            {changed > 0 ? (
              <span data-testid="dashboard-soa-changed">
                {changed} {changed === 1 ? 'line' : 'lines'} changed since.
              </span>
            ) : (
              <span className="muted">No change since.</span>
            )}
          </>
        ) : (
          <span data-testid="dashboard-soa-unapproved">Not approved yet.</span>
        )}
        {soa.totals.undecided > 0 && (
          <>
            {' '}
            <Link to="/soa?applicable=undecided" data-testid="dashboard-soa-undecided">
              {soa.totals.undecided} undecided
            </Link>
          </>
        )}
      </p>
      <TotalsBar totals={soa.totals} testId="dashboard-soa-totals" />
    </section>
  )
}

function share(n: number | undefined, total: number): string {
  if (n === undefined) return '—'
  return `${n} / ${total}`
}

function controlFiguresOf(r: CoverageReport): ControlCoverageFigures {
  return r.figures as ControlCoverageFigures
}

export function CombinedCoveragePanel({ coverage }: { coverage: CoverageSummary }) {
  const reports = coverage.reports ?? []
  const withControls = reports.some((r) => controlFiguresOf(r).with_control !== undefined)
  return (
    <section className="panel" aria-labelledby="coverage-heading" data-testid="coverage-panel">
      <h2 id="coverage-heading">Requirement coverage</h2>
      {reports.length === 0 ? (
        <p className="muted">No coverage figures yet.</p>
      ) : (
        <table className="coverage">
          <thead>
            <tr>
              <th scope="col">Framework</th>
              <th scope="col" className="num">
                Cited by documents
              </th>
              <th scope="col" className="num">
                Coverage
              </th>
              {withControls && (
                <>
                  <th scope="col" className="num">
                    With a control
                  </th>
                  <th scope="col" className="num">
                    Implemented
                  </th>
                  <th scope="col" className="num">
                    Valid evidence
                  </th>
                </>
              )}
              <th scope="col">
                <span className="visually-hidden">Bar</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => {
              const scope = scopeParamOf(r)
              const f = controlFiguresOf(r)
              return (
                <tr key={`${r.framework_id}|${r.scope}`} data-testid={`coverage-${r.framework_id}${scope ? `-${scope}` : ''}`}>
                  <th scope="row" style={{ fontWeight: 400 }}>
                    <Link to={withQuery('/traceability', { framework: r.framework_id, scope })}>
                      {r.framework_name}
                      <span className="muted"> · {r.scope}</span>
                    </Link>
                  </th>
                  <td className="num nowrap">
                    {f.covered} / {f.total}
                  </td>
                  <td className="num" data-testid="coverage-percent">
                    {percentText(f.percent)}
                  </td>
                  {withControls && (
                    <>
                      <td className="num nowrap" data-testid="coverage-with-control">
                        {share(f.with_control, f.total)}
                      </td>
                      <td className="num nowrap" data-testid="coverage-implemented">
                        {share(f.with_implemented_control, f.total)}
                      </td>
                      <td className="num nowrap" data-testid="coverage-valid-evidence">
                        {share(f.with_valid_evidence, f.total)}
                      </td>
                    </>
                  )}
                  <td className="bar-cell">
                    <CoverageBar figures={f} label={`${r.framework_name} ${r.scope}`} />
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

/** Both panels; either may be absent for a reader without its permissions. */
export function DashboardSoaPanels({ soa, coverage }: { soa?: SoaStatus | null; coverage?: CoverageSummary | null }) {
  if (!soa && !coverage) return null
  return (
    <div className={soa && coverage ? 'grid-2' : 'spaced'} style={{ marginBottom: '1rem' }}>
      {soa && <SoaStatusPanel soa={soa} />}
      {coverage && <CombinedCoveragePanel coverage={coverage} />}
    </div>
  )
}
