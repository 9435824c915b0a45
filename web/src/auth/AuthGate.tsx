// The gate at the root of the UI: asks the server for the session once, then shows the
// step the session is in (login, MFA code, new password, MFA enrolment) or, for an active
// session, the app. Any 401 from any call lands here as "signed out" and shows the login
// page at /login?next=<where the user was>; after login the user returns there.
import { useEffect, type ReactNode } from 'react'
import { setUnauthenticatedHandler } from '../api/client'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { navigate, useLocation } from '../router'
import { loadSession, sessionEnded } from './actions'
import { AuthLayout } from './AuthLayout'
import { ChangePasswordPage } from './ChangePasswordPage'
import { LoginPage } from './LoginPage'
import { MfaEnrolmentPage } from './MfaEnrolmentPage'
import { MfaPage } from './MfaPage'
import { LOGIN_PATH, loginHref, nextAfterLogin, screenFor } from './screens'
import { useAuthStatus } from './store'

export function AuthGate({ children }: { children: ReactNode }) {
  const status = useAuthStatus()
  const { pathname, search } = useLocation()
  const screen = screenFor(status)
  const onLoginPath = pathname === LOGIN_PATH

  useEffect(() => {
    setUnauthenticatedHandler(sessionEnded)
    void loadSession()
    return () => setUnauthenticatedHandler(undefined)
  }, [])

  // Keep the URL in step: signed out -> /login?next=here; active on /login -> back to next.
  useEffect(() => {
    if (screen === 'login' && !onLoginPath) navigate(loginHref(pathname + search), { replace: true })
    if (screen === 'app' && onLoginPath) navigate(nextAfterLogin(search), { replace: true })
  }, [screen, onLoginPath, pathname, search])

  switch (screen) {
    case 'loading':
      return (
        <div className="auth-page">
          <Loading />
        </div>
      )
    case 'error':
      return (
        <AuthLayout title="isms is not reachable">
          <ErrorBox error={status.kind === 'error' ? status.error : undefined} onRetry={() => void loadSession()} />
        </AuthLayout>
      )
    case 'login':
      return <LoginPage reason={status.kind === 'signed_out' ? status.reason : undefined} />
  }
  if (status.kind !== 'session') return null
  switch (screen) {
    case 'mfa':
      return <MfaPage session={status.session} />
    case 'change_password':
      return <ChangePasswordPage session={status.session} />
    case 'enrol_mfa':
      return <MfaEnrolmentPage session={status.session} />
    case 'app':
      // Until the effect above has left /login.
      return onLoginPath ? <Loading /> : <>{children}</>
  }
}
