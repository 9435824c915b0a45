import { describe, expect, it } from 'vitest'
import { stepBody, workflowActions, workflowErrorTitle } from './workflow'

const actions = (status: string, canWrite: boolean, canApprove: boolean, archived = false) =>
  workflowActions({ status, canWrite, canApprove, archived })

describe('workflow buttons', () => {
  it('follows the version status and the reader’s rights', () => {
    expect(actions('draft', true, false)).toEqual(['edit', 'submit', 'archive'])
    expect(actions('draft', false, true)).toEqual([])
    expect(actions('in_review', true, false)).toEqual(['return', 'archive'])
    expect(actions('in_review', false, true)).toEqual(['approve'])
    expect(actions('in_review', true, true)).toEqual(['approve', 'return', 'archive'])
    expect(actions('approved', true, false)).toEqual(['publish', 'archive'])
    expect(actions('approved', false, true)).toEqual([])
    expect(actions('published', true, true)).toEqual(['new_version', 'archive'])
    expect(actions('superseded', true, false)).toEqual(['new_version', 'archive'])
    expect(actions('published', false, false)).toEqual([])
  })

  it('offers nothing on archived documents', () => {
    expect(actions('draft', true, true, true)).toEqual([])
  })

  it('sends the open version with every step, a comment with return, a reason with archive, nothing with new version', () => {
    const view = { latest: { version: 7 } } as Parameters<typeof stepBody>[1]
    expect(stepBody('submit', view, '')).toEqual({ version: 7 })
    expect(stepBody('new_version', view, '')).toEqual({})
    expect(stepBody('return', view, 'fix 3.2')).toEqual({ version: 7, comment: 'fix 3.2' })
    expect(stepBody('archive', view, 'replaced')).toEqual({ reason: 'replaced' })
  })

  it('says what a refusal means', () => {
    expect(workflowErrorTitle(409, 'approve')).toMatch(/changed meanwhile or is not in the right state/)
    expect(workflowErrorTitle(403, 'approve')).toBe('Approve is not allowed for you.')
    expect(workflowErrorTitle(500, 'publish')).toBe('Publish failed')
  })
})
