import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, errorFromResponse, withQuery } from './client'

afterEach(() => vi.unstubAllGlobals())

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

  it('withQuery skips empty values', () => {
    expect(withQuery('/l', { a: 1, b: '', c: undefined })).toBe('/l?a=1')
    expect(withQuery('/l?x=1', { a: 'y z' })).toBe('/l?x=1&a=y+z')
  })
})
