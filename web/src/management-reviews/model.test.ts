import { describe, expect, it } from 'vitest'
import { approvalLine, formFromReview, patchBody, reviewSteps } from './model'
import type { ManagementReview } from './types'

const review: ManagementReview = {
  id: 'r1',
  ref: 'MR-0001',
  title: 'Management review 2026',
  planned_on: '2026-12-01',
  chair_id: 'p1',
  status: 'planned',
  held_on: '',
  attendee_ids: ['p1'],
  guests: ['Auditor', 'Consultant'],
  decisions: [{ text: 'Hire', category: 'resource_needs' }],
  actions: [{ title: 'Test restores', owner_id: 'p2', due_on: '2027-01-31', status: 'open', finding_id: '', finding_ref: '', overdue: false }],
  minutes: '',
  inputs: [{ key: 'b', clause: '9.3.2 b)', heading: 'Changes', facts: [], tables: [], notes: [], comment: 'NIS2' }],
  inputs_assembled_at: '',
  inputs_since: '',
  previous_review_id: '',
  approved_by: '',
  approved_by_name: '',
  approved_at: '',
  version: 3,
  created_at: '',
  updated_at: '',
}

describe('reviewSteps', () => {
  const ciso = (p: string) => p !== 'reviews:approve'
  const ceo = (p: string) => p === 'reviews:read' || p === 'reviews:approve'
  it('lets writers refresh and hold a planned review, not approve it', () => {
    expect(reviewSteps(review, ciso)).toEqual({ edit: true, refresh: true, hold: true, approve: false, actionStatus: true })
  })
  it('lets only approvers approve a held review', () => {
    expect(reviewSteps({ status: 'held' }, ciso).approve).toBe(false)
    expect(reviewSteps({ status: 'held' }, ceo)).toEqual({ edit: false, refresh: false, hold: false, approve: true, actionStatus: false })
  })
  it('freezes an approved review except for action status', () => {
    expect(reviewSteps({ status: 'approved' }, ciso)).toEqual({ edit: false, refresh: false, hold: false, approve: false, actionStatus: true })
  })
})

describe('approvalLine', () => {
  it('names the approver and the day', () => {
    expect(approvalLine({ status: 'approved', approved_by_name: 'Jane Doe', approved_at: '2026-12-03T09:30:00.000000Z' })).toBe('Approved by Jane Doe on 2026-12-03')
    expect(approvalLine({ status: 'held', approved_by_name: '', approved_at: '' })).toBe('Not approved yet')
  })
})

describe('patchBody', () => {
  it('sends guests one a line and no read-only action members', () => {
    const form = formFromReview(review)
    expect(form.comments).toEqual({ b: 'NIS2' })
    form.guests = 'Auditor\n\n  Lawyer  '
    const body = patchBody(form, review.version)
    expect(body.guests).toEqual(['Auditor', 'Lawyer'])
    expect(body.version).toBe(3)
    expect(body.actions).toEqual([{ title: 'Test restores', owner_id: 'p2', due_on: '2027-01-31', status: 'open' }])
  })
})
