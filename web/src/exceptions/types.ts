// Wire forms of docs/api.md "Exceptions" and "Reviews due" (http/handlers/exceptions.cc).

export type ExceptionStatus = 'requested' | 'approved' | 'rejected' | 'withdrawn' | 'revoked'
/** The status, or for approved ones the derived state on the organization's today. */
export type ExceptionState = Exclude<ExceptionStatus, 'approved'> | 'active' | 'expiring' | 'expired'

export interface ExceptionScope {
  document_id: string | null
  section: string
  control_ids: string[]
  requirement_keys: string[]
  asset_ids: string[]
}

export interface PolicyException {
  id: string
  ref: string
  status: ExceptionStatus
  state: ExceptionState
  days_left: number | null
  requester_id: string
  requester_name: string
  title: string
  reason: string
  scope: ExceptionScope
  compensating_controls: { control_ids: string[]; text: string }
  risk: { risk_id: string | null; statement: string }
  requested_expires_on: string | null
  expires_on: string | null
  approver_id: string | null
  approver_name: string
  decided_at: string | null
  decision_note: string
  withdrawn_at: string | null
  revoked_at: string | null
  revoked_by: string | null
  revoke_note: string
  renews_id: string | null
  renewed_by_id: string | null
  version: number
  created_at: string
  updated_at: string
}

export interface ExceptionList {
  items: PolicyException[]
  today: string
}

export interface ReviewItem {
  source: string
  object_type: 'document' | 'risk' | 'control' | 'evidence' | 'exception' | 'soa'
  object_id: string
  ref: string
  title: string
  owner_id: string
  owner_name: string
  due_on: string
  state: 'overdue' | 'due' | 'upcoming'
  link: string
}

export interface ReviewsDue {
  items: ReviewItem[]
  until: string
}

export interface ReviewCompletion {
  object_type: string
  object_id: string
  next_review_on: string | null
  renewal_id: string | null
  renewal_ref: string | null
}
