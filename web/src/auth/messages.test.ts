import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError } from '../api/client'
import { groupSecret, svgDataUrl } from './enrolment'
import { signInErrorText } from './messages'
import { setAuthStatus } from './store'

describe('sign-in messages', () => {
  it('shows the API message of a wrong password or code', () => {
    const e = new ApiError({ status: 401, code: 'unauthenticated', message: 'wrong username or password' })
    expect(signInErrorText(e)).toBe('wrong username or password')
  })

  it('says how long to wait after too many failures (Retry-After)', () => {
    const e = new ApiError({ status: 429, code: 'rate_limited', message: 'too many failed logins', retryAfter: 60 })
    expect(signInErrorText(e)).toBe('too many failed logins. Try again in 60 seconds.')
    const one = new ApiError({ status: 429, code: 'rate_limited', message: 'Locked.', retryAfter: 1 })
    expect(signInErrorText(one)).toBe('Locked. Try again in 1 second.')
    const noHeader = new ApiError({ status: 429, code: 'rate_limited', message: 'try again in 30 seconds' })
    expect(signInErrorText(noHeader)).toBe('try again in 30 seconds')
  })

  it('leaves other failures to the error box', () => {
    expect(signInErrorText(new ApiError({ status: 0, code: 'network', message: 'down' }))).toBeUndefined()
    expect(signInErrorText(new Error('x'))).toBeUndefined()
  })
})

describe('MFA enrolment display', () => {
  it('puts the server SVG into an image data URL, never into the DOM', () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true)
    expect(url).not.toContain('<')
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toContain('<rect/>')
  })

  it('groups the secret for reading', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP')
    expect(groupSecret('ABCDE')).toBe('ABCD E')
  })
})

describe('auth store', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('keeps the API client on the current session CSRF token', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }))
    vi.stubGlobal('fetch', fetchMock)
    const sentToken = async () => {
      await api('/api/v1/x', { method: 'POST', body: {} })
      const calls = fetchMock.mock.calls as unknown as [string, RequestInit][]
      return (calls[calls.length - 1][1].headers as Record<string, string>)['X-CSRF-Token']
    }
    setAuthStatus({
      kind: 'session',
      session: {
        state: 'active',
        csrf_token: 't-1',
        user: { id: 'u', username: 'u', person_id: 'p', person_name: 'P' },
        roles: [],
        permissions: [],
        mfa_enabled: false,
      },
    })
    expect(await sentToken()).toBe('t-1')
    setAuthStatus({ kind: 'signed_out' })
    expect(await sentToken()).toBeUndefined()
  })
})
