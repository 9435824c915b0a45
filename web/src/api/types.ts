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
  /** gap-report figures of the built-in frameworks (when the reader may see them) */
  coverage?: CoverageSummary
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

// --- Catalogue (docs/api.md "Catalogue") -----------------------------------------------

export interface Framework {
  id: string
  urn?: string
  ref_id?: string
  name: string
  description?: string
  version?: string
  provider?: string
  source?: 'builtin' | 'ciso-assistant' | 'oscal' | string
  copyright?: string
  updated_at?: string
  requirement_count?: number
}

export interface Requirement {
  /** "iso27001-2022:A.5.1" */
  key: string
  framework_id: string
  ref_id: string
  /** "" (or absent/null) at the top level */
  parent_ref_id?: string | null
  title: string
  description?: string
  kind?: string
  assessable?: boolean
  position?: number
  urn?: string
  notes?: string
}

export interface Mapping {
  /** requirement keys */
  source: string
  target: string
  source_title?: string
  target_title?: string
  relationship: string
  origin?: string
  notes?: string
}

/** A citation in a published version (traceability, "Cited by"). */
export interface PublishedCitation {
  document_id: string
  document_title: string
  document_kind?: string
  version_id?: string
  version_label?: string
  section_number?: string
  section_title?: string
  section_anchor?: string
  framework_id: string
  ref_id: string
}

export interface RequirementDetail {
  requirement: Requirement
  ancestors: Requirement[]
  children: Requirement[]
  mappings: Mapping[]
  citations?: PublishedCitation[]
}

export interface CatalogueImportResult {
  framework_ids: string[]
  frameworks_created: number
  frameworks_updated: number
  requirements_added: number
  requirements_changed: number
  requirements_removed: number
  mappings: number
  warnings: string[]
}

/** A reference found in text; offsets are UTF-8 byte offsets into the scanned text. */
export interface Citation {
  key: string
  framework_id: string
  ref_id: string
  raw: string
  offset: number
  length: number
  bracket_offset?: number
  bracket_length?: number
  from_range?: boolean
}

export interface CitationWarning {
  raw: string
  offset: number
  length: number
  framework_id?: string
  ref_id?: string
  message: string
  /** requirement key */
  suggestion?: string | null
}

// --- Documents (docs/api.md "Documents") ------------------------------------------------

export type DocumentKind = 'policy' | 'standard' | 'procedure'
export type VersionStatus = 'draft' | 'in_review' | 'approved' | 'published' | 'superseded'

export interface DocumentSummary {
  id: string
  kind: DocumentKind | string
  title: string
  classification: string
  information_owner?: string
  owner_role_key?: string | null
  owner_person_id?: string | null
  working_group_ids?: string[]
  latest_version_id?: string | null
  published_version_id?: string | null
  published_label?: string | null
  next_review_date?: string | null
  review_due?: boolean
  archived_at?: string | null
  version: number
  created_at?: string
  updated_at?: string
  /** Not in the v1 contract: the latest version's status, shown when a server sends it. */
  status?: VersionStatus | string
  content_hidden?: boolean
}

export interface ChangeLogEntry {
  version: string
  date: string | null
  author: string
  changes: string
}

export interface DocumentSection {
  number: string
  title: string
  level: number
  anchor: string
}

export interface DocumentCitation extends Citation {
  section_number: string
  section_anchor: string
}

export interface DocumentVersion {
  id: string
  document_id: string
  number: number
  status: VersionStatus | string
  title: string
  classification: string
  label: string
  last_update?: string | null
  author?: string
  information_owner?: string
  approver?: string
  change_log?: ChangeLogEntry[]
  review_interval_months?: number
  requires_acknowledgement?: boolean
  /** absent in version lists */
  body?: string
  sections?: DocumentSection[]
  citations?: DocumentCitation[]
  warnings?: CitationWarning[]
  created_by?: string
  created_at?: string
  updated_at?: string
  submitted_by?: string | null
  submitted_at?: string | null
  approved_by?: string | null
  approved_at?: string | null
  published_by?: string | null
  published_at?: string | null
  superseded_at?: string | null
  review_comment?: string
  version: number
}

export interface DocumentView {
  document: DocumentSummary
  latest: DocumentVersion
  published: DocumentVersion | null
  can_write?: boolean
  can_approve?: boolean
}

export interface DocumentPreview {
  html: string
  sections: DocumentSection[]
  citations: DocumentCitation[]
  warnings: CitationWarning[]
}

export interface FieldChange {
  field: string
  before: string
  after: string
}

export interface DiffLine {
  op: ' ' | '+' | '-'
  text: string
  /** 0 for added lines */
  old_line: number
  /** 0 for removed lines */
  new_line: number
}

export interface VersionDiff {
  fields: FieldChange[]
  lines: DiffLine[]
  added: number
  removed: number
}

export interface Acknowledgement {
  person_id: string
  person_name: string
  acknowledged_at: string | null
  last_reminded_at: string | null
  reminder_count: number
}

export interface AcknowledgementStatus {
  version_id: string
  persons: Acknowledgement[]
  acknowledged: number
  pending: number
  /** 0..1 */
  completion_rate: number
}

export interface PendingAcknowledgement {
  document_id: string
  document_title: string
  version_id: string
  version_label: string
  published_at: string
}

export interface DocumentImportOutcome {
  file_name: string
  document_id: string
  version_id: string
  action: 'created' | 'new_version' | 'updated_draft' | 'unchanged' | string
  notes: string[]
  citations: number
  warnings: CitationWarning[]
}

// --- Traceability (docs/api.md "Traceability and gaps") ---------------------------------

export interface TraceRow {
  requirement: Requirement
  citations: PublishedCitation[]
  /** requirement keys of mapped requirements that are cited */
  covered_through: string[]
}

export interface CoverageFigures {
  total: number
  covered: number
  covered_through_mapping: number
  percent: number
  percent_with_mapping: number
}

export interface GapReport {
  framework_id: string
  framework_name: string
  scope: string
  figures: CoverageFigures
  rows: TraceRow[]
  gaps: Requirement[]
}

export interface CoverageReport {
  framework_id: string
  framework_name: string
  scope: string
  figures: CoverageFigures
}

export interface CoverageSummary {
  reports: CoverageReport[]
}
