// One risk cycle (/risk-cycles/:id). Open: every live risk with its review state; each
// can be confirmed or changed (new ratings/treatment, with a note) — the risk is updated
// with the review. Attendees, decisions and minutes are saved with the cycle's version;
// "Close" freezes the register into the cycle's snapshot. Closed: read only, with a
// comparison against the live register.
import '../risks/risks.css'
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import type { ListPage } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge, When } from '../access/bits'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { useReferenceOptions } from '../register/references'
import { LevelBadge } from '../risks/bits'
import { ChoiceList } from '../risks/ChoiceList'
import { formFromRisk, riskFormErrors, type RiskFormErrors, noRiskFormErrors } from '../risks/form'
import { levelByRank, treatmentLabels } from '../risks/method'
import { cycleApi, methodVersionApi, riskRoute } from '../risks/paths'
import { RatingFieldset } from '../risks/RatingFieldset'
import type { CycleDecision, CycleView, RatingInput, Risk, RiskCycle, RiskMethod, Treatment } from '../risks/types'
import { Link } from '../router'
import { reviewMovement, reviewRows } from './schedule'

function ReviewDialog({
  cycle,
  risk,
  method,
  outcome,
  onClose,
  onDone,
}: {
  cycle: RiskCycle
  risk: Risk
  method: RiskMethod | undefined
  outcome: 'confirmed' | 'changed'
  onClose: () => void
  onDone: () => void
}) {
  const start = formFromRisk(risk)
  const [note, setNote] = useState('')
  const [inherent, setInherent] = useState<RatingInput>(start.inherent)
  const [residual, setResidual] = useState<RatingInput>(start.residual)
  const [treatment, setTreatment] = useState<Treatment>(start.treatment)
  const [errors, setErrors] = useState<RiskFormErrors>(noRiskFormErrors)
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setErrors(noRiskFormErrors)
    setFailure(undefined)
    try {
      const body: Record<string, unknown> = { risk_id: risk.id, outcome, note }
      if (outcome === 'changed') body.change = { inherent, residual, treatment, version: risk.version }
      await api<CycleView>(`${cycleApi(cycle.id)}/reviews`, { method: 'POST', body })
      onDone()
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        // "change.residual.likelihood" -> the residual section
        const details = (err.details.length > 0 ? err.details : [{ field: err.field, message: err.message }]).map((d) => ({ ...d, field: d.field?.replace(/^change\./, '') }))
        setErrors(riskFormErrors(details))
        if (details.some((d) => d.field === 'note' || !d.field)) setFailure(err)
      } else setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open title={`${outcome === 'changed' ? 'Change' : 'Confirm'} ${risk.ref} · ${risk.title}`} onClose={onClose}>
      <form onSubmit={submit} noValidate data-testid="review-form">
        {outcome === 'changed' && method && (
          <>
            <RatingFieldset name="inherent" label="Inherent risk" method={method} value={inherent} onChange={setInherent} errors={errors.bySection.inherent} invalid={errors.invalid} />
            <RatingFieldset name="residual" label="Residual risk" method={method} value={residual} onChange={setResidual} errors={errors.bySection.residual} invalid={errors.invalid} />
            <div className="field">
              <label htmlFor="field-review-treatment">Treatment</label>
              <select id="field-review-treatment" value={treatment} onChange={(e) => setTreatment(e.target.value as Treatment)}>
                {Object.entries(treatmentLabels).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        {outcome === 'confirmed' && <p>The forum confirms the risk's ratings and treatment as they are.</p>}
        <div className="field">
          <label htmlFor="field-review-note">Note</label>
          <textarea id="field-review-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="review-note" />
        </div>
        {errors.summary.filter((s) => !s.field).map((s, i) => (
          <p className="field-error" key={i}>
            {s.message}
          </p>
        ))}
        {failure !== undefined && <ErrorBox error={failure} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="review-save">
            {busy ? 'Saving…' : outcome === 'changed' ? 'Save change' : 'Confirm risk'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function RecordPanel({ cycle, editable, onSaved }: { cycle: RiskCycle; editable: boolean; onSaved: () => void }) {
  const persons = useReferenceOptions('persons')
  const [title, setTitle] = useState(cycle.title)
  const [attendees, setAttendees] = useState<string[]>(cycle.attendee_ids)
  const [decisions, setDecisions] = useState<CycleDecision[]>(cycle.decisions)
  const [minutes, setMinutes] = useState(cycle.minutes)
  const [intervalMonths, setIntervalMonths] = useState(String(cycle.interval_months))
  const [failure, setFailure] = useState<unknown>()
  const [saved, setSaved] = useState<string>()
  const [busy, setBusy] = useState(false)
  const personName = (id: string) => persons.options.find((o) => o.id === id)?.label ?? id
  const setDecision = (i: number, d: Partial<CycleDecision>) => setDecisions(decisions.map((x, j) => (j === i ? { ...x, ...d } : x)))

  if (!editable) {
    return (
      <section className="panel" aria-labelledby="cycle-record" data-testid="cycle-record">
        <h2 id="cycle-record">Record of the sitting</h2>
        <h3>Attendees</h3>
        <p>{cycle.attendee_ids.length === 0 ? <span className="muted">none recorded</span> : cycle.attendee_ids.map(personName).join(', ')}</p>
        <h3>Decisions</h3>
        {cycle.decisions.length === 0 ? (
          <p className="muted">none recorded</p>
        ) : (
          <ul className="plain">
            {cycle.decisions.map((d, i) => (
              <li key={i}>
                {d.text}
                <span className="muted small">
                  {d.owner_id && ` · ${personName(d.owner_id)}`}
                  {d.due_on && ` · due ${d.due_on}`}
                </span>
              </li>
            ))}
          </ul>
        )}
        <h3>Minutes</h3>
        <p className="prose">{cycle.minutes || <span className="muted">none</span>}</p>
      </section>
    )
  }

  const save = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setFailure(undefined)
    setSaved(undefined)
    try {
      await api<CycleView>(cycleApi(cycle.id), {
        method: 'PATCH',
        body: {
          title,
          attendee_ids: attendees,
          decisions: decisions.map((d) => ({ text: d.text, owner_id: d.owner_id, due_on: d.due_on || null })),
          minutes,
          interval_months: Number(intervalMonths),
          version: cycle.version,
        },
      })
      setSaved('Saved.')
      onSaved()
    } catch (err) {
      setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="panel" onSubmit={save} noValidate aria-labelledby="cycle-record" data-testid="cycle-record-form">
      <h2 id="cycle-record">Record of the sitting</h2>
      <div className="form-row">
        <div className="field">
          <label htmlFor="field-cycle-title">Title</label>
          <input id="field-cycle-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="field-cycle-interval">Next cycle due after (months)</label>
          <input id="field-cycle-interval" type="number" value={intervalMonths} onChange={(e) => setIntervalMonths(e.target.value)} />
        </div>
      </div>
      <ChoiceList
        name="attendee_ids"
        label="Attendees"
        options={persons.options}
        loading={persons.loading}
        unavailable={persons.error !== undefined ? 'Could not load the persons.' : undefined}
        value={attendees}
        onChange={setAttendees}
      />
      <h3>Decisions</h3>
      <table className="decisions" data-testid="cycle-decisions">
        <thead>
          <tr>
            <th scope="col">Decision</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((d, i) => (
            <tr key={i}>
              <td>
                <input type="text" aria-label={`Decision ${i + 1}`} value={d.text} onChange={(e) => setDecision(i, { text: e.target.value })} />
              </td>
              <td>
                <select aria-label={`Owner of decision ${i + 1}`} value={d.owner_id} onChange={(e) => setDecision(i, { owner_id: e.target.value })}>
                  <option value="">—</option>
                  {persons.options.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input type="date" aria-label={`Due date of decision ${i + 1}`} value={d.due_on ?? ''} onChange={(e) => setDecision(i, { due_on: e.target.value || null })} />
              </td>
              <td>
                <button type="button" className="small-button" onClick={() => setDecisions(decisions.filter((_, j) => j !== i))} aria-label={`Remove decision ${i + 1}`}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" onClick={() => setDecisions([...decisions, { text: '', owner_id: '', due_on: null }])} data-testid="add-decision">
          Add a decision
        </button>
      </p>
      <div className="field">
        <label htmlFor="field-minutes">Minutes</label>
        <textarea id="field-minutes" rows={5} value={minutes} onChange={(e) => setMinutes(e.target.value)} data-testid="cycle-minutes" />
      </div>
      {failure !== undefined && (
        <ErrorBox error={failure} title={failure instanceof ApiError && failure.status === 409 ? 'Changed by someone else (or closed): reload the page' : 'Not saved'} />
      )}
      {saved && (
        <p className="success" role="status">
          {saved}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="cycle-save">
          {busy ? 'Saving…' : 'Save record'}
        </button>
      </div>
    </form>
  )
}

export function RiskCyclePage({ id }: { id: string }) {
  const view = useApi<CycleView>(cycleApi(id))
  const cycle = view.data?.cycle
  const isOpen = cycle?.status === 'open'
  const live = useApi<ListPage<Risk>>(isOpen ? '/api/v1/risks?limit=500' : null)
  const method = useApi<RiskMethod>(cycle ? methodVersionApi(cycle.method_number) : null)
  const { can } = useAuth()
  const [reviewing, setReviewing] = useState<{ risk: Risk; outcome: 'confirmed' | 'changed' }>()
  const [closing, setClosing] = useState(false)
  const [message, setMessage] = useState<string>()

  if (view.error !== undefined && !view.data) {
    return (
      <>
        <PageHeader title="Risk cycle" back={<Link to="/risk-cycles">← Risk cycles</Link>} />
        <ErrorBox error={view.error} onRetry={view.reload} />
      </>
    )
  }
  if (!view.data || !cycle) return <Loading />
  const write = can('risks:write') && isOpen
  const liveRisks = live.data?.items ?? []
  const rows = reviewRows(isOpen ? liveRisks : [], view.data.reviews)
  const level = (rank: number) => (method.data ? levelByRank(method.data, rank) : undefined)
  const refresh = (msg?: string) => {
    setMessage(msg)
    view.reload()
    live.reload()
  }

  return (
    <>
      <PageHeader
        title={cycle.title}
        back={<Link to="/risk-cycles">← Risk cycles</Link>}
        subtitle={
          <>
            Opened {cycle.opened_on} · <Badge tone={isOpen ? 'warn' : 'ok'}>{cycle.status}</Badge> · {cycle.reviewed_count} of {cycle.risk_count} risks reviewed · method version{' '}
            {cycle.method_number}
            {cycle.closed_at && (
              <>
                {' '}
                · closed <When at={cycle.closed_at} />
              </>
            )}
          </>
        }
        actions={
          <>
            {!isOpen && (
              <Link to={`/risk-cycles/compare?a=${encodeURIComponent(cycle.id)}&b=live`} className="button" data-testid="compare-live">
                Compare with live register
              </Link>
            )}
            {write && (
              <button type="button" className="primary" onClick={() => setClosing(true)} data-testid="cycle-close">
                Close cycle
              </button>
            )}
          </>
        }
      />
      {message && (
        <p className="success" role="status" data-testid="flash">
          {message}
        </p>
      )}
      {view.error !== undefined && <ErrorBox error={view.error} onRetry={view.reload} />}
      {live.error !== undefined && <ErrorBox title="The live risks could not be loaded" error={live.error} onRetry={live.reload} />}
      <div className="stack">
        <section className="panel" aria-labelledby="cycle-reviews">
          <h2 id="cycle-reviews">Reviews</h2>
          <div className="table-wrap">
            <table className="grid" data-testid="cycle-reviews-table">
              <thead>
                <tr>
                  <th scope="col">Risk</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Residual before → after</th>
                  <th scope="col">By</th>
                  <th scope="col">Note</th>
                  {write && <th scope="col">Review</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const r = row.review
                  const risk = liveRisks.find((x) => x.id === row.risk_id)
                  return (
                    <tr key={row.risk_id} data-testid="cycle-review-row" data-ref={row.ref} data-outcome={r?.outcome ?? 'pending'}>
                      <td>
                        <Link to={riskRoute(row.risk_id)}>{row.ref}</Link> {row.title}
                      </td>
                      <td>{r ? <Badge tone={r.outcome === 'changed' ? 'warn' : 'ok'}>{r.outcome}</Badge> : <span className="muted">not reviewed</span>}</td>
                      <td className="nowrap">
                        {r ? (
                          <>
                            <LevelBadge level={level(r.residual_level_before)} fallback={String(r.residual_level_before)} /> →{' '}
                            <LevelBadge level={level(r.residual_level_after)} fallback={String(r.residual_level_after)} />
                            {reviewMovement(r) !== 'same' && <span className="muted small"> ({reviewMovement(r)})</span>}
                          </>
                        ) : risk ? (
                          <LevelBadge level={risk.residual?.level} />
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        {r ? (
                          <>
                            {r.reviewed_by_name ?? r.reviewed_by}
                            <div className="muted small">
                              <When at={r.reviewed_at} />
                            </div>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className="small">{r?.note || ''}</td>
                      {write && (
                        <td className="nowrap">
                          {risk && (
                            <span className="review-actions">
                              <button type="button" className="small-button" onClick={() => setReviewing({ risk, outcome: 'confirmed' })} data-testid={`review-confirm-${row.ref}`}>
                                Confirm
                              </button>
                              <button type="button" className="small-button" onClick={() => setReviewing({ risk, outcome: 'changed' })} data-testid={`review-change-${row.ref}`}>
                                Change…
                              </button>
                            </span>
                          )}
                        </td>
                      )}
                    </tr>
                  )
                })}
                {rows.length === 0 && (
                  <tr>
                    <td colSpan={write ? 6 : 5} className="empty">
                      {isOpen && live.loading ? 'Loading…' : 'No risks.'}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </section>
        <RecordPanel key={cycle.version} cycle={cycle} editable={write} onSaved={() => view.reload()} />
      </div>
      {reviewing && (
        <ReviewDialog
          cycle={cycle}
          risk={reviewing.risk}
          method={method.data}
          outcome={reviewing.outcome}
          onClose={() => setReviewing(undefined)}
          onDone={() => {
            setReviewing(undefined)
            refresh(`${reviewing.risk.ref} ${reviewing.outcome === 'changed' ? 'changed' : 'confirmed'}.`)
          }}
        />
      )}
      <ConfirmDialog
        open={closing}
        title={`Close ${cycle.title}?`}
        confirmLabel="Close cycle"
        danger={false}
        onClose={() => setClosing(false)}
        onConfirm={async () => {
          await api<CycleView>(`${cycleApi(cycle.id)}/close`, { method: 'POST', body: { version: cycle.version } })
          refresh('The cycle is closed; its snapshot of the register is frozen.')
        }}
      >
        <p>
          Closing freezes a snapshot of the register ({cycle.reviewed_count} of {cycle.risk_count} risks reviewed). A closed cycle can no longer be changed.
        </p>
      </ConfirmDialog>
    </>
  )
}
