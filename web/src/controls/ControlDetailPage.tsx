// One control (/controls/:id): what it is, the requirements it satisfies (links to their
// catalogue pages), the risks it treats, the effectiveness check (record one with a note
// and date), its evidence, and edit/archive for controls:write.
import '../risks/risks.css'
import './controls.css'
import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import { api, ApiError, withQuery } from '../api/client'
import type { ListPage } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge, When } from '../access/bits'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { clearFlash, peekFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { keyHref } from '../catalogue/keys'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { Link } from '../router'
import { LevelBadge } from '../risks/bits'
import { riskRoute } from '../risks/paths'
import type { Risk } from '../risks/types'
import { EvidencePanel } from './EvidencePanel'
import { classificationLabels, statusLabel, todayIso } from './labels'
import { controlApi, controlEditRoute } from './paths'
import { useRequirementTitles } from './requirements'
import type { Control, ControlView } from './types'

function Row({ label, children, name }: { label: string; children: ReactNode; name?: string }) {
  return (
    <div className="field-row">
      <dt>{label}</dt>
      <dd data-field={name}>{children}</dd>
    </div>
  )
}

function ActionDialog({
  open,
  title,
  onClose,
  onSubmit,
  submitLabel,
  testId,
  children,
  danger,
}: {
  open: boolean
  title: string
  onClose: () => void
  onSubmit: () => Promise<void>
  submitLabel: string
  testId: string
  children: (errors: FormErrors) => ReactNode
  danger?: boolean
}) {
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    try {
      await onSubmit()
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setErrors(formErrorsFrom(err, ['note', 'checked_on', 'reason']))
      else setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {children(errors)}
        {errors.summary
          .filter((s) => !s.field)
          .map((s) => (
            <p key={s.message} className="field-error" role="alert">
              {s.message}
            </p>
          ))}
        {failure !== undefined && <ErrorBox error={failure} title={failure instanceof ApiError && failure.status === 409 ? 'Changed by someone else: close and reload' : undefined} />}
        <div className="form-actions">
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy} data-testid={testId}>
            {busy ? 'Working…' : submitLabel}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function Errs({ name, errors }: { name: string; errors: FormErrors }) {
  const list = errors.byField[name]
  if (!list) return null
  return (
    <div className="field-error" id={`error-${name}`} data-testid={`error-${name}`}>
      {list.join(' ')}
    </div>
  )
}

function CheckDialog({ control, open, onClose, onDone }: { control: Control; open: boolean; onClose: () => void; onDone: () => void }) {
  const [note, setNote] = useState('')
  const [checkedOn, setCheckedOn] = useState(todayIso())
  return (
    <ActionDialog
      open={open}
      title={`Effectiveness check of ${control.ref}`}
      onClose={onClose}
      submitLabel="Record check"
      testId="check-confirm"
      onSubmit={async () => {
        const body: Record<string, unknown> = { version: control.version, note }
        if (checkedOn !== '') body.checked_on = checkedOn
        await api<ControlView>(`${controlApi(control.id)}/check`, { method: 'POST', body })
        setNote('')
        onDone()
      }}
    >
      {(errors) => (
        <>
          <p>
            What was checked and what was found. The next check moves {control.check_interval_months} {control.check_interval_months === 1 ? 'month' : 'months'} on from
            the check date.
          </p>
          <div className="field">
            <label htmlFor="field-checked_on">Checked on</label>
            <input id="field-checked_on" type="date" value={checkedOn} onChange={(e) => setCheckedOn(e.target.value)} data-testid="check-date" />
            <Errs name="checked_on" errors={errors} />
          </div>
          <div className="field">
            <label htmlFor="field-note">Note</label>
            <textarea id="field-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} data-testid="check-note" />
            <Errs name="note" errors={errors} />
          </div>
        </>
      )}
    </ActionDialog>
  )
}

function ArchiveDialog({ control, open, onClose, onDone }: { control: Control; open: boolean; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('')
  return (
    <ActionDialog
      open={open}
      title={`Archive ${control.ref}`}
      onClose={onClose}
      submitLabel="Archive control"
      testId="archive-confirm"
      danger
      onSubmit={async () => {
        await api<ControlView>(`${controlApi(control.id)}/archive`, { method: 'POST', body: { version: control.version, reason } })
        onDone()
      }}
    >
      {(errors) => (
        <>
          <p>An archived control leaves the list and no longer counts for the SoA and the coverage figures; it stays readable and in the ledger.</p>
          <div className="field">
            <label htmlFor="field-reason">Reason</label>
            <textarea id="field-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="archive-reason" />
            <Errs name="reason" errors={errors} />
          </div>
        </>
      )}
    </ActionDialog>
  )
}

function TreatedRisks({ control }: { control: Control }) {
  const { can } = useAuth()
  const allowed = can('risks:read') && control.risk_ids.length > 0
  const risks = useApi<ListPage<Risk>>(allowed ? withQuery('/api/v1/risks', { control_id: control.id, limit: 200, archived: 'all' }) : null)
  if (control.risk_ids.length === 0) return <span className="muted">none</span>
  const byId = new Map((risks.data?.items ?? []).map((r) => [r.id, r]))
  return (
    <ul className="plain" data-testid="control-risks">
      {control.risk_ids.map((id) => {
        const r = byId.get(id)
        return (
          <li key={id}>
            {r ? (
              <>
                <LevelBadge level={r.residual?.level} /> <Link to={riskRoute(id)}>{r.ref}</Link> {r.title}
              </>
            ) : can('risks:read') ? (
              <Link to={riskRoute(id)}>{id}</Link>
            ) : (
              <span className="muted">{id}</span>
            )}
          </li>
        )
      })}
    </ul>
  )
}

export function ControlDetailPage({ id }: { id: string }) {
  const view = useApi<ControlView>(controlApi(id))
  const { can } = useAuth()
  const [flash, setFlashShown] = useState(peekFlash)
  useEffect(() => clearFlash(), [])
  const [checking, setChecking] = useState(false)
  const [archiving, setArchiving] = useState(false)
  const c = view.data?.control
  const titles = useRequirementTitles(c?.requirement_keys ?? [])

  if (view.error !== undefined && !c) {
    return (
      <>
        <PageHeader title="Control" back={<Link to="/controls">← Controls</Link>} />
        <ErrorBox error={view.error} onRetry={view.reload} />
      </>
    )
  }
  if (!c || !view.data) return <Loading />
  const write = can('controls:write') && !c.archived
  const changed = (message: string) => {
    setFlashShown(message)
    view.reload()
  }

  return (
    <>
      <PageHeader
        title={`${c.ref} · ${c.title}`}
        back={<Link to="/controls">← Controls</Link>}
        subtitle={c.archived ? `Archived${c.archive_reason ? ` — ${c.archive_reason}` : ''}` : undefined}
        actions={
          write && (
            <>
              <Link to={controlEditRoute(c.id)} className="button primary" data-testid="control-edit">
                Edit
              </Link>
              <button type="button" onClick={() => setArchiving(true)} data-testid="control-archive">
                Archive
              </button>
            </>
          )
        }
      />
      {flash && (
        <p className="success" role="status" data-testid="flash">
          {flash}
        </p>
      )}
      {view.error !== undefined && <ErrorBox error={view.error} onRetry={view.reload} />}
      <div className="detail-layout">
        <div className="stack">
          <section className="panel" aria-labelledby="control-about">
            <h2 id="control-about">Control</h2>
            <dl className="fields">
              <Row label="Description">{c.description ? <span className="prose">{c.description}</span> : '—'}</Row>
              <Row label="Status" name="status">
                <span data-testid="control-status">{statusLabel(c.status)}</span>
              </Row>
              <Row label="Owner" name="owner_id">
                {c.owner_id ? <Link to={`/people/${encodeURIComponent(c.owner_id)}`}>{c.owner_name ?? c.owner_id}</Link> : <span className="muted">no owner</span>}
              </Row>
              <Row label="Classification" name="classification">
                {classificationLabels[c.classification] ?? c.classification}
              </Row>
              <Row label="Updated">
                <When at={c.updated_at} />
              </Row>
            </dl>
          </section>
          <section className="panel" aria-labelledby="control-requirements">
            <h2 id="control-requirements">Requirements it satisfies</h2>
            {c.requirement_keys.length === 0 ? (
              <p className="muted">None named yet.</p>
            ) : (
              <ul className="plain" data-testid="control-requirements">
                {c.requirement_keys.map((k) => (
                  <li key={k}>
                    <Link to={keyHref(k) ?? '/catalogue'}>{k}</Link> {titles.get(k) && <span>{titles.get(k)}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="control-risks-heading">
            <h2 id="control-risks-heading">Risks it treats</h2>
            <TreatedRisks control={c} />
          </section>
        </div>
        <div className="stack">
          <section className="panel" aria-labelledby="control-check-heading" data-testid="control-check">
            <h2 id="control-check-heading">Effectiveness check</h2>
            <dl className="fields">
              <Row label="Last check">{c.last_checked_on ?? <span className="muted">never</span>}</Row>
              <Row label="Next check">
                <span data-testid="next-check">{c.next_check_on ?? '—'}</span> {c.check_overdue && <Badge tone="bad">overdue</Badge>}
              </Row>
              <Row label="Interval">{c.check_interval_months} months</Row>
            </dl>
            {write && (
              <button type="button" onClick={() => setChecking(true)} data-testid="control-check-record">
                Record check
              </button>
            )}
          </section>
        </div>
      </div>
      <div style={{ marginTop: '1rem' }}>
        <EvidencePanel control={c} evidence={view.data.evidence} write={can('controls:write')} onChanged={changed} />
      </div>
      <CheckDialog
        control={c}
        open={checking}
        onClose={() => setChecking(false)}
        onDone={() => {
          setChecking(false)
          changed('Effectiveness check recorded.')
        }}
      />
      <ArchiveDialog
        control={c}
        open={archiving}
        onClose={() => setArchiving(false)}
        onDone={() => {
          setArchiving(false)
          changed(`${c.ref} archived.`)
        }}
      />
    </>
  )
}
