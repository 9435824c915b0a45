// An indicator's measurements as an SVG line chart: values over time, the target as a
// dashed line (or a shaded band for a range), off-target points drawn as red squares
// (shape as well as colour). The SVG has a title and description for screen readers, and
// the same data follows as a table (visually hidden unless `showTable`).
import { useId } from 'react'
import { chartModel, defaultBox, targetText } from './chart'
import type { Indicator, Measurement } from './types'

export function IndicatorChart({ indicator, measurements, showTable = false }: { indicator: Indicator; measurements: readonly Measurement[]; showTable?: boolean }) {
  const id = useId()
  const model = chartModel(measurements, indicator.direction, indicator.target)
  const box = defaultBox
  const off = model.points.filter((p) => p.onTarget === false).length
  const description = `${measurements.length} measurement(s) of ${indicator.name}; target ${targetText(indicator)}; ${off} off target.`
  return (
    <figure className="chart" data-testid="indicator-chart">
      {measurements.length === 0 ? (
        <p className="muted">No measurements yet.</p>
      ) : (
        <svg className="indicator-chart" viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
          <title id={`${id}-t`}>{`${indicator.ref} ${indicator.name}`}</title>
          <desc id={`${id}-d`}>{description}</desc>
          {model.band && <rect className="band" x={box.left} width={box.width - box.left - box.right} y={model.band.y1} height={Math.max(1, model.band.y2 - model.band.y1)} data-testid="chart-band" />}
          <line className="axis" x1={box.left} x2={box.left} y1={box.top} y2={box.height - box.bottom} />
          <line className="axis" x1={box.left} x2={box.width - box.right} y1={box.height - box.bottom} y2={box.height - box.bottom} />
          {model.yTicks.map((t) => (
            <text key={t.label} className="tick" x={box.left - 6} y={t.y + 3} textAnchor="end">
              {t.label}
            </text>
          ))}
          {model.xTicks.map((t, i) => (
            <text key={t.label} className="tick" x={t.x} y={box.height - 8} textAnchor={model.xTicks.length === 1 ? 'middle' : i === 0 ? 'start' : 'end'}>
              {t.label}
            </text>
          ))}
          {model.target && <line className="target" x1={box.left} x2={box.width - box.right} y1={model.target.y} y2={model.target.y} data-testid="chart-target" />}
          {model.path && <path className="line" d={model.path} />}
          {model.points.map((p, i) =>
            p.onTarget === false ? (
              <rect key={i} className="point off" x={p.x - 4} y={p.y - 4} width={8} height={8} data-testid="chart-point-off">
                <title>{`${p.date}: ${p.value} (off target)`}</title>
              </rect>
            ) : (
              <circle key={i} className="point" cx={p.x} cy={p.y} r={3.5} data-testid="chart-point">
                <title>{`${p.date}: ${p.value}`}</title>
              </circle>
            ),
          )}
        </svg>
      )}
      <table className={showTable ? 'grid' : 'visually-hidden'} data-testid="chart-table">
        <caption className={showTable ? 'visually-hidden' : undefined}>{description}</caption>
        <thead>
          <tr>
            <th scope="col">Measured on</th>
            <th scope="col">Value{indicator.unit ? ` (${indicator.unit})` : ''}</th>
            <th scope="col">Target</th>
            <th scope="col">Period</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {model.points.map((p, i) => (
            <tr key={measurements[i].id}>
              <td className="nowrap">{p.date}</td>
              <td className="num">{p.value}</td>
              <td>{p.onTarget === null ? '—' : p.onTarget ? 'on target' : 'off target'}</td>
              <td>{measurements[i].period || '—'}</td>
              <td>{measurements[i].note || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
