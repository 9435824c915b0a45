import { describe, expect, it } from 'vitest'
import { abilities, completable, requestBody, emptyRequest, splitIds, stateLabel, stateTone, reviewActionLabel } from './model'
import type { PolicyException, ReviewItem } from './types'

const ex = (over: Partial<PolicyException> = {}): PolicyException => ({
  id: 'x1',
  ref: 'EX-0001',
  status: 'requested',
  state: 'requested',
  days_left: null,
  requester_id: 'p-emp',
  requester_name: 'Emma',
  title: 'Legacy VPN',
  reason: 'Vendor',
  scope: { document_id: null, section: '5.2', control_ids: [], requirement_keys: [], asset_ids: [] },
  compensating_controls: { control_ids: [], text: '' },
  risk: { risk_id: null, statement: '' },
  requested_expires_on: null,
  expires_on: null,
  approver_id: null,
  approver_name: '',
  decided_at: null,
  decision_note: '',
  withdrawn_at: null,
  revoked_at: null,
  revoked_by: null,
  revoke_note: '',
  renews_id: null,
  renewed_by_id: null,
  version: 1,
  created_at: '',
  updated_at: '',
  ...over,
})

const perms = (...held: string[]) => (p: string) => held.includes(p)

describe('exception helpers', () => {
  it('nobody decides their own request', () => {
    const own = abilities(ex(), 'p-emp', perms('exceptions:approve', 'exceptions:request'))
    expect(own.approve).toBe(false)
    expect(own.withdraw).toBe(true)
    const other = abilities(ex(), 'p-ciso', perms('exceptions:approve', 'exceptions:read'))
    expect(other.approve).toBe(true)
    expect(other.withdraw).toBe(false)
    expect(abilities(ex(), 'p-x', perms('exceptions:request')).approve).toBe(false)
  })

  it('approved ones are revoked by approvers and renewed once', () => {
    const approved = ex({ status: 'approved', state: 'expiring', days_left: 3 })
    expect(abilities(approved, 'p-emp', perms('exceptions:request')).renew).toBe(true)
    expect(abilities(approved, 'p-emp', perms('exceptions:request')).revoke).toBe(false)
    expect(abilities({ ...approved, renewed_by_id: 'x2' }, 'p-emp', perms('exceptions:request')).renew).toBe(false)
    expect(abilities(approved, 'p-ciso', perms('exceptions:approve')).revoke).toBe(true)
  })

  it('labels and tones', () => {
    expect(stateLabel({ state: 'expiring', days_left: 3 })).toBe('expiring in 3 days')
    expect(stateLabel({ state: 'expiring', days_left: 1 })).toBe('expiring in 1 day')
    expect(stateLabel({ state: 'expiring', days_left: 0 })).toBe('expiring today')
    expect(stateLabel({ state: 'active', days_left: 90 })).toBe('active')
    expect(stateTone('active')).toBe('ok')
    expect(stateTone('expired')).toBe('bad')
    expect(stateTone('withdrawn')).toBeUndefined()
  })

  it('builds the request body from the form', () => {
    expect(splitIds(' a, b,,c ')).toEqual(['a', 'b', 'c'])
    const body = requestBody({ ...emptyRequest, title: 'T', reason: 'R', assetIds: 'a1 a2', riskStatement: 'S', expiresOn: '2026-12-31' })
    expect(body).toEqual({
      title: 'T',
      reason: 'R',
      scope: { document_id: null, section: '', control_ids: [], requirement_keys: [], asset_ids: ['a1', 'a2'] },
      compensating_controls: { control_ids: [], text: '' },
      risk: { risk_id: null, statement: 'S' },
      requested_expires_on: '2026-12-31',
    })
    expect('requested_expires_on' in requestBody(emptyRequest)).toBe(false)
  })

  it('review actions by object type', () => {
    const item = (object_type: ReviewItem['object_type']): ReviewItem => ({
      source: 'review_due', object_type, object_id: 'o', ref: '', title: '', owner_id: '', owner_name: '', due_on: '2026-01-01', state: 'due', link: '',
    })
    expect(completable(item('risk'))).toBe(true)
    expect(completable(item('evidence'))).toBe(false)
    expect(completable(item('soa'))).toBe(false)
    expect(reviewActionLabel(item('exception'))).toBe('Request renewal')
    expect(reviewActionLabel(item('document'))).toBe('Mark reviewed')
  })
})
