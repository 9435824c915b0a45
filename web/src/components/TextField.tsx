// A labelled input with its help text and the server's messages for it (the same markup
// as the register forms: id "field-<name>", errors in "error-<name>", aria-invalid).
import type { HTMLInputTypeAttribute } from 'react'

interface Props {
  name: string
  label: string
  value: string
  onChange: (value: string) => void
  errors?: readonly string[]
  type?: HTMLInputTypeAttribute
  help?: string
  autoComplete?: string
  autoFocus?: boolean
  inputMode?: 'numeric' | 'text'
  disabled?: boolean
}

export function TextField({ name, label, value, onChange, errors = [], type = 'text', help, ...rest }: Props) {
  const id = `field-${name}`
  const describedBy = [errors.length > 0 ? `error-${name}` : '', help ? `help-${name}` : ''].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy || undefined}
        {...rest}
      />
      {help && (
        <p className="help" id={`help-${name}`}>
          {help}
        </p>
      )}
      {errors.length > 0 && (
        <div className="field-error" id={`error-${name}`} data-testid={`error-${name}`}>
          {errors.length === 1 ? (
            errors[0]
          ) : (
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
