import { describe, expect, it } from 'vitest'
import { actionTone, chainSteps, label } from './chain'
import type { CorrectiveAction, Finding } from './types'

const action = (over: Partial<CorrectiveAction>): CorrectiveAction => ({
  id: 'a1',
  ref: 'CA-0001',
  finding_id: 'f1',
  title: 'Automate deprovisioning',
  root_cause: 'Manual checklist',
  action: '',
  owner_id: 'p2',
  due_on: '2026-04-30',
  status: 'open',
  overdue: false,
  implemented_on: null,
  implementation_note: '',
  verified_on: null,
  verified_by: null,
  effective: null,
  verification_note: '',
  version: 1,
  ...over,
})

const finding = (over: Partial<Finding>): Finding => ({
  id: 'f1',
  ref: 'F-0001',
  source: 'audit',
  source_id: 'a1',
  source_ref: 'AUD-0001',
  source_title: 'Access control audit',
  checklist_index: 1,
  grade: 'minor_nonconformity',
  title: 'Leavers keep access',
  description: '',
  requirement_keys: [],
  owner_id: null,
  status: 'open',
  overdue: false,
  close_note: null,
  closed_at: null,
  actions: [],
  version: 1,
  ...over,
})

describe('audit chain', () => {
  it('labels names', () => {
    expect(label('major_nonconformity')).toBe('Major nonconformity')
  })

  it('shows source, finding and a missing action for an open nonconformity', () => {
    const steps = chainSteps(finding({}))
    expect(steps.map((s) => s.key)).toEqual(['source', 'finding', 'missing'])
    expect(steps[0].detail).toBe('Audit AUD-0001: Access control audit (checklist item 2)')
  })

  it('follows each action to its verification and the close', () => {
    const steps = chainSteps(
      finding({
        status: 'closed',
        close_note: 'Closed by the effective verification of CA-0002',
        actions: [
          action({ status: 'ineffective', implemented_on: '2026-04-01', verified_on: '2026-04-10' }),
          action({ id: 'a2', ref: 'CA-0002', status: 'verified', implemented_on: '2026-04-20', verified_on: '2026-05-01' }),
        ],
      }),
    )
    expect(steps.map((s) => s.key)).toEqual(['source', 'finding', 'a1', 'a2', 'closed'])
    expect(steps[2].tone).toBe('bad')
    expect(steps[3].detail).toContain('verified effective')
    expect(steps[4].tone).toBe('ok')
  })

  it('marks overdue actions', () => {
    expect(actionTone(action({ overdue: true }))).toBe('bad')
    expect(actionTone(action({ status: 'implemented' }))).toBe('warn')
    expect(chainSteps(finding({ source: 'self_assessment', checklist_index: null, actions: [action({ overdue: true })] }))[2].detail).toContain('(overdue)')
  })
})

describe('audit list queries', async () => {
  const { findingsQuery } = await import('./FindingsPage')
  const { actionsQuery } = await import('./CorrectiveActionsPage')
  it('builds the filters', () => {
    expect(findingsQuery({ status: 'open', grade: '', source: 'audit', overdue: true })).toBe('/api/v1/findings?status=open&source=audit&overdue=true')
    expect(findingsQuery({ status: '', grade: '', source: '', overdue: false })).toBe('/api/v1/findings')
    expect(actionsQuery(true, true, 'open,implemented')).toBe('/api/v1/corrective-actions?owner=me&overdue=true&status=open%2Cimplemented')
  })
})
