// Evidence files go to the server as the raw request body (docs/api.md "Controls and
// evidence"): any Content-Type other than application/json (which would mean "a link"),
// with title, file name and validity in the query. The same rules as the API client
// otherwise: same-origin cookie, the session's CSRF token, every failure an ApiError, a 401
// ends the session in the UI. The SoA import posts its CSV/XLSX the same way.
import { ApiError, errorFromResponse, parseRetryAfter, withQuery } from '../api/client'
import { sessionEnded } from '../auth/actions'
import { getAuthStatus } from '../auth/store'

/** docs/api.md: an evidence file is at most 25 MiB. */
export const EVIDENCE_FILE_MAX = 25 * 1024 * 1024

/** A type that is never application/json, so the server reads the body as the file. */
export function uploadContentType(fileType: string | undefined): string {
  const t = (fileType ?? '').trim().toLowerCase()
  if (t === '' || t.startsWith('application/json') || t.endsWith('+json')) return 'application/octet-stream'
  return t
}

export async function postFile<T>(path: string, body: Blob | string, contentType: string, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': contentType }
  const status = getAuthStatus()
  if (status.kind === 'session' && status.session.csrf_token) headers['X-CSRF-Token'] = status.session.csrf_token
  let response: Response
  try {
    response = await fetch(path, { method: 'POST', headers, body, signal, credentials: 'same-origin' })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError({
      status: 0,
      code: 'network',
      message: 'The upload did not reach the isms server (a very large file may be cut off by the server). Check the connection and try again.',
    })
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

export interface EvidenceUploadInput {
  title: string
  file_name: string
  valid_from: string
  valid_until: string
  description: string
}

export function evidenceUploadPath(controlApiPath: string, input: EvidenceUploadInput): string {
  return withQuery(`${controlApiPath}/evidence`, {
    title: input.title.trim(),
    file_name: input.file_name,
    valid_from: input.valid_from,
    valid_until: input.valid_until,
    description: input.description.trim(),
  })
}

/**
 * What to tell the user about a refused upload, in words that say what to do: 413 (too
 * large) and 415 (a type the server does not keep) are the common ones.
 */
export function uploadProblem(error: unknown, fileName: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined
  if (error.status === 413) return `“${fileName}” is too large: evidence files may be at most 25 MiB. Upload a smaller file or add a link to where it is kept.`
  if (error.status === 415)
    return `“${fileName}” is not a file type kept as evidence (${error.message}). Accepted: PDF, PNG, JPEG, GIF, text, CSV, JSON and Office documents.`
  return undefined
}

/** Refuses before sending what the server would refuse after a 25 MiB upload. */
export function checkEvidenceFile(file: { name: string; size: number }): string | undefined {
  if (file.size === 0) return `“${file.name}” is empty.`
  if (file.size > EVIDENCE_FILE_MAX) return `“${file.name}” is too large: evidence files may be at most 25 MiB.`
  return undefined
}
