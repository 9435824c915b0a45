import { describe, expect, it } from 'vitest'
import { chartModel, compareDecimal, niceStep, onTarget, type ChartBox } from './chart'
import type { Measurement } from './types'

function m(measured_on: string, value: string): Measurement {
  return { id: measured_on + value, indicator_id: 'i', value, measured_on, period: '', note: '', recorded_by: null, recorded_by_name: '', on_target: null, supersedes: null, superseded_by: null, superseded: false, created_at: '' }
}

const box: ChartBox = { width: 200, height: 120, left: 0, right: 0, top: 10, bottom: 10 }

describe('compareDecimal', () => {
  it('compares exactly, whatever the scale', () => {
    expect(compareDecimal('12.5', '12.50')).toBe(0)
    expect(compareDecimal('99.94', '99.95')).toBe(-1)
    expect(compareDecimal('-1', '0.000000000000001')).toBe(-1)
    expect(compareDecimal('0.30000000000000004', '0.3')).toBe(1) // no float rounding
    expect(compareDecimal('1e3', '1')).toBeNull()
  })
})

describe('onTarget', () => {
  it('follows the direction; equal to the target is on target', () => {
    expect(onTarget('higher_is_better', '99.9', '99.90')).toBe(true)
    expect(onTarget('higher_is_better', '99.9', '99.89')).toBe(false)
    expect(onTarget('lower_is_better', '5', '5.01')).toBe(false)
    expect(onTarget('lower_is_better', '5', '-3')).toBe(true)
    expect(onTarget('target_range', ['2', '5.5'], '5.5')).toBe(true)
    expect(onTarget('target_range', ['2', '5.5'], '1.99')).toBe(false)
    expect(onTarget('target_range', '3', '3')).toBeNull()
    expect(onTarget('higher_is_better', null, '3')).toBeNull()
  })
})

describe('chartModel', () => {
  it('places points by date and value with the target line inside the domain', () => {
    const model = chartModel([m('2026-01-01', '10'), m('2026-01-11', '20'), m('2026-01-31', '15')], 'higher_is_better', '18', box)
    expect(model.domain).toEqual([10, 20])
    expect(model.points.map((p) => p.x)).toEqual([0, 66.67, 200])
    expect(model.points.map((p) => p.y)).toEqual([110, 10, 60]) // higher values are higher up
    expect(model.points.map((p) => p.onTarget)).toEqual([false, true, false])
    expect(model.path).toBe('M0,110 L66.67,10 L200,60')
    expect(model.target).toEqual({ y: 30 })
    expect(model.band).toBeNull()
    expect(model.xTicks.map((t) => t.label)).toEqual(['2026-01-01', '2026-01-31'])
    expect(model.yTicks[0].label).toBe('10')
  })

  it('widens the domain to the band of a range and centres a single point', () => {
    const model = chartModel([m('2026-03-01', '3')], 'target_range', ['1', '5'], box)
    expect(model.domain[0]).toBeLessThanOrEqual(1)
    expect(model.domain[1]).toBeGreaterThanOrEqual(5)
    expect(model.points[0].x).toBe(100)
    expect(model.path).toBe('')
    expect(model.band!.y1).toBeLessThan(model.band!.y2) // max above min
  })

  it('gives a usable domain when every value is equal', () => {
    const model = chartModel([m('2026-03-01', '0'), m('2026-04-01', '0')], 'lower_is_better', '0', box)
    expect(model.domain[0]).toBeLessThan(0)
    expect(model.domain[1]).toBeGreaterThan(0)
  })

  it('chooses 1-2-5 steps', () => {
    expect(niceStep(10, 4)).toBe(5)
    expect(niceStep(0.3, 4)).toBeCloseTo(0.1)
    expect(niceStep(0, 4)).toBe(1)
  })
})
