// Countdown text for a reporting clock: the remaining time at the moment the clock was read,
// minus the seconds that have passed in the browser since (so it ticks without refetching).

/** "23 h 59 min 58 s", "2 d 3 h", or "overdue by 1 h 2 min 3 s". */
export function formatRemaining(seconds: number): string {
  const late = seconds < 0
  let s = Math.abs(Math.trunc(seconds))
  const d = Math.floor(s / 86400)
  s -= d * 86400
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  const parts = d > 0 ? [`${d} d`, `${h} h`, `${m} min`] : [`${h} h`, `${m} min`, `${s} s`]
  const text = parts.join(' ')
  return late ? `overdue by ${text}` : text
}

/** The remaining seconds now, given the server's value and when it was fetched. */
export function remainingNow(serverRemaining: number, fetchedAtMs: number, nowMs: number): number {
  return serverRemaining - Math.floor((nowMs - fetchedAtMs) / 1000)
}

export const clockLabels: Record<string, string> = {
  early_warning: 'Early warning (24 h)',
  notification: 'Incident notification (72 h)',
  intermediate: 'Intermediate report (on request)',
  final: 'Final report (1 month)',
  progress: 'Progress report',
  gdpr_breach: 'GDPR breach notification (72 h)',
}

export const stateLabels: Record<string, string> = {
  pending: 'Pending',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  submitted: 'Submitted',
  submitted_late: 'Submitted late',
  not_required: 'Not required',
}
