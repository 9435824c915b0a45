// Search box (debounced into the URL), a select per filterable field, the archived toggle.
import { useEffect, useEffectEvent, useState } from 'react'
import type { FieldDescriptor, RegisterDescriptor } from '../api/types'
import { filterFields, withArchived, withFilter, withSearch, type ListQuery } from './query'
import { useReferenceOptions } from './references'

const SEARCH_DEBOUNCE_MS = 300

interface Props {
  descriptor: RegisterDescriptor
  query: ListQuery
  onChange: (next: ListQuery, options?: { replace?: boolean }) => void
}

function FilterSelect({
  field,
  value,
  onChange,
}: {
  field: FieldDescriptor
  value: string
  onChange: (value: string) => void
}) {
  const refs = useReferenceOptions(field.type === 'reference' ? field.reference : undefined)
  const options =
    field.type === 'reference'
      ? refs.options.map((o) => ({ value: o.id, label: o.label }))
      : (field.options ?? []).map((o) => ({ value: String(o.value), label: o.label }))
  const id = `filter-${field.name}`
  return (
    <div className="filter">
      <label htmlFor={id}>{field.label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={id}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {/* keep a selected value visible while reference options load */}
        {value !== '' && !options.some((o) => o.value === value) && <option value={value}>{value}</option>}
      </select>
    </div>
  )
}

export function ListToolbar({ descriptor, query, onChange }: Props) {
  const [text, setText] = useState(query.q)
  // The search the URL had when we last synchronised. When the URL's q changes from outside
  // (back button, a link), the box follows it; our own commits update it first, so typing
  // is never overwritten.
  const [syncedQ, setSyncedQ] = useState(query.q)
  if (query.q !== syncedQ) {
    setSyncedQ(query.q)
    setText(query.q)
  }

  const commit = useEffectEvent((value: string) => {
    setSyncedQ(value.trim())
    // replace: one history entry per search, not one per keystroke
    onChange(withSearch(query, value.trim()), { replace: true })
  })

  useEffect(() => {
    if (text.trim() === syncedQ) return
    const timer = window.setTimeout(() => commit(text), SEARCH_DEBOUNCE_MS)
    return () => window.clearTimeout(timer)
  }, [text, syncedQ])

  return (
    <div className="toolbar" role="search">
      <div className="filter search">
        <label htmlFor="list-search">Search</label>
        <input
          id="list-search"
          type="search"
          value={text}
          placeholder="Search…"
          onChange={(e) => setText(e.target.value)}
          data-testid="list-search"
        />
      </div>
      {filterFields(descriptor).map((field) => (
        <FilterSelect
          key={field.name}
          field={field}
          value={query.filters[field.name] ?? ''}
          onChange={(value) => onChange(withFilter(query, field.name, value))}
        />
      ))}
      <label className="toggle">
        <input
          type="checkbox"
          checked={query.archived}
          onChange={(e) => onChange(withArchived(query, e.target.checked))}
          data-testid="include-archived"
        />
        Include archived
      </label>
    </div>
  )
}
