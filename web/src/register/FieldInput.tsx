// One form input chosen by field type, with its label, help text and the server's error
// messages. No required/maxLength/pattern attributes: the form submits whatever the user
// typed and the API's validation errors are what the user sees (one source of rules).
import type { ReactNode } from 'react'
import type { FieldDescriptor } from '../api/types'
import { inputId, inputKind, type FormValue } from './fields'
import { MultiReferenceInput } from './MultiReferenceInput'
import { useReferenceOptions } from './references'

export interface FieldInputProps {
  field: FieldDescriptor
  value: FormValue
  onChange: (value: FormValue) => void
  errors: string[]
  /** id of the object being edited: a reference list must not offer the object itself */
  selfId?: string
  /** label of the current reference value while options load (e.g. owner_name) */
  currentLabel?: string
}

function describedBy(field: FieldDescriptor, hasErrors: boolean): string | undefined {
  const ids = [hasErrors ? `error-${field.name}` : '', field.help ? `help-${field.name}` : ''].filter(Boolean)
  return ids.length > 0 ? ids.join(' ') : undefined
}

function ReferenceSelect({ field, value, onChange, errors, currentLabel }: FieldInputProps) {
  const { options, error, loading } = useReferenceOptions(field.reference)
  const current = typeof value === 'string' ? value : ''
  const known = options.some((o) => o.id === current)
  return (
    <>
      <select
        id={inputId(field.name)}
        value={current}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(field, errors.length > 0)}
        aria-required={field.required || undefined}
      >
        <option value="">{loading ? 'Loading…' : '— none —'}</option>
        {current !== '' && !known && <option value={current}>{currentLabel ?? current}</option>}
        {options
          .filter((o) => !o.archived || o.id === current)
          .map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
      </select>
      {error !== undefined && <p className="muted">Could not load the choices; reload the page to try again.</p>}
    </>
  )
}

function Control(props: FieldInputProps): ReactNode {
  const { field, value, onChange, errors } = props
  const common = {
    id: inputId(field.name),
    'aria-invalid': errors.length > 0 || undefined,
    'aria-describedby': describedBy(field, errors.length > 0),
    'aria-required': field.required || undefined,
  }
  const text = typeof value === 'string' ? value : ''
  switch (inputKind(field)) {
    case 'textarea':
      return <textarea {...common} rows={5} value={text} onChange={(e) => onChange(e.target.value)} />
    case 'select':
      return (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          {(text === '' || !field.required) && <option value="">—</option>}
          {(field.options ?? []).map((o) => (
            <option key={String(o.value)} value={String(o.value)}>
              {field.type === 'level' ? `${o.value} · ${o.label}` : o.label}
            </option>
          ))}
        </select>
      )
    case 'reference':
      return <ReferenceSelect {...props} />
    case 'multi':
      return <MultiReferenceInput {...props} />
    case 'checkbox':
      return <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
    case 'number':
      return <input {...common} type="text" inputMode="numeric" value={text} onChange={(e) => onChange(e.target.value)} />
    default:
      return <input {...common} type="text" value={text} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
  }
}

export function FieldInput(props: FieldInputProps) {
  const { field, errors } = props
  const kind = inputKind(field)
  const error =
    errors.length > 0 ? (
      <p className="field-error" id={`error-${field.name}`} data-testid={`error-${field.name}`}>
        {errors.join(' ')}
      </p>
    ) : null
  const help = field.help ? (
    <p className="help" id={`help-${field.name}`}>
      {field.help}
    </p>
  ) : null
  if (kind === 'multi') {
    // A group of checkboxes is labelled by its legend, inside MultiReferenceInput.
    return (
      <div className={`field${errors.length > 0 ? ' invalid' : ''}`} data-field={field.name}>
        <Control {...props} />
        {help}
        {error}
      </div>
    )
  }
  return (
    <div className={`field${errors.length > 0 ? ' invalid' : ''}${kind === 'checkbox' ? ' checkbox' : ''}`} data-field={field.name}>
      <div className="label-row">
        <label htmlFor={inputId(field.name)}>{field.label}</label>
        {/* outside the label so the accessible name is just the label; aria-required says it */}
        {field.required && (
          <span className="req" aria-hidden="true">
            *
          </span>
        )}
      </div>
      <Control {...props} />
      {help}
      {error}
    </div>
  )
}
