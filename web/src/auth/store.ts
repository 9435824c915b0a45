// The one place that knows whether the browser has a session, and which: the auth gate,
// the shell and the pages read it; the API client gets the session's CSRF token from it.
// Module state (like the router's): there is one session per tab.
import { useSyncExternalStore } from 'react'
import { setCsrfToken } from '../api/client'
import type { SessionInfo } from '../api/types'

export type AuthStatus =
  /** GET /auth/session has not answered yet */
  | { kind: 'loading' }
  /** no session: never signed in, logged out, or a call answered 401 (expired) */
  | { kind: 'signed_out'; reason?: 'expired' | 'logout' }
  /** the session could not be checked (server unreachable, 5xx) */
  | { kind: 'error'; error: unknown }
  | { kind: 'session'; session: SessionInfo }

let status: AuthStatus = { kind: 'loading' }
const listeners = new Set<() => void>()

export function getAuthStatus(): AuthStatus {
  return status
}

export function setAuthStatus(next: AuthStatus): void {
  status = next
  setCsrfToken(next.kind === 'session' ? next.session.csrf_token : undefined)
  for (const listener of listeners) listener()
}

export function setSession(session: SessionInfo): void {
  setAuthStatus({ kind: 'session', session })
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange)
  return () => listeners.delete(onChange)
}

export function useAuthStatus(): AuthStatus {
  return useSyncExternalStore(subscribe, getAuthStatus, getAuthStatus)
}

/** Whether a permission list grants `permission`. */
export function hasPermission(permissions: readonly string[] | undefined, permission: string): boolean {
  return permissions !== undefined && permissions.includes(permission)
}

export interface Auth {
  session: SessionInfo
  can: (permission: string) => boolean
}

/** The signed-in session; only for components rendered inside the gate's "app" screen. */
export function useAuth(): Auth {
  const s = useAuthStatus()
  if (s.kind !== 'session') throw new Error('useAuth outside an active session')
  return { session: s.session, can: (p) => hasPermission(s.session.permissions, p) }
}
