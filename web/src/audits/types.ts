// Wire types of the audit module (docs/api.md "Audits, findings, corrective actions").

export type ProgrammeStatus = 'draft' | 'approved'
export type AuditStatus = 'planned' | 'in_progress' | 'completed' | 'cancelled'
export type CheckResult = 'not_checked' | 'conform' | 'nonconform' | 'observation' | 'not_applicable'
export type FindingGrade = 'major_nonconformity' | 'minor_nonconformity' | 'observation' | 'opportunity'
export type FindingSource = 'audit' | 'incident' | 'management_review' | 'risk_cycle' | 'self_assessment'
export type ActionStatus = 'open' | 'implemented' | 'verified' | 'ineffective'

export interface AuditProgramme {
  id: string
  ref: string
  year: number
  title: string
  objectives: string
  owner_id: string | null
  status: ProgrammeStatus
  approved_by_person_id: string | null
  approved_at: string | null
  version: number
  audits?: Audit[]
}

export interface ChecklistItem {
  index: number
  requirement_key: string
  requirement_title: string
  question: string
  result: CheckResult
  notes: string
  evidence: string[]
  checked_by: string | null
  checked_at: string | null
  version: number
}

export interface Audit {
  id: string
  ref: string
  programme_id: string | null
  title: string
  type: 'internal' | 'external' | 'supplier' | 'certification'
  scope: string
  criteria: string[]
  lead_auditor_id: string
  auditor_ids: string[]
  start_on: string
  end_on: string
  status: AuditStatus
  conclusion: string
  checklist?: ChecklistItem[]
  checklist_totals: Record<CheckResult, number>
  version: number
}

export interface CorrectiveAction {
  id: string
  ref: string
  finding_id: string
  title: string
  root_cause: string
  action: string
  owner_id: string
  due_on: string
  status: ActionStatus
  overdue: boolean
  implemented_on: string | null
  implementation_note: string
  verified_on: string | null
  verified_by: string | null
  effective: boolean | null
  verification_note: string
  version: number
}

export interface Finding {
  id: string
  ref: string
  source: FindingSource
  source_id: string | null
  source_ref: string | null
  source_title: string | null
  checklist_index: number | null
  grade: FindingGrade
  title: string
  description: string
  requirement_keys: string[]
  owner_id: string | null
  status: 'open' | 'closed'
  overdue: boolean
  close_note: string | null
  closed_at: string | null
  actions: CorrectiveAction[]
  version: number
}

export interface Items<T> {
  items: T[]
}
