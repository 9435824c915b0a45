// /risks/heat-map: the register as a heat map, residual or inherent (toggle, kept in the
// URL as ?basis=). Clicking a cell opens the risk list filtered to that cell.
import './risks.css'
import { withQuery } from '../api/client'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { getParam, setParams } from '../catalogue/urlState'
import { Link, useLocation } from '../router'
import { HeatMap } from './HeatMap'
import type { HeatMapBasis, HeatMapData } from './types'

export function BasisToggle({ basis, onChange }: { basis: HeatMapBasis; onChange: (b: HeatMapBasis) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Rating shown">
      {(['residual', 'inherent'] as const).map((b) => (
        <button key={b} type="button" aria-pressed={basis === b} onClick={() => onChange(b)} data-testid={`basis-${b}`}>
          {b === 'residual' ? 'Residual' : 'Inherent'}
        </button>
      ))}
    </div>
  )
}

export function HeatMapNotes({ data }: { data: HeatMapData }) {
  return (
    <p className="muted small" data-testid={`heatmap-${data.basis}-total`}>
      {data.total} {data.total === 1 ? 'risk' : 'risks'} under method version {data.method.number}
      {data.rated_under_old_methods > 0 && (
        <>
          {' '}
          · <Link to="/risks">{data.rated_under_old_methods} rated under an older method</Link> (not in the grid)
        </>
      )}
    </p>
  )
}

export function HeatMapPage() {
  const { search } = useLocation()
  const basis: HeatMapBasis = getParam(search, 'basis') === 'inherent' ? 'inherent' : 'residual'
  const map = useApi<HeatMapData>(withQuery('/api/v1/risks/heat-map', { basis }))
  return (
    <>
      <PageHeader
        title="Risk heat map"
        back={<Link to="/risks">← Risks</Link>}
        subtitle="Likelihood against impact, coloured by the risk method's levels. Click a cell to list its risks."
        actions={<BasisToggle basis={basis} onChange={(b) => setParams({ basis: b === 'residual' ? undefined : b }, { replace: true })} />}
      />
      {map.error !== undefined && <ErrorBox error={map.error} onRetry={map.reload} />}
      {!map.data && map.error === undefined && <Loading />}
      {map.data && (
        <section className="panel heatmap-panel" aria-busy={map.loading}>
          <HeatMap method={map.data.method} basis={map.data.basis ?? basis} counts={map.data.counts} caption={basis === 'residual' ? 'Residual risk' : 'Inherent risk'} />
          <HeatMapNotes data={map.data} />
        </section>
      )}
    </>
  )
}
