// Wire types of the isms JSON API v1, as written in docs/api.md (the contract). Only what
// the UI reads is typed; unknown extra fields are tolerated everywhere.

export type FieldType =
  | 'string'
  | 'text'
  | 'enum'
  | 'level'
  | 'reference'
  | 'reference_list'
  | 'datetime'
  | 'boolean'
  | 'integer'

export type OptionValue = string | number

export interface FieldOption {
  value: OptionValue
  label: string
}

export interface FieldDescriptor {
  name: string
  label: string
  type: FieldType
  required?: boolean
  read_only?: boolean
  list?: boolean
  sortable?: boolean
  filterable?: boolean
  max_length?: number
  options?: FieldOption[]
  reference?: string
  display_field?: string
  help?: string
  /** Not in the v1 contract; honoured when a server publishes it. */
  default?: unknown
}

export interface RegisterDescriptor {
  name: string
  title: string
  singular: string
  path: string
  default_sort?: string
  fields: FieldDescriptor[]
}

/** Any register object: the generic views read it by field name. */
export interface RegisterRecord {
  id: string
  version?: number
  archived?: boolean
  archived_at?: string | null
  archive_reason?: string | null
  [field: string]: unknown
}

export interface ListPage<T> {
  items: T[]
  next_cursor?: string | null
  total?: number
}

export interface Organization {
  id: string
  name: string
  created_at?: string
}

export type EmploymentStatus = 'active' | 'ended'

export interface Person {
  id: string
  name: string
  email?: string
  job_title?: string
  role_ids?: string[]
  employment_status?: EmploymentStatus | string
  access_review_required?: boolean
  version?: number
  created_at?: string
}

export interface Dashboard {
  organization?: Organization
  assets: {
    total: number
    by_classification: Record<string, number>
    by_lifecycle_status: Record<string, number>
    without_owner: number
  }
  persons: number
  ledger: { entries: number; head_hash: string | null }
}

export interface LedgerEntry {
  seq: number
  at: string
  actor: string
  action: string
  object_type: string
  object_id: string
  change: unknown
  prev_hash: string
  hash: string
}

export interface LedgerPage {
  items: LedgerEntry[]
  next_after: number | null
}

export type LedgerVerification =
  | { ok: true; entries: number; checkpoints?: number; head_hash?: string }
  | { ok: false; entries: number; first_bad_seq?: number | null; reason?: string }

export interface FieldErrorDetail {
  field?: string
  message: string
}

export interface ErrorBody {
  error: {
    code: string
    message: string
    field?: string
    details?: FieldErrorDetail[]
    request_id?: string
  }
}

// --- Authentication and access (docs/api.md, "Authentication and access") ---------------

export type SessionState = 'active' | 'mfa_required' | 'password_change_required' | 'mfa_enrolment_required'

export interface SessionUser {
  id: string
  username: string
  person_id: string
  person_name: string
}

export interface SessionInfo {
  state: SessionState
  csrf_token: string
  expires_at?: string
  idle_expires_at?: string
  user: SessionUser
  roles: string[]
  permissions: string[]
  mfa_enabled: boolean
}

export interface MfaEnrolment {
  secret: string
  otpauth_uri: string
  qr_svg: string
}

export interface MfaEnrolmentConfirmed {
  recovery_codes: string[]
  session: SessionInfo
}

export interface RecoveryCodes {
  recovery_codes: string[]
}

export interface AuthEvent {
  id: string | number
  at: string
  kind: string
  username: string
  user_id: string | null
  remote_address: string
  detail: string
}

export interface AuthEventPage {
  items: AuthEvent[]
  next_before: string | number | null
}

export type TokenScope = 'read' | 'read_write'

export interface ApiToken {
  id: string
  user_id: string
  name: string
  scope: TokenScope
  registers: string[]
  created_at: string
  expires_at: string
  revoked_at: string | null
  last_used_at: string | null
  active: boolean
}

export interface CreatedToken {
  token: ApiToken
  secret: string
}

export interface User {
  id: string
  username: string
  person_id: string
  person_name: string
  disabled: boolean
  access_expires_at: string | null
  must_change_password: boolean
  mfa_enabled: boolean
  locked_until: string | null
  failed_logins: number
  password_changed_at: string | null
  created_at: string
  version: number
}

export interface CreatedUser {
  user: User
  one_time_password: string
}

export interface Permission {
  name: string
  description: string
}

export interface Role {
  id: string
  key: string
  name: string
  description: string
  permissions: string[]
  builtin: boolean
}

export interface WorkingGroup {
  id: string
  name: string
  description: string
  member_ids: string[]
  version: number
  created_at?: string
  updated_at?: string
}

export interface ObjectGrant {
  object_type: string
  object_id: string
  person_id: string
  person_name: string
  granted_by: string
  granted_at: string
}

export interface SessionSummary {
  created_at: string
  last_seen_at: string
  remote_address: string
  user_agent: string
  current: boolean
}

export interface MyAccess {
  user: User
  person: Person | null
  roles: Role[]
  permissions: string[]
  groups: WorkingGroup[]
  grants: ObjectGrant[]
  sessions: SessionSummary[]
  tokens: ApiToken[]
  recovery_codes_left: number
}

export interface Settings {
  mfa_required_role_keys: string[]
  session_idle_minutes: number
  session_absolute_hours: number
  version: number
}

export interface Items<T> {
  items: T[]
}
