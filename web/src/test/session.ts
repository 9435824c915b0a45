// A SessionInfo in a given state; a fixture for unit tests.
import type { SessionInfo, SessionState } from '../api/types'

export function sessionIn(state: SessionState | string, permissions: string[] = []): SessionInfo {
  return {
    state: state as SessionState,
    csrf_token: 'csrf',
    user: { id: 'u1', username: 'anna', person_id: 'p1', person_name: 'Anna Berg' },
    roles: [],
    permissions,
    mfa_enabled: false,
  }
}
