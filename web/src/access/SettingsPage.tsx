// Settings (/admin/settings, settings:manage): which roles must use two-factor
// authentication, and the session timeouts. Saved with the version shown.
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import type { Items, Role, Settings } from '../api/types'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { TextField } from '../components/TextField'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { itemsOf } from './format'

const FIELDS = ['mfa_required_role_keys', 'session_idle_minutes', 'session_absolute_hours']

function SettingsForm({ settings, roles, onSaved, onReload }: { settings: Settings; roles: Role[]; onSaved: (s: Settings) => void; onReload: () => void }) {
  const [keys, setKeys] = useState<string[]>(settings.mfa_required_role_keys)
  const [idle, setIdle] = useState(String(settings.session_idle_minutes))
  const [absolute, setAbsolute] = useState(String(settings.session_absolute_hours))
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>(undefined)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    // Numbers as typed: a non-number goes to the server as is, which names the field.
    const num = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s)
    try {
      onSaved(
        await api<Settings>('/api/v1/settings', {
          method: 'PUT',
          body: {
            mfa_required_role_keys: keys,
            session_idle_minutes: num(idle),
            session_absolute_hours: num(absolute),
            version: settings.version,
          },
        }),
      )
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
  const conflict = failure instanceof ApiError && failure.status === 409
  const unknownKeys = keys.filter((k) => !roles.some((r) => r.key === k))
  return (
    <form className="panel narrow" onSubmit={submit} noValidate data-testid="settings-form">
      {failure !== undefined && <ErrorBox title={conflict ? 'Changed by someone else' : 'The settings were not saved'} error={failure} />}
      {conflict && (
        <button type="button" className="primary" onClick={onReload}>
          Reload
        </button>
      )}
      <fieldset className="multi" id="field-mfa_required_role_keys" aria-invalid={errors.byField.mfa_required_role_keys ? true : undefined}>
        <legend>Roles that must use two-factor authentication</legend>
        {errors.byField.mfa_required_role_keys && (
          <p className="field-error" data-testid="error-mfa_required_role_keys">
            {errors.byField.mfa_required_role_keys.join(' ')}
          </p>
        )}
        <div className="multi-options">
          {[...roles.map((r) => ({ key: r.key, label: r.name })), ...unknownKeys.map((k) => ({ key: k, label: k }))].map((r) => (
            <label key={r.key}>
              <input
                type="checkbox"
                checked={keys.includes(r.key)}
                onChange={(e) => setKeys(e.target.checked ? [...keys, r.key] : keys.filter((k) => k !== r.key))}
                data-role-key={r.key}
              />{' '}
              {r.label} <code className="muted small">{r.key}</code>
            </label>
          ))}
        </div>
        <p className="help">Users holding such a role must set up two-factor authentication at their next login.</p>
      </fieldset>
      <TextField
        name="session_idle_minutes"
        label="Idle timeout (minutes)"
        type="number"
        inputMode="numeric"
        value={idle}
        onChange={setIdle}
        errors={errors.byField.session_idle_minutes}
        help="A session without requests for this long ends (5–1440)."
      />
      <TextField
        name="session_absolute_hours"
        label="Absolute session lifetime (hours)"
        type="number"
        inputMode="numeric"
        value={absolute}
        onChange={setAbsolute}
        errors={errors.byField.session_absolute_hours}
        help="Every session ends this long after login (1–168)."
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="save">
          {busy ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  )
}

export function SettingsPage() {
  const settings = useApi<Settings>('/api/v1/settings')
  const roles = useApi<Items<Role>>('/api/v1/roles')
  const [saved, setSaved] = useState<Settings>()
  const error = settings.error ?? roles.error
  if (error !== undefined && !(settings.data && roles.data)) {
    return (
      <>
        <PageHeader title="Settings" />
        <ErrorBox error={error} onRetry={() => (settings.error ? settings.reload() : roles.reload())} />
      </>
    )
  }
  const current = saved && settings.data && saved.version >= settings.data.version ? saved : settings.data
  if (!current || !roles.data) return <Loading />
  return (
    <>
      <PageHeader title="Settings" subtitle="Organization-wide authentication settings." />
      {saved && (
        <div className="success" role="status" data-testid="flash">
          Settings saved.
        </div>
      )}
      <SettingsForm
        key={current.version}
        settings={current}
        roles={itemsOf(roles.data)}
        onSaved={setSaved}
        onReload={() => {
          setSaved(undefined)
          settings.reload()
        }}
      />
    </>
  )
}
