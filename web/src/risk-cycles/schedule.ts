// Words and tones of the risk-cycle schedule and of review rows.
import type { RiskReview } from '../risks/types'

export const scheduleWords: Record<string, { label: string; tone?: 'ok' | 'warn' | 'bad' }> = {
  none: { label: 'no cycle held yet', tone: 'warn' },
  open: { label: 'a cycle is open', tone: 'ok' },
  scheduled: { label: 'scheduled', tone: 'ok' },
  due: { label: 'due soon', tone: 'warn' },
  overdue: { label: 'overdue', tone: 'bad' },
}

export function scheduleLabel(state: string | undefined): { label: string; tone?: 'ok' | 'warn' | 'bad' } {
  return (state && scheduleWords[state]) || { label: state ?? '—' }
}

/** A review's level movement: "raised", "lowered" or "same" (by the residual level). */
export function reviewMovement(r: Pick<RiskReview, 'residual_level_before' | 'residual_level_after'>): 'raised' | 'lowered' | 'same' {
  if (r.residual_level_after > r.residual_level_before) return 'raised'
  if (r.residual_level_after < r.residual_level_before) return 'lowered'
  return 'same'
}

export interface ReviewRow {
  risk_id: string
  ref: string
  title: string
  review?: RiskReview
}

/**
 * One row per risk: the live risks of an open cycle (reviewed or not) plus any reviewed
 * risk no longer in the live list; sorted by ref.
 */
export function reviewRows(live: readonly { id: string; ref: string; title: string }[], reviews: readonly RiskReview[]): ReviewRow[] {
  const byRisk = new Map(reviews.map((r) => [r.risk_id, r]))
  const rows: ReviewRow[] = live.map((r) => ({ risk_id: r.id, ref: r.ref, title: r.title, review: byRisk.get(r.id) }))
  const seen = new Set(live.map((r) => r.id))
  for (const r of reviews) if (!seen.has(r.risk_id)) rows.push({ risk_id: r.risk_id, ref: r.risk_ref, title: r.risk_title, review: r })
  return rows.sort((a, b) => a.ref.localeCompare(b.ref, undefined, { numeric: true }))
}
