// Human labels of control statuses, classifications and evidence states, and the state of
// a piece of evidence on a given day (the server sends `state`; the same rule is used when
// an older answer lacks it, so a badge never shows nothing).
import type { ControlClassification, ControlStatus, Evidence, EvidenceState } from './types'

export const statusLabels: Record<ControlStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  implemented: 'Implemented',
  not_applicable: 'Not applicable',
}

export function statusLabel(s: string | undefined): string {
  return (s && statusLabels[s as ControlStatus]) || s || '—'
}

export const classificationLabels: Record<ControlClassification, string> = {
  public: 'Public',
  internal: 'Internal',
  confidential: 'Confidential',
}

export interface StateInfo {
  label: string
  tone: 'ok' | 'warn' | 'bad'
  help: string
}

export const evidenceStates: Record<EvidenceState, StateInfo> = {
  valid: { label: 'valid', tone: 'ok', help: 'Within its validity period today.' },
  expired: { label: 'expired', tone: 'bad', help: 'Its validity ended: replace it with current evidence.' },
  not_yet_valid: { label: 'not yet valid', tone: 'warn', help: 'Its validity period has not started yet.' },
}

/** "expired" when valid_until < today, "not_yet_valid" when valid_from > today (YYYY-MM-DD compare). */
export function evidenceStateOn(e: Pick<Evidence, 'valid_from' | 'valid_until'>, today: string): EvidenceState {
  if (e.valid_until && e.valid_until < today) return 'expired'
  if (e.valid_from && e.valid_from > today) return 'not_yet_valid'
  return 'valid'
}

export function stateOf(e: Pick<Evidence, 'state' | 'valid_from' | 'valid_until'>, today: string): EvidenceState {
  return e.state && e.state in evidenceStates ? e.state : evidenceStateOn(e, today)
}

/** Local calendar date, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

/** "1.2 MiB" */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
