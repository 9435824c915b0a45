// The editor's list of references found in the body and of citation warnings, each with
// its line:column (from the server's UTF-8 byte offsets) and the line around it; a click
// selects the reference in the textarea.
import type { CitationWarning, DocumentCitation } from '../api/types'
import { keyHref, keyLabel } from '../catalogue/keys'
import { Link } from '../router'
import { lineContext, markSegments, positionsOf } from './offsets'

interface Props {
  /** the body the citations were found in */
  body: string
  citations: readonly DocumentCitation[]
  warnings: readonly CitationWarning[]
  /** selects [start, end) (UTF-16) in the textarea */
  onSelect: (start: number, end: number) => void
  stale: boolean
}

function Context({ body, start, end, kind }: { body: string; start: number; end: number; kind: 'citation' | 'warning' }) {
  const ctx = lineContext(body, start, end)
  return (
    <span className="cite-context">
      {markSegments(ctx.text, [{ start: ctx.start, end: ctx.end, kind }]).map((s, i) =>
        s.kind ? (
          <mark key={i} className={s.kind === 'citation' ? 'citation-mark' : 'warning-mark'}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  )
}

export function CitationSidebar({ body, citations, warnings, onSelect, stale }: Props) {
  const offsets = [
    ...citations.flatMap((c) => [c.offset, c.offset + c.length]),
    ...warnings.flatMap((w) => [w.offset, w.offset + w.length]),
  ]
  const pos = positionsOf(body, offsets)
  const n = citations.length * 2
  return (
    <aside className="panel editor-sidebar" aria-labelledby="sidebar-heading" aria-busy={stale}>
      <h2 id="sidebar-heading">
        References <span className="muted small">(<span data-testid="citation-count">{citations.length}</span>)</span>
      </h2>
      {citations.length === 0 ? (
        <p className="muted small">No reference found yet. Write e.g. [ISO27001 5.2] or [NIS 1.1].</p>
      ) : (
        <ul className="plain" data-testid="editor-citations">
          {citations.map((c, i) => {
            const a = pos[2 * i]
            const b = pos[2 * i + 1]
            return (
              <li key={`${c.offset}:${c.key}`}>
                <button
                  type="button"
                  className="cite-item"
                  onClick={() => onSelect(a.index, b.index)}
                  data-testid="editor-citation"
                  title="Select in the text"
                >
                  <strong>{keyLabel(c.key)}</strong> <span className="cite-pos">{a.line}:{a.col}</span>
                  <Context body={body} start={a.index} end={b.index} kind="citation" />
                </button>
              </li>
            )
          })}
        </ul>
      )}
      <h2 className="spaced">
        Warnings <span className="muted small">(<span data-testid="warning-count">{warnings.length}</span>)</span>
      </h2>
      {warnings.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <ul className="plain" data-testid="editor-warnings">
          {warnings.map((w, i) => {
            const a = pos[n + 2 * i]
            const b = pos[n + 2 * i + 1]
            const href = w.suggestion ? keyHref(w.suggestion) : undefined
            return (
              <li key={`${w.offset}:${i}`} data-testid="warning-item">
                <button type="button" className="cite-item" onClick={() => onSelect(a.index, b.index)} title="Select in the text">
                  <span className="warning-raw citation-warning">{w.raw}</span> <span className="cite-pos">{a.line}:{a.col}</span>
                  <span className="small" style={{ display: 'block' }}>
                    {w.message}
                  </span>
                </button>
                {href && w.suggestion && (
                  <div className="small">
                    Suggestion: <Link to={href}>{keyLabel(w.suggestion)}</Link>
                  </div>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </aside>
  )
}
