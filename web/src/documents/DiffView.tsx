// A diff between two versions: the changed fields, then the body as a unified line diff
// (+ added, - removed, both line numbers), long unchanged runs folded and expandable.
import { useState } from 'react'
import type { VersionDiff } from '../api/types'
import { diffLineClass, fieldLabels, foldUnchanged } from './diff'

export function DiffView({ diff }: { diff: VersionDiff }) {
  const [expanded, setExpanded] = useState(false)
  const rows = expanded ? diff.lines.map((line) => ({ kind: 'line' as const, line })) : foldUnchanged(diff.lines)
  return (
    <div data-testid="diff-view">
      <h3>Fields</h3>
      {diff.fields.length === 0 ? (
        <p className="muted" data-testid="diff-no-fields">
          No metadata changed.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="grid field-changes" data-testid="diff-fields">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {diff.fields.map((f) => (
                <tr key={f.field}>
                  <th scope="row">{fieldLabels[f.field] ?? f.field}</th>
                  <td className="before prose">{f.before === '' ? '—' : f.before}</td>
                  <td className="after prose">{f.after === '' ? '—' : f.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>
        Body{' '}
        <span className="muted small" data-testid="diff-counts">
          +{diff.added} −{diff.removed}
        </span>
      </h3>
      {diff.added === 0 && diff.removed === 0 ? (
        <p className="muted">The body is the same.</p>
      ) : (
        <>
          <p>
            <button type="button" className="link small" onClick={() => setExpanded((e) => !e)}>
              {expanded ? 'Show changes only' : 'Show the whole body'}
            </button>
          </p>
          <div className="table-wrap">
            <table className="diff" data-testid="diff-lines">
              <thead className="visually-hidden">
                <tr>
                  <th scope="col">Old line</th>
                  <th scope="col">New line</th>
                  <th scope="col">Change</th>
                  <th scope="col">Text</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) =>
                  row.kind === 'fold' ? (
                    <tr key={`f${i}`} className="diff-fold">
                      <td colSpan={4}>
                        <button type="button" className="link" onClick={() => setExpanded(true)}>
                          ⋯ {row.count} unchanged lines
                        </button>
                      </td>
                    </tr>
                  ) : (
                    <tr key={i} className={diffLineClass(row.line.op)} data-op={row.line.op === ' ' ? 'same' : row.line.op === '+' ? 'add' : 'del'}>
                      <td className="ln">{row.line.old_line || ''}</td>
                      <td className="ln">{row.line.new_line || ''}</td>
                      <td className="op">{row.line.op === ' ' ? '' : row.line.op}</td>
                      <td className="text">{row.line.text}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  )
}
