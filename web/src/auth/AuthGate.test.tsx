// Which page the gate renders for which auth status (static render: effects do not run).
import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, describe, expect, it } from 'vitest'
import type { SessionState } from '../api/types'
import { AuthGate } from './AuthGate'
import { sessionIn } from '../test/session'
import { setAuthStatus, type AuthStatus } from './store'

const render = (status: AuthStatus) => {
  setAuthStatus(status)
  return renderToStaticMarkup(
    <AuthGate>
      <p data-testid="the-app">APP</p>
    </AuthGate>,
  )
}
const inState = (state: SessionState) => render({ kind: 'session', session: sessionIn(state) })

afterEach(() => setAuthStatus({ kind: 'loading' }))

describe('AuthGate', () => {
  it('shows the login form without a session, and the app not at all', () => {
    const html = render({ kind: 'signed_out' })
    expect(html).toContain('data-testid="login-form"')
    expect(html).not.toContain('the-app')
  })

  it('says why the login page is shown after a 401', () => {
    expect(render({ kind: 'signed_out', reason: 'expired' })).toContain('data-testid="session-ended"')
  })

  it('asks for the second factor, a new password or MFA enrolment by state', () => {
    const mfa = inState('mfa_required')
    expect(mfa).toContain('data-testid="mfa-form"')
    expect(mfa).not.toContain('the-app')
    const password = inState('password_change_required')
    expect(password).toContain('data-testid="password-form"')
    expect(password).not.toContain('the-app')
    const enrol = inState('mfa_enrolment_required')
    expect(enrol).toContain('Set up two-factor authentication')
    expect(enrol).not.toContain('the-app')
  })

  it('shows the app for an active session', () => {
    expect(inState('active')).toContain('data-testid="the-app"')
  })

  it('offers to retry when the server cannot be reached', () => {
    const html = render({ kind: 'error', error: new Error('Could not reach the isms server.') })
    expect(html).toContain('Could not reach the isms server.')
    expect(html).toContain('Try again')
  })
})
