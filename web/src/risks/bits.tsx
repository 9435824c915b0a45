// Small display pieces of the risk screens: a level in its method colour, the flags.
import { Badge } from '../access/bits'
import { activeFlags, flagInfo, textColourOn } from './method'
import type { RiskFlags, RiskLevel } from './types'

export function LevelBadge({ level, testId, fallback = '—' }: { level: RiskLevel | undefined | null; testId?: string; fallback?: string }) {
  if (!level) return <span data-testid={testId}>{fallback}</span>
  return (
    <span
      className="badge risk-level"
      style={{ background: level.colour, color: textColourOn(level.colour) }}
      data-testid={testId}
      data-level={level.key}
    >
      {level.name}
    </span>
  )
}

export function FlagBadges({ flags, testId }: { flags: RiskFlags | undefined; testId?: string }) {
  const names = activeFlags(flags as Record<string, boolean | undefined>)
  if (names.length === 0) return null
  return (
    <span className="badges" data-testid={testId}>
      {names.map((n) => (
        <span key={n} title={flagInfo[n]?.help} data-testid={`flag-${n}`}>
          <Badge tone={flagInfo[n]?.tone ?? 'warn'}>{flagInfo[n]?.label ?? n.replaceAll('_', ' ')}</Badge>
        </span>
      ))}
    </span>
  )
}
