// One management review (/management-reviews/:id): its inputs (9.3.2 a-g, incidents,
// exceptions) with data tables and comments, the record of the meeting (attendees,
// guests, decisions, actions, minutes), and the steps: refresh the inputs while planned,
// hold (the inputs freeze), approve (reviews:approve, the CEO), the minutes as PDF.
// After approval only an action's status changes.
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge, When } from '../access/bits'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { useReferenceOptions } from '../register/references'
import { ChoiceList } from '../risks/ChoiceList'
import { Link } from '../router'
import { InputSection } from './InputSection'
import { approvalLine, categoryLabels, formFromReview, minutesHref, patchBody, reviewApi, reviewSteps, statusTone, type RecordForm } from './model'
import type { DecisionCategory, ManagementReview, ReviewAction } from './types'

function RecordEditor({ review, form, setForm, editable, names }: { review: ManagementReview; form: RecordForm; setForm: (f: RecordForm) => void; editable: boolean; names: (id: string) => string }) {
  const persons = useReferenceOptions('persons')
  const setAction = (i: number, a: Partial<ReviewAction>) => setForm({ ...form, actions: form.actions.map((x, j) => (j === i ? { ...x, ...a } : x)) })
  if (!editable) {
    return (
      <section className="panel spaced" aria-labelledby="review-record" data-testid="review-record">
        <h2 id="review-record">Record of the meeting</h2>
        <h3>Attendees</h3>
        <p>{review.attendee_ids.length === 0 ? <span className="muted">none recorded</span> : review.attendee_ids.map(names).join(', ')}</p>
        {review.guests.length > 0 && <p>Guests: {review.guests.join(', ')}</p>}
        <h3>Decisions</h3>
        {review.decisions.length === 0 ? (
          <p className="muted">none recorded</p>
        ) : (
          <ul className="plain" data-testid="review-decisions">
            {review.decisions.map((d, i) => (
              <li key={i}>
                <span className="muted small">{categoryLabels[d.category]}: </span>
                {d.text}
              </li>
            ))}
          </ul>
        )}
        <h3>Minutes</h3>
        <p className="prose">{review.minutes || <span className="muted">none</span>}</p>
      </section>
    )
  }
  return (
    <section className="panel spaced" aria-labelledby="review-record" data-testid="review-record-form">
      <h2 id="review-record">Record of the meeting</h2>
      <div className="field">
        <label htmlFor="field-review-title">Title</label>
        <input id="field-review-title" type="text" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
      </div>
      <ChoiceList
        name="attendee_ids"
        label="Attendees"
        options={persons.options}
        loading={persons.loading}
        unavailable={persons.error !== undefined ? 'Could not load the persons.' : undefined}
        value={form.attendee_ids}
        onChange={(ids) => setForm({ ...form, attendee_ids: ids })}
      />
      <div className="field">
        <label htmlFor="field-guests">Guests (one a line)</label>
        <textarea id="field-guests" rows={2} value={form.guests} onChange={(e) => setForm({ ...form, guests: e.target.value })} data-testid="review-guests" />
      </div>
      <h3>Decisions</h3>
      <table className="decisions" data-testid="review-decisions">
        <tbody>
          {form.decisions.map((d, i) => (
            <tr key={i}>
              <td>
                <select aria-label={`Category of decision ${i + 1}`} value={d.category} onChange={(e) => setForm({ ...form, decisions: form.decisions.map((x, j) => (j === i ? { ...x, category: e.target.value as DecisionCategory } : x)) })}>
                  {Object.entries(categoryLabels).map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input type="text" aria-label={`Decision ${i + 1}`} value={d.text} onChange={(e) => setForm({ ...form, decisions: form.decisions.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })} />
              </td>
              <td>
                <button type="button" className="small-button" onClick={() => setForm({ ...form, decisions: form.decisions.filter((_, j) => j !== i) })} aria-label={`Remove decision ${i + 1}`}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" onClick={() => setForm({ ...form, decisions: [...form.decisions, { text: '', category: 'continual_improvement' }] })} data-testid="add-decision">
          Add a decision
        </button>
      </p>
      <h3>Actions</h3>
      <table className="decisions" data-testid="review-actions-form">
        <tbody>
          {form.actions.map((a, i) => (
            <tr key={i}>
              <td>
                <input type="text" aria-label={`Action ${i + 1}`} value={a.title} onChange={(e) => setAction(i, { title: e.target.value })} />
              </td>
              <td>
                <select aria-label={`Owner of action ${i + 1}`} value={a.owner_id} onChange={(e) => setAction(i, { owner_id: e.target.value })}>
                  <option value="">—</option>
                  {persons.options.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input type="date" aria-label={`Due date of action ${i + 1}`} value={a.due_on} onChange={(e) => setAction(i, { due_on: e.target.value })} />
              </td>
              <td>
                <button type="button" className="small-button" onClick={() => setForm({ ...form, actions: form.actions.filter((_, j) => j !== i) })} aria-label={`Remove action ${i + 1}`}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" onClick={() => setForm({ ...form, actions: [...form.actions, { title: '', owner_id: '', due_on: '', status: 'open' }] })} data-testid="add-action">
          Add an action
        </button>
      </p>
      <div className="field">
        <label htmlFor="field-minutes">Minutes</label>
        <textarea id="field-minutes" rows={5} value={form.minutes} onChange={(e) => setForm({ ...form, minutes: e.target.value })} data-testid="review-minutes" />
      </div>
    </section>
  )
}

function ActionsTable({ review, canChange, names, onChanged }: { review: ManagementReview; canChange: boolean; names: (id: string) => string; onChanged: () => void }) {
  const [failure, setFailure] = useState<unknown>()
  if (review.actions.length === 0) return null
  const set = async (index: number, status: 'open' | 'done') => {
    setFailure(undefined)
    try {
      await api(`${reviewApi(review.id)}/actions/${index}`, { method: 'PATCH', body: { status } })
      onChanged()
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <section className="panel spaced" aria-labelledby="review-actions">
      <h2 id="review-actions">Actions</h2>
      <table className="grid" data-testid="review-actions">
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            {canChange && <th scope="col">Change</th>}
          </tr>
        </thead>
        <tbody>
          {review.actions.map((a, i) => (
            <tr key={i}>
              <td>{a.title}</td>
              <td>{names(a.owner_id)}</td>
              <td className="nowrap">{a.due_on}</td>
              <td>
                <Badge tone={a.status === 'done' ? 'ok' : a.overdue ? 'bad' : 'warn'}>{a.overdue ? 'overdue' : a.status}</Badge>
              </td>
              {canChange && (
                <td>
                  <button type="button" className="small-button" onClick={() => void set(i, a.status === 'done' ? 'open' : 'done')} data-testid={`action-toggle-${i}`}>
                    {a.status === 'done' ? 'Reopen' : 'Mark done'}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {failure !== undefined && <ErrorBox error={failure} />}
    </section>
  )
}

function Editor({ review, reload }: { review: ManagementReview; reload: () => void }) {
  const { can } = useAuth()
  const steps = reviewSteps(review, can)
  const [form, setForm] = useState<RecordForm>(() => formFromReview(review))
  const [failure, setFailure] = useState<unknown>()
  const [message, setMessage] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [step, setStep] = useState<'hold' | 'approve'>()
  const [heldOn, setHeldOn] = useState('')
  const names = (id: string) => review.persons?.[id] ?? id

  const run = async (what: string, f: () => Promise<unknown>) => {
    setBusy(true)
    setFailure(undefined)
    setMessage(undefined)
    try {
      await f()
      setMessage(what)
      reload()
    } catch (err) {
      setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  const save = (e: FormEvent) => {
    e.preventDefault()
    void run('Saved.', () => api(reviewApi(review.id), { method: 'PATCH', body: patchBody(form, review.version) }))
  }
  const refresh = () => run('Inputs re-assembled from the registers.', () => api(`${reviewApi(review.id)}/inputs/refresh`, { method: 'POST', body: { version: review.version } }))

  return (
    <>
      <PageHeader
        title={`${review.ref} · ${review.title}`}
        back={<Link to="/management-reviews">← Management reviews</Link>}
        subtitle={
          <>
            Planned {review.planned_on}
            {review.held_on && ` · held ${review.held_on}`} · <Badge tone={statusTone(review.status)}>{review.status}</Badge> · chair {names(review.chair_id)} · <span data-testid="approval-line">{approvalLine(review)}</span>
          </>
        }
        actions={
          <>
            <a href={minutesHref(review.id)} className="button" download data-testid="minutes-pdf">
              Minutes (PDF)
            </a>
            {steps.refresh && (
              <button type="button" onClick={() => void refresh()} disabled={busy} data-testid="refresh-inputs">
                Refresh inputs
              </button>
            )}
            {steps.hold && (
              <button type="button" className="primary" onClick={() => setStep('hold')} data-testid="hold-review">
                Record as held
              </button>
            )}
            {steps.approve && (
              <button type="button" className="primary" onClick={() => setStep('approve')} data-testid="approve-review">
                Approve
              </button>
            )}
          </>
        }
      />
      {message && (
        <p className="success" role="status">
          {message}
        </p>
      )}
      {failure !== undefined && <ErrorBox error={failure} title={failure instanceof ApiError && failure.status === 409 ? 'Changed by someone else (or frozen): reload the page' : undefined} />}
      <p className="muted">
        Inputs assembled <When at={review.inputs_assembled_at} />
        {review.inputs_since ? `, covering the time since the previous review on ${review.inputs_since}` : ', covering everything recorded'}
        {review.status !== 'planned' && ' — frozen when the review was held'}.
      </p>
      <form onSubmit={save} noValidate data-testid="review-form">
        {(review.inputs ?? []).map((input) => (
          <InputSection key={input.key} input={input} editable={steps.edit} comment={form.comments[input.key] ?? ''} onComment={(text) => setForm({ ...form, comments: { ...form.comments, [input.key]: text } })} />
        ))}
        <RecordEditor review={review} form={form} setForm={setForm} editable={steps.edit} names={names} />
        {steps.edit && (
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy} data-testid="review-save">
              {busy ? 'Saving…' : 'Save'}
            </button>
          </div>
        )}
      </form>
      {!steps.edit && <ActionsTable review={review} canChange={steps.actionStatus} names={names} onChanged={reload} />}
      <ConfirmDialog
        open={step === 'hold'}
        title="Record the review as held"
        confirmLabel="Record as held"
        danger={false}
        onClose={() => setStep(undefined)}
        onConfirm={async () => {
          const body: Record<string, unknown> = { version: review.version }
          if (heldOn !== '') body.held_on = heldOn
          await api(`${reviewApi(review.id)}/hold`, { method: 'POST', body })
          reload()
        }}
      >
        <p>The inputs freeze as they are now; save your changes first.</p>
        <div className="field">
          <label htmlFor="field-held_on">Held on</label>
          <input id="field-held_on" type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
          <p className="help">Empty: today.</p>
        </div>
      </ConfirmDialog>
      <ConfirmDialog
        open={step === 'approve'}
        title="Approve the management review"
        confirmLabel="Approve"
        danger={false}
        onClose={() => setStep(undefined)}
        onConfirm={async () => {
          await api(`${reviewApi(review.id)}/approve`, { method: 'POST', body: { version: review.version } })
          reload()
        }}
      >
        <p>You approve the review and its minutes as top management. Afterwards nothing but the status of its actions can change.</p>
      </ConfirmDialog>
    </>
  )
}

export function ReviewPage({ id }: { id: string }) {
  const view = useApi<ManagementReview>(reviewApi(id))
  if (view.error !== undefined && !view.data) {
    return (
      <>
        <PageHeader title="Management review" back={<Link to="/management-reviews">← Management reviews</Link>} />
        <ErrorBox error={view.error} onRetry={view.reload} />
      </>
    )
  }
  if (!view.data) return <Loading />
  // A new version (after a save or a step) starts the form from the stored review.
  return <Editor key={view.data.version} review={view.data} reload={view.reload} />
}
