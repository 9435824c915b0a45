// One risk (/risks/:id): what it is about (assets, threat, vulnerability, owner), both
// ratings with their levels, the treatment with its controls, the flags explained, the
// acceptance panel, and archive for risks:write.
import './risks.css'
import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import { api } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { When } from '../access/bits'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { clearFlash, peekFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { useReferenceOptions } from '../register/references'
import { Link } from '../router'
import { AcceptancePanel } from './AcceptancePanel'
import { LevelBadge } from './bits'
import { activeFlags, flagInfo, impactLevel, propertyLabels, scaleLabel, treatmentLabel } from './method'
import { useControlChoices } from './options'
import { controlRoute, methodVersionApi, riskApi, riskMethodApi } from './paths'
import type { Rating, Risk, RiskMethod } from './types'
import { securityProperties } from './types'

function Row({ label, children, name }: { label: string; children: ReactNode; name?: string }) {
  return (
    <div className="field-row">
      <dt>{label}</dt>
      <dd data-field={name}>{children}</dd>
    </div>
  )
}

function RatingView({ name, rating, method }: { name: string; rating: Rating; method: RiskMethod | undefined }) {
  const impact = rating.impact_level ?? impactLevel(rating.impact)
  return (
    <div data-testid={`rating-view-${name}`}>
      <p>
        <LevelBadge level={rating.level} testId={`${name}-level`} />{' '}
        <span className="muted small">
          likelihood {method ? scaleLabel(method.likelihood, rating.likelihood) : rating.likelihood} × impact{' '}
          {method ? scaleLabel(method.impact, impact) : impact}
        </span>
      </p>
      <ul className="inline-list small">
        {securityProperties.map((p) => (
          <li key={p}>
            {propertyLabels[p]}: {rating.impact?.[p] ? (method ? scaleLabel(method.impact, rating.impact[p]) : rating.impact[p]) : <span className="muted">not affected</span>}
          </li>
        ))}
      </ul>
    </div>
  )
}

function ArchiveDialog({ risk, open, onClose, onDone }: { risk: Risk; open: boolean; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await api<Risk>(`${riskApi(risk.id)}/archive`, { method: 'POST', body: { version: risk.version, reason } })
      onDone()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open={open} title={`Archive ${risk.ref}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>An archived risk leaves the register and the heat maps; it stays readable and in the ledger.</p>
        <div className="field">
          <label htmlFor="field-archive-reason">Reason</label>
          <textarea id="field-archive-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="archive-reason" />
        </div>
        {error !== undefined && <ErrorBox error={error} />}
        <div className="form-actions">
          <button type="submit" className="danger" disabled={busy} data-testid="archive-confirm">
            {busy ? 'Archiving…' : 'Archive risk'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

export function RiskDetailPage({ id }: { id: string }) {
  const risk = useApi<Risk>(riskApi(id))
  const current = useApi<RiskMethod>(riskMethodApi)
  const r = risk.data
  const own = useApi<RiskMethod>(r && current.data && r.method_number !== current.data.number ? methodVersionApi(r.method_number) : null)
  const method = r && current.data && r.method_number === current.data.number ? current.data : own.data
  const assets = useReferenceOptions('assets')
  const controls = useControlChoices()
  const { can } = useAuth()
  const [flash, setFlashShown] = useState(peekFlash)
  useEffect(() => clearFlash(), [])
  const [archiving, setArchiving] = useState(false)

  if (risk.error !== undefined && !r) {
    return (
      <>
        <PageHeader title="Risk" back={<Link to="/risks">← Risks</Link>} />
        <ErrorBox error={risk.error} onRetry={risk.reload} />
      </>
    )
  }
  if (!r) return <Loading />
  const write = can('risks:write')
  const assetLabel = (aid: string) => assets.options.find((o) => o.id === aid)?.label ?? aid
  const controlLabel = (cid: string) => controls.choices.find((o) => o.id === cid)?.label ?? cid
  const flags = activeFlags(r.flags as Record<string, boolean | undefined>)
  const changed = (message: string) => {
    setFlashShown(message)
    risk.reload()
  }

  return (
    <>
      <PageHeader
        title={`${r.ref} · ${r.title}`}
        back={<Link to="/risks">← Risks</Link>}
        subtitle={r.archived ? `Archived ${r.archive_reason ? `— ${r.archive_reason}` : ''}` : undefined}
        actions={
          write &&
          !r.archived && (
            <>
              <Link to={`/risks/${encodeURIComponent(r.id)}/edit`} className="button primary" data-testid="risk-edit">
                Edit
              </Link>
              <button type="button" onClick={() => setArchiving(true)} data-testid="risk-archive">
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
      {risk.error !== undefined && <ErrorBox error={risk.error} onRetry={risk.reload} />}
      {flags.length > 0 && (
        <section className="panel notice-panel" aria-labelledby="flags-heading" data-testid="risk-flags" style={{ marginBottom: '1rem' }}>
          <h2 id="flags-heading">Needs attention</h2>
          <ul className="plain">
            {flags.map((f) => (
              <li key={f} data-testid={`flag-${f}`}>
                <strong>{flagInfo[f]?.label ?? f}</strong> — {flagInfo[f]?.help ?? ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="detail-layout">
        <div className="stack">
          <section className="panel" aria-labelledby="risk-about">
            <h2 id="risk-about">Risk</h2>
            <dl className="fields">
              <Row label="Description">{r.description ? <span className="prose">{r.description}</span> : '—'}</Row>
              <Row label="Assets" name="asset_ids">
                <ul className="inline-list">
                  {r.asset_ids.map((a) => (
                    <li key={a}>
                      <Link to={`/assets/${encodeURIComponent(a)}`}>{assetLabel(a)}</Link>
                    </li>
                  ))}
                </ul>
              </Row>
              <Row label="Threat" name="threat_id">
                {r.threat_name ?? r.threat_id}
              </Row>
              <Row label="Vulnerability" name="vulnerability_id">
                {r.vulnerability_name ?? r.vulnerability_id}
              </Row>
              <Row label="Risk owner" name="owner_id">
                {r.owner_id ? <Link to={`/people/${encodeURIComponent(r.owner_id)}`}>{r.owner_name ?? r.owner_id}</Link> : <span className="muted">no owner</span>}
              </Row>
              <Row label="Next review" name="next_review_on">
                {r.next_review_on ?? '—'}
              </Row>
              <Row label="Risk method">
                version {r.method_number}
                {r.flags?.rated_under_old_method && <span className="muted"> (an older version)</span>} · <Link to="/risk-method">method</Link>
              </Row>
              <Row label="Updated">
                <When at={r.updated_at} />
              </Row>
            </dl>
          </section>
          <section className="panel" aria-labelledby="risk-ratings">
            <h2 id="risk-ratings">Ratings</h2>
            <dl className="fields">
              <Row label="Inherent (before treatment)">
                <RatingView name="inherent" rating={r.inherent} method={method} />
              </Row>
              <Row label="Residual (after treatment)">
                <RatingView name="residual" rating={r.residual} method={method} />
              </Row>
            </dl>
          </section>
          <section className="panel" aria-labelledby="risk-treatment">
            <h2 id="risk-treatment">Treatment</h2>
            <dl className="fields">
              <Row label="Treatment" name="treatment">
                <span data-testid="risk-treatment">{treatmentLabel(r.treatment)}</span>
              </Row>
              <Row label="Plan">{r.treatment_plan ? <span className="prose">{r.treatment_plan}</span> : '—'}</Row>
              <Row label="Controls" name="control_ids">
                {r.control_ids.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="plain" data-testid="risk-controls">
                    {r.control_ids.map((c) => (
                      <li key={c}>
                        <Link to={controlRoute(c)}>{controlLabel(c)}</Link>
                      </li>
                    ))}
                  </ul>
                )}
              </Row>
            </dl>
          </section>
        </div>
        <div className="stack">
          <AcceptancePanel risk={r} method={current.data} onChanged={changed} />
        </div>
      </div>
      <ArchiveDialog
        risk={r}
        open={archiving}
        onClose={() => setArchiving(false)}
        onDone={() => {
          setArchiving(false)
          changed(`${r.ref} archived.`)
        }}
      />
    </>
  )
}
