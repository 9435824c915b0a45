// Wire types of the risk part of the API (docs/api.md "Risk method", "Threats and
// vulnerabilities", "Risks", "Risk cycles"). Kept beside the risk screens rather than in
// api/types.ts so the risk UI is one folder; unknown extra fields are tolerated.

export interface ScaleLevel {
  value: number
  name: string
  description: string
}

export interface RiskLevel {
  rank: number
  key: string
  name: string
  colour: string
}

export interface RiskMethod {
  number: number
  name: string
  likelihood: ScaleLevel[]
  impact: ScaleLevel[]
  levels: RiskLevel[]
  /** grid[l-1][i-1] = rank of the level for likelihood l and impact i */
  grid: number[][]
  appetite_rank: number
  appetite_level?: RiskLevel
  acceptance_role_key: string
  acceptance_validity_months: number
  change_note: string
  created_by?: string
  created_at?: string
}

/** The writable part of a method, as sent to preview and save. */
export type RiskMethodInput = Pick<
  RiskMethod,
  | 'name'
  | 'likelihood'
  | 'impact'
  | 'levels'
  | 'grid'
  | 'appetite_rank'
  | 'acceptance_role_key'
  | 'acceptance_validity_months'
  | 'change_note'
>

export const securityProperties = ['confidentiality', 'integrity', 'availability', 'authenticity'] as const
export type SecurityProperty = (typeof securityProperties)[number]

export type ImpactRatings = Record<SecurityProperty, number>

/** A rating as sent: likelihood and impact per property (0 = property not affected). */
export interface RatingInput {
  likelihood: number
  impact: ImpactRatings
}

/** A rating as received: the highest impact and the resulting level added. */
export interface Rating extends RatingInput {
  impact_level?: number
  level?: RiskLevel
}

export type Treatment = 'undecided' | 'mitigate' | 'accept' | 'avoid' | 'transfer'

export interface RiskAcceptance {
  accepted_by_person_id: string
  accepted_by_name?: string
  accepted_by_role?: string
  accepted_at: string
  expires_on: string
  justification: string
  level_rank: number
  method_number: number
}

export interface RiskFlags {
  residual_above_inherent?: boolean
  above_appetite?: boolean
  needs_acceptance?: boolean
  acceptance_expired?: boolean
  review_overdue?: boolean
  mitigation_without_controls?: boolean
  rated_under_old_method?: boolean
}

export interface Risk {
  id: string
  ref: string
  title: string
  description: string
  asset_ids: string[]
  threat_id: string
  threat_name?: string
  vulnerability_id: string
  vulnerability_name?: string
  owner_id: string | null
  owner_name?: string | null
  method_number: number
  inherent: Rating
  residual: Rating
  treatment: Treatment
  treatment_plan: string
  control_ids: string[]
  acceptance: RiskAcceptance | null
  next_review_on: string | null
  flags: RiskFlags
  archived?: boolean
  archived_at?: string | null
  archive_reason?: string | null
  version: number
  created_at?: string
  updated_at?: string
}

export type RiskSourceKind = 'threat' | 'vulnerability'

export interface RiskSource {
  id: string
  kind: RiskSourceKind
  key?: string
  name: string
  category: string
  description: string
  properties: string[]
  archived?: boolean
  archived_at?: string | null
  version: number
  created_at?: string
  updated_at?: string
}

export type HeatMapBasis = 'residual' | 'inherent'

export interface HeatMapData {
  basis: HeatMapBasis
  method: RiskMethod
  /** counts[l-1][i-1] */
  counts: number[][]
  rated_under_old_methods: number
  total: number
}

export interface TopOwner {
  owner_id: string | null
  owner_name: string | null
  risks: number
  above_appetite: number
  max_residual_level: number | RiskLevel | null
}

export interface RiskSummary {
  inherent: HeatMapData
  residual: HeatMapData
  above_appetite: number
  top_owners: TopOwner[]
  top_risks: Risk[]
}

export interface MethodPreviewChange {
  risk_id: string
  ref: string
  title: string
  inherent: RatingChange
  residual: RatingChange
}

export interface RatingChange {
  likelihood_before: number
  impact_before: number
  level_before: number
  likelihood_after: number
  impact_after: number
  level_after: number
}

export interface MethodPreview {
  current: RiskMethod
  proposed: RiskMethod
  changed_count: number
  unchanged_count: number
  changed: MethodPreviewChange[]
}

// --- Risk cycles ----------------------------------------------------------------------

export interface CycleDecision {
  text: string
  owner_id: string
  due_on: string | null
}

export type ScheduleState = 'none' | 'open' | 'scheduled' | 'due' | 'overdue'

export interface RiskCycle {
  id: string
  title: string
  opened_on: string
  status: 'open' | 'closed'
  closed_at: string | null
  method_number: number
  attendee_ids: string[]
  decisions: CycleDecision[]
  minutes: string
  interval_months: number
  reviewed_count: number
  risk_count: number
  next_due?: string
  schedule_state?: ScheduleState | string
  version: number
  created_at?: string
  updated_at?: string
}

export interface RiskReview {
  cycle_id: string
  risk_id: string
  risk_ref: string
  risk_title: string
  outcome: 'confirmed' | 'changed'
  reviewed_by: string
  reviewed_by_name?: string
  reviewed_at: string
  note: string
  inherent_level_before: number
  residual_level_before: number
  inherent_level_after: number
  residual_level_after: number
}

export interface CycleView {
  cycle: RiskCycle
  reviews: RiskReview[]
}

export interface CycleList {
  items: RiskCycle[]
  schedule: { next_due: string | null; state: ScheduleState | string }
}

export interface SnapshotEntry {
  risk_id: string
  ref: string
  title: string
  owner_name: string
  method_number: number
  inherent_likelihood: number
  inherent_impact: number
  inherent_level: number
  residual_likelihood: number
  residual_impact: number
  residual_level: number
  treatment: string
  archived: boolean
}

export interface CycleComparison {
  added: SnapshotEntry[]
  removed: SnapshotEntry[]
  raised: { before: SnapshotEntry; after: SnapshotEntry }[]
  lowered: { before: SnapshotEntry; after: SnapshotEntry }[]
  unchanged: number
}
