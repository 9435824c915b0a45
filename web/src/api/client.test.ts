import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  api,
  ApiError,
  errorFromResponse,
  parseRetryAfter,
  setCsrfToken,
  setUnauthenticatedHandler,
  withQuery,
} from './client'

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken(undefined)
  setUnauthenticatedHandler(undefined)
})

function captureFetch(status = 200, body = '{"ok":true}') {
  const fetchMock = vi.fn(async () => new Response(body, { status }))
  vi.stubGlobal('fetch', fetchMock)
  return () => fetchMock.mock.calls as unknown as [string, RequestInit][]
}

function respond(status: number, body: string, headers: Record<string, string> = {}) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers })))
}

describe('api client', () => {
  it('turns the error body into an ApiError with details and request id', async () => {
    respond(
      422,
      JSON.stringify({
        error: {
          code: 'invalid',
          message: 'name: must not be empty',
          field: 'name',
          details: [{ field: 'name', message: 'must not be empty' }],
          request_id: 'r-1',
        },
      }),
    )
    const error = await api('/api/v1/assets', { method: 'POST', body: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 422, code: 'invalid', field: 'name', requestId: 'r-1' })
    expect((error as ApiError).details).toEqual([{ field: 'name', message: 'must not be empty' }])
  })

  it('keeps the header request id when the body is not an error body', () => {
    const e = errorFromResponse(502, null, 'hdr-7')
    expect(e).toMatchObject({ status: 502, code: 'internal', requestId: 'hdr-7' })
  })

  it('sends JSON with a content type only when there is a body', async () => {
    const fetchMock = vi.fn(async () => new Response('{"ok":true}', { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    await api('/a', { method: 'POST', body: { x: 1 } })
    await api('/b')
    const calls = fetchMock.mock.calls as unknown as [string, RequestInit][]
    expect(calls[0][1].headers).toMatchObject({ 'Content-Type': 'application/json' })
    expect(calls[0][1].body).toBe('{"x":1}')
    expect(calls[1][1].headers).not.toHaveProperty('Content-Type')
  })

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await expect(api('/x')).rejects.toMatchObject({ code: 'network', status: 0 })
  })

  it('sends the session cookie with every request', async () => {
    const calls = captureFetch()
    await api('/a')
    await api('/b', { method: 'POST', body: {} })
    expect(calls().map(([, init]) => init.credentials)).toEqual(['same-origin', 'same-origin'])
  })

  it('sends X-CSRF-Token on state-changing requests only', async () => {
    const calls = captureFetch()
    setCsrfToken('csrf-1')
    await api('/r')
    await api('/w', { method: 'POST', body: {} })
    await api('/w', { method: 'PATCH', body: {} })
    await api('/w', { method: 'PUT', body: {} })
    await api('/w', { method: 'DELETE' })
    const [get, ...writes] = calls()
    expect(get[1].headers).not.toHaveProperty('X-CSRF-Token')
    for (const [, init] of writes) expect(init.headers).toMatchObject({ 'X-CSRF-Token': 'csrf-1' })
    expect(writes.map(([, init]) => init.method)).toEqual(['POST', 'PATCH', 'PUT', 'DELETE'])
  })

  it('uses the newest CSRF token and sends none without a session', async () => {
    const calls = captureFetch()
    await api('/login', { method: 'POST', body: {} })
    setCsrfToken('old')
    setCsrfToken('new')
    await api('/w', { method: 'POST', body: {} })
    expect(calls()[0][1].headers).not.toHaveProperty('X-CSRF-Token')
    expect(calls()[1][1].headers).toMatchObject({ 'X-CSRF-Token': 'new' })
  })

  it('calls the unauthenticated handler on a 401, and still rejects', async () => {
    respond(401, JSON.stringify({ error: { code: 'unauthenticated', message: 'not signed in' } }))
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    await expect(api('/api/v1/assets')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' })
    expect(handler).toHaveBeenCalledTimes(1)
    expect(handler.mock.calls[0][0]).toBeInstanceOf(ApiError)
  })

  it('leaves a 401 to the caller when authRedirect is false (wrong password, wrong code)', async () => {
    respond(401, JSON.stringify({ error: { code: 'unauthenticated', message: 'wrong username or password' } }))
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    await expect(api('/api/v1/auth/login', { method: 'POST', body: {}, authRedirect: false })).rejects.toMatchObject({
      status: 401,
    })
    expect(handler).not.toHaveBeenCalled()
  })

  it('does not call the unauthenticated handler for other errors', async () => {
    respond(403, JSON.stringify({ error: { code: 'forbidden', message: 'no' } }))
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    await expect(api('/x')).rejects.toMatchObject({ status: 403 })
    expect(handler).not.toHaveBeenCalled()
  })

  it('carries Retry-After of a 429', async () => {
    respond(429, JSON.stringify({ error: { code: 'rate_limited', message: 'too many failed logins' } }), {
      'Retry-After': '42',
    })
    await expect(api('/api/v1/auth/login', { method: 'POST', body: {}, authRedirect: false })).rejects.toMatchObject({
      status: 429,
      retryAfter: 42,
    })
    expect(parseRetryAfter(null)).toBeUndefined()
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT')).toBeUndefined()
    expect(parseRetryAfter(' 7 ')).toBe(7)
  })

  it('withQuery skips empty values', () => {
    expect(withQuery('/l', { a: 1, b: '', c: undefined })).toBe('/l?a=1')
    expect(withQuery('/l?x=1', { a: 'y z' })).toBe('/l?x=1&a=y+z')
  })
})
