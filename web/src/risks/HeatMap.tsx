// A heat map of a risk method: one row per likelihood value (highest at the top), one
// column per impact value (lowest at the left), each cell in the colour of its grid level
// with the number of risks in it. A cell links to the risk list filtered to that cell
// (cell=residual:L:I). Cells above the appetite carry a frame. A table, so screen readers
// read it row by row with its headers.
import { Link } from '../router'
import { cellHref, countAt } from './heatmapCells'
import { gridRank, levelByRank, textColourOn } from './method'
import type { HeatMapBasis, RiskMethod } from './types'

interface Props {
  method: RiskMethod
  basis: HeatMapBasis
  counts?: readonly (readonly number[])[]
  caption?: string
  /** false: cells are not links (e.g. a method preview without risks) */
  links?: boolean
  /** test id stem ("heatmap-<id>", "heat-cell-<id>-L-I"); default the basis */
  id?: string
}

export function HeatMap({ method, basis, counts, caption, links = true, id = basis }: Props) {
  const likelihoods = [...method.likelihood].sort((a, b) => b.value - a.value)
  const impacts = [...method.impact].sort((a, b) => a.value - b.value)
  return (
    <div className="heatmap-wrap">
      <table className="heatmap" data-testid={`heatmap-${id}`} data-method={method.number}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col" className="axis">
              Likelihood ↓ / Impact →
            </th>
            {impacts.map((i) => (
              <th key={i.value} scope="col" title={i.description}>
                {i.value} · {i.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {likelihoods.map((l) => (
            <tr key={l.value}>
              <th scope="row" title={l.description}>
                {l.value} · {l.name}
              </th>
              {impacts.map((i) => {
                const rank = gridRank(method, l.value, i.value)
                const level = levelByRank(method, rank)
                const n = countAt(counts, l.value, i.value)
                const colour = level?.colour ?? '#eeeeee'
                const above = rank !== undefined && rank > method.appetite_rank
                const label = `Likelihood ${l.name}, impact ${i.name}: ${n} ${n === 1 ? 'risk' : 'risks'}, level ${level?.name ?? 'unknown'}${above ? ', above appetite' : ''}`
                const classes = [n === 0 ? 'empty-cell' : '', above ? 'above-appetite' : ''].filter(Boolean).join(' ')
                return (
                  <td
                    key={i.value}
                    className={classes || undefined}
                    style={{ background: colour, color: textColourOn(colour) }}
                    data-testid={`heat-cell-${id}-${l.value}-${i.value}`}
                    data-count={n}
                    data-level={level?.key}
                  >
                    {links ? (
                      <Link to={cellHref(basis, l.value, i.value)} aria-label={label} title={label}>
                        {n}
                      </Link>
                    ) : (
                      <span className="cell" title={label}>
                        {counts ? n : level?.name}
                      </span>
                    )}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="legend" aria-label="Risk levels">
        {[...method.levels]
          .sort((a, b) => a.rank - b.rank)
          .map((lv) => (
            <li key={lv.key}>
              <span className="swatch" style={{ background: lv.colour }} aria-hidden="true" />
              {lv.name}
              {lv.rank === method.appetite_rank && <span className="muted"> (appetite)</span>}
            </li>
          ))}
      </ul>
    </div>
  )
}
