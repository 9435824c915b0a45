// Change one's own password: current and new (twice). The policy is the server's: its 422
// details (one per rule broken) are listed next to the new password.
import { useState, type FormEvent } from 'react'
import { ApiError } from '../api/client'
import { ErrorBox } from '../components/ErrorBox'
import { TextField } from '../components/TextField'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { changePassword, loadSession } from './actions'

const FIELDS = ['current_password', 'new_password', 'new_password_repeat']

export function ChangePasswordForm({ onChanged, submitLabel = 'Change password' }: { onChanged?: () => void; submitLabel?: string }) {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>(undefined)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    setFailure(undefined)
    if (next !== repeat) {
      setErrors({ byField: { new_password_repeat: ['The two new passwords differ.'] }, summary: [] })
      return
    }
    setBusy(true)
    setErrors(noErrors)
    try {
      await changePassword(current, next)
      setCurrent('')
      setNext('')
      setRepeat('')
      setBusy(false)
      onChanged?.()
    } catch (e) {
      setBusy(false)
      if (e instanceof ApiError && (e.status === 422 || (e.status === 401 && e.field !== undefined))) {
        const placed = formErrorsFrom(e, FIELDS)
        setErrors(placed)
        if (placed.summary.some((s) => s.field === undefined)) setFailure(e)
      } else {
        setErrors(noErrors)
        setFailure(e)
        if (e instanceof ApiError && e.status === 401) void loadSession()
      }
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="password-form">
      {failure !== undefined && <ErrorBox title="The password was not changed" error={failure} />}
      <TextField
        name="current_password"
        label="Current password"
        type="password"
        value={current}
        onChange={setCurrent}
        errors={errors.byField.current_password}
        autoComplete="current-password"
      />
      <TextField
        name="new_password"
        label="New password"
        type="password"
        value={next}
        onChange={setNext}
        errors={errors.byField.new_password}
        autoComplete="new-password"
        help="At least 12 characters, not containing your username, not a common or trivial password."
      />
      <TextField
        name="new_password_repeat"
        label="New password again"
        type="password"
        value={repeat}
        onChange={setRepeat}
        errors={errors.byField.new_password_repeat}
        autoComplete="new-password"
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="change-password">
          {busy ? 'Changing…' : submitLabel}
        </button>
      </div>
    </form>
  )
}
