import { describe, expect, it } from 'vitest'
import type { ApiToken } from '../api/types'
import { groupPermissions, isFuture, localInputToRfc3339, rfc3339ToLocalInput, tokenStatus } from './format'

describe('access formatting', () => {
  it('groups permissions by area in first-seen order', () => {
    expect(groupPermissions(['assets:read', 'users:manage', 'assets:write', 'assets:read', 'confidential:read'])).toEqual([
      { area: 'assets', permissions: ['assets:read', 'assets:write'] },
      { area: 'users', permissions: ['users:manage'] },
      { area: 'confidential', permissions: ['confidential:read'] },
    ])
    expect(groupPermissions([])).toEqual([])
  })

  it('round-trips datetime-local values through RFC 3339 UTC', () => {
    const rfc = localInputToRfc3339('2026-11-28T07:30')
    expect(rfc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/)
    expect(rfc3339ToLocalInput(rfc)).toBe('2026-11-28T07:30')
    expect(localInputToRfc3339('')).toBeNull()
    expect(localInputToRfc3339('tomorrow')).toBeUndefined()
    expect(rfc3339ToLocalInput(null)).toBe('')
  })

  it('tells active, revoked and expired tokens apart', () => {
    const now = new Date('2026-06-01T00:00:00Z')
    const base: ApiToken = {
      id: 't',
      user_id: 'u',
      name: 'n',
      scope: 'read',
      registers: [],
      created_at: '2026-01-01T00:00:00Z',
      expires_at: '2026-12-01T00:00:00Z',
      revoked_at: null,
      last_used_at: null,
      active: true,
    }
    expect(tokenStatus(base, now)).toBe('active')
    expect(tokenStatus({ ...base, revoked_at: '2026-02-01T00:00:00Z', active: false }, now)).toBe('revoked')
    expect(tokenStatus({ ...base, expires_at: '2026-05-01T00:00:00Z', active: false }, now)).toBe('expired')
    expect(isFuture('2026-06-02T00:00:00Z', now)).toBe(true)
    expect(isFuture(null, now)).toBe(false)
  })
})
