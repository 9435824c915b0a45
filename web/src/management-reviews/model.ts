// Pure helpers of the management review pages: paths, labels, which steps a user may take
// in which status, and the PATCH body of the record form.
import type { DecisionCategory, ManagementReview, ReviewAction, ReviewDecision, ReviewStatus } from './types'

export const reviewsApi = '/api/v1/management-reviews'
export const reviewApi = (id: string) => `${reviewsApi}/${encodeURIComponent(id)}`
export const reviewRoute = (id: string) => `/management-reviews/${encodeURIComponent(id)}`
export const minutesHref = (id: string) => `${reviewApi(id)}/minutes.pdf`

export const categoryLabels: Record<DecisionCategory, string> = {
  continual_improvement: 'Continual improvement',
  isms_change: 'Changes to the ISMS',
  resource_needs: 'Resource needs',
}

export const statusTone = (s: ReviewStatus): 'ok' | 'warn' | undefined => (s === 'approved' ? 'ok' : s === 'held' ? 'warn' : undefined)

export interface Steps {
  edit: boolean // the record and comments
  refresh: boolean // re-assemble inputs
  hold: boolean
  approve: boolean
  actionStatus: boolean // mark actions done/open
}

/** What `can` (permission check) allows on a review in its status. */
export function reviewSteps(review: Pick<ManagementReview, 'status'>, can: (permission: string) => boolean): Steps {
  const write = can('reviews:write')
  return {
    edit: write && review.status !== 'approved',
    refresh: write && review.status === 'planned',
    hold: write && review.status === 'planned',
    approve: can('reviews:approve') && review.status === 'held',
    actionStatus: write,
  }
}

/** "Approved by Jane Doe on 2026-12-03" / "Not approved yet", as in the minutes. */
export function approvalLine(review: Pick<ManagementReview, 'status' | 'approved_by_name' | 'approved_at'>): string {
  if (review.status !== 'approved') return 'Not approved yet'
  return `Approved by ${review.approved_by_name} on ${review.approved_at.slice(0, 10)}`
}

export interface RecordForm {
  title: string
  attendee_ids: string[]
  guests: string
  decisions: ReviewDecision[]
  actions: ReviewAction[]
  minutes: string
  comments: Record<string, string>
}

export function formFromReview(r: ManagementReview): RecordForm {
  const comments: Record<string, string> = {}
  for (const i of r.inputs ?? []) comments[i.key] = i.comment
  return {
    title: r.title,
    attendee_ids: r.attendee_ids,
    guests: r.guests.join('\n'),
    decisions: r.decisions,
    actions: r.actions,
    minutes: r.minutes,
    comments,
  }
}

/** The PATCH body: guests one a line (blank lines dropped), actions without read-only members. */
export function patchBody(form: RecordForm, version: number): Record<string, unknown> {
  return {
    version,
    title: form.title,
    attendee_ids: form.attendee_ids,
    guests: form.guests
      .split('\n')
      .map((g) => g.trim())
      .filter((g) => g !== ''),
    decisions: form.decisions.map((d) => ({ text: d.text, category: d.category })),
    actions: form.actions.map((a) => ({ title: a.title, owner_id: a.owner_id, due_on: a.due_on, status: a.status })),
    minutes: form.minutes,
    comments: form.comments,
  }
}
