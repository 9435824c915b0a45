// A filterable checkbox list over options the caller loaded (controls, attendees). Ids
// the options do not cover stay selected and show as their id.
import { useState } from 'react'

export interface Choice {
  id: string
  label: string
  archived?: boolean
}

interface Props {
  name: string
  label: string
  options: readonly Choice[]
  value: readonly string[]
  onChange: (ids: string[]) => void
  errors?: readonly string[]
  loading?: boolean
  /** shown instead of the options when they could not be loaded */
  unavailable?: string
}

export function ChoiceList({ name, label, options, value, onChange, errors = [], loading, unavailable }: Props) {
  const [filter, setFilter] = useState('')
  const needle = filter.trim().toLowerCase()
  const shown = options.filter((o) => (value.includes(o.id) || !o.archived) && (needle === '' || o.label.toLowerCase().includes(needle)))
  const unknown = value.filter((id) => !options.some((o) => o.id === id))
  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((x) => x !== id))
  return (
    <fieldset className="multi" id={`field-${name}`} data-testid={`choices-${name}`} aria-invalid={errors.length > 0 || undefined} aria-describedby={errors.length > 0 ? `error-${name}` : undefined}>
      <legend>
        {label} <span className="muted">({value.length} selected)</span>
      </legend>
      <input type="search" aria-label={`Filter ${label.toLowerCase()} choices`} placeholder="Filter…" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <div className="multi-options">
        {loading && <p className="muted">Loading…</p>}
        {unavailable && <p className="muted">{unavailable}</p>}
        {unknown.map((id) => (
          <label key={id}>
            <input type="checkbox" checked onChange={(e) => toggle(id, e.target.checked)} /> {id}
          </label>
        ))}
        {shown.map((o) => (
          <label key={o.id}>
            <input type="checkbox" checked={value.includes(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} data-testid={`choice-${name}-${o.id}`} /> {o.label}
            {o.archived && <span className="tag">archived</span>}
          </label>
        ))}
        {!loading && !unavailable && shown.length === 0 && unknown.length === 0 && <p className="muted">No choices.</p>}
      </div>
      {errors.length > 0 && (
        <div className="field-error" id={`error-${name}`} data-testid={`error-${name}`}>
          {errors.join(' ')}
        </div>
      )}
    </fieldset>
  )
}
