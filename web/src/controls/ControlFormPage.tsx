// New control (/controls/new, optionally ?requirement=fw:ref to start from a requirement or
// an SoA line) and edit (/controls/:id/edit). Edits send the changed fields and the
// version; a 409 offers a reload. Messages come from the server, next to their input.
import './controls.css'
import { useRef, useState, type FormEvent, type ReactNode } from 'react'
import { api, ApiError } from '../api/client'
import { useApi } from '../api/useApi'
import { PersonSelect } from '../access/PersonSelect'
import { ErrorBox } from '../components/ErrorBox'
import { setFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { getParam } from '../catalogue/urlState'
import { Link, navigate, useLocation } from '../router'
import {
  controlCreateBody,
  controlFormErrors,
  controlPatchBody,
  emptyControlForm,
  formFromControl,
  noControlFormErrors,
  type ControlForm,
  type ControlFormErrors,
} from './form'
import { classificationLabels, statusLabels } from './labels'
import { controlApi, controlRoute, controlsApi } from './paths'
import { RequirementPicker } from './RequirementPicker'
import { useRequirementTitles } from './requirements'
import { controlClassifications, controlStatuses, type ControlClassification, type ControlStatus, type ControlView } from './types'

function Field({ name, label, errors, children, help }: { name: string; label: string; errors?: readonly string[]; children: ReactNode; help?: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      {children}
      {help && <p className="help">{help}</p>}
      {errors && errors.length > 0 && (
        <div className="field-error" id={`error-${name}`} data-testid={`error-${name}`}>
          {errors.join(' ')}
        </div>
      )}
    </div>
  )
}

function ControlFormBody({ view, startRequirement, onReload }: { view?: ControlView; startRequirement?: string; onReload: () => void }) {
  const control = view?.control
  const [initial] = useState<ControlForm>(() => (control ? formFromControl(control) : emptyControlForm(startRequirement)))
  const [form, setForm] = useState<ControlForm>(initial)
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<ControlFormErrors>(noControlFormErrors)
  const [failure, setFailure] = useState<unknown>()
  const [note, setNote] = useState<string>()
  const summaryRef = useRef<HTMLDivElement>(null)
  const titles = useRequirementTitles(form.requirement_keys)
  const set = <K extends keyof ControlForm>(key: K, value: ControlForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setNote(undefined)
  }
  const e = (name: string) => errors.byField[name]
  const invalid = (name: string) => (e(name)?.length ?? 0) > 0 || undefined

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setErrors(noControlFormErrors)
    setFailure(undefined)
    try {
      if (control) {
        const body = controlPatchBody(initial, form, control.version)
        if (!body) {
          setNote('Nothing changed.')
          return
        }
        await api<ControlView>(controlApi(control.id), { method: 'PATCH', body })
        setFlash(`Control ${control.ref} saved.`)
        navigate(controlRoute(control.id))
      } else {
        const created = await api<ControlView>(controlsApi, { method: 'POST', body: controlCreateBody(form) })
        setFlash(`Control ${created.control.ref} created.`)
        navigate(controlRoute(created.control.id))
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        setErrors(controlFormErrors(err.details.length > 0 ? err.details : [{ field: err.field, message: err.message }], form.requirement_keys))
      } else setFailure(err)
      requestAnimationFrame(() => summaryRef.current?.focus())
    } finally {
      setBusy(false)
    }
  }

  const conflict = failure instanceof ApiError && failure.status === 409
  return (
    <form onSubmit={submit} noValidate className="control-form" data-testid="control-form">
      <div ref={summaryRef} tabIndex={-1} className="summary-anchor">
        {errors.summary.length > 0 && (
          <div className="error-box" role="alert" data-testid="error-summary">
            <strong>The control was not saved: {errors.summary.length === 1 ? 'one problem' : `${errors.summary.length} problems`}</strong>
            <ul>
              {errors.summary.map((s, i) => (
                <li key={i}>{s.field ? <a href={`#field-${s.field}`}>{s.message}</a> : s.message}</li>
              ))}
            </ul>
          </div>
        )}
        {failure !== undefined && (
          <div data-testid={conflict ? 'conflict' : 'save-error'}>
            <ErrorBox
              title={conflict ? 'Changed by someone else: reload to edit the latest version (your changes here are not saved)' : 'The control was not saved'}
              error={failure}
            />
            {conflict && (
              <p>
                <button type="button" onClick={onReload} data-testid="reload">
                  Reload
                </button>
              </p>
            )}
          </div>
        )}
        {note && <p className="notice">{note}</p>}
      </div>

      <section className="panel" aria-labelledby="control-what">
        <h2 id="control-what">Control</h2>
        <Field name="title" label="Title" errors={e('title')}>
          <input id="field-title" type="text" value={form.title} onChange={(ev) => set('title', ev.target.value)} aria-invalid={invalid('title')} data-testid="field-title" />
        </Field>
        <Field name="description" label="Description" errors={e('description')} help="How the control works. Sealed at rest and hidden in lists when the control is confidential.">
          <textarea id="field-description" rows={4} value={form.description} onChange={(ev) => set('description', ev.target.value)} aria-invalid={invalid('description')} data-testid="field-description" />
        </Field>
        <div className="form-row">
          <PersonSelect name="owner_id" label="Owner" value={form.owner_id} onChange={(v) => set('owner_id', v)} errors={e('owner_id')} />
          <Field name="status" label="Status" errors={e('status')}>
            <select id="field-status" value={form.status} onChange={(ev) => set('status', ev.target.value as ControlStatus)} aria-invalid={invalid('status')} data-testid="field-status">
              {controlStatuses.map((s) => (
                <option key={s} value={s}>
                  {statusLabels[s]}
                </option>
              ))}
            </select>
          </Field>
          <Field name="classification" label="Classification" errors={e('classification')}>
            <select
              id="field-classification"
              value={form.classification}
              onChange={(ev) => set('classification', ev.target.value as ControlClassification)}
              aria-invalid={invalid('classification')}
              data-testid="field-classification"
            >
              {controlClassifications.map((c) => (
                <option key={c} value={c}>
                  {classificationLabels[c]}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </section>

      <section className="panel" aria-labelledby="control-requirements">
        <h2 id="control-requirements">Requirements it satisfies</h2>
        <RequirementPicker value={form.requirement_keys} onChange={(v) => set('requirement_keys', v)} titles={titles} errors={e('requirement_keys')} />
      </section>

      <section className="panel" aria-labelledby="control-check">
        <h2 id="control-check">Effectiveness check</h2>
        <div className="form-row">
          <Field name="next_check_on" label="Next check" errors={e('next_check_on')}>
            <input id="field-next_check_on" type="date" value={form.next_check_on} onChange={(ev) => set('next_check_on', ev.target.value)} aria-invalid={invalid('next_check_on')} data-testid="field-next_check_on" />
          </Field>
          <Field name="check_interval_months" label="Interval (months)" errors={e('check_interval_months')} help="1 to 36; a recorded check moves the next check by this much.">
            <input
              id="field-check_interval_months"
              type="number"
              min={1}
              max={36}
              inputMode="numeric"
              value={form.check_interval_months}
              onChange={(ev) => set('check_interval_months', ev.target.value)}
              aria-invalid={invalid('check_interval_months')}
              data-testid="field-check_interval_months"
            />
          </Field>
        </div>
      </section>

      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="control-save">
          {busy ? 'Saving…' : control ? 'Save control' : 'Create control'}
        </button>
        <Link to={control ? controlRoute(control.id) : '/controls'} className="button">
          Cancel
        </Link>
      </div>
    </form>
  )
}

export function ControlFormPage({ id }: { id?: string }) {
  const { search } = useLocation()
  const view = useApi<ControlView>(id ? controlApi(id) : null)
  const [generation, setGeneration] = useState(0)
  const reload = () => {
    view.reload()
    setGeneration((g) => g + 1)
  }
  const ref = view.data?.control.ref
  return (
    <>
      <PageHeader title={id ? `Edit ${ref ?? 'control'}` : 'New control'} back={<Link to={id ? controlRoute(id) : '/controls'}>← {id ? (ref ?? 'Control') : 'Controls'}</Link>} />
      {view.error !== undefined && <ErrorBox error={view.error} onRetry={view.reload} />}
      {id && !view.data && view.error === undefined && <Loading />}
      {(!id || view.data) && (
        <ControlFormBody
          key={`${view.data?.control.version ?? 'new'}:${generation}`}
          view={view.data}
          startRequirement={getParam(search, 'requirement') || undefined}
          onReload={reload}
        />
      )}
    </>
  )
}
