// /risk-cycles/compare?a=<cycle>&b=<cycle|live>: what changed between two closed cycles,
// or since a cycle: risks added and removed, residual levels raised and lowered.
import '../risks/risks.css'
import { withQuery } from '../api/client'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { getParam } from '../catalogue/urlState'
import { LevelBadge } from '../risks/bits'
import { levelByRank, treatmentLabel } from '../risks/method'
import { riskMethodApi, riskRoute } from '../risks/paths'
import type { CycleComparison, CycleList, RiskMethod, SnapshotEntry } from '../risks/types'
import { Link, useLocation } from '../router'
import { CompareForm } from './RiskCyclesPage'

function EntryTable({ title, entries, method, testId }: { title: string; entries: readonly SnapshotEntry[]; method?: RiskMethod; testId: string }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>
        {title} <span className="muted">({entries.length})</span>
      </h2>
      {entries.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="grid" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">Risk</th>
              <th scope="col">Owner</th>
              <th scope="col">Residual</th>
              <th scope="col">Treatment</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.risk_id}>
                <td>
                  <Link to={riskRoute(e.risk_id)}>{e.ref}</Link> {e.title}
                </td>
                <td>{e.owner_name || '—'}</td>
                <td>
                  <LevelBadge level={method ? levelByRank(method, e.residual_level) : undefined} fallback={String(e.residual_level)} />{' '}
                  <span className="muted small">
                    {e.residual_likelihood}×{e.residual_impact}
                  </span>
                </td>
                <td>{treatmentLabel(e.treatment)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function MovedTable({ title, pairs, method, testId }: { title: string; pairs: CycleComparison['raised']; method?: RiskMethod; testId: string }) {
  const lv = (rank: number) => (method ? levelByRank(method, rank) : undefined)
  return (
    <section className="panel" aria-label={title}>
      <h2>
        {title} <span className="muted">({pairs.length})</span>
      </h2>
      {pairs.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="grid" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">Risk</th>
              <th scope="col">Residual before</th>
              <th scope="col">Residual after</th>
              <th scope="col">Treatment</th>
            </tr>
          </thead>
          <tbody>
            {pairs.map(({ before, after }) => (
              <tr key={after.risk_id}>
                <td>
                  <Link to={riskRoute(after.risk_id)}>{after.ref}</Link> {after.title}
                </td>
                <td>
                  <LevelBadge level={lv(before.residual_level)} fallback={String(before.residual_level)} />{' '}
                  <span className="muted small">
                    {before.residual_likelihood}×{before.residual_impact}
                  </span>
                </td>
                <td>
                  <LevelBadge level={lv(after.residual_level)} fallback={String(after.residual_level)} />{' '}
                  <span className="muted small">
                    {after.residual_likelihood}×{after.residual_impact}
                  </span>
                </td>
                <td>
                  {before.treatment !== after.treatment ? `${treatmentLabel(before.treatment)} → ` : ''}
                  {treatmentLabel(after.treatment)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export function CycleComparePage() {
  const { search } = useLocation()
  const a = getParam(search, 'a')
  const b = getParam(search, 'b') || 'live'
  const cycles = useApi<CycleList>('/api/v1/risk-cycles')
  const result = useApi<CycleComparison>(a ? withQuery('/api/v1/risk-cycles/compare', { a, b }) : null)
  const method = useApi<RiskMethod>(riskMethodApi)
  const name = (id: string) => (id === 'live' ? 'the live register' : (cycles.data?.items.find((c) => c.id === id)?.title ?? id))
  const m = method.data
  return (
    <>
      <PageHeader title="Compare risk cycles" back={<Link to="/risk-cycles">← Risk cycles</Link>} subtitle={a ? `${name(a)} → ${name(b)}` : undefined} />
      {cycles.data && <CompareForm key={`${a}:${b}`} cycles={cycles.data.items} a={a} b={b} />}
      {result.error !== undefined && <ErrorBox error={result.error} onRetry={result.reload} />}
      {a && !result.data && result.error === undefined && <Loading />}
      {result.data && (
        <div className="stack" data-testid="comparison">
          <p data-testid="compare-summary">
            {result.data.added.length} added, {result.data.removed.length} removed, {result.data.raised.length} raised, {result.data.lowered.length} lowered,{' '}
            {result.data.unchanged} unchanged.
          </p>
          <MovedTable title="Residual level raised" pairs={result.data.raised} method={m} testId="compare-raised" />
          <MovedTable title="Residual level lowered" pairs={result.data.lowered} method={m} testId="compare-lowered" />
          <EntryTable title="Added" entries={result.data.added} method={m} testId="compare-added" />
          <EntryTable title="Removed" entries={result.data.removed} method={m} testId="compare-removed" />
        </div>
      )}
    </>
  )
}
