// Traceability and gaps (/traceability): for a framework scope, how many requirements
// published documents cite (directly, or through a mapped requirement that is cited),
// the requirements no document cites, and the matrix requirement -> citing sections.
// Exports the report as CSV or XLSX.
import './traceability.css'
import { useState } from 'react'
import type { Framework, GapReport, Items, TraceRow } from '../api/types'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { citationHref, keyHref, keyLabel, requirementHref } from '../catalogue/keys'
import { setParams } from '../catalogue/urlState'
import { sectionLabel } from '../catalogue/citedBy'
import { Link, useLocation } from '../router'
import { CoverageBar } from './CoverageBar'
import { exportHref, gapsPath, optionValue, parseOptionValue, percentText, scopeOptions, selectionFrom } from './scopes'

type MatrixFilter = 'all' | 'covered' | 'gaps'

function matrixRows(rows: readonly TraceRow[], filter: MatrixFilter): TraceRow[] {
  if (filter === 'covered') return rows.filter((r) => r.citations.length > 0)
  if (filter === 'gaps') return rows.filter((r) => r.citations.length === 0)
  return [...rows]
}

function Figures({ report }: { report: GapReport }) {
  const f = report.figures
  return (
    <>
      <div className="stats" data-testid="gap-figures">
        <div className="stat">
          <span className="stat-value">
            <span data-testid="gap-covered">{f.covered}</span>
            <span className="muted"> / </span>
            <span data-testid="gap-total">{f.total}</span>
          </span>
          <span className="stat-label">cited by a published document</span>
        </div>
        <div className="stat">
          <span className="stat-value" data-testid="gap-percent">
            {percentText(f.percent)}
          </span>
          <span className="stat-label">coverage</span>
        </div>
        <div className="stat">
          <span className="stat-value" data-testid="gap-percent-with-mapping">
            {percentText(f.percent_with_mapping)}
          </span>
          <span className="stat-label">
            with mappings (<span data-testid="gap-through-mapping">{f.covered_through_mapping}</span> more through a mapped requirement)
          </span>
        </div>
        <div className="stat">
          <span className="stat-value" data-testid="gap-count">
            {report.gaps.length}
          </span>
          <span className="stat-label">gaps (not cited)</span>
        </div>
      </div>
      <CoverageBar figures={f} label={report.scope} />
      <div className="coverage-legend">
        <span>
          <span className="swatch direct" />
          cited
        </span>
        <span>
          <span className="swatch mapped" />
          through a mapping
        </span>
      </div>
    </>
  )
}

export function TraceabilityPage() {
  const { search } = useLocation()
  const { framework, scope } = selectionFrom(search)
  const frameworks = useApi<Items<Framework>>('/api/v1/catalogue/frameworks')
  const report = useApi<GapReport>(gapsPath(framework, scope))
  const [filter, setFilter] = useState<MatrixFilter>('all')
  const options = scopeOptions(frameworks.data?.items ?? [])
  const value = optionValue(framework, scope)
  const known = options.some((o) => o.value === value)
  const r = report.data
  const throughByKey = new Map((r?.rows ?? []).map((row) => [row.requirement.key, row.covered_through]))
  const rows = r ? matrixRows(r.rows, filter) : []

  return (
    <>
      <PageHeader
        title="Traceability and gaps"
        subtitle="Which requirements the published documents cite, and which none does."
        actions={
          <>
            <a href={exportHref(framework, scope, 'csv')} download className="button" data-testid="export-csv">
              Export CSV
            </a>
            <a href={exportHref(framework, scope, 'xlsx')} download className="button" data-testid="export-xlsx">
              Export XLSX
            </a>
          </>
        }
      />
      <div className="toolbar">
        <div className="filter">
          <label htmlFor="gap-scope">Framework and scope</label>
          <select
            id="gap-scope"
            value={value}
            onChange={(e) => {
              const next = parseOptionValue(e.target.value)
              setParams({ framework: next.framework, scope: next.scope })
            }}
            data-testid="gap-scope"
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
            {!known && <option value={value}>{framework + (scope ? ` (${scope})` : '')}</option>}
          </select>
        </div>
      </div>
      {report.error !== undefined && <ErrorBox error={report.error} onRetry={report.reload} />}
      {!r && report.error === undefined && <Loading />}
      {r && (
        <div aria-busy={report.loading}>
          <section className="panel" aria-labelledby="figures-heading">
            <h2 id="figures-heading">
              {r.framework_name} · {r.scope}
            </h2>
            <Figures report={r} />
          </section>

          <section className="panel spaced" aria-labelledby="gaps-heading">
            <h2 id="gaps-heading">Gaps: requirements no published document cites ({r.gaps.length})</h2>
            {r.gaps.length === 0 ? (
              <p className="muted">None: every requirement in scope is cited.</p>
            ) : (
              <div className="table-wrap">
                <table className="grid" data-testid="gap-table">
                  <thead>
                    <tr>
                      <th scope="col">Requirement</th>
                      <th scope="col">Title</th>
                      <th scope="col">Covered through a mapping</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.gaps.map((g) => {
                      const through = throughByKey.get(g.key) ?? []
                      return (
                        <tr key={g.key} className="gap-row" data-testid="gap-row">
                          <td className="nowrap">
                            <Link to={requirementHref(g.framework_id, g.ref_id)}>{g.ref_id}</Link>
                          </td>
                          <td>{g.title}</td>
                          <td>
                            {through.length === 0 ? (
                              <span className="muted">—</span>
                            ) : (
                              <ul className="inline-list">
                                {through.map((k) => (
                                  <li key={k}>{keyHref(k) ? <Link to={keyHref(k) ?? ''}>{keyLabel(k)}</Link> : k}</li>
                                ))}
                              </ul>
                            )}
                          </td>
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="panel spaced" aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">Traceability matrix</h2>
            <div className="toolbar" role="group" aria-label="Matrix rows">
              {(['all', 'covered', 'gaps'] as const).map((f) => (
                <label key={f} className="toggle">
                  <input type="radio" name="matrix-filter" checked={filter === f} onChange={() => setFilter(f)} />
                  {f === 'all' ? `All (${r.rows.length})` : f === 'covered' ? 'Cited' : 'Not cited'}
                </label>
              ))}
            </div>
            <div className="table-wrap">
              <table className="grid" data-testid="matrix-table">
                <thead>
                  <tr>
                    <th scope="col">Requirement</th>
                    <th scope="col">Cited by (published sections)</th>
                    <th scope="col">Covered through</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => {
                    const req = row.requirement
                    return (
                      <tr key={req.key} className={row.citations.length === 0 ? 'gap-row' : undefined} data-testid="matrix-row">
                        <td>
                          <Link to={requirementHref(req.framework_id, req.ref_id)} className="req-ref">
                            {req.ref_id}
                          </Link>{' '}
                          {req.title}
                        </td>
                        <td>
                          {row.citations.length === 0 ? (
                            <span className="muted">—</span>
                          ) : (
                            <ul className="matrix-cites">
                              {row.citations.map((c, i) => (
                                <li key={`${c.document_id}:${c.section_anchor ?? ''}:${i}`}>
                                  <Link to={citationHref(c.document_id, c.section_anchor)}>
                                    {c.document_title}
                                    {' · '}
                                    {sectionLabel({ number: c.section_number ?? '', title: c.section_title ?? '' })}
                                  </Link>
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                        <td>
                          {row.covered_through.length === 0 ? (
                            <span className="muted">—</span>
                          ) : (
                            <ul className="inline-list">
                              {row.covered_through.map((k) => (
                                <li key={k}>{keyHref(k) ? <Link to={keyHref(k) ?? ''}>{keyLabel(k)}</Link> : k}</li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    )
                  })}
                  {rows.length === 0 && (
                    <tr>
                      <td colSpan={3} className="empty">
                        No rows.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
    </>
  )
}
