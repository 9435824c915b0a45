// Second step of a login with MFA: a code from the authenticator app, or one recovery code.
import { useState, type FormEvent } from 'react'
import { ApiError } from '../api/client'
import type { SessionInfo } from '../api/types'
import { ErrorBox } from '../components/ErrorBox'
import { TextField } from '../components/TextField'
import { loadSession, submitMfa } from './actions'
import { AuthLayout } from './AuthLayout'
import { signInErrorText } from './messages'

export function MfaPage({ session }: { session: SessionInfo }) {
  const [useRecovery, setUseRecovery] = useState(false)
  const [value, setValue] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(undefined)
    const trimmed = value.trim()
    try {
      await submitMfa(useRecovery ? { recovery_code: trimmed } : { code: trimmed.replace(/\s+/g, '') })
    } catch (e) {
      setError(e)
      setValue('')
      setBusy(false)
      // A 401 may also mean the half-finished session ended: ask which it was.
      if (e instanceof ApiError && e.status === 401) void loadSession()
    }
  }

  const text = error === undefined ? undefined : signInErrorText(error)
  return (
    <AuthLayout title="Two-factor authentication" username={session.user.username}>
      {text !== undefined && (
        <p className="error-box" role="alert" data-testid="mfa-error">
          {text}
        </p>
      )}
      {error !== undefined && text === undefined && <ErrorBox error={error} />}
      <form onSubmit={submit} noValidate data-testid="mfa-form">
        {useRecovery ? (
          <TextField
            key="recovery"
            name="recovery_code"
            label="Recovery code"
            value={value}
            onChange={setValue}
            autoComplete="off"
            help="One of the recovery codes you saved when you set up two-factor authentication. Each works once."
            autoFocus
          />
        ) : (
          <TextField
            key="code"
            name="code"
            label="Code from your authenticator app"
            value={value}
            onChange={setValue}
            autoComplete="one-time-code"
            inputMode="numeric"
            autoFocus
          />
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="mfa-submit">
            {busy ? 'Checking…' : 'Continue'}
          </button>
          <button
            type="button"
            className="link"
            onClick={() => {
              setUseRecovery(!useRecovery)
              setValue('')
              setError(undefined)
            }}
            data-testid="toggle-recovery"
          >
            {useRecovery ? 'Use a code from the app' : 'Use a recovery code instead'}
          </button>
        </div>
      </form>
    </AuthLayout>
  )
}
