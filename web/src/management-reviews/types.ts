// Wire types of docs/api.md "Management reviews".
export type ReviewStatus = 'planned' | 'held' | 'approved'
export type DecisionCategory = 'continual_improvement' | 'isms_change' | 'resource_needs'

export interface InputFact {
  label: string
  value: string
}
export interface InputTable {
  title: string
  columns: string[]
  rows: string[][]
}
export interface ReviewInput {
  key: string
  clause: string
  heading: string
  facts: InputFact[]
  tables: InputTable[]
  notes: string[]
  comment: string
}
export interface ReviewDecision {
  text: string
  category: DecisionCategory
}
export interface ReviewAction {
  title: string
  owner_id: string
  due_on: string
  status: 'open' | 'done'
  finding_id?: string
  finding_ref?: string
  overdue?: boolean
}
export interface ManagementReview {
  id: string
  ref: string
  title: string
  planned_on: string
  chair_id: string
  status: ReviewStatus
  held_on: string
  attendee_ids: string[]
  guests: string[]
  decisions: ReviewDecision[]
  actions: ReviewAction[]
  minutes: string
  inputs?: ReviewInput[]
  inputs_assembled_at: string
  inputs_since: string
  previous_review_id: string
  approved_by: string
  approved_by_name: string
  approved_at: string
  version: number
  created_at: string
  updated_at: string
  persons?: Record<string, string>
}
export interface ReviewList {
  items: ManagementReview[]
}
