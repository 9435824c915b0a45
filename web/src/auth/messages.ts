// What the sign-in pages say about a failed step.
import { ApiError } from '../api/client'

/**
 * The text for a failed login or code: the API's message, and for 429 how long to wait
 * (Retry-After, else the message already says it). undefined: not a login failure
 * (network, 5xx), shown as a full error box instead.
 */
export function signInErrorText(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined
  if (error.status === 429) {
    const wait = error.retryAfter
    if (wait === undefined) return error.message
    return `${error.message.replace(/\.?\s*$/, '.')} Try again in ${wait} ${wait === 1 ? 'second' : 'seconds'}.`
  }
  if (error.status === 401 || error.status === 403 || error.status === 422) return error.message
  return undefined
}
