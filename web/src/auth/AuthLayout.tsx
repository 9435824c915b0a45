// The frame of the sign-in steps: no navigation (nothing is reachable before the session
// is active), the step's title, and a way out for a half-finished login.
import type { ReactNode } from 'react'
import { PageHeader } from '../components/PageHeader'
import { logout } from './actions'

interface Props {
  title: string
  children: ReactNode
  /** who is signing in (steps after the password) */
  username?: string
  wide?: boolean
}

export function AuthLayout({ title, children, username, wide }: Props) {
  return (
    <div className="auth-page">
      <main id="main" className={`auth-card${wide ? ' wide' : ''}`} tabIndex={-1}>
        <p className="auth-brand">
          <span aria-hidden="true" className="brand-mark">
            ◆
          </span>{' '}
          isms
        </p>
        <PageHeader title={title} />
        {children}
        {username !== undefined && (
          <p className="auth-foot muted small">
            Signing in as <strong data-testid="auth-username">{username}</strong> ·{' '}
            <button type="button" className="link" onClick={() => void logout()} data-testid="logout">
              Log out
            </button>
          </p>
        )}
      </main>
    </div>
  )
}
