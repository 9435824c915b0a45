// Which workflow steps a document offers, from its latest version's status and what the
// server says the reader may do (can_write, can_approve):
//   draft --submit--> in_review --approve--> approved --publish--> published
//   in_review --return--> draft;  published/superseded --new version--> draft
// Steps send {"version": latest.version}; archive sends {"reason"}; new version {}.
import type { DocumentView, VersionStatus } from '../api/types'

export type WorkflowAction = 'edit' | 'submit' | 'return' | 'approve' | 'publish' | 'new_version' | 'archive'

export interface WorkflowInput {
  status: VersionStatus | string
  canWrite: boolean
  canApprove: boolean
  archived: boolean
}

export function workflowActions({ status, canWrite, canApprove, archived }: WorkflowInput): WorkflowAction[] {
  if (archived) return []
  const out: WorkflowAction[] = []
  switch (status) {
    case 'draft':
      if (canWrite) out.push('edit', 'submit')
      break
    case 'in_review':
      if (canApprove) out.push('approve')
      // POST /return needs documents:write (the server's route rule)
      if (canWrite) out.push('return')
      break
    case 'approved':
      if (canWrite) out.push('publish')
      break
    case 'published':
    case 'superseded':
      if (canWrite) out.push('new_version')
      break
  }
  if (canWrite) out.push('archive')
  return out
}

export const actionLabels: Record<WorkflowAction, string> = {
  edit: 'Edit draft',
  submit: 'Submit for review',
  return: 'Return to draft',
  approve: 'Approve',
  publish: 'Publish',
  new_version: 'New version',
  archive: 'Archive',
}

/** API path segment of a step (POST /api/v1/documents/{id}/<segment>). */
export const actionPaths: Partial<Record<WorkflowAction, string>> = {
  submit: 'submit',
  return: 'return',
  approve: 'approve',
  publish: 'publish',
  new_version: 'new-version',
  archive: 'archive',
}

export const statusLabels: Record<string, string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  published: 'Published',
  superseded: 'Superseded',
}

export function statusLabel(status: string | undefined | null): string {
  if (!status) return '—'
  return statusLabels[status] ?? status
}

export function statusTone(status: string | undefined | null): 'ok' | 'warn' | 'bad' | undefined {
  switch (status) {
    case 'published':
      return 'ok'
    case 'in_review':
    case 'approved':
      return 'warn'
    default:
      return undefined
  }
}

export const kindLabels: Record<string, string> = {
  policy: 'Policy',
  standard: 'Standard',
  procedure: 'Procedure',
}

export function kindLabel(kind: string | undefined | null): string {
  if (!kind) return '—'
  return kindLabels[kind] ?? kind
}

export const classificationLabels: Record<string, string> = {
  public: 'Public',
  internal: 'Internal',
  confidential: 'Confidential',
  customer_data: 'Customer data',
}

export function classificationLabel(c: string | undefined | null): string {
  if (!c) return '—'
  return classificationLabels[c] ?? c
}

/** What an ApiError of a workflow step means for the reader. */
export function workflowErrorTitle(status: number, action: WorkflowAction): string {
  if (status === 409)
    return `${actionLabels[action]} was refused: the document changed meanwhile or is not in the right state. Reload to see its current state.`
  if (status === 403) return `${actionLabels[action]} is not allowed for you.`
  return `${actionLabels[action]} failed`
}

/**
 * Body of a workflow step: the open version's row version; return adds the comment,
 * archive sends the reason; a new version is opened from the published one and takes an
 * empty body (the server refuses fields it does not read).
 */
export function stepBody(action: WorkflowAction, view: Pick<DocumentView, 'latest'>, text: string): Record<string, unknown> {
  if (action === 'archive') return { reason: text }
  if (action === 'new_version') return {}
  if (action === 'return') return { version: view.latest.version, comment: text }
  return { version: view.latest.version }
}
