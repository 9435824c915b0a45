import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { IndicatorChart } from './IndicatorChart'
import type { Indicator, Measurement } from './types'

const indicator: Indicator = {
  id: 'i1', ref: 'IND-0001', objective_id: 'o1', name: 'Availability', description: '', unit: '%',
  direction: 'higher_is_better', target: '99.9', baseline: null, frequency: 'monthly', owner_id: null,
  status: 'active', created_on: '2026-01-01', last_measured_on: null, next_due_on: '2026-01-01',
  measurement_overdue: false, version: 1, latest: null, on_target: null, trend: [], trend_state: null,
}

function m(measured_on: string, value: string): Measurement {
  return { id: measured_on, indicator_id: 'i1', value, measured_on, period: '', note: '', recorded_by: null, recorded_by_name: '', on_target: null, supersedes: null, superseded_by: null, superseded: false, created_at: '' }
}

describe('IndicatorChart', () => {
  it('draws the line, the target and marks off-target points, with a text alternative', () => {
    const html = renderToStaticMarkup(<IndicatorChart indicator={indicator} measurements={[m('2026-01-31', '99.5'), m('2026-02-28', '99.95'), m('2026-03-31', '99.8')]} />)
    expect(html).toContain('role="img"')
    expect(html).toMatch(/<title[^>]*>IND-0001 Availability<\/title>/)
    expect(html).toContain('3 measurement(s) of Availability; target at least 99.9 %; 2 off target.')
    expect(html.match(/data-testid="chart-point-off"/g)).toHaveLength(2)
    expect(html.match(/data-testid="chart-point"/g)).toHaveLength(1)
    expect(html).toContain('data-testid="chart-target"')
    expect(html).not.toContain('data-testid="chart-band"')
    // The data table follows in date order for screen readers.
    expect(html.match(/<tr><td class="nowrap">2026-0\d-\d\d<\/td>/g)).toHaveLength(3)
    expect(html).toContain('class="visually-hidden"')
  })

  it('shows a band for a range and says when there is nothing to draw', () => {
    const range: Indicator = { ...indicator, direction: 'target_range', target: ['2', '5'] }
    expect(renderToStaticMarkup(<IndicatorChart indicator={range} measurements={[m('2026-01-31', '3')]} />)).toContain('data-testid="chart-band"')
    expect(renderToStaticMarkup(<IndicatorChart indicator={range} measurements={[]} />)).toContain('No measurements yet.')
  })
})
