// Wire types of controls and evidence (docs/api.md "Controls and evidence"). Kept beside the
// control screens, as the risk screens keep theirs; unknown extra fields are tolerated.

export const controlStatuses = ['planned', 'in_progress', 'implemented', 'not_applicable'] as const
export type ControlStatus = (typeof controlStatuses)[number]

export const controlClassifications = ['public', 'internal', 'confidential'] as const
export type ControlClassification = (typeof controlClassifications)[number]

export interface Control {
  id: string
  ref: string
  title: string
  /** null in lists for confidential controls (content_hidden) */
  description: string | null
  content_hidden?: boolean
  owner_id: string | null
  owner_name?: string | null
  status: ControlStatus
  classification: ControlClassification
  /** catalogue keys, "iso27001-2022:A.5.15" */
  requirement_keys: string[]
  risk_ids: string[]
  next_check_on: string | null
  last_checked_on: string | null
  check_interval_months: number
  check_overdue?: boolean
  evidence_count: number
  valid_evidence_count: number
  archived?: boolean
  archived_at?: string | null
  archive_reason?: string | null
  version: number
  created_at?: string
  updated_at?: string
}

export type EvidenceState = 'valid' | 'expired' | 'not_yet_valid'

export interface Evidence {
  id: string
  control_id: string
  title: string
  description: string
  kind: 'file' | 'link'
  url: string | null
  sha256: string | null
  file_name: string | null
  media_type: string | null
  size: number | null
  valid_from: string
  valid_until: string | null
  state: EvidenceState
  created_by: string
  archived?: boolean
  archived_at?: string | null
  version: number
  created_at: string
}

/** GET/POST/PATCH of one control answer the control with its (not archived) evidence. */
export interface ControlView {
  control: Control
  evidence: Evidence[]
}
