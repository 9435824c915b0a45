// Wire forms of docs/api.md "Objectives and indicators" (src/service/objective_wire.cc).
// Decimals are strings ("99.95"): exact on the wire, parsed to numbers only for drawing.

export type Direction = 'higher_is_better' | 'lower_is_better' | 'target_range'
export type Frequency = 'monthly' | 'quarterly' | 'yearly'

export interface Measurement {
  id: string
  indicator_id: string
  value: string
  measured_on: string
  period: string
  note: string
  recorded_by: string | null
  recorded_by_name: string
  on_target: boolean | null
  supersedes: string | null
  superseded_by: string | null
  superseded: boolean
  created_at: string
}

export interface Indicator {
  id: string
  ref: string
  objective_id: string
  name: string
  description: string
  unit: string
  direction: Direction
  target: string | [string, string] | null
  baseline: string | null
  frequency: Frequency
  owner_id: string | null
  status: 'active' | 'retired'
  created_on: string
  last_measured_on: string | null
  next_due_on: string
  measurement_overdue: boolean
  version: number
  latest: Measurement | null
  on_target: boolean | null
  trend: string[]
  trend_state: 'improving' | 'worsening' | 'steady' | null
}

export interface IndicatorView extends Indicator {
  objective_ref: string
  objective_title: string
  owner_name: string | null
  measurements: Measurement[]
}

export interface ObjectiveReview {
  on: string
  by: string
  by_name: string
  note: string
  outcome: 'kept' | 'changed'
}

export interface Objective {
  id: string
  ref: string
  title: string
  description: string
  policy_section: string
  default_key: string | null
  owner_id: string | null
  owner_name: string | null
  status: 'active' | 'achieved' | 'withdrawn'
  review_interval_months: number
  next_review_on: string
  last_reviewed_on: string | null
  review_overdue: boolean
  reviews: ObjectiveReview[]
  version: number
  indicators: Indicator[]
}

export interface ObjectiveList {
  items: Objective[]
}
