import type { CoverageFigures } from '../api/types'
import { barWidth, percentText } from './scopes'

/** Direct coverage and, lighter, coverage through a mapping, as one bar. */
export function CoverageBar({ figures, label }: { figures: CoverageFigures; label: string }) {
  const direct = barWidth(figures.percent)
  const withMapping = Math.max(direct, barWidth(figures.percent_with_mapping))
  return (
    <div
      className="coverage-bar"
      role="img"
      aria-label={`${label}: ${percentText(figures.percent)} cited, ${percentText(figures.percent_with_mapping)} with mappings`}
    >
      <span className="direct" style={{ width: `${direct}%` }} />
      <span className="mapped" style={{ width: `${withMapping - direct}%` }} />
    </div>
  )
}
