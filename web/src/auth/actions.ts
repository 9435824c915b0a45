// Calls that move the session from one state to the next. Each answer is a SessionInfo
// that replaces the stored one (new session id and CSRF token after login, MFA and a
// password change).
import { api, ApiError } from '../api/client'
import type { MfaEnrolment, MfaEnrolmentConfirmed, RecoveryCodes, SessionInfo } from '../api/types'
import { invalidateReferences } from '../register/references'
import { navigate } from '../router'
import { LOGIN_PATH } from './screens'
import { getAuthStatus, setAuthStatus, setSession } from './store'

const AUTH = '/api/v1/auth'

/** Asks the server which session this browser has (at start and on "try again"). */
export async function loadSession(): Promise<void> {
  try {
    setSession(await api<SessionInfo>(`${AUTH}/session`, { authRedirect: false }))
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) setAuthStatus({ kind: 'signed_out' })
    else setAuthStatus({ kind: 'error', error })
  }
}

/** The API client's 401 handler: the session ended (idle, absolute timeout, revoked). */
export function sessionEnded(): void {
  const current = getAuthStatus()
  if (current.kind === 'signed_out') return
  invalidateReferences()
  setAuthStatus({ kind: 'signed_out', reason: 'expired' })
}

export async function login(username: string, password: string): Promise<void> {
  const session = await api<SessionInfo>(`${AUTH}/login`, {
    method: 'POST',
    body: { username, password },
    authRedirect: false,
  })
  // Lists cached for someone else (another user in this tab) must not show.
  invalidateReferences()
  setSession(session)
}

export async function logout(): Promise<void> {
  try {
    await api(`${AUTH}/logout`, { method: 'POST', body: {}, authRedirect: false })
  } catch {
    // Signed out either way: the server drops the session, or it had already ended.
  }
  invalidateReferences()
  navigate(LOGIN_PATH)
  setAuthStatus({ kind: 'signed_out', reason: 'logout' })
}

export type MfaAnswer = { code: string } | { recovery_code: string }

export async function submitMfa(answer: MfaAnswer): Promise<void> {
  setSession(await api<SessionInfo>(`${AUTH}/mfa`, { method: 'POST', body: answer, authRedirect: false }))
}

export async function changePassword(current_password: string, new_password: string): Promise<void> {
  setSession(
    await api<SessionInfo>(`${AUTH}/password`, {
      method: 'POST',
      body: { current_password, new_password },
      authRedirect: false,
    }),
  )
}

export function startMfaEnrolment(): Promise<MfaEnrolment> {
  return api<MfaEnrolment>(`${AUTH}/mfa/enrolment`, { method: 'POST', body: {} })
}

/** Confirms with a code; the caller applies the returned session once the codes are saved. */
export function confirmMfaEnrolment(code: string): Promise<MfaEnrolmentConfirmed> {
  return api<MfaEnrolmentConfirmed>(`${AUTH}/mfa/enrolment/confirm`, {
    method: 'POST',
    body: { code },
    authRedirect: false,
  })
}

export function newRecoveryCodes(password: string): Promise<RecoveryCodes> {
  return api<RecoveryCodes>(`${AUTH}/mfa/recovery-codes`, { method: 'POST', body: { password }, authRedirect: false })
}

export async function disableMfa(password: string): Promise<void> {
  setSession(await api<SessionInfo>(`${AUTH}/mfa/disable`, { method: 'POST', body: { password }, authRedirect: false }))
}
