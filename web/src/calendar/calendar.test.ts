import { describe, expect, it } from 'vitest'
import { addDays, describeCadence, groupAgenda, stateBadge, weekStart } from './calendar'
import type { AgendaItem } from './types'

describe('describeCadence', () => {
  it('names every kind', () => {
    expect(describeCadence({ kind: 'weekly', weekday: 'friday' })).toBe('Every week on Friday')
    expect(describeCadence({ kind: 'monthly', day_of_month: 31 })).toBe("Every month on day 31 (or the month's last day)")
    expect(describeCadence({ kind: 'monthly', day_of_month: 5 })).toBe('Every month on day 5')
    expect(describeCadence({ kind: 'quarterly' })).toBe('Every quarter')
    expect(describeCadence({ kind: 'yearly' })).toBe('Every year')
    expect(describeCadence({ kind: 'custom', every: 2, unit: 'weeks' })).toBe('Every 2 weeks')
    expect(describeCadence({ kind: 'custom', every: 1, unit: 'days' })).toBe('Every day')
  })
})

describe('stateBadge', () => {
  it('gives tones by urgency', () => {
    expect(stateBadge('overdue')).toEqual({ label: 'Overdue', tone: 'bad' })
    expect(stateBadge('due')).toEqual({ label: 'Due', tone: 'warn' })
    expect(stateBadge('done')).toEqual({ label: 'Done', tone: 'ok' })
    expect(stateBadge('upcoming').tone).toBeUndefined()
    expect(stateBadge('skipped').label).toBe('Skipped')
    expect(stateBadge(undefined).label).toBe('—')
  })
})

describe('dates and weeks', () => {
  it('adds days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })
  it('finds the Monday of the week', () => {
    expect(weekStart('2026-03-04')).toBe('2026-03-02') // Wednesday
    expect(weekStart('2026-03-08')).toBe('2026-03-02') // Sunday
    expect(weekStart('2026-03-09')).toBe('2026-03-09') // Monday
  })
  it('groups the agenda by week with overdue items first', () => {
    const item = (due_on: string, state: AgendaItem['state']): AgendaItem => ({
      source: 'occurrence', object_type: 'activity', object_id: due_on, ref: null, title: 't',
      owner_id: null, owner_name: null, due_on, due_at: null, state, link: '',
    })
    const groups = groupAgenda([item('2026-02-20', 'overdue'), item('2026-03-02', 'due'), item('2026-03-08', 'upcoming'), item('2026-03-09', 'upcoming')])
    expect(groups.map((g) => [g.week, g.items.map((i) => i.due_on)])).toEqual([
      ['', ['2026-02-20']],
      ['2026-03-02', ['2026-03-02', '2026-03-08']],
      ['2026-03-09', ['2026-03-09']],
    ])
  })
})
