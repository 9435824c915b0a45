// Generic create/edit page. Edit sends only the changed fields plus the version it loaded
// (optimistic concurrency); validation is the server's, shown next to each field.
import { useRef, useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import type { RegisterDescriptor, RegisterRecord } from '../api/types'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { setFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import type { RegisterConfig } from '../config/registers'
import { Link, navigate } from '../router'
import { formErrorsFrom, noErrors, type FormErrors } from './errors'
import { FieldInput } from './FieldInput'
import {
  classificationField,
  createBody,
  formFields,
  initialValues,
  inputId,
  lowersClassification,
  patchBody,
  type FormValue,
  type FormValues,
} from './fields'
import { invalidateReferences } from './references'
import { WithDescriptor } from './WithDescriptor'

export function RegisterFormPage({ config, id }: { config: RegisterConfig; id?: string }) {
  return (
    <WithDescriptor name={config.name}>
      {(d) => (id === undefined ? <RegisterForm config={config} descriptor={d} /> : <EditLoader config={config} descriptor={d} id={id} />)}
    </WithDescriptor>
  )
}

function EditLoader({ config, descriptor, id }: { config: RegisterConfig; descriptor: RegisterDescriptor; id: string }) {
  const object = useApi<RegisterRecord>(`${descriptor.path}/${encodeURIComponent(id)}`)
  if (object.error !== undefined) return <ErrorBox error={object.error} onRetry={object.reload} />
  if (!object.data) return <Loading />
  // A new version (after "reload" on a conflict) starts the form afresh from it.
  return (
    <RegisterForm
      key={String(object.data.version)}
      config={config}
      descriptor={descriptor}
      record={object.data}
      onReload={object.reload}
    />
  )
}

interface Props {
  config: RegisterConfig
  descriptor: RegisterDescriptor
  record?: RegisterRecord
  onReload?: () => void
}

const JUSTIFICATION = 'justification'

export function RegisterForm({ config, descriptor, record, onReload }: Props) {
  const [initial] = useState<FormValues>(() => initialValues(descriptor, record, config.defaults))
  const [values, setValues] = useState<FormValues>(initial)
  const [justification, setJustification] = useState('')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>(undefined)
  const [busy, setBusy] = useState(false)
  const summaryRef = useRef<HTMLDivElement>(null)

  const editing = record !== undefined
  const fields = formFields(descriptor)
  const noun = descriptor.singular.toLowerCase()
  const lowering = editing && lowersClassification(descriptor, initial, values)
  const showJustification = lowering || (errors.byField[JUSTIFICATION]?.length ?? 0) > 0
  const classification = classificationField(descriptor)
  const conflict = failure instanceof ApiError && failure.status === 409
  const archived = record?.archived === true

  const setValue = (name: string, value: FormValue) => setValues((v) => ({ ...v, [name]: value }))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setFailure(undefined)
    try {
      let saved: RegisterRecord
      if (record) {
        const body = patchBody(descriptor, initial, values)
        if (showJustification) body[JUSTIFICATION] = justification
        body.version = record.version
        saved = await api<RegisterRecord>(`${descriptor.path}/${encodeURIComponent(record.id)}`, { method: 'PATCH', body })
      } else {
        saved = await api<RegisterRecord>(descriptor.path, { method: 'POST', body: createBody(descriptor, values) })
      }
      invalidateReferences()
      setFlash(`${descriptor.singular} ${editing ? 'saved' : 'created'}.`)
      navigate(`${config.route}/${encodeURIComponent(saved.id)}`)
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        setErrors(formErrorsFrom(e, [...fields.map((f) => f.name), JUSTIFICATION]))
      } else {
        setErrors(noErrors)
        setFailure(e)
      }
      setBusy(false)
      // Move focus to the summary so keyboard and screen-reader users learn what failed.
      requestAnimationFrame(() => summaryRef.current?.focus())
    }
  }

  const focusField = (name: string) => document.getElementById(inputId(name))?.focus()
  const labelOf = (name: string) =>
    name === JUSTIFICATION ? 'Justification' : (descriptor.fields.find((f) => f.name === name)?.label ?? name)
  const cancelTo = record ? `${config.route}/${encodeURIComponent(record.id)}` : config.route
  const title = record ? `Edit ${String(record[config.titleField] ?? noun)}` : `New ${noun}`

  return (
    <>
      <PageHeader title={title} back={<Link to={cancelTo}>← {record ? 'Back' : descriptor.title}</Link>} />
      <div ref={summaryRef} tabIndex={-1} className="summary-anchor">
        {errors.summary.length > 0 && (
          <div className="error-box" role="alert" data-testid="error-summary">
            <strong>
              The {noun} was not saved: {errors.summary.length === 1 ? 'one problem' : `${errors.summary.length} problems`}
            </strong>
            <ul>
              {errors.summary.map((item, i) => (
                <li key={i}>
                  {item.field ? (
                    <a
                      href={`#${inputId(item.field)}`}
                      onClick={(e) => {
                        e.preventDefault()
                        focusField(item.field ?? '')
                      }}
                    >
                      {labelOf(item.field)}: {item.message}
                    </a>
                  ) : (
                    item.message
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        {conflict && (
          <div className="error-box" role="alert" data-testid="conflict">
            <strong>This {noun} was changed by someone else</strong>
            <p>
              It was modified after you opened this form, so your changes were not saved. Reload to edit the latest version
              (your unsaved changes will be discarded).
            </p>
            <button type="button" className="primary" onClick={onReload} data-testid="reload">
              Reload
            </button>
          </div>
        )}
        {failure !== undefined && !conflict && <ErrorBox title={`The ${noun} was not saved`} error={failure} />}
      </div>
      {archived && <div className="notice">This {noun} is archived; the server will refuse changes.</div>}
      <form className="form" onSubmit={submit} noValidate data-testid="register-form">
        {fields.map((field) => (
          <div key={field.name} className="form-cell" data-kind={field.type}>
            <FieldInput
              field={field}
              value={values[field.name]}
              onChange={(v) => setValue(field.name, v)}
              errors={errors.byField[field.name] ?? []}
              selfId={record?.id}
              currentLabel={field.display_field ? String(record?.[field.display_field] ?? '') || undefined : undefined}
            />
            {field === classification && showJustification && (
              <FieldInput
                field={{
                  name: JUSTIFICATION,
                  label: 'Justification',
                  type: 'text',
                  required: true,
                  help: 'Lowering the classification must be justified; the reason is kept in the ledger.',
                }}
                value={justification}
                onChange={(v) => setJustification(typeof v === 'string' ? v : '')}
                errors={errors.byField[JUSTIFICATION] ?? []}
              />
            )}
          </div>
        ))}
        {!classification && showJustification && (
          <p className="field-error" data-testid="error-justification">
            {(errors.byField[JUSTIFICATION] ?? []).join(' ')}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="save">
            {busy ? 'Saving…' : record ? 'Save changes' : `Create ${noun}`}
          </button>
          <Link to={cancelTo} className="button">
            Cancel
          </Link>
        </div>
      </form>
    </>
  )
}
