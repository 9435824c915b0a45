// Picks a person (from /api/v1/persons, cached with the register's reference options).
import { useReferenceOptions } from '../register/references'

interface Props {
  value: string
  onChange: (id: string) => void
  errors?: string[]
  name?: string
  label?: string
  /** persons not to offer (e.g. already granted) */
  exclude?: readonly string[]
}

export function PersonSelect({ value, onChange, errors = [], name = 'person_id', label = 'Person', exclude = [] }: Props) {
  const { options, loading, error } = useReferenceOptions('persons')
  const id = `field-${name}`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length > 0 ? `error-${name}` : undefined}
      >
        <option value="">{loading ? 'Loading…' : '— choose a person —'}</option>
        {options
          .filter((o) => !exclude.includes(o.id))
          .map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
      </select>
      {error !== undefined && <p className="muted">Could not load the persons.</p>}
      {errors.length > 0 && (
        <p className="field-error" id={`error-${name}`} data-testid={`error-${name}`}>
          {errors.join(' ')}
        </p>
      )}
    </div>
  )
}
