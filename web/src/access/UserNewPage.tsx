// New user (/admin/users/new): a username for a person, optionally with an access expiry
// (required for auditors); the one-time password is shown once.
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import type { CreatedUser } from '../api/types'
import { ErrorBox } from '../components/ErrorBox'
import { OneTimeSecret } from '../components/OneTimeSecret'
import { PageHeader } from '../components/PageHeader'
import { TextField } from '../components/TextField'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { Link } from '../router'
import { localInputToRfc3339 } from './format'
import { PersonSelect } from './PersonSelect'

const FIELDS = ['username', 'person_id', 'access_expires_at']

export function UserNewPage() {
  const [username, setUsername] = useState('')
  const [personId, setPersonId] = useState('')
  const [expires, setExpires] = useState('')
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>(undefined)
  const [created, setCreated] = useState<CreatedUser>()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setErrors(noErrors)
    setFailure(undefined)
    const access = localInputToRfc3339(expires)
    if (access === undefined) {
      setErrors({ byField: { access_expires_at: ['Enter a date and time.'] }, summary: [] })
      return
    }
    setBusy(true)
    const body: Record<string, unknown> = { username, person_id: personId }
    if (access !== null) body.access_expires_at = access
    try {
      setCreated(await api<CreatedUser>('/api/v1/users', { method: 'POST', body }))
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        const placed = formErrorsFrom(e, FIELDS)
        setErrors(placed)
        if (placed.summary.some((s) => s.field === undefined)) setFailure(e)
      } else setFailure(e)
    } finally {
      setBusy(false)
    }
  }

  if (created) {
    return (
      <>
        <PageHeader title={`User ${created.user.username} created`} back={<Link to="/admin/users">← Users</Link>} />
        <OneTimeSecret title="One-time password" secret={created.one_time_password} testId="one-time-password">
          <p>
            Give it to {created.user.person_name} by a safe channel. It works for one login, at which they must choose their
            own password.
          </p>
          <Link to={`/admin/users/${encodeURIComponent(created.user.id)}`} className="button primary">
            Open the user
          </Link>
        </OneTimeSecret>
      </>
    )
  }

  return (
    <>
      <PageHeader title="New user" back={<Link to="/admin/users">← Users</Link>} />
      {failure !== undefined && <ErrorBox title="The user was not created" error={failure} />}
      <form className="panel narrow" onSubmit={submit} noValidate data-testid="user-form">
        <TextField
          name="username"
          label="Username"
          value={username}
          onChange={setUsername}
          errors={errors.byField.username}
          help="3–64 characters: a–z, 0–9, dot, underscore, hyphen."
          autoComplete="off"
          autoFocus
        />
        <PersonSelect value={personId} onChange={setPersonId} errors={errors.byField.person_id} />
        <TextField
          name="access_expires_at"
          label="Access expires (optional)"
          type="datetime-local"
          value={expires}
          onChange={setExpires}
          errors={errors.byField.access_expires_at}
          help="Required for auditors and other temporary access; the user cannot log in afterwards."
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="save">
            {busy ? 'Creating…' : 'Create user'}
          </button>
          <Link to="/admin/users" className="button">
            Cancel
          </Link>
        </div>
      </form>
    </>
  )
}
