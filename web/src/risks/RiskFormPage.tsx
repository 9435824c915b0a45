// New risk (/risks/new, optionally ?asset_id= to start from an asset) and edit
// (/risks/:id/edit). Ratings show their level live from the method the risk is rated
// under (the current one for a new risk). Edits send the changed fields and the version;
// a 409 offers a reload. Messages come from the server, next to their section.
import './risks.css'
import { useRef, useState, type FormEvent, type ReactNode } from 'react'
import { api, ApiError } from '../api/client'
import type { FieldDescriptor } from '../api/types'
import { useApi } from '../api/useApi'
import { PersonSelect } from '../access/PersonSelect'
import { ErrorBox } from '../components/ErrorBox'
import { setFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { getParam } from '../catalogue/urlState'
import { invalidateReferences } from '../register/references'
import { MultiReferenceInput } from '../register/MultiReferenceInput'
import { Link, navigate, useLocation } from '../router'
import { ChoiceList } from './ChoiceList'
import { createBody, emptyRiskForm, formFromRisk, noRiskFormErrors, patchBody, riskFormErrors, type RiskForm, type RiskFormErrors } from './form'
import { treatmentLabels } from './method'
import { useControlChoices, useRiskSources } from './options'
import { methodVersionApi, riskApi, riskMethodApi, riskRoute } from './paths'
import { RatingFieldset } from './RatingFieldset'
import type { Risk, RiskMethod, RiskSource, Treatment } from './types'

const assetsField: FieldDescriptor = { name: 'asset_ids', label: 'Assets', type: 'reference_list', reference: 'assets' }

function Errors({ name, errors }: { name: string; errors?: readonly string[] }) {
  if (!errors || errors.length === 0) return null
  return (
    <div className="field-error" id={`error-${name}`} data-testid={`error-${name}`}>
      {errors.join(' ')}
    </div>
  )
}

function Field({ name, label, errors, children, help }: { name: string; label: string; errors?: readonly string[]; children: ReactNode; help?: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      {children}
      {help && <p className="help">{help}</p>}
      <Errors name={name} errors={errors} />
    </div>
  )
}

function SourceSelect({
  kind,
  value,
  onChange,
  errors,
}: {
  kind: 'threat' | 'vulnerability'
  value: string
  onChange: (id: string) => void
  errors?: readonly string[]
}) {
  const list = useRiskSources(kind)
  const name = kind === 'threat' ? 'threat_id' : 'vulnerability_id'
  const items = (list.data?.items ?? []).filter((s) => !s.archived || s.id === value)
  const chosen: RiskSource | undefined = items.find((s) => s.id === value)
  const categories = [...new Set(items.map((s) => s.category || 'Other'))].sort()
  return (
    <Field
      name={name}
      label={kind === 'threat' ? 'Threat' : 'Vulnerability'}
      errors={errors}
      help={chosen ? `${chosen.description}${chosen.properties.length > 0 ? ` (affects ${chosen.properties.join(', ')})` : ''}` : undefined}
    >
      <select
        id={`field-${name}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={(errors?.length ?? 0) > 0 || undefined}
        aria-describedby={(errors?.length ?? 0) > 0 ? `error-${name}` : undefined}
        data-testid={`field-${name}`}
      >
        <option value="">{list.loading && !list.data ? 'Loading…' : '— choose —'}</option>
        {categories.map((c) => (
          <optgroup key={c} label={c}>
            {items
              .filter((s) => (s.category || 'Other') === c)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.archived ? ' (archived)' : ''}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      {list.error !== undefined && <p className="muted">Could not load the {kind === 'threat' ? 'threats' : 'vulnerabilities'}.</p>}
    </Field>
  )
}

interface FormProps {
  risk?: Risk
  method: RiskMethod
  startAsset?: string
  onReload: () => void
}

function RiskFormBody({ risk, method, startAsset, onReload }: FormProps) {
  const [initial] = useState<RiskForm>(() => (risk ? formFromRisk(risk) : emptyRiskForm(startAsset)))
  const [form, setForm] = useState<RiskForm>(initial)
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<RiskFormErrors>(noRiskFormErrors)
  const [failure, setFailure] = useState<unknown>()
  const [note, setNote] = useState<string>()
  const summaryRef = useRef<HTMLDivElement>(null)
  const controls = useControlChoices()
  const set = <K extends keyof RiskForm>(key: K, value: RiskForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setNote(undefined)
  }
  const e = (section: string) => errors.bySection[section]

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setErrors(noRiskFormErrors)
    setFailure(undefined)
    try {
      if (risk) {
        const body = patchBody(initial, form, risk.version)
        if (!body) {
          setNote('Nothing changed.')
          return
        }
        await api<Risk>(riskApi(risk.id), { method: 'PATCH', body })
        setFlash(`Risk ${risk.ref} saved.`)
        navigate(riskRoute(risk.id))
      } else {
        const created = await api<Risk>('/api/v1/risks', { method: 'POST', body: createBody(form) })
        invalidateReferences()
        setFlash(`Risk ${created.ref} created.`)
        navigate(riskRoute(created.id))
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        setErrors(riskFormErrors(err.details.length > 0 ? err.details : [{ field: err.field, message: err.message }]))
      } else setFailure(err)
      requestAnimationFrame(() => summaryRef.current?.focus())
    } finally {
      setBusy(false)
    }
  }

  const conflict = failure instanceof ApiError && failure.status === 409
  return (
    <form onSubmit={submit} noValidate className="risk-form" data-testid="risk-form">
      <div ref={summaryRef} tabIndex={-1} className="summary-anchor">
        {errors.summary.length > 0 && (
          <div className="error-box" role="alert" data-testid="error-summary">
            <strong>The risk was not saved: {errors.summary.length === 1 ? 'one problem' : `${errors.summary.length} problems`}</strong>
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
              title={conflict ? 'Changed by someone else: reload to edit the latest version (your changes here are not saved)' : 'The risk was not saved'}
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

      <section className="panel" aria-labelledby="risk-what">
        <h2 id="risk-what">What could happen</h2>
        <Field name="title" label="Title" errors={e('title')}>
          <input id="field-title" type="text" value={form.title} onChange={(ev) => set('title', ev.target.value)} aria-invalid={!!e('title') || undefined} data-testid="field-title" />
        </Field>
        <Field name="description" label="Description" errors={e('description')}>
          <textarea id="field-description" rows={3} value={form.description} onChange={(ev) => set('description', ev.target.value)} aria-invalid={!!e('description') || undefined} />
        </Field>
        <div className="field">
          <MultiReferenceInput field={assetsField} value={form.asset_ids} onChange={(v) => set('asset_ids', Array.isArray(v) ? (v as string[]) : [])} errors={e('asset_ids') ?? []} />
          <Errors name="asset_ids" errors={e('asset_ids')} />
        </div>
        <div className="form-row">
          <SourceSelect kind="threat" value={form.threat_id} onChange={(v) => set('threat_id', v)} errors={e('threat_id')} />
          <SourceSelect kind="vulnerability" value={form.vulnerability_id} onChange={(v) => set('vulnerability_id', v)} errors={e('vulnerability_id')} />
          <PersonSelect name="owner_id" label="Risk owner" value={form.owner_id} onChange={(v) => set('owner_id', v)} errors={e('owner_id')} />
        </div>
      </section>

      <section className="panel" aria-labelledby="risk-rating">
        <h2 id="risk-rating">Rating</h2>
        <p className="help">
          Rated under risk method version {method.number}. The impact is the highest of the four properties; the level comes from the method's
          grid.
        </p>
        <div className="grid-2">
          <RatingFieldset
            name="inherent"
            label="Inherent risk (before treatment)"
            method={method}
            value={form.inherent}
            onChange={(v) => set('inherent', v)}
            errors={e('inherent')}
            invalid={errors.invalid}
          />
          <RatingFieldset
            name="residual"
            label="Residual risk (after treatment)"
            method={method}
            value={form.residual}
            onChange={(v) => set('residual', v)}
            errors={e('residual')}
            invalid={errors.invalid}
          />
        </div>
      </section>

      <section className="panel" aria-labelledby="risk-treatment">
        <h2 id="risk-treatment">Treatment</h2>
        <div className="form-row">
          <Field name="treatment" label="Treatment" errors={e('treatment')}>
            <select id="field-treatment" value={form.treatment} onChange={(ev) => set('treatment', ev.target.value as Treatment)} data-testid="field-treatment">
              {Object.entries(treatmentLabels).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </Field>
          <Field name="next_review_on" label="Next review" errors={e('next_review_on')}>
            <input id="field-next_review_on" type="date" value={form.next_review_on} onChange={(ev) => set('next_review_on', ev.target.value)} data-testid="field-next_review_on" />
          </Field>
        </div>
        <Field name="treatment_plan" label="Treatment plan" errors={e('treatment_plan')}>
          <textarea id="field-treatment_plan" rows={3} value={form.treatment_plan} onChange={(ev) => set('treatment_plan', ev.target.value)} />
        </Field>
        <div className="field">
          <ChoiceList
            name="control_ids"
            label="Controls"
            options={controls.choices}
            loading={controls.loading}
            unavailable={controls.unavailable}
            value={form.control_ids}
            onChange={(v) => set('control_ids', v)}
            errors={e('control_ids')}
          />
        </div>
      </section>

      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="risk-save">
          {busy ? 'Saving…' : risk ? 'Save risk' : 'Create risk'}
        </button>
        <Link to={risk ? riskRoute(risk.id) : '/risks'} className="button">
          Cancel
        </Link>
      </div>
    </form>
  )
}

export function RiskFormPage({ id }: { id?: string }) {
  const { search } = useLocation()
  const risk = useApi<Risk>(id ? riskApi(id) : null)
  // A risk keeps the method version it was rated under; a new one gets the current one.
  const methodPath = id ? (risk.data ? methodVersionApi(risk.data.method_number) : null) : riskMethodApi
  const method = useApi<RiskMethod>(methodPath)
  const [generation, setGeneration] = useState(0)
  const reload = () => {
    risk.reload()
    setGeneration((g) => g + 1)
  }
  const title = id ? `Edit ${risk.data?.ref ?? 'risk'}` : 'New risk'
  const error = risk.error ?? method.error
  return (
    <>
      <PageHeader title={title} back={<Link to={id ? riskRoute(id) : '/risks'}>← {id ? (risk.data?.ref ?? 'Risk') : 'Risks'}</Link>} />
      {error !== undefined && <ErrorBox error={error} onRetry={() => (risk.error ? risk.reload() : method.reload())} />}
      {error === undefined && (!method.data || (id && !risk.data)) && <Loading />}
      {method.data && (!id || risk.data) && (
        <RiskFormBody
          key={`${risk.data?.version ?? 'new'}:${generation}`}
          risk={risk.data}
          method={method.data}
          startAsset={getParam(search, 'asset_id') || undefined}
          onReload={reload}
        />
      )}
    </>
  )
}
