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

export interface Person {
  id: string
  name: string
  email?: string
  job_title?: string
  employment_status?: string
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
