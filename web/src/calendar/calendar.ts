// Pure helpers of the calendar pages: cadence descriptions, state badges, date arithmetic
// on "YYYY-MM-DD" days (UTC, no time of day) and grouping the agenda by ISO week.
import type { AgendaItem, Cadence, OccurrenceState } from './types'

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** "Every quarter", "Every month on day 31 (or the month's last day)", "Every 2 weeks". */
export function describeCadence(c: Cadence): string {
  switch (c.kind) {
    case 'weekly':
      return `Every week on ${capital(c.weekday ?? 'monday')}`
    case 'monthly': {
      const d = c.day_of_month ?? 1
      return `Every month on day ${d}${d > 28 ? " (or the month's last day)" : ''}`
    }
    case 'quarterly':
      return 'Every quarter'
    case 'yearly':
      return 'Every year'
    case 'custom': {
      const n = c.every ?? 1
      const unit = c.unit ?? 'months'
      return n === 1 ? `Every ${unit.slice(0, -1)}` : `Every ${n} ${unit}`
    }
  }
}

export interface StateBadge {
  label: string
  tone: 'ok' | 'warn' | 'bad' | undefined
}

/** The badge of an occurrence or agenda state. */
export function stateBadge(state: OccurrenceState | string | null | undefined): StateBadge {
  switch (state) {
    case 'overdue':
      return { label: 'Overdue', tone: 'bad' }
    case 'due':
      return { label: 'Due', tone: 'warn' }
    case 'done':
      return { label: 'Done', tone: 'ok' }
    case 'skipped':
      return { label: 'Skipped', tone: undefined }
    case 'upcoming':
      return { label: 'Upcoming', tone: undefined }
    default:
      return { label: '—', tone: undefined }
  }
}

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`)
}

/** day + n days ("2026-02-28" + 1 = "2026-03-01"). */
export function addDays(day: string, n: number): string {
  const d = toDate(day)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** The Monday of the ISO week holding `day`. */
export function weekStart(day: string): string {
  const wd = (toDate(day).getUTCDay() + 6) % 7 // 0 = Monday
  return addDays(day, -wd)
}

export interface WeekGroup {
  week: string // Monday
  items: AgendaItem[]
}

/**
 * The agenda as shown: overdue items first (one group, week ""), then the rest grouped by
 * the week of their date, weeks in order, items in the API's order.
 */
export function groupAgenda(items: readonly AgendaItem[]): WeekGroup[] {
  const overdue = items.filter((i) => i.state === 'overdue')
  const rest = items.filter((i) => i.state !== 'overdue')
  const groups: WeekGroup[] = []
  if (overdue.length > 0) groups.push({ week: '', items: overdue })
  for (const item of rest) {
    const w = weekStart(item.due_on)
    const last = groups[groups.length - 1]
    if (last && last.week === w) last.items.push(item)
    else groups.push({ week: w, items: [item] })
  }
  return groups
}

/** "Agenda source" labels. */
export function sourceLabel(source: string): string {
  const labels: Record<string, string> = {
    occurrence: 'Activity',
    review_due: 'Needs review',
    exception_expiry: 'Exception expires',
    corrective_action: 'Corrective action',
    audit: 'Audit',
    management_review: 'Management review',
    incident_deadline: 'Incident deadline',
  }
  return labels[source] ?? source
}
