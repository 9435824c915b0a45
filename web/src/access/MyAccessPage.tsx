// My access (/me): who I am to isms — user, person, roles, permissions, groups, grants,
// sessions, tokens — and my own security settings (password, two-factor authentication).
import { useState } from 'react'
import type { MyAccess, SessionInfo } from '../api/types'
import { useApi } from '../api/useApi'
import { disableMfa, newRecoveryCodes } from '../auth/actions'
import { ChangePasswordForm } from '../auth/ChangePasswordForm'
import { MfaEnrolment } from '../auth/MfaEnrolment'
import { RecoveryCodes } from '../auth/RecoveryCodes'
import { setSession, useAuth } from '../auth/store'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { registerByObjectType } from '../config/registers'
import { Link } from '../router'
import { Badge, Field, PermissionList, When } from './bits'
import { tokenStatus } from './format'
import { PasswordDialog } from './PasswordDialog'

type MfaAction = 'none' | 'enrol' | 'recovery' | 'disable'

function MfaSection({ me, onChanged }: { me: MyAccess; onChanged: () => void }) {
  const [action, setAction] = useState<MfaAction>('none')
  const [codes, setCodes] = useState<string[]>()
  const [message, setMessage] = useState<string>()
  const enabled = me.user.mfa_enabled

  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        intro="Your old recovery codes no longer work."
        onSaved={() => {
          setCodes(undefined)
          onChanged()
        }}
      />
    )
  }
  if (action === 'enrol') {
    return (
      <MfaEnrolment
        onCancel={() => setAction('none')}
        onDone={(session: SessionInfo) => {
          setSession(session)
          setAction('none')
          setMessage('Two-factor authentication is on.')
          onChanged()
        }}
      />
    )
  }
  return (
    <>
      {message && (
        <div className="success" role="status">
          {message}
        </div>
      )}
      <dl className="fields">
        <Field label="Two-factor authentication" name="mfa">
          {enabled ? <Badge tone="ok">on</Badge> : <Badge tone="warn">off</Badge>}
        </Field>
        {enabled && (
          <Field label="Recovery codes left" name="recovery_codes_left">
            <span data-testid="recovery-codes-left">{me.recovery_codes_left}</span>
          </Field>
        )}
      </dl>
      <div className="form-actions">
        {!enabled && (
          <button type="button" className="primary" onClick={() => setAction('enrol')} data-testid="enable-mfa">
            Turn on two-factor authentication
          </button>
        )}
        {enabled && (
          <>
            <button type="button" onClick={() => setAction('recovery')} data-testid="new-recovery-codes">
              New recovery codes
            </button>
            <button type="button" className="danger" onClick={() => setAction('disable')} data-testid="disable-mfa">
              Turn off two-factor authentication
            </button>
          </>
        )}
      </div>
      <PasswordDialog
        open={action === 'recovery'}
        title="New recovery codes"
        confirmLabel="Make new codes"
        onClose={() => setAction('none')}
        onSubmit={async (password) => {
          const result = await newRecoveryCodes(password)
          setAction('none')
          setCodes(result.recovery_codes)
        }}
      >
        <p>New codes replace all your current recovery codes.</p>
      </PasswordDialog>
      <PasswordDialog
        open={action === 'disable'}
        title="Turn off two-factor authentication"
        confirmLabel="Turn off"
        danger
        onClose={() => setAction('none')}
        onSubmit={async (password) => {
          await disableMfa(password)
          setAction('none')
          setMessage('Two-factor authentication is off.')
          onChanged()
        }}
      >
        <p>Logins will then need only your password. Your recovery codes are deleted.</p>
      </PasswordDialog>
    </>
  )
}

function objectHref(type: string, id: string): string | undefined {
  const reg = registerByObjectType(type)
  return reg ? `${reg.route}/${encodeURIComponent(id)}` : undefined
}

export function MyAccessPage() {
  const me = useApi<MyAccess>('/api/v1/me')
  const { can } = useAuth()
  const [passwordChanged, setPasswordChanged] = useState(false)
  if (me.error !== undefined && !me.data) {
    return (
      <>
        <PageHeader title="My access" />
        <ErrorBox error={me.error} onRetry={me.reload} />
      </>
    )
  }
  const d = me.data
  if (!d) return <Loading />
  const { user, person } = d
  return (
    <>
      <PageHeader title="My access" subtitle={`${user.username}${person ? ` · ${person.name}` : ''}`} />
      <div className="grid-2">
        <section className="panel" aria-labelledby="me-user">
          <h2 id="me-user">User</h2>
          <dl className="fields" data-testid="me-user">
            <Field label="Username" name="username">
              {user.username}
            </Field>
            <Field label="Password changed">
              <When at={user.password_changed_at} />
            </Field>
            <Field label="Access expires">
              <When at={user.access_expires_at} empty="never" />
            </Field>
            <Field label="User since">
              <When at={user.created_at} />
            </Field>
          </dl>
        </section>
        <section className="panel" aria-labelledby="me-person">
          <h2 id="me-person">Person</h2>
          {person ? (
            <dl className="fields" data-testid="me-person">
              <Field label="Name">{can('people:read') ? <Link to={`/people/${encodeURIComponent(person.id)}`}>{person.name}</Link> : person.name}</Field>
              <Field label="Email">{person.email || '—'}</Field>
              <Field label="Job title">{person.job_title || '—'}</Field>
              <Field label="Employment">{person.employment_status ?? '—'}</Field>
            </dl>
          ) : (
            <p className="muted">This user is linked to no person.</p>
          )}
        </section>
      </div>

      <div className="grid-2">
        <section className="panel" aria-labelledby="me-roles">
          <h2 id="me-roles">Roles</h2>
          {d.roles.length === 0 ? (
            <p className="muted">No roles.</p>
          ) : (
            <ul className="plain" data-testid="me-roles">
              {d.roles.map((r) => (
                <li key={r.id}>
                  <strong>{r.name}</strong> <code className="muted">{r.key}</code>
                  {r.description && <span className="muted"> — {r.description}</span>}
                </li>
              ))}
            </ul>
          )}
          <h2 className="spaced">Permissions</h2>
          <PermissionList permissions={d.permissions} />
        </section>
        <section className="panel" aria-labelledby="me-security">
          <h2 id="me-security">Two-factor authentication</h2>
          <MfaSection me={d} onChanged={me.reload} />
          <details className="spaced" data-testid="me-password">
            <summary>Change password</summary>
            {passwordChanged && (
              <div className="success" role="status">
                Password changed. Your other sessions have been ended.
              </div>
            )}
            <ChangePasswordForm
              onChanged={() => {
                setPasswordChanged(true)
                me.reload()
              }}
            />
          </details>
        </section>
      </div>

      <div className="grid-2">
        <section className="panel" aria-labelledby="me-groups">
          <h2 id="me-groups">Working groups</h2>
          {d.groups.length === 0 ? (
            <p className="muted">Not a member of any working group.</p>
          ) : (
            <ul className="plain" data-testid="me-groups">
              {d.groups.map((g) => (
                <li key={g.id}>
                  {can('groups:read') ? <Link to={`/groups/${encodeURIComponent(g.id)}`}>{g.name}</Link> : g.name}
                  {g.description && <span className="muted"> — {g.description}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="me-grants">
          <h2 id="me-grants">Explicit grants</h2>
          {d.grants.length === 0 ? (
            <p className="muted">No objects are granted to you personally.</p>
          ) : (
            <ul className="plain" data-testid="me-grants">
              {d.grants.map((g) => {
                const href = objectHref(g.object_type, g.object_id)
                const label = `${g.object_type} ${g.object_id.slice(0, 8)}`
                return (
                  <li key={`${g.object_type}:${g.object_id}`}>
                    {href ? <Link to={href}>{label}</Link> : label}{' '}
                    <span className="muted">
                      granted by {g.granted_by}, <When at={g.granted_at} />
                    </span>
                  </li>
                )
              })}
            </ul>
          )}
        </section>
      </div>

      <section className="panel spaced" aria-labelledby="me-sessions">
        <h2 id="me-sessions">Sessions</h2>
        <div className="table-wrap">
          <table className="grid" data-testid="me-sessions">
            <thead>
              <tr>
                <th scope="col">Signed in</th>
                <th scope="col">Last seen</th>
                <th scope="col">Address</th>
                <th scope="col">Browser</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {d.sessions.map((s, i) => (
                <tr key={`${s.created_at}-${i}`}>
                  <td className="nowrap">
                    <When at={s.created_at} />
                  </td>
                  <td className="nowrap">
                    <When at={s.last_seen_at} />
                  </td>
                  <td className="mono">{s.remote_address}</td>
                  <td className="clamp-cell" title={s.user_agent}>
                    {s.user_agent}
                  </td>
                  <td>{s.current && <Badge tone="ok" testId="current-session">this session</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel spaced" aria-labelledby="me-tokens">
        <h2 id="me-tokens">API tokens</h2>
        {d.tokens.length === 0 ? (
          <p className="muted">No API tokens.</p>
        ) : (
          <ul className="plain" data-testid="me-tokens">
            {d.tokens.map((t) => {
              const status = tokenStatus(t)
              return (
                <li key={t.id}>
                  {t.name} <code className="muted">{t.scope}</code>{' '}
                  <Badge tone={status === 'active' ? 'ok' : undefined}>{status}</Badge>{' '}
                  <span className="muted">
                    expires <When at={t.expires_at} />
                  </span>
                </li>
              )
            })}
          </ul>
        )}
        <p>
          <Link to="/tokens">Manage API tokens</Link>
        </p>
      </section>
    </>
  )
}
