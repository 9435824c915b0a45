// Wire types of the Statement of Applicability (docs/api.md "Statement of Applicability").
// Kept beside the SoA screens; unknown extra fields are tolerated.

export const applicableValues = ['yes', 'no', 'undecided'] as const
export type ApplicableValue = (typeof applicableValues)[number]

export const inclusionReasons = ['risk_treatment', 'legal', 'contractual', 'business_need'] as const
export type InclusionReason = (typeof inclusionReasons)[number]

export const implementationValues = ['not_started', 'planned', 'partial', 'implemented'] as const
export type ImplementationValue = (typeof implementationValues)[number]

export interface Applicability {
  framework_id: string
  ref_id: string
  title: string
  applicable: ApplicableValue
  reasons: InclusionReason[]
  justification: string
  implementation: ImplementationValue
  control_ids: string[]
  control_refs: string[]
  risk_ids: string[]
  evidence_count: number
  valid_evidence_count: number
  updated_by: string
  updated_at: string
  /** 0 = never decided */
  version: number
}

export interface SoaTotals {
  lines: number
  applicable: number
  not_applicable: number
  undecided: number
  implemented: number
  partial: number
  planned: number
  not_started: number
}

/** An approved, frozen version; lists leave out the lines. */
export interface Soa {
  id: string
  number: number
  framework_ids: string[]
  approved_by_person_id: string
  approved_by_name: string
  approved_at: string
  note: string
  totals: SoaTotals
  lines?: Applicability[]
}

export interface SoaWorkingCopy {
  framework_ids: string[]
  lines: Applicability[]
  totals: SoaTotals
  last_approved: Soa | null
  changed_since_approval: number
}

export interface SoaLineChange {
  framework_id: string
  ref_id: string
  title: string
  changed_fields: string[]
  before: Applicability | null
  after: Applicability | null
}

/** The dashboard's "soa" (null without soa:read). */
export interface SoaStatus {
  framework_ids?: string[]
  totals: SoaTotals
  last_approved: Soa | null
  changed_since_approval?: number
}

/**
 * Column mapping of an import as the server sends it: columns as letters ("B"), a header
 * text the server could not resolve, or null; header_row 1-based. (Numbers are read as
 * 0-based column indexes too, in case a server sends those.)
 */
export type WireColumn = string | number | null

export interface WireMapping {
  sheet?: string
  header_row?: number | null
  ref?: WireColumn
  applicable?: WireColumn
  reasons?: WireColumn
  reason_risk?: WireColumn
  reason_legal?: WireColumn
  reason_contractual?: WireColumn
  reason_business?: WireColumn
  justification?: WireColumn
  implementation?: WireColumn
}

export interface SoaImportRow {
  row: number
  raw_ref: string
  ref_id: string
  warnings: string[]
  error: string | null
  applicable?: ApplicableValue
  reasons?: InclusionReason[]
  justification?: string
  implementation?: ImplementationValue
}

export interface SoaImportResult {
  mapping: WireMapping
  headers: string[]
  rows: SoaImportRow[]
  changes: SoaLineChange[]
  rows_ok: number
  rows_rejected: number
  rows_unchanged: number
  applied: boolean
}
