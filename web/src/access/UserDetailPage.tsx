// One user (/admin/users/:id): state, and the administrator's actions — disable/enable,
// access expiry, reset password (one-time password shown once), unlock, reset MFA,
// end all sessions. Changes send the version shown (409 when someone else changed it).
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import type { User } from '../api/types'
import { useApi } from '../api/useApi'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { OneTimeSecret } from '../components/OneTimeSecret'
import { PageHeader } from '../components/PageHeader'
import { TextField } from '../components/TextField'
import { Link } from '../router'
import { Field, When } from './bits'
import { isFuture, localInputToRfc3339, rfc3339ToLocalInput } from './format'
import { UserBadges } from './UsersPage'

type Action = 'disable' | 'enable' | 'reset-password' | 'reset-mfa' | 'revoke-sessions' | 'unlock'

function AccessExpiryForm({ user, onSaved }: { user: User; onSaved: (u: User) => void }) {
  const [value, setValue] = useState(rfc3339ToLocalInput(user.access_expires_at))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const save = async (next: string | null) => {
    setBusy(true)
    setError(undefined)
    try {
      onSaved(
        await api<User>(`/api/v1/users/${encodeURIComponent(user.id)}`, {
          method: 'PATCH',
          body: { access_expires_at: next, version: user.version },
        }),
      )
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = localInputToRfc3339(value)
    if (parsed === undefined) {
      setError(new ApiError({ status: 422, code: 'invalid', message: 'Enter a date and time.', field: 'access_expires_at' }))
      return
    }
    void save(parsed)
  }
  const fieldErrors = error instanceof ApiError && error.status === 422 ? [error.message] : undefined
  return (
    <form onSubmit={submit} noValidate data-testid="expiry-form">
      {error !== undefined && fieldErrors === undefined && (
        <ErrorBox
          title={error instanceof ApiError && error.status === 409 ? 'Changed by someone else: reload the page' : undefined}
          error={error}
        />
      )}
      <TextField
        name="access_expires_at"
        label="Access expires"
        type="datetime-local"
        value={value}
        onChange={setValue}
        errors={fieldErrors}
        help="Empty: access does not expire."
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="save-expiry">
          Save expiry
        </button>
        {user.access_expires_at !== null && (
          <button type="button" disabled={busy} onClick={() => void save(null)}>
            Remove expiry
          </button>
        )}
      </div>
    </form>
  )
}

export function UserDetailPage({ id }: { id: string }) {
  const loaded = useApi<User>(`/api/v1/users/${encodeURIComponent(id)}`)
  const [changed, setChanged] = useState<User>()
  const [action, setAction] = useState<Action>()
  const [oneTime, setOneTime] = useState<string>()
  const [message, setMessage] = useState<string>()

  if (loaded.error !== undefined && !loaded.data) {
    return (
      <>
        <PageHeader title="User" back={<Link to="/admin/users">← Users</Link>} />
        <ErrorBox error={loaded.error} onRetry={loaded.reload} />
      </>
    )
  }
  const user = changed && loaded.data && changed.version >= loaded.data.version ? changed : loaded.data
  if (!user) return <Loading />
  const path = `/api/v1/users/${encodeURIComponent(user.id)}`
  const done = (u: User, text: string) => {
    setChanged(u)
    setMessage(text)
  }

  const confirmations: Record<Action, { title: string; label: string; text: string; run: () => Promise<void> }> = {
    disable: {
      title: 'Disable user',
      label: 'Disable',
      text: `${user.username} can no longer log in; their sessions end and their API tokens are revoked at once.`,
      run: async () => done(await api<User>(path, { method: 'PATCH', body: { disabled: true, version: user.version } }), 'User disabled.'),
    },
    enable: {
      title: 'Enable user',
      label: 'Enable',
      text: `${user.username} can log in again (revoked tokens stay revoked).`,
      run: async () => done(await api<User>(path, { method: 'PATCH', body: { disabled: false, version: user.version } }), 'User enabled.'),
    },
    'reset-password': {
      title: 'Reset password',
      label: 'Reset password',
      text: `${user.username}'s password is replaced by a one-time password, shown once; their sessions end. They must choose a new password at the next login.`,
      run: async () => {
        const r = await api<{ one_time_password: string }>(`${path}/reset-password`, { method: 'POST', body: {} })
        setOneTime(r.one_time_password)
        setMessage(undefined)
        loaded.reload()
      },
    },
    'reset-mfa': {
      title: 'Reset two-factor authentication',
      label: 'Reset MFA',
      text: `Turns off ${user.username}'s two-factor authentication and deletes their recovery codes (e.g. a lost phone). If their role requires MFA they must set it up again at the next login.`,
      run: async () => done(await api<User>(`${path}/reset-mfa`, { method: 'POST', body: {} }), 'Two-factor authentication reset.'),
    },
    'revoke-sessions': {
      title: 'End all sessions and revoke tokens',
      label: 'End sessions',
      text: `Logs ${user.username} out everywhere and revokes all their API tokens.`,
      run: async () => {
        const r = await api<{ sessions: number; tokens: number }>(`${path}/revoke-sessions`, { method: 'POST', body: {} })
        setMessage(`${r.sessions} session(s) ended, ${r.tokens} token(s) revoked.`)
      },
    },
    unlock: {
      title: 'Unlock',
      label: 'Unlock',
      text: `Ends the lock after failed logins at once.`,
      run: async () => done(await api<User>(`${path}/unlock`, { method: 'POST', body: {} }), 'User unlocked.'),
    },
  }
  const pending = action ? confirmations[action] : undefined
  const locked = isFuture(user.locked_until)

  return (
    <>
      <PageHeader
        title={user.username}
        back={<Link to="/admin/users">← Users</Link>}
        subtitle={<UserBadges user={user} />}
        actions={
          <>
            {user.disabled ? (
              <button type="button" onClick={() => setAction('enable')} data-testid="enable">
                Enable
              </button>
            ) : (
              <button type="button" className="danger" onClick={() => setAction('disable')} data-testid="disable">
                Disable
              </button>
            )}
          </>
        }
      />
      {message && (
        <div className="success" role="status" data-testid="flash">
          {message}
        </div>
      )}
      {oneTime && (
        <OneTimeSecret title="New one-time password" secret={oneTime} testId="one-time-password">
          <button type="button" onClick={() => setOneTime(undefined)}>
            Done
          </button>
        </OneTimeSecret>
      )}
      <div className="detail-layout">
        <section className="panel" aria-labelledby="user-details">
          <h2 id="user-details">Details</h2>
          <dl className="fields" data-testid="detail-fields">
            <Field label="Person" name="person">
              <Link to={`/people/${encodeURIComponent(user.person_id)}`}>{user.person_name}</Link>
            </Field>
            <Field label="Created">
              <When at={user.created_at} />
            </Field>
            <Field label="Password changed">
              <When at={user.password_changed_at} />
            </Field>
            <Field label="Must change password">{user.must_change_password ? 'yes' : 'no'}</Field>
            <Field label="Two-factor authentication">{user.mfa_enabled ? 'on' : 'off'}</Field>
            <Field label="Failed logins in a row">{user.failed_logins}</Field>
            <Field label="Locked until">
              <When at={locked ? user.locked_until : null} empty="not locked" />
            </Field>
            <Field label="Access expires">
              <When at={user.access_expires_at} empty="never" />
            </Field>
          </dl>
        </section>
        <section className="panel" aria-labelledby="user-actions">
          <h2 id="user-actions">Access</h2>
          <AccessExpiryForm key={user.version} user={user} onSaved={(u) => done(u, 'Access expiry saved.')} />
          <h2 className="spaced">Credentials</h2>
          <div className="button-column">
            <button type="button" onClick={() => setAction('reset-password')} data-testid="reset-password">
              Reset password
            </button>
            {locked && (
              <button type="button" onClick={() => setAction('unlock')} data-testid="unlock">
                Unlock
              </button>
            )}
            {user.mfa_enabled && (
              <button type="button" className="danger" onClick={() => setAction('reset-mfa')} data-testid="reset-mfa">
                Reset two-factor authentication
              </button>
            )}
            <button type="button" className="danger" onClick={() => setAction('revoke-sessions')} data-testid="revoke-sessions">
              End all sessions and revoke tokens
            </button>
          </div>
        </section>
      </div>
      <ConfirmDialog
        open={pending !== undefined}
        title={pending?.title ?? ''}
        confirmLabel={pending?.label ?? ''}
        danger={action !== 'enable' && action !== 'unlock'}
        onClose={() => setAction(undefined)}
        onConfirm={async () => {
          await pending?.run()
        }}
      >
        <p>{pending?.text}</p>
      </ConfirmDialog>
    </>
  )
}
