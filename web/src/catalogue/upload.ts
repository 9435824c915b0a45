// POST of a raw file (a catalogue library) rather than JSON: the one request the API
// client's JSON wrapper cannot make. Same rules as the client: same-origin cookie, the
// session's CSRF token, every failure an ApiError, a 401 ends the session in the UI.
import { ApiError, errorFromResponse, parseRetryAfter } from '../api/client'
import { sessionEnded } from '../auth/actions'
import { getAuthStatus } from '../auth/store'

/**
 * The server refuses a request body without Content-Type application/json (415) on every
 * route; the import route reads its body as the file whatever it is, so the library goes
 * with that header, YAML included.
 */
export const RAW_UPLOAD_CONTENT_TYPE = 'application/json'

export async function postRaw<T>(path: string, body: Blob | string, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': RAW_UPLOAD_CONTENT_TYPE }
  const status = getAuthStatus()
  if (status.kind === 'session' && status.session.csrf_token) headers['X-CSRF-Token'] = status.session.csrf_token
  let response: Response
  try {
    response = await fetch(path, { method: 'POST', headers, body, signal, credentials: 'same-origin' })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError({ status: 0, code: 'network', message: 'Could not reach the isms server. Check that it is running and try again.' })
  }
  const text = await response.text()
  let parsed: unknown = null
  try {
    parsed = text === '' ? null : JSON.parse(text)
  } catch {
    parsed = null
  }
  if (!response.ok) {
    const error = errorFromResponse(response.status, parsed, response.headers.get('X-Request-Id'), {
      retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
    })
    if (response.status === 401) sessionEnded()
    throw error
  }
  if (parsed === null) {
    throw new ApiError({
      status: response.status,
      code: 'malformed_response',
      message: 'The server sent a response that is not JSON.',
      requestId: response.headers.get('X-Request-Id') ?? undefined,
    })
  }
  return parsed as T
}
