import { useState, type FormEvent } from 'react'
import { ErrorBox } from '../components/ErrorBox'
import { TextField } from '../components/TextField'
import { login } from './actions'
import { AuthLayout } from './AuthLayout'
import { signInErrorText } from './messages'

export function LoginPage({ reason }: { reason?: 'expired' | 'logout' }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(undefined)
    try {
      await login(username, password)
    } catch (e) {
      setError(e)
      setPassword('')
      setBusy(false)
    }
  }

  const text = error === undefined ? undefined : signInErrorText(error)
  return (
    <AuthLayout title="Sign in">
      {reason === 'expired' && error === undefined && (
        <div className="notice" role="status" data-testid="session-ended">
          Your session has ended. Sign in again to continue where you were.
        </div>
      )}
      {reason === 'logout' && error === undefined && (
        <div className="success" role="status" data-testid="logged-out">
          You have logged out.
        </div>
      )}
      {text !== undefined && (
        <p className="error-box" role="alert" data-testid="login-error">
          {text}
        </p>
      )}
      {error !== undefined && text === undefined && <ErrorBox title="Sign-in failed" error={error} />}
      <form onSubmit={submit} noValidate data-testid="login-form">
        <TextField name="username" label="Username" value={username} onChange={setUsername} autoComplete="username" autoFocus />
        <TextField
          name="password"
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="login">
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </AuthLayout>
  )
}
