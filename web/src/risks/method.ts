// Reading a risk method in the browser: the level a rating gets from the grid (shown live
// while a form is filled in; the server derives the stored level the same way), labels of
// scale values and levels, and a readable text colour on a level's colour.
import type { ImpactRatings, RatingInput, RiskLevel, RiskMethod, ScaleLevel, Treatment } from './types'
import { securityProperties } from './types'

/** The risk's impact: the highest per-property rating (0 when no property is affected). */
export function impactLevel(impact: Partial<ImpactRatings> | undefined): number {
  if (!impact) return 0
  return Math.max(0, ...securityProperties.map((p) => impact[p] ?? 0))
}

/** Rank of grid cell (likelihood, impact), both 1-based; undefined outside the grid. */
export function gridRank(method: RiskMethod, likelihood: number, impact: number): number | undefined {
  const rank = method.grid[likelihood - 1]?.[impact - 1]
  return typeof rank === 'number' ? rank : undefined
}

export function levelByRank(method: RiskMethod, rank: number | undefined): RiskLevel | undefined {
  if (rank === undefined) return undefined
  return method.levels.find((l) => l.rank === rank) ?? method.levels[rank]
}

/**
 * The level of a rating under `method`, or undefined while the rating is incomplete
 * (no property affected) or outside the method's scales.
 */
export function ratingLevel(method: RiskMethod, rating: RatingInput): RiskLevel | undefined {
  const impact = impactLevel(rating.impact)
  if (impact < 1) return undefined
  return levelByRank(method, gridRank(method, rating.likelihood, impact))
}

export function withinAppetite(method: RiskMethod, rank: number): boolean {
  return rank <= method.appetite_rank
}

/** "3 · Possible" (or just the number when the scale has no such value). */
export function scaleLabel(scale: readonly ScaleLevel[], value: number): string {
  const s = scale.find((x) => x.value === value) ?? scale[value - 1]
  return s ? `${value} · ${s.name}` : String(value)
}

/** Black or white, whichever reads better on a "#RRGGBB" background. */
export function textColourOn(colour: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour)
  if (!m) return '#111'
  const [r, g, b] = m.slice(1).map((h) => {
    const c = Number.parseInt(h, 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
  // contrast with black vs. with white
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#111' : '#fff'
}

export const treatmentLabels: Record<Treatment, string> = {
  undecided: 'Undecided',
  mitigate: 'Mitigate',
  accept: 'Accept',
  avoid: 'Avoid',
  transfer: 'Transfer',
}

export function treatmentLabel(t: string | undefined): string {
  return (t && treatmentLabels[t as Treatment]) || t || '—'
}

export const propertyLabels: Record<string, string> = {
  confidentiality: 'Confidentiality',
  integrity: 'Integrity',
  availability: 'Availability',
  authenticity: 'Authenticity',
}

/** What each flag means to the reader, and how loud it is. */
export const flagInfo: Record<string, { label: string; tone: 'warn' | 'bad'; help: string }> = {
  above_appetite: {
    label: 'above appetite',
    tone: 'bad',
    help: 'The residual level is above the risk appetite: treat it further or have top management accept it.',
  },
  needs_acceptance: {
    label: 'needs acceptance',
    tone: 'warn',
    help: 'The residual risk must be accepted (treatment "accept" or above the appetite) and has no valid acceptance.',
  },
  acceptance_expired: { label: 'acceptance expired', tone: 'bad', help: 'The acceptance has passed its expiry date.' },
  review_overdue: { label: 'review overdue', tone: 'warn', help: 'The next review date has passed.' },
  residual_above_inherent: {
    label: 'residual above inherent',
    tone: 'warn',
    help: 'The residual level is higher than the inherent one, which usually means a rating mistake.',
  },
  mitigation_without_controls: {
    label: 'no controls',
    tone: 'warn',
    help: 'The treatment is "mitigate" but no control carries it.',
  },
  rated_under_old_method: {
    label: 'old method',
    tone: 'warn',
    help: 'The risk was rated under an earlier version of the risk method.',
  },
}

/** Names of the flags that are set, in the order of flagInfo. */
export function activeFlags(flags: Record<string, boolean | undefined> | undefined): string[] {
  if (!flags) return []
  const known = Object.keys(flagInfo).filter((k) => flags[k] === true)
  const unknown = Object.keys(flags).filter((k) => flags[k] === true && !(k in flagInfo))
  return [...known, ...unknown]
}
