// Picks catalogue requirements for a control: the chosen keys as removable chips (each a
// link to its catalogue page) and a search over the catalogue (GET /catalogue/search,
// debounced) whose results can be added. Keys the server refuses get their message below.
import { useEffect, useState } from 'react'
import { withQuery } from '../api/client'
import type { Items, Requirement } from '../api/types'
import { useApi } from '../api/useApi'
import { keyHref } from '../catalogue/keys'
import { Link } from '../router'

const SEARCH_LIMIT = 20
const DEBOUNCE_MS = 300

interface Props {
  value: readonly string[]
  onChange: (keys: string[]) => void
  titles: Map<string, string>
  errors?: readonly string[]
}

export function RequirementPicker({ value, onChange, titles, errors = [] }: Props) {
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const [framework, setFramework] = useState('')
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(text.trim()), DEBOUNCE_MS)
    return () => window.clearTimeout(timer)
  }, [text])
  const results = useApi<Items<Requirement>>(q === '' ? null : withQuery('/api/v1/catalogue/search', { q, framework, limit: SEARCH_LIMIT }))
  const [picked, setPicked] = useState<Map<string, string>>(() => new Map())
  const title = (k: string) => titles.get(k) ?? picked.get(k)
  const add = (r: Requirement) => {
    if (value.includes(r.key)) return
    setPicked((m) => new Map(m).set(r.key, r.title))
    onChange([...value, r.key])
  }
  const remove = (key: string) => onChange(value.filter((k) => k !== key))
  const items = q === '' ? [] : (results.data?.items ?? [])
  return (
    <fieldset className="multi requirement-picker" id="field-requirement_keys" aria-invalid={errors.length > 0 || undefined} aria-describedby={errors.length > 0 ? 'error-requirement_keys' : undefined} data-testid="requirement-picker">
      <legend>
        Requirements <span className="muted">({value.length} chosen)</span>
      </legend>
      {value.length === 0 ? (
        <p className="muted small">No requirement yet: search the catalogue below.</p>
      ) : (
        <ul className="chips requirement-chips" data-testid="chosen-requirements">
          {value.map((k) => (
            <li key={k} className="chip" data-testid={`chosen-${k}`}>
              <Link to={keyHref(k) ?? '/catalogue'} target="_blank" rel="noreferrer">
                {k.replace(/^iso27001-2022:/, '')}
              </Link>
              {title(k) && <span className="muted small">{title(k)}</span>}
              <button type="button" aria-label={`Remove ${k}`} onClick={() => remove(k)} data-testid={`remove-${k}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="toolbar">
        <div className="filter search">
          <label htmlFor="requirement-picker-search">Search the catalogue</label>
          <input
            id="requirement-picker-search"
            type="search"
            value={text}
            placeholder="A.5.15, access control…"
            onChange={(e) => setText(e.target.value)}
            data-testid="requirement-search"
          />
        </div>
        <div className="filter">
          <label htmlFor="requirement-picker-framework">Framework</label>
          <select id="requirement-picker-framework" value={framework} onChange={(e) => setFramework(e.target.value)}>
            <option value="">All</option>
            <option value="iso27001-2022">ISO/IEC 27001:2022</option>
            <option value="nis2-2024-2690">NIS2 (EU) 2024/2690</option>
          </select>
        </div>
      </div>
      {q !== '' && (
        <div className="multi-options" aria-busy={results.loading} aria-live="polite">
          {results.error !== undefined && <p className="field-error">The search failed: {results.error instanceof Error ? results.error.message : String(results.error)}</p>}
          {results.loading && !results.data && <p className="muted">Searching…</p>}
          {results.data && items.length === 0 && <p className="muted">Nothing matches “{q}”.</p>}
          <ul className="plain requirement-results">
            {items.map((r) => {
              const chosen = value.includes(r.key)
              return (
                <li key={r.key}>
                  <button type="button" className="link-button" disabled={chosen} onClick={() => add(r)} data-testid={`add-requirement-${r.key}`}>
                    {chosen ? '✓' : '+'} <strong>{r.ref_id}</strong> {r.title}
                  </button>
                  <span className="muted small"> · {r.framework_id}</span>
                </li>
              )
            })}
          </ul>
        </div>
      )}
      {errors.length > 0 && (
        <div className="field-error" id="error-requirement_keys" data-testid="error-requirement_keys">
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
    </fieldset>
  )
}
