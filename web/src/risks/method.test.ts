import { describe, expect, it } from 'vitest'
import { testMethod } from './fixtures'
import { activeFlags, gridRank, impactLevel, levelByRank, ratingLevel, scaleLabel, textColourOn, withinAppetite } from './method'

const m = testMethod()
const impact = (c: number, i = 0, a = 0, au = 0) => ({ confidentiality: c, integrity: i, availability: a, authenticity: au })

describe('level computation from the grid', () => {
  it('takes the highest property as the impact', () => {
    expect(impactLevel(impact(1, 3, 2, 0))).toBe(3)
    expect(impactLevel(impact(0, 0, 0, 0))).toBe(0)
    expect(impactLevel(undefined)).toBe(0)
  })

  it('reads grid[l-1][i-1]', () => {
    expect(gridRank(m, 1, 1)).toBe(0)
    expect(gridRank(m, 2, 4)).toBe(2)
    expect(gridRank(m, 3, 3)).toBe(2)
    expect(gridRank(m, 1, 3)).toBe(1)
    expect(gridRank(m, 4, 1)).toBeUndefined()
    expect(gridRank(m, 1, 5)).toBeUndefined()
  })

  it('gives a rating its level, or none while incomplete', () => {
    expect(ratingLevel(m, { likelihood: 2, impact: impact(1, 4) })?.key).toBe('high')
    expect(ratingLevel(m, { likelihood: 2, impact: impact(2) })?.key).toBe('medium')
    expect(ratingLevel(m, { likelihood: 1, impact: impact(1) })?.name).toBe('Low')
    expect(ratingLevel(m, { likelihood: 2, impact: impact(0) })).toBeUndefined()
    expect(ratingLevel(m, { likelihood: 0, impact: impact(3) })).toBeUndefined()
  })

  it('knows the appetite and the labels', () => {
    expect(withinAppetite(m, 1)).toBe(true)
    expect(withinAppetite(m, 2)).toBe(false)
    expect(levelByRank(m, 1)?.name).toBe('Medium')
    expect(scaleLabel(m.impact, 3)).toBe('3 · Major')
    expect(scaleLabel(m.impact, 9)).toBe('9')
  })
})

describe('display helpers', () => {
  it('picks readable text on level colours', () => {
    expect(textColourOn('#c62828')).toBe('#fff')
    expect(textColourOn('#f9a825')).toBe('#111')
    expect(textColourOn('#ffffff')).toBe('#111')
    expect(textColourOn('#000000')).toBe('#fff')
  })

  it('lists the set flags, known ones first', () => {
    expect(activeFlags({ review_overdue: true, above_appetite: true, needs_acceptance: false, new_flag: true })).toEqual([
      'above_appetite',
      'review_overdue',
      'new_flag',
    ])
    expect(activeFlags(undefined)).toEqual([])
  })
})
