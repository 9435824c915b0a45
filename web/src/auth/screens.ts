// The auth state machine: which screen the gate shows for which session state, and the
// login page's "where to go back to" (kept in ?next= so it survives a reload).
import type { AuthStatus } from './store'

export type Screen = 'loading' | 'error' | 'login' | 'mfa' | 'change_password' | 'enrol_mfa' | 'app'

export function screenFor(status: AuthStatus): Screen {
  switch (status.kind) {
    case 'loading':
      return 'loading'
    case 'error':
      return 'error'
    case 'signed_out':
      return 'login'
    case 'session':
      switch (status.session.state) {
        case 'active':
          return 'app'
        case 'mfa_required':
          return 'mfa'
        case 'password_change_required':
          return 'change_password'
        case 'mfa_enrolment_required':
          return 'enrol_mfa'
        default:
          // A state this UI does not know: start over rather than show data it may not see.
          return 'login'
      }
  }
}

export const LOGIN_PATH = '/login'

/** The login page's URL that returns to `from` (path + query) after login. */
export function loginHref(from: string): string {
  if (from === '' || from === '/' || isLoginPath(from)) return LOGIN_PATH
  return `${LOGIN_PATH}?next=${encodeURIComponent(from)}`
}

function isLoginPath(path: string): boolean {
  return path === LOGIN_PATH || path.startsWith(`${LOGIN_PATH}?`) || path.startsWith(`${LOGIN_PATH}/`)
}

/**
 * Where to go after login: ?next= when it is a path of this site ("/..."), never another
 * origin ("//evil", "/\\evil", "https://...") and never the login page itself; else "/".
 */
export function nextAfterLogin(search: string): string {
  const next = new URLSearchParams(search).get('next')
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  if (isLoginPath(next) || [...next].some((c) => c.charCodeAt(0) < 0x20)) return '/'
  return next
}
