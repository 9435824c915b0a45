// The one way the UI talks to the server: same-origin relative URLs, JSON in and out, and
// every failure turned into an ApiError that carries what a user (or a bug report) needs:
// HTTP status, error code, message, field details and the request id.
//
// Authentication: the session cookie goes with every request (credentials same-origin);
// state-changing requests carry the session's CSRF token in X-CSRF-Token (setCsrfToken,
// kept current by the auth store); a 401 calls the handler the auth store registered
// (setUnauthenticatedHandler), which sends the user to the login page.
import type { ErrorBody, FieldErrorDetail } from './types'

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  readonly details: FieldErrorDetail[]
  readonly requestId?: string
  /** seconds from a Retry-After header (429) */
  readonly retryAfter?: number

  constructor(init: {
    status: number
    code: string
    message: string
    field?: string
    details?: FieldErrorDetail[]
    requestId?: string
    retryAfter?: number
  }) {
    super(init.message)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.field = init.field
    this.details = init.details ?? []
    this.requestId = init.requestId
    this.retryAfter = init.retryAfter
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false
  const err = (value as { error?: unknown }).error
  return typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string'
}

/** Builds an ApiError from a non-2xx response body (parsed JSON, or null when not JSON). */
export function errorFromResponse(
  status: number,
  body: unknown,
  headerRequestId: string | null,
  extra: { retryAfter?: number } = {},
): ApiError {
  const retryAfter = extra.retryAfter
  if (isErrorBody(body)) {
    const e = body.error
    return new ApiError({
      status,
      code: e.code || 'unknown',
      message: e.message,
      field: e.field,
      details: Array.isArray(e.details) ? e.details : [],
      requestId: e.request_id ?? headerRequestId ?? undefined,
      retryAfter,
    })
  }
  // A proxy error page or an empty body: still say what happened and keep the request id.
  return new ApiError({
    status,
    code: status >= 500 ? 'internal' : 'unknown',
    message: `The server answered HTTP ${status} without an error description.`,
    requestId: headerRequestId ?? undefined,
    retryAfter,
  })
}

/** Seconds of a Retry-After header (delta-seconds form only); undefined when absent or odd. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined
  return Number.parseInt(value, 10)
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

export interface RequestOptions {
  method?: Method
  body?: unknown
  signal?: AbortSignal
  /**
   * false: a 401 is the caller's to show (wrong password at login, wrong MFA code) and does
   * not send the user to the login page. Default true.
   */
  authRedirect?: boolean
}

let csrfToken: string | undefined
let unauthenticatedHandler: ((error: ApiError) => void) | undefined

/** The current session's CSRF token, sent on every state-changing request. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token === '' ? undefined : token
}

/** Called on a 401 (unless the request opted out with authRedirect: false). */
export function setUnauthenticatedHandler(handler: ((error: ApiError) => void) | undefined): void {
  unauthenticatedHandler = handler
}

export function isStateChanging(method: Method): boolean {
  return method !== 'GET'
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { Accept: 'application/json' }
  let body: string | undefined
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (isStateChanging(method) && csrfToken !== undefined) headers['X-CSRF-Token'] = csrfToken
  let response: Response
  try {
    response = await fetch(path, { method, headers, body, signal: options.signal, credentials: 'same-origin' })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError({
      status: 0,
      code: 'network',
      message: 'Could not reach the isms server. Check that it is running and try again.',
    })
  }
  const text = await response.text()
  let parsed: unknown = null
  if (text !== '') {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = null
    }
  }
  if (!response.ok) {
    const error = errorFromResponse(response.status, parsed, response.headers.get('X-Request-Id'), {
      retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
    })
    if (response.status === 401 && options.authRedirect !== false) unauthenticatedHandler?.(error)
    throw error
  }
  if (parsed === null && text !== '') {
    throw new ApiError({
      status: response.status,
      code: 'malformed_response',
      message: 'The server sent a response that is not JSON.',
      requestId: response.headers.get('X-Request-Id') ?? undefined,
    })
  }
  return parsed as T
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/** Appends a query string built from non-empty params. */
export function withQuery(path: string, params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue
    search.set(key, String(value))
  }
  const qs = search.toString()
  if (qs === '') return path
  return path + (path.includes('?') ? '&' : '?') + qs
}
