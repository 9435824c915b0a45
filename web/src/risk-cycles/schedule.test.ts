import { describe, expect, it } from 'vitest'
import type { RiskReview } from '../risks/types'
import { reviewMovement, reviewRows, scheduleLabel } from './schedule'

const review = (risk_id: string, ref: string, before: number, after: number): RiskReview => ({
  cycle_id: 'c1',
  risk_id,
  risk_ref: ref,
  risk_title: `title ${ref}`,
  outcome: before === after ? 'confirmed' : 'changed',
  reviewed_by: 'p1',
  reviewed_at: '2026-01-01T00:00:00Z',
  note: '',
  inherent_level_before: 2,
  residual_level_before: before,
  inherent_level_after: 2,
  residual_level_after: after,
})

describe('risk cycle helpers', () => {
  it('lists every live risk once, reviewed or not, plus reviewed risks no longer live', () => {
    const live = [
      { id: 'r10', ref: 'R-0010', title: 'ten' },
      { id: 'r2', ref: 'R-0002', title: 'two' },
    ]
    const rows = reviewRows(live, [review('r2', 'R-0002', 1, 1), review('r1', 'R-0001', 2, 1)])
    expect(rows.map((r) => r.ref)).toEqual(['R-0001', 'R-0002', 'R-0010'])
    expect(rows[0].review?.outcome).toBe('changed')
    expect(rows[1].review?.outcome).toBe('confirmed')
    expect(rows[2].review).toBeUndefined()
  })

  it('says whether the residual level moved', () => {
    expect(reviewMovement(review('r', 'R', 1, 2))).toBe('raised')
    expect(reviewMovement(review('r', 'R', 2, 0))).toBe('lowered')
    expect(reviewMovement(review('r', 'R', 1, 1))).toBe('same')
  })

  it('words the schedule state', () => {
    expect(scheduleLabel('overdue')).toEqual({ label: 'overdue', tone: 'bad' })
    expect(scheduleLabel('due').tone).toBe('warn')
    expect(scheduleLabel('weird').label).toBe('weird')
  })
})
