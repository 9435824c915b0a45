// Asks for the user's password before a sensitive change of their own account (new
// recovery codes, turning MFA off); the server's answer is shown in the dialog.
import { useState, type FormEvent, type ReactNode } from 'react'
import { ApiError } from '../api/client'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { TextField } from '../components/TextField'

interface Props {
  open: boolean
  title: string
  confirmLabel: string
  onSubmit: (password: string) => Promise<void>
  onClose: () => void
  children?: ReactNode
  danger?: boolean
}

export function PasswordDialog({ open, title, confirmLabel, onSubmit, onClose, children, danger }: Props) {
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const close = () => {
    setPassword('')
    setError(undefined)
    onClose()
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await onSubmit(password)
      setPassword('')
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  const fieldError =
    error instanceof ApiError && (error.status === 401 || error.status === 422) ? [error.message] : undefined
  return (
    <Dialog open={open} title={title} onClose={close}>
      <form onSubmit={submit} noValidate>
        {children}
        {error !== undefined && fieldError === undefined && <ErrorBox error={error} />}
        <TextField
          name="confirm_password"
          label="Your password"
          type="password"
          value={password}
          onChange={setPassword}
          errors={fieldError}
          autoComplete="current-password"
          autoFocus
        />
        <div className="form-actions">
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy} data-testid="password-confirm">
            {busy ? 'Working…' : confirmLabel}
          </button>
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}
