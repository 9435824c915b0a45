// The dialogs that write objectives, indicators and measurements. Each posts one request
// and shows the API's field errors next to its inputs (register/errors.ts).
import { useState, type FormEvent, type ReactNode } from 'react'
import { api, ApiError } from '../api/client'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { useReferenceOptions } from '../register/references'
import { indicatorApi, objectiveApi } from './paths'
import type { Direction, Frequency, Indicator, Objective } from './types'


/** Submits `send()`; 422 field errors go next to the inputs named in `fields`. */
function useSubmit(fields: readonly string[], send: () => Promise<void>) {
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    try {
      await send()
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setErrors(formErrorsFrom(err, fields))
      else setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  const msg = (name: string) =>
    errors.byField[name] && (
      <div className="field-error" data-testid={`error-${name}`}>
        {errors.byField[name].join(' ')}
      </div>
    )
  const footer = (label: string, onClose: () => void) => (
    <>
      {errors.summary
        .filter((s) => !s.field)
        .map((s, i) => (
          <p className="field-error" key={i}>
            {s.message}
          </p>
        ))}
      {failure !== undefined && <ErrorBox error={failure} title={failure instanceof ApiError && failure.status === 409 ? 'Someone changed this meanwhile: reload and try again' : undefined} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="form-save">
          {busy ? 'Saving…' : label}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </>
  )
  return { submit, msg, footer }
}

function Field({ id, label, help, children, error }: { id: string; label: string; help?: string; children: ReactNode; error: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {help && <p className="help">{help}</p>}
      {error}
    </div>
  )
}

function OwnerSelect({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const persons = useReferenceOptions('persons')
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">— nobody —</option>
      {persons.options.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </select>
  )
}

/** Create (objective undefined) or change an objective. */
export function ObjectiveDialog({ objective, onClose, onSaved }: { objective?: Objective; onClose: () => void; onSaved: (o: Objective) => void }) {
  const [title, setTitle] = useState(objective?.title ?? '')
  const [description, setDescription] = useState(objective?.description ?? '')
  const [owner, setOwner] = useState(objective?.owner_id ?? '')
  const [status, setStatus] = useState(objective?.status ?? 'active')
  const [reviewInterval, setReviewInterval] = useState(String(objective?.review_interval_months ?? 12))
  const [nextReview, setNextReview] = useState(objective?.next_review_on ?? '')
  const f = useSubmit(['title', 'description', 'owner_id', 'status', 'review_interval_months', 'next_review_on'], async () => {
    const body: Record<string, unknown> = { title, description, owner_id: owner === '' ? null : owner, status, review_interval_months: Number(reviewInterval) }
    if (nextReview !== '') body.next_review_on = nextReview
    if (objective) body.version = objective.version
    const saved = await api<Objective>(objective ? objectiveApi(objective.id) : '/api/v1/objectives', { method: objective ? 'PATCH' : 'POST', body })
    onSaved(saved)
  })
  return (
    <Dialog open title={objective ? `Edit ${objective.ref}` : 'New objective'} onClose={onClose}>
      <form onSubmit={f.submit} noValidate data-testid="objective-form">
        <Field id="obj-title" label="Title" error={f.msg('title')}>
          <input id="obj-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field id="obj-description" label="Description" error={f.msg('description')}>
          <textarea id="obj-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <Field id="obj-owner" label="Owner" error={f.msg('owner_id')}>
          <OwnerSelect id="obj-owner" value={owner} onChange={setOwner} />
        </Field>
        <Field id="obj-status" label="Status" error={f.msg('status')}>
          <select id="obj-status" value={status} onChange={(e) => setStatus(e.target.value as Objective['status'])}>
            <option value="active">active</option>
            <option value="achieved">achieved</option>
            {objective && <option value="withdrawn">withdrawn</option>}
          </select>
        </Field>
        <Field id="obj-interval" label="Review every (months)" error={f.msg('review_interval_months')}>
          <input id="obj-interval" type="number" min={1} max={36} value={reviewInterval} onChange={(e) => setReviewInterval(e.target.value)} />
        </Field>
        <Field id="obj-next" label="Next review" help={objective ? undefined : 'Empty: one interval from today.'} error={f.msg('next_review_on')}>
          <input id="obj-next" type="date" value={nextReview} onChange={(e) => setNextReview(e.target.value)} />
        </Field>
        {f.footer(objective ? 'Save' : 'Create objective', onClose)}
      </form>
    </Dialog>
  )
}

export function ReviewDialog({ objective, onClose, onSaved }: { objective: Objective; onClose: () => void; onSaved: () => void }) {
  const [outcome, setOutcome] = useState<'kept' | 'changed'>('kept')
  const [note, setNote] = useState('')
  const f = useSubmit(['outcome', 'note'], async () => {
    await api(`${objectiveApi(objective.id)}/review`, { method: 'POST', body: { outcome, note, version: objective.version } })
    onSaved()
  })
  return (
    <Dialog open title={`Review ${objective.ref} · ${objective.title}`} onClose={onClose}>
      <form onSubmit={f.submit} noValidate data-testid="review-form">
        <p>The next review moves to {objective.review_interval_months} months from today.</p>
        <Field id="rev-outcome" label="Outcome" error={f.msg('outcome')}>
          <select id="rev-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as 'kept' | 'changed')}>
            <option value="kept">kept as it is</option>
            <option value="changed">changed</option>
          </select>
        </Field>
        <Field id="rev-note" label="Note" error={f.msg('note')}>
          <textarea id="rev-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        {f.footer('Record review', onClose)}
      </form>
    </Dialog>
  )
}

/** Add an indicator to `objectiveId`, or change `indicator`. */
export function IndicatorDialog({ objectiveId, indicator, onClose, onSaved }: { objectiveId: string; indicator?: Indicator; onClose: () => void; onSaved: () => void }) {
  const range = Array.isArray(indicator?.target) ? indicator.target : null
  const [name, setName] = useState(indicator?.name ?? '')
  const [description, setDescription] = useState(indicator?.description ?? '')
  const [unit, setUnit] = useState(indicator?.unit ?? '')
  const [direction, setDirection] = useState<Direction>(indicator?.direction ?? 'higher_is_better')
  const [target, setTarget] = useState(typeof indicator?.target === 'string' ? indicator.target : '')
  const [min, setMin] = useState(range?.[0] ?? '')
  const [max, setMax] = useState(range?.[1] ?? '')
  const [baseline, setBaseline] = useState(indicator?.baseline ?? '')
  const [frequency, setFrequency] = useState<Frequency>(indicator?.frequency ?? 'quarterly')
  const [owner, setOwner] = useState(indicator?.owner_id ?? '')
  const f = useSubmit(['name', 'description', 'unit', 'direction', 'target', 'baseline', 'frequency', 'owner_id'], async () => {
    const body: Record<string, unknown> = {
      name,
      description,
      unit,
      direction,
      target: direction === 'target_range' ? [min.trim(), max.trim()] : target.trim(),
      baseline: baseline.trim() === '' ? null : baseline.trim(),
      frequency,
      owner_id: owner === '' ? null : owner,
    }
    if (indicator) body.version = indicator.version
    await api(indicator ? indicatorApi(indicator.id) : `${objectiveApi(objectiveId)}/indicators`, { method: indicator ? 'PATCH' : 'POST', body })
    onSaved()
  })
  return (
    <Dialog open title={indicator ? `Edit ${indicator.ref}` : 'New indicator'} onClose={onClose}>
      <form onSubmit={f.submit} noValidate data-testid="indicator-form">
        <Field id="ind-name" label="Name" error={f.msg('name')}>
          <input id="ind-name" type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id="ind-description" label="How it is measured" error={f.msg('description')}>
          <textarea id="ind-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <Field id="ind-unit" label="Unit" help="At most 20 characters, e.g. %, days, incidents." error={f.msg('unit')}>
          <input id="ind-unit" type="text" value={unit} onChange={(e) => setUnit(e.target.value)} />
        </Field>
        <Field id="ind-direction" label="Direction" error={f.msg('direction')}>
          <select id="ind-direction" value={direction} onChange={(e) => setDirection(e.target.value as Direction)}>
            <option value="higher_is_better">higher is better</option>
            <option value="lower_is_better">lower is better</option>
            <option value="target_range">within a range</option>
          </select>
        </Field>
        {direction === 'target_range' ? (
          <Field id="ind-min" label="Target range (min – max)" error={f.msg('target')}>
            <span className="toolbar">
              <input id="ind-min" type="text" inputMode="decimal" aria-label="Minimum" value={min} onChange={(e) => setMin(e.target.value)} />
              <input id="ind-max" type="text" inputMode="decimal" aria-label="Maximum" value={max} onChange={(e) => setMax(e.target.value)} />
            </span>
          </Field>
        ) : (
          <Field id="ind-target" label="Target" help="An exact decimal, e.g. 99.95." error={f.msg('target')}>
            <input id="ind-target" type="text" inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} />
          </Field>
        )}
        <Field id="ind-baseline" label="Baseline (optional)" error={f.msg('baseline')}>
          <input id="ind-baseline" type="text" inputMode="decimal" value={baseline} onChange={(e) => setBaseline(e.target.value)} />
        </Field>
        <Field id="ind-frequency" label="Measured" error={f.msg('frequency')}>
          <select id="ind-frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as Frequency)}>
            <option value="monthly">monthly</option>
            <option value="quarterly">quarterly</option>
            <option value="yearly">yearly</option>
          </select>
        </Field>
        <Field id="ind-owner" label="Owner" error={f.msg('owner_id')}>
          <OwnerSelect id="ind-owner" value={owner} onChange={setOwner} />
        </Field>
        {f.footer(indicator ? 'Save' : 'Add indicator', onClose)}
      </form>
    </Dialog>
  )
}

export function MeasurementDialog({ indicator, onClose, onSaved }: { indicator: Indicator; onClose: () => void; onSaved: () => void }) {
  const [value, setValue] = useState('')
  const [measuredOn, setMeasuredOn] = useState('')
  const [period, setPeriod] = useState('')
  const [note, setNote] = useState('')
  const f = useSubmit(['value', 'measured_on', 'period', 'note'], async () => {
    const body: Record<string, unknown> = { value: value.trim(), period, note }
    if (measuredOn !== '') body.measured_on = measuredOn
    await api(`${indicatorApi(indicator.id)}/measurements`, { method: 'POST', body })
    onSaved()
  })
  return (
    <Dialog open title={`Record ${indicator.ref} · ${indicator.name}`} onClose={onClose}>
      <form onSubmit={f.submit} noValidate data-testid="measurement-form">
        <Field id="m-value" label={`Value${indicator.unit ? ` (${indicator.unit})` : ''}`} help="An exact decimal, e.g. 99.95." error={f.msg('value')}>
          <input id="m-value" type="text" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
        </Field>
        <Field id="m-on" label="Measured on" help="Empty: today. Not in the future." error={f.msg('measured_on')}>
          <input id="m-on" type="date" value={measuredOn} onChange={(e) => setMeasuredOn(e.target.value)} />
        </Field>
        <Field id="m-period" label="Period (optional)" help="e.g. 2026-Q3" error={f.msg('period')}>
          <input id="m-period" type="text" value={period} onChange={(e) => setPeriod(e.target.value)} />
        </Field>
        <Field id="m-note" label="Note" error={f.msg('note')}>
          <textarea id="m-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        {f.footer('Record', onClose)}
      </form>
    </Dialog>
  )
}
