// Shapes of the incident module's API (docs/parts/incidents.md "API").
export interface SecurityEvent {
  id: string
  ref: string
  status: 'reported' | 'triaged' | 'closed'
  summary: string
  description: string
  occurred_at: string
  asset_ids: string[]
  contact: string
  reporter_id: string
  reported_at: string
  incident_id: string
  close_reason: string
  version: number
}

export type ClockState = 'pending' | 'due_soon' | 'overdue' | 'submitted' | 'submitted_late' | 'not_required'

export interface ReportClock {
  type: string
  basis: string
  state: ClockState
  start_at: string
  due_at: string
  due_local: string
  submitted_at: string
  remaining_seconds: number | null
  note: string
}

export interface Criterion {
  code: string
  basis: string
  text: string
}

export interface Assessment {
  facts: Record<string, unknown>
  result: { significant: boolean; criteria_met: Criterion[]; reasoning: string }
  override_significant: boolean | null
  justification: string
  significant: boolean
  assessed_at: string
  assessed_by: string
}

export interface Incident {
  id: string
  ref: string
  title: string
  description: string
  severity: string
  status: string
  handler_id: string
  aware_at: string
  occurred_at: string
  detected_at: string
  resolved_at: string
  personal_data: boolean
  cross_border: boolean
  ongoing: boolean
  significant: boolean
  assessment: Assessment | null
  review: { lessons: string; findings: { finding_ref: string; action_ref: string }[] } | null
  clocks: ReportClock[]
  next_deadline: string | null
  overdue: boolean
  zone: string
  version: number
}

export interface TimelineEntry {
  id: string
  at: string
  kind: string
  text: string
  author: string
}

export interface FiledReport {
  id: string
  type: string
  submitted_at: string
  deadline: string
  on_time: boolean
  recipient: string
  json_url: string
  pdf_url: string
}

export interface Items<T> {
  items: T[]
}
