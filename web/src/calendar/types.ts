// Wire forms of the calendar API (docs/api.md "Calendar").
export type CadenceKind = 'weekly' | 'monthly' | 'quarterly' | 'yearly' | 'custom'
export type CadenceUnit = 'days' | 'weeks' | 'months' | 'years'

export interface Cadence {
  kind: CadenceKind
  weekday?: string
  day_of_month?: number
  every?: number
  unit?: CadenceUnit
}

export type Requirement = 'notes' | 'evidence' | 'decision'

export interface Activity {
  id: string
  ref: string
  title: string
  description: string
  cadence: Cadence
  cadence_text: string
  anchor_on: string
  owner_id: string | null
  owner_name: string | null
  subject: { register: string; object_id: string | null }
  requires: Requirement[]
  due_window_days: number
  policy_ref: string
  default_key: string | null
  status: 'active' | 'paused'
  archived: boolean
  next_due: string | null
  next_state: OccurrenceState | null
  version: number
  created_at: string
  updated_at: string
}

export type OccurrenceState = 'upcoming' | 'due' | 'overdue' | 'done' | 'skipped'

export interface Occurrence {
  activity_id: string
  due_on: string
  state: OccurrenceState
  record_id: string | null
  completed_at: string | null
  completed_by: string | null
  completed_by_name: string | null
  notes: string
  decision: string
  reason: string
  evidence: string[]
}

export interface AgendaItem {
  source: string
  object_type: string
  object_id: string
  ref: string | null
  title: string
  owner_id: string | null
  owner_name: string | null
  due_on: string
  due_at: string | null
  state: 'upcoming' | 'due' | 'overdue' | 'done'
  link: string
}

export interface ItemList<T> {
  items: T[]
}

export const subjectRegisters = [
  'risks', 'documents', 'access_rights', 'suppliers', 'backups', 'logging', 'vulnerabilities',
  'objectives', 'management_review', 'audit_programme', 'isms', 'assets', 'controls', 'other',
] as const

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
