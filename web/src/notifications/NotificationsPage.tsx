// /admin/notifications (notifications:manage): SMTP settings (the password is write-only),
// reminder offsets, overdue notice and weekly digest; webhooks (the signing secret is shown
// once); the delivery log with status, attempts, last error and retry; a test e-mail and a
// "run now".
import { useState, type FormEvent, type ReactNode } from 'react'
import { api, ApiError, withQuery } from '../api/client'
import { useApi } from '../api/useApi'
import { Badge, When } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { OneTimeSecret } from '../components/OneTimeSecret'
import { PageHeader } from '../components/PageHeader'
import { fieldKey, formOf, parseOffsets, settingsBody, WEEKDAYS, type SettingsForm } from './form'
import type { CreatedWebhook, Delivery, DeliveryPage, DeliveryStatus, NotificationSettings, RunReport, Webhook, WebhookEvent } from './types'

type FieldErrors = Record<string, string[]>

function errorsOf(e: unknown): FieldErrors | undefined {
  if (!(e instanceof ApiError) || e.status !== 422) return undefined
  const out: FieldErrors = {}
  const details = e.details.length > 0 ? e.details : [{ field: e.field, message: e.message }]
  for (const d of details) (out[fieldKey(d.field ?? '')] ??= []).push(d.message)
  return out
}

function FieldError({ errors, name }: { errors: FieldErrors; name: string }) {
  if (!errors[name]) return null
  return (
    <div className="field-error" data-testid={`error-${name}`}>
      {errors[name].join(' ')}
    </div>
  )
}

function Field({ id, label, help, children }: { id: string; label: string; help?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {help && <p className="help">{help}</p>}
    </div>
  )
}

function SettingsPanel({
  settings,
  justSaved,
  onSaved,
}: {
  settings: NotificationSettings
  justSaved: boolean
  onSaved: (s: NotificationSettings) => void
}) {
  const [f, setF] = useState<SettingsForm>(formOf(settings))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(justSaved)
  const set = <K extends keyof SettingsForm>(k: K, v: SettingsForm[K]) => setF((old) => ({ ...old, [k]: v }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setErrors({})
    setFailure(undefined)
    setSaved(false)
    const parsed = parseOffsets(f.offsets)
    if ('error' in parsed) {
      setErrors({ offsets: [parsed.error] })
      return
    }
    setBusy(true)
    try {
      const next = await api<NotificationSettings>('/api/v1/notifications/settings', {
        method: 'PUT',
        body: settingsBody(f, parsed.offsets, settings.version),
      })
      setSaved(true)
      onSaved(next)
    } catch (err) {
      const placed = errorsOf(err)
      if (placed) setErrors(placed)
      else setFailure(err)
    } finally {
      setBusy(false)
    }
  }

  const unplaced = Object.entries(errors).filter(
    ([k]) => !['smtp.url', 'smtp.from', 'smtp.username', 'smtp.password', 'smtp.starttls', 'offsets', 'digest.weekday', 'digest.hour'].includes(k),
  )
  return (
    <form className="panel" onSubmit={submit} noValidate data-testid="notification-settings">
      <h2>E-mail (SMTP)</h2>
      <Field id="smtp-url" label="SMTP server" help="smtp://host:587 (STARTTLS) or smtps://host:465; empty: no e-mail.">
        <input id="smtp-url" type="text" value={f.url} onChange={(e) => set('url', e.target.value)} data-testid="smtp-url" />
        <FieldError errors={errors} name="smtp.url" />
      </Field>
      <Field id="smtp-from" label="Sender address">
        <input id="smtp-from" type="email" value={f.from} onChange={(e) => set('from', e.target.value)} data-testid="smtp-from" />
        <FieldError errors={errors} name="smtp.from" />
      </Field>
      <Field id="smtp-username" label="User name" help="Empty: no authentication.">
        <input id="smtp-username" type="text" autoComplete="off" value={f.username} onChange={(e) => set('username', e.target.value)} />
        <FieldError errors={errors} name="smtp.username" />
      </Field>
      <Field
        id="smtp-password"
        label="Password"
        help={settings.smtp.password_set ? 'A password is set; it is never shown. Type a new one to replace it.' : 'No password set.'}
      >
        <input
          id="smtp-password"
          type="password"
          autoComplete="new-password"
          value={f.password}
          disabled={f.clearPassword}
          onChange={(e) => set('password', e.target.value)}
          data-testid="smtp-password"
        />
        {settings.smtp.password_set && (
          <label className="checkbox">
            <input type="checkbox" checked={f.clearPassword} onChange={(e) => set('clearPassword', e.target.checked)} /> Remove the password
          </label>
        )}
        <FieldError errors={errors} name="smtp.password" />
      </Field>
      <Field id="smtp-starttls" label="STARTTLS">
        <select id="smtp-starttls" value={f.starttls} onChange={(e) => set('starttls', e.target.value as SettingsForm['starttls'])}>
          <option value="required">required</option>
          <option value="opportunistic">when offered</option>
          <option value="none">never</option>
        </select>
        <FieldError errors={errors} name="smtp.starttls" />
      </Field>

      <h2>Reminders</h2>
      <Field id="offsets" label="Remind this many days before the due date" help="Comma-separated, 0–365, at most 10 values, e.g. 30, 7, 1.">
        <input id="offsets" type="text" value={f.offsets} onChange={(e) => set('offsets', e.target.value)} data-testid="offsets" />
        <FieldError errors={errors} name="offsets" />
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={f.overdueNotice} onChange={(e) => set('overdueNotice', e.target.checked)} /> Send an overdue notice the day after the due date
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={f.digestEnabled} onChange={(e) => set('digestEnabled', e.target.checked)} data-testid="digest-enabled" /> Weekly digest
        per person (their items of the coming 7 days and what is overdue)
      </label>
      <div className="toolbar">
        <Field id="digest-weekday" label="Digest on">
          <select id="digest-weekday" value={f.digestWeekday} onChange={(e) => set('digestWeekday', Number(e.target.value))} disabled={!f.digestEnabled}>
            {WEEKDAYS.map((d, i) => (
              <option key={d} value={i + 1}>
                {d}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="digest.weekday" />
        </Field>
        <Field id="digest-hour" label="from (organization time)">
          <select id="digest-hour" value={f.digestHour} onChange={(e) => set('digestHour', Number(e.target.value))} disabled={!f.digestEnabled}>
            {Array.from({ length: 24 }, (_, h) => (
              <option key={h} value={h}>
                {String(h).padStart(2, '0')}:00
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="digest.hour" />
        </Field>
      </div>
      <h2>Channels</h2>
      <label className="checkbox">
        <input type="checkbox" checked={f.email} onChange={(e) => set('email', e.target.checked)} /> E-mail to each item's owner
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={f.webhook} onChange={(e) => set('webhook', e.target.checked)} /> Webhooks
      </label>
      {unplaced.map(([k, msgs]) => (
        <p className="field-error" key={k}>
          {k ? `${k}: ` : ''}
          {msgs.join(' ')}
        </p>
      ))}
      {failure !== undefined && <ErrorBox error={failure} title="The settings were not saved" />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="save-settings">
          {busy ? 'Saving…' : 'Save settings'}
        </button>
        {saved && <span role="status">Saved.</span>}
      </div>
    </form>
  )
}

function TestEmail() {
  const [to, setTo] = useState('')
  const [result, setResult] = useState<Delivery>()
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const send = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setFailure(undefined)
    setResult(undefined)
    try {
      setResult(await api<Delivery>('/api/v1/notifications/test-email', { method: 'POST', body: { to } }))
    } catch (err) {
      setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="toolbar" onSubmit={send} data-testid="test-email-form">
      <div className="filter">
        <label htmlFor="test-to">Send a test e-mail to</label>
        <input id="test-to" type="email" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <button type="submit" disabled={busy || to === ''}>
        {busy ? 'Sending…' : 'Send test'}
      </button>
      {result && (
        <span role="status" data-testid="test-email-result">
          {result.status === 'sent' ? 'Sent.' : `Failed: ${result.last_error} (it will be retried)`}
        </span>
      )}
      {failure !== undefined && <ErrorBox error={failure} />}
    </form>
  )
}

const EVENTS: WebhookEvent[] = ['reminder', 'overdue', 'digest']

function WebhooksPanel() {
  const list = useApi<{ items: Webhook[] }>('/api/v1/notifications/webhooks')
  const [url, setUrl] = useState('')
  const [description, setDescription] = useState('')
  const [events, setEvents] = useState<WebhookEvent[]>([...EVENTS])
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<unknown>()
  const [created, setCreated] = useState<CreatedWebhook>()

  const add = async (e: FormEvent) => {
    e.preventDefault()
    setErrors({})
    setFailure(undefined)
    try {
      setCreated(await api<CreatedWebhook>('/api/v1/notifications/webhooks', { method: 'POST', body: { url, description, events } }))
      setUrl('')
      setDescription('')
      list.reload()
    } catch (err) {
      const placed = errorsOf(err)
      if (placed) setErrors(placed)
      else setFailure(err)
    }
  }
  const change = async (w: Webhook, method: 'PATCH' | 'DELETE') => {
    setFailure(undefined)
    try {
      await api(`/api/v1/notifications/webhooks/${encodeURIComponent(w.id)}`, {
        method,
        body: method === 'PATCH' ? { active: !w.active, version: w.version } : undefined,
      })
      list.reload()
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <section className="panel" data-testid="webhooks">
      <h2>Webhooks</h2>
      <p className="help">
        Each POST carries JSON {'{event, delivery_id, sent_at, items, person}'} and X-Isms-Signature: sha256=HMAC-SHA256(secret,
        X-Isms-Timestamp + "." + body).
      </p>
      {created && (
        <OneTimeSecret title="Signing secret" secret={created.secret} testId="webhook-secret">
          <p>Configure the receiver at {created.url} to verify each request with it.</p>
          <button type="button" onClick={() => setCreated(undefined)}>
            Done
          </button>
        </OneTimeSecret>
      )}
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      <table className="grid" data-testid="webhooks-table">
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">Events</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((w) => (
            <tr key={w.id} data-testid="webhook-row">
              <td>
                <code>{w.url}</code>
                {w.description && <div className="help">{w.description}</div>}
              </td>
              <td>{w.events.join(', ')}</td>
              <td>
                <Badge tone={w.active ? 'ok' : 'warn'}>{w.active ? 'active' : 'disabled'}</Badge>
              </td>
              <td className="nowrap">
                <button type="button" onClick={() => change(w, 'PATCH')}>
                  {w.active ? 'Disable' : 'Enable'}
                </button>{' '}
                <button type="button" className="danger" onClick={() => change(w, 'DELETE')}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {list.data && list.data.items.length === 0 && (
            <tr>
              <td colSpan={4} className="empty">
                No webhooks.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <form className="toolbar" onSubmit={add} noValidate data-testid="webhook-form">
        <div className="filter">
          <label htmlFor="webhook-url">URL</label>
          <input id="webhook-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} data-testid="webhook-url" />
          <FieldError errors={errors} name="url" />
        </div>
        <div className="filter">
          <label htmlFor="webhook-description">Description</label>
          <input id="webhook-description" type="text" value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <fieldset className="filter">
          <legend>Events</legend>
          {EVENTS.map((ev) => (
            <label key={ev} className="checkbox">
              <input
                type="checkbox"
                checked={events.includes(ev)}
                onChange={(e) => setEvents((old) => (e.target.checked ? [...old, ev] : old.filter((x) => x !== ev)))}
              />{' '}
              {ev}
            </label>
          ))}
          <FieldError errors={errors} name="events" />
        </fieldset>
        <button type="submit" className="primary" disabled={url === ''} data-testid="add-webhook">
          Add webhook
        </button>
      </form>
      {failure !== undefined && <ErrorBox error={failure} />}
    </section>
  )
}

const STATUS_TONE: Record<DeliveryStatus, 'ok' | 'warn' | 'bad' | undefined> = {
  pending: undefined,
  sent: 'ok',
  failed: 'warn',
  abandoned: 'bad',
}

function DeliveriesPanel() {
  const [status, setStatus] = useState('')
  const [channel, setChannel] = useState('')
  const [cursor, setCursor] = useState<string>()
  const list = useApi<DeliveryPage>(
    withQuery('/api/v1/notifications/deliveries', { status: status || undefined, channel: channel || undefined, limit: 50, cursor }),
  )
  const [failure, setFailure] = useState<unknown>()
  const [report, setReport] = useState<RunReport>()
  const retry = async (d: Delivery) => {
    setFailure(undefined)
    try {
      await api(`/api/v1/notifications/deliveries/${encodeURIComponent(d.id)}/retry`, { method: 'POST' })
      list.reload()
    } catch (err) {
      setFailure(err)
    }
  }
  const runNow = async () => {
    setFailure(undefined)
    try {
      setReport(await api<RunReport>('/api/v1/notifications/run', { method: 'POST' }))
      list.reload()
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <section className="panel" data-testid="deliveries">
      <h2>Deliveries</h2>
      <div className="toolbar">
        <div className="filter">
          <label htmlFor="delivery-status">Status</label>
          <select id="delivery-status" value={status} onChange={(e) => (setStatus(e.target.value), setCursor(undefined))}>
            <option value="">all</option>
            {(['pending', 'sent', 'failed', 'abandoned'] as const).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="delivery-channel">Channel</label>
          <select id="delivery-channel" value={channel} onChange={(e) => (setChannel(e.target.value), setCursor(undefined))}>
            <option value="">all</option>
            <option value="email">e-mail</option>
            <option value="webhook">webhook</option>
          </select>
        </div>
        <button type="button" onClick={runNow} data-testid="run-now">
          Run reminders now
        </button>
        {report && (
          <span role="status" data-testid="run-report">
            {report.planned} planned, {report.sent} sent, {report.failed} failed, {report.abandoned} abandoned
          </span>
        )}
      </div>
      {(list.error ?? failure) !== undefined && <ErrorBox error={list.error ?? failure} onRetry={list.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={list.loading} data-testid="deliveries-table">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Channel</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">Next attempt</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((d) => (
              <tr key={d.id} data-testid="delivery-row" data-status={d.status}>
                <td className="nowrap">
                  <When at={d.created_at} />
                </td>
                <td>{d.channel}</td>
                <td>{d.target}</td>
                <td>{d.subject}</td>
                <td>
                  <Badge tone={STATUS_TONE[d.status]}>{d.status}</Badge>
                </td>
                <td className="num">{d.attempts}</td>
                <td>{d.last_error || '—'}</td>
                <td className="nowrap">
                  <When at={d.next_attempt_at} />
                </td>
                <td>
                  {(d.status === 'failed' || d.status === 'abandoned') && (
                    <button type="button" onClick={() => retry(d)} data-testid="retry-delivery">
                      Retry now
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {list.data && list.data.items.length === 0 && (
              <tr>
                <td colSpan={9} className="empty">
                  No deliveries.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {list.data?.next_cursor && (
        <button type="button" onClick={() => setCursor(list.data?.next_cursor ?? undefined)}>
          Older deliveries
        </button>
      )}
    </section>
  )
}

export function NotificationsPage() {
  const loaded = useApi<NotificationSettings>('/api/v1/notifications/settings')
  const [settings, setSettings] = useState<NotificationSettings>()
  const current = settings ?? loaded.data
  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle="Reminders of calendar duties by e-mail and webhook, a weekly digest per person, and every delivery with its attempts."
      />
      {loaded.error !== undefined && <ErrorBox error={loaded.error} onRetry={loaded.reload} />}
      {current && <SettingsPanel
          key={current.version}
          settings={current}
          justSaved={settings !== undefined}
          onSaved={setSettings}
        />}
      {current?.smtp.url && <TestEmail />}
      <WebhooksPanel />
      <DeliveriesPanel />
    </>
  )
}
