// API tokens (/tokens): my tokens (all users' with tokens:manage_all), create one (the
// secret is shown once), revoke with confirmation.
import { useState, type FormEvent } from 'react'
import { api, ApiError, withQuery } from '../api/client'
import type { ApiToken, CreatedToken, Items, RegisterDescriptor, TokenScope } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ErrorBox } from '../components/ErrorBox'
import { OneTimeSecret } from '../components/OneTimeSecret'
import { PageHeader } from '../components/PageHeader'
import { TextField } from '../components/TextField'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { navigate, useLocation } from '../router'
import { Badge, When } from './bits'
import { itemsOf, tokenStatus } from './format'

const FIELDS = ['name', 'scope', 'registers', 'expires_in_days']

function CreateTokenForm({ onCreated, onCancel }: { onCreated: (created: CreatedToken) => void; onCancel: () => void }) {
  const registers = useApi<Items<RegisterDescriptor>>('/api/v1/registers')
  const [name, setName] = useState('')
  const [scope, setScope] = useState<TokenScope>('read')
  const [limited, setLimited] = useState<string[]>([])
  const [days, setDays] = useState('90')
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>(undefined)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    const body: Record<string, unknown> = { name, scope, expires_in_days: days.trim() === '' ? undefined : Number(days) }
    if (limited.length > 0) body.registers = limited
    try {
      onCreated(await api<CreatedToken>('/api/v1/tokens', { method: 'POST', body }))
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
  const registerItems = itemsOf(registers.data)
  return (
    <form className="panel spaced" onSubmit={submit} noValidate data-testid="token-form">
      <h2>New API token</h2>
      {failure !== undefined && <ErrorBox title="The token was not created" error={failure} />}
      <TextField name="name" label="Name" value={name} onChange={setName} errors={errors.byField.name} help="What uses it, e.g. “CMDB sync”." autoFocus />
      <div className="field">
        <label htmlFor="field-scope">Scope</label>
        <select id="field-scope" value={scope} onChange={(e) => setScope(e.target.value as TokenScope)} aria-invalid={errors.byField.scope ? true : undefined}>
          <option value="read">read — only reads</option>
          <option value="read_write">read_write — reads and changes</option>
        </select>
        {errors.byField.scope && <p className="field-error" data-testid="error-scope">{errors.byField.scope.join(' ')}</p>}
      </div>
      <fieldset className="multi spaced" aria-invalid={errors.byField.registers ? true : undefined}>
        <legend>Limit to registers (none ticked: all the registers you may use)</legend>
        {registers.error !== undefined && <p className="muted">Could not load the registers.</p>}
        {registerItems.map((r) => (
          <label key={r.name} className="check">
            <input
              type="checkbox"
              checked={limited.includes(r.name)}
              onChange={(e) => setLimited(e.target.checked ? [...limited, r.name] : limited.filter((x) => x !== r.name))}
            />{' '}
            {r.title}
          </label>
        ))}
        {errors.byField.registers && <p className="field-error" data-testid="error-registers">{errors.byField.registers.join(' ')}</p>}
      </fieldset>
      <TextField
        name="expires_in_days"
        label="Expires after (days)"
        type="number"
        inputMode="numeric"
        value={days}
        onChange={setDays}
        errors={errors.byField.expires_in_days}
        help="1 to 365 days. Tokens always expire."
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="create-token">
          {busy ? 'Creating…' : 'Create token'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

export function TokensPage() {
  const { can, session } = useAuth()
  const { search } = useLocation()
  const manageAll = can('tokens:manage_all')
  const all = manageAll && new URLSearchParams(search).get('all') === 'true'
  const tokens = useApi<Items<ApiToken>>(withQuery('/api/v1/tokens', { all: all ? 'true' : undefined }))
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<CreatedToken>()
  const [revoking, setRevoking] = useState<ApiToken>()
  const items = itemsOf(tokens.data)

  return (
    <>
      <PageHeader
        title="API tokens"
        subtitle="For scripts and integrations: a token acts as its user, narrowed to its scope."
        actions={
          !creating && (
            <button
              type="button"
              className="primary"
              onClick={() => {
                setCreated(undefined)
                setCreating(true)
              }}
              data-testid="new-token"
            >
              New token
            </button>
          )
        }
      />
      {created && (
        <OneTimeSecret title={`Token “${created.token.name}” created`} secret={created.secret} testId="token-secret">
          <p className="help">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>. It expires <When at={created.token.expires_at} />.
          </p>
          <button type="button" onClick={() => setCreated(undefined)}>
            Done
          </button>
        </OneTimeSecret>
      )}
      {creating && (
        <CreateTokenForm
          onCancel={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false)
            setCreated(c)
            tokens.reload()
          }}
        />
      )}
      {manageAll && (
        <p className="toggle">
          <label>
            <input
              type="checkbox"
              checked={all}
              onChange={(e) => navigate(e.target.checked ? '/tokens?all=true' : '/tokens', { replace: true })}
              data-testid="all-tokens"
            />{' '}
            Show every user's tokens
          </label>
        </p>
      )}
      {tokens.error !== undefined && <ErrorBox error={tokens.error} onRetry={tokens.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={tokens.loading} data-testid="tokens-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              {all && <th scope="col">User</th>}
              <th scope="col">Scope</th>
              <th scope="col">Registers</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => {
              const status = tokenStatus(t)
              return (
                <tr key={t.id} className={status === 'active' ? undefined : 'archived'}>
                  <td>
                    {t.name} <code className="muted small">{t.id}</code>
                  </td>
                  {all && <td className="mono small">{t.user_id === session.user.id ? 'you' : t.user_id}</td>}
                  <td>
                    <code>{t.scope}</code>
                  </td>
                  <td>{t.registers.length === 0 ? 'all' : t.registers.join(', ')}</td>
                  <td className="nowrap">
                    <When at={t.created_at} />
                  </td>
                  <td className="nowrap">
                    <When at={t.expires_at} />
                  </td>
                  <td className="nowrap">
                    <When at={t.last_used_at} empty="never" />
                  </td>
                  <td>
                    <Badge tone={status === 'active' ? 'ok' : undefined}>{status}</Badge>
                  </td>
                  <td>
                    {status === 'active' && (
                      <button type="button" className="danger" onClick={() => setRevoking(t)} data-testid={`revoke-${t.id}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              )
            })}
            {tokens.data && items.length === 0 && (
              <tr>
                <td colSpan={all ? 9 : 8} className="empty">
                  No API tokens.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={revoking !== undefined}
        title="Revoke API token"
        confirmLabel="Revoke"
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (!revoking) return
          await api<ApiToken>(`/api/v1/tokens/${encodeURIComponent(revoking.id)}/revoke`, { method: 'POST', body: {} })
          tokens.reload()
        }}
      >
        <p>
          Revoke <strong>{revoking?.name}</strong>? Whatever uses it stops working at once. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  )
}
