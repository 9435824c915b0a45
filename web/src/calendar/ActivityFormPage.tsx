// /calendar/activities/new and /calendar/activities/:id/edit: an activity's title, cadence,
// anchor, owner, subject, requirements, due window, policy reference and status.
import '../risks/risks.css'
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { Link, navigate } from '../router'
import { describeCadence } from './calendar'
import { subjectRegisters, weekdays, type Activity, type Cadence, type CadenceKind, type CadenceUnit, type ItemList, type Requirement } from './types'

interface PersonRow {
  id: string
  name: string
}

const fields = ['title', 'description', 'cadence', 'anchor_on', 'owner_id', 'subject', 'requires', 'due_window_days', 'policy_ref', 'status']

function Form({ initial }: { initial?: Activity }) {
  const persons = useApi<ItemList<PersonRow>>('/api/v1/persons')
  const [title, setTitle] = useState(initial?.title ?? '')
  const [description, setDescription] = useState(initial?.description ?? '')
  const [kind, setKind] = useState<CadenceKind>(initial?.cadence.kind ?? 'yearly')
  const [weekday, setWeekday] = useState(initial?.cadence.weekday ?? 'monday')
  const [dayOfMonth, setDayOfMonth] = useState(String(initial?.cadence.day_of_month ?? 1))
  const [every, setEvery] = useState(String(initial?.cadence.every ?? 1))
  const [unit, setUnit] = useState<CadenceUnit>(initial?.cadence.unit ?? 'months')
  const [anchorOn, setAnchorOn] = useState(initial?.anchor_on ?? '')
  const [owner, setOwner] = useState(initial?.owner_id ?? '')
  const [register, setRegister] = useState(initial?.subject.register ?? 'isms')
  const [requires, setRequires] = useState<Requirement[]>(initial?.requires ?? [])
  const [window, setWindow] = useState(String(initial?.due_window_days ?? 14))
  const [policy, setPolicy] = useState(initial?.policy_ref ?? '')
  const [status, setStatus] = useState(initial?.status ?? 'active')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>()
  const cadence: Cadence =
    kind === 'weekly' ? { kind, weekday } : kind === 'monthly' ? { kind, day_of_month: Number(dayOfMonth) } : kind === 'custom' ? { kind, every: Number(every), unit } : { kind }
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setErrors(noErrors)
    setFailure(undefined)
    const body: Record<string, unknown> = {
      title,
      description,
      cadence,
      owner_id: owner === '' ? null : owner,
      subject: { register },
      requires,
      due_window_days: Number(window),
      policy_ref: policy,
    }
    if (anchorOn !== '') body.anchor_on = anchorOn
    try {
      const saved = initial
        ? await api<Activity>(`/api/v1/activities/${initial.id}`, { method: 'PATCH', body: { ...body, status, version: initial.version } })
        : await api<Activity>('/api/v1/activities', { method: 'POST', body })
      navigate(`/calendar/activities/${saved.id}`)
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setErrors(formErrorsFrom(err, fields))
      else setFailure(err)
    }
  }
  const msg = (name: string) => errors.byField[name] && <div className="field-error" data-testid={`error-${name}`}>{errors.byField[name].join(' ')}</div>
  const toggle = (r: Requirement) => setRequires((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]))
  return (
    <form onSubmit={submit} noValidate data-testid="activity-form">
      <div className="field">
        <label htmlFor="act-title">Title</label>
        <input id="act-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} data-testid="act-title" />
        {msg('title')}
      </div>
      <div className="field">
        <label htmlFor="act-description">Description</label>
        <textarea id="act-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        {msg('description')}
      </div>
      <div className="field">
        <label htmlFor="act-kind">Cadence</label>
        <select id="act-kind" value={kind} onChange={(e) => setKind(e.target.value as CadenceKind)} data-testid="act-kind">
          {(['weekly', 'monthly', 'quarterly', 'yearly', 'custom'] as const).map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        {kind === 'weekly' && (
          <select aria-label="Weekday" value={weekday} onChange={(e) => setWeekday(e.target.value)}>
            {weekdays.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        )}
        {kind === 'monthly' && <input aria-label="Day of month" type="number" min={1} max={31} value={dayOfMonth} onChange={(e) => setDayOfMonth(e.target.value)} />}
        {kind === 'custom' && (
          <>
            <input aria-label="Every" type="number" min={1} value={every} onChange={(e) => setEvery(e.target.value)} />
            <select aria-label="Unit" value={unit} onChange={(e) => setUnit(e.target.value as CadenceUnit)}>
              {(['days', 'weeks', 'months', 'years'] as const).map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </>
        )}
        <p className="help">{describeCadence(cadence)}</p>
        {msg('cadence')}
      </div>
      <div className="field">
        <label htmlFor="act-anchor">First occurrence</label>
        <input id="act-anchor" type="date" value={anchorOn} onChange={(e) => setAnchorOn(e.target.value)} />
        <p className="help">Empty: today.</p>
        {msg('anchor_on')}
      </div>
      <div className="field">
        <label htmlFor="act-owner">Owner</label>
        <select id="act-owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
          <option value="">— unassigned —</option>
          {(persons.data?.items ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {msg('owner_id')}
      </div>
      <div className="field">
        <label htmlFor="act-subject">Concerns</label>
        <select id="act-subject" value={register} onChange={(e) => setRegister(e.target.value)}>
          {subjectRegisters.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        {msg('subject')}
      </div>
      <fieldset className="field">
        <legend>Completing requires</legend>
        {(['notes', 'evidence', 'decision'] as const).map((r) => (
          <label key={r}>
            <input type="checkbox" checked={requires.includes(r)} onChange={() => toggle(r)} /> {r}
          </label>
        ))}
        {msg('requires')}
      </fieldset>
      <div className="field">
        <label htmlFor="act-window">Due window (days before the date)</label>
        <input id="act-window" type="number" min={0} max={90} value={window} onChange={(e) => setWindow(e.target.value)} />
        {msg('due_window_days')}
      </div>
      <div className="field">
        <label htmlFor="act-policy">Policy reference</label>
        <input id="act-policy" type="text" value={policy} placeholder="e.g. Policy 5, ISO 27001 9.3" onChange={(e) => setPolicy(e.target.value)} />
        {msg('policy_ref')}
      </div>
      {initial && (
        <div className="field">
          <label htmlFor="act-status">Status</label>
          <select id="act-status" value={status} onChange={(e) => setStatus(e.target.value as 'active' | 'paused')}>
            <option value="active">active</option>
            <option value="paused">paused</option>
          </select>
        </div>
      )}
      {errors.summary.filter((s) => !s.field).map((s, i) => (
        <p className="field-error" key={i}>
          {s.message}
        </p>
      ))}
      {failure !== undefined && <ErrorBox error={failure} title={failure instanceof ApiError && failure.status === 409 ? 'Someone changed this activity: reload' : undefined} />}
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="act-save">
          Save
        </button>
      </div>
    </form>
  )
}

export function ActivityFormPage({ id }: { id?: string }) {
  const existing = useApi<Activity>(id ? `/api/v1/activities/${encodeURIComponent(id)}` : null)
  if (id && existing.error !== undefined) return <ErrorBox error={existing.error} onRetry={existing.reload} />
  if (id && !existing.data) return <p aria-busy>Loading…</p>
  return (
    <>
      <PageHeader title={id ? `Edit ${existing.data?.ref ?? ''}` : 'New activity'} back={<Link to="/calendar/activities">Activities</Link>} />
      <Form initial={existing.data} />
    </>
  )
}
