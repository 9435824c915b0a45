// Pure helpers of the exception and review pages: badge tones, who may do what with an
// exception (the server decides; these only choose which buttons to show), and the request
// body built from the form's text fields.
import type { ExceptionState, PolicyException, ReviewItem } from './types'

export type Tone = 'ok' | 'warn' | 'bad' | undefined

export function stateTone(state: ExceptionState): Tone {
  switch (state) {
    case 'active':
      return 'ok'
    case 'expiring':
    case 'requested':
      return 'warn'
    case 'expired':
    case 'rejected':
    case 'revoked':
      return 'bad'
    default:
      return undefined
  }
}

export function stateLabel(e: Pick<PolicyException, 'state' | 'days_left'>): string {
  if (e.state === 'expiring' && e.days_left !== null) {
    return e.days_left === 0 ? 'expiring today' : `expiring in ${e.days_left} day${e.days_left === 1 ? '' : 's'}`
  }
  return e.state
}

export interface Abilities {
  approve: boolean
  reject: boolean
  revoke: boolean
  withdraw: boolean
  renew: boolean
  edit: boolean
}

/** What the caller may try: approvers decide others' requests, requesters withdraw or renew their own. */
export function abilities(e: PolicyException, personId: string, can: (p: string) => boolean): Abilities {
  const own = e.requester_id === personId
  const approver = can('exceptions:approve')
  const requester = can('exceptions:request')
  const requested = e.status === 'requested'
  const approved = e.status === 'approved'
  const renewalPending = e.renewed_by_id !== null
  return {
    approve: requested && approver && !own,
    reject: requested && approver && !own,
    revoke: approved && approver,
    withdraw: requested && own && requester,
    renew: approved && requester && (own || can('exceptions:read')) && !renewalPending,
    edit: requested && own && requester,
  }
}

/** "a, b,,c " -> ["a","b","c"] */
export function splitIds(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

export interface RequestForm {
  title: string
  reason: string
  documentId: string
  section: string
  controlIds: string
  requirementKeys: string
  assetIds: string
  compensatingIds: string
  compensatingText: string
  riskId: string
  riskStatement: string
  expiresOn: string
}

export const emptyRequest: RequestForm = {
  title: '',
  reason: '',
  documentId: '',
  section: '',
  controlIds: '',
  requirementKeys: '',
  assetIds: '',
  compensatingIds: '',
  compensatingText: '',
  riskId: '',
  riskStatement: '',
  expiresOn: '',
}

export function requestBody(f: RequestForm): Record<string, unknown> {
  const body: Record<string, unknown> = {
    title: f.title,
    reason: f.reason,
    scope: {
      document_id: f.documentId.trim() === '' ? null : f.documentId.trim(),
      section: f.section,
      control_ids: splitIds(f.controlIds),
      requirement_keys: splitIds(f.requirementKeys),
      asset_ids: splitIds(f.assetIds),
    },
    compensating_controls: { control_ids: splitIds(f.compensatingIds), text: f.compensatingText },
    risk: { risk_id: f.riskId.trim() === '' ? null : f.riskId.trim(), statement: f.riskStatement },
  }
  if (f.expiresOn !== '') body.requested_expires_on = f.expiresOn
  return body
}

/** Review items that "mark reviewed" can complete (evidence and the SoA need other steps). */
export function completable(item: ReviewItem): boolean {
  return item.object_type !== 'evidence' && item.object_type !== 'soa'
}

export function reviewActionLabel(item: ReviewItem): string {
  switch (item.object_type) {
    case 'exception':
      return 'Request renewal'
    case 'control':
      return 'Record check'
    case 'evidence':
      return 'Add new evidence'
    case 'soa':
      return 'Approve the SoA'
    default:
      return 'Mark reviewed'
  }
}
