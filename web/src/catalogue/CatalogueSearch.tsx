// Full-text search over requirements (GET /api/v1/catalogue/search), one framework or
// all; the query lives in the URL (?q=), results show the matched terms marked.
import type { Framework, Items, Requirement } from '../api/types'
import { withQuery } from '../api/client'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { Link } from '../router'
import { Highlighted } from './Highlighted'
import { snippet } from './highlight'
import { requirementHref } from './keys'
import { useDebouncedParam } from './urlState'

const LIMIT = 100

interface Props {
  frameworkId?: string
  /** names of frameworks, for results across all of them */
  frameworks?: readonly Framework[]
  /** "show in tree" for a result (framework page) */
  onLocate?: (refId: string) => void
}

export function CatalogueSearch({ frameworkId, frameworks, onLocate }: Props) {
  const [text, setText, q] = useDebouncedParam('q')
  const results = useApi<Items<Requirement>>(
    q === '' ? null : withQuery('/api/v1/catalogue/search', { q, framework: frameworkId, limit: LIMIT }),
  )
  const items = q === '' ? [] : (results.data?.items ?? [])
  const names = new Map((frameworks ?? []).map((f) => [f.id, f.name]))
  return (
    <section className="catalogue-search" aria-label="Requirement search">
      <div className="toolbar" role="search">
        <div className="filter search">
          <label htmlFor="requirement-search">Search requirements</label>
          <input
            id="requirement-search"
            type="search"
            value={text}
            placeholder={frameworkId ? 'Words in the number, title or text…' : 'Search every framework…'}
            onChange={(e) => setText(e.target.value)}
            data-testid="requirement-search"
          />
        </div>
      </div>
      {q !== '' && results.error !== undefined && <ErrorBox error={results.error} onRetry={results.reload} />}
      {q !== '' && (
        <div className="panel" aria-busy={results.loading}>
          <p className="muted small" data-testid="search-count" aria-live="polite">
            {results.loading && !results.data
              ? 'Searching…'
              : `${items.length}${items.length === LIMIT ? '+' : ''} ${items.length === 1 ? 'requirement matches' : 'requirements match'} “${q}”`}
          </p>
          <ul className="search-results" data-testid="search-results">
            {items.map((r) => (
              <li key={r.key} data-testid={`search-result-${r.key}`}>
                <div className="result-head">
                  <Link to={requirementHref(r.framework_id, r.ref_id)} className="req-ref">
                    <Highlighted text={r.ref_id} query={q} />
                  </Link>
                  <span className="req-title">
                    <Highlighted text={r.title || '(untitled)'} query={q} />
                  </span>
                  {!frameworkId && <span className="badge">{names.get(r.framework_id) ?? r.framework_id}</span>}
                  {onLocate && (
                    <button type="button" className="link small" onClick={() => onLocate(r.ref_id)}>
                      Show in tree
                    </button>
                  )}
                </div>
                {r.description && (
                  <p className="result-snippet">
                    <Highlighted text={snippet(r.description, q)} query={q} />
                  </p>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
