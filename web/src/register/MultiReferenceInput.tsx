// reference_list input: a filterable checkbox list (a native <select multiple> is hard to
// use with a few hundred options and needs ctrl-click).
import { useState } from 'react'
import type { FieldInputProps } from './FieldInput'
import { useReferenceOptions } from './references'

export function MultiReferenceInput({ field, value, onChange, errors, selfId }: FieldInputProps) {
  const { options, loading, error } = useReferenceOptions(field.reference)
  const [filter, setFilter] = useState('')
  const selected = Array.isArray(value) ? value : []
  const needle = filter.trim().toLowerCase()
  const choices = options.filter(
    (o) =>
      o.id !== selfId &&
      (selected.includes(o.id) || !o.archived) &&
      (needle === '' || o.label.toLowerCase().includes(needle)),
  )
  // Ids the options do not cover (not loaded, or beyond the option limit) stay selected.
  const unknown = selected.filter((id) => !options.some((o) => o.id === id))
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((x) => x !== id))

  return (
    <fieldset
      className="multi"
      id={`field-${field.name}`}
      aria-invalid={errors.length > 0 || undefined}
      aria-describedby={errors.length > 0 ? `error-${field.name}` : undefined}
    >
      <legend>
        {field.label} <span className="muted">({selected.length} selected)</span>
      </legend>
      <input
        type="search"
        aria-label={`Filter ${field.label.toLowerCase()} choices`}
        placeholder="Filter…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div className="multi-options">
        {loading && <p className="muted">Loading…</p>}
        {error !== undefined && <p className="muted">Could not load the choices.</p>}
        {unknown.map((id) => (
          <label key={id}>
            <input type="checkbox" checked onChange={(e) => toggle(id, e.target.checked)} /> {id}
          </label>
        ))}
        {choices.map((o) => (
          <label key={o.id}>
            <input type="checkbox" checked={selected.includes(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} />{' '}
            {o.label}
            {o.archived && <span className="tag">archived</span>}
          </label>
        ))}
        {!loading && choices.length === 0 && unknown.length === 0 && <p className="muted">No choices.</p>}
      </div>
    </fieldset>
  )
}
