import { describe, expect, it } from 'vitest'
import { formatRemaining, remainingNow } from './countdown'

describe('formatRemaining', () => {
  it('shows hours, minutes and seconds under a day', () => {
    expect(formatRemaining(24 * 3600 - 2)).toBe('23 h 59 min 58 s')
    expect(formatRemaining(0)).toBe('0 h 0 min 0 s')
  })
  it('shows days from one day on', () => {
    expect(formatRemaining(3 * 86400 + 2 * 3600 + 61)).toBe('3 d 2 h 1 min')
  })
  it('marks a passed deadline as overdue', () => {
    expect(formatRemaining(-1)).toBe('overdue by 0 h 0 min 1 s')
    expect(formatRemaining(-(3600 + 62))).toBe('overdue by 1 h 1 min 2 s')
  })
})

describe('remainingNow', () => {
  it('counts down by the whole seconds elapsed since the fetch', () => {
    expect(remainingNow(100, 1000, 1000)).toBe(100)
    expect(remainingNow(100, 1000, 2999)).toBe(99)
    expect(remainingNow(1, 0, 5000)).toBe(-4)
  })
})
