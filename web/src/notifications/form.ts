// Pure helpers of the notifications page: the offsets text box and the settings body.
import type { NotificationSettings, StartTls } from './types'

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/** "30, 7,1" -> [30, 7, 1]; an empty text is no reminders; anything else not a number is an error. */
export function parseOffsets(text: string): { offsets: number[] } | { error: string } {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
  const offsets: number[] = []
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return { error: `"${p}" is not a whole number of days` }
    offsets.push(Number(p))
  }
  return { offsets }
}

export function formatOffsets(offsets: readonly number[]): string {
  return offsets.join(', ')
}

export interface SettingsForm {
  url: string
  from: string
  username: string
  password: string // '' = unchanged
  clearPassword: boolean
  starttls: StartTls
  offsets: string
  overdueNotice: boolean
  digestEnabled: boolean
  digestWeekday: number
  digestHour: number
  email: boolean
  webhook: boolean
}

export function formOf(s: NotificationSettings): SettingsForm {
  return {
    url: s.smtp.url,
    from: s.smtp.from,
    username: s.smtp.username,
    password: '',
    clearPassword: false,
    starttls: s.smtp.starttls,
    offsets: formatOffsets(s.offsets),
    overdueNotice: s.overdue_notice,
    digestEnabled: s.digest.enabled,
    digestWeekday: s.digest.weekday,
    digestHour: s.digest.hour,
    email: s.channels.email,
    webhook: s.channels.webhook,
  }
}

/** The PUT body; the password only when typed (or null to remove it). */
export function settingsBody(f: SettingsForm, offsets: number[], version: number): Record<string, unknown> {
  const smtp: Record<string, unknown> = { url: f.url.trim(), from: f.from.trim(), username: f.username, starttls: f.starttls }
  if (f.clearPassword) smtp.password = null
  else if (f.password !== '') smtp.password = f.password
  const body: Record<string, unknown> = {
    smtp,
    offsets,
    overdue_notice: f.overdueNotice,
    digest: { enabled: f.digestEnabled, weekday: f.digestWeekday, hour: f.digestHour },
    channels: { email: f.email, webhook: f.webhook },
  }
  if (version > 0) body.version = version
  return body
}

/** Field errors of the API ("smtp.url", "offsets[2]") keyed as the form shows them. */
export function fieldKey(field: string): string {
  return field.replace(/\[\d+\]$/, '')
}
