// One input of a management review (ISO 27001 9.3.2): its facts, notes and data tables as
// assembled from the registers, and the preparer's comment (editable until approval).
import type { ReviewInput } from './types'

interface Props {
  input: ReviewInput
  comment: string
  editable: boolean
  onComment: (text: string) => void
}

export function InputSection({ input, comment, editable, onComment }: Props) {
  const id = `input-${input.key}`
  return (
    <section className="panel spaced" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>
        {input.clause && <span className="muted">{input.clause} </span>}
        {input.heading}
      </h2>
      {input.facts.length > 0 && (
        <dl className="facts" data-testid={`${id}-facts`}>
          {input.facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {input.notes.map((n, i) => (
        <p className="muted" key={i}>
          {n}
        </p>
      ))}
      {input.tables.map((t, i) => (
        <div className="table-wrap" key={i}>
          <table className="grid" data-testid={`${id}-table`}>
            <caption>{t.title}</caption>
            <thead>
              <tr>
                {t.columns.map((c) => (
                  <th scope="col" key={c}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((row, j) => (
                <tr key={j}>
                  {row.map((cell, k) => (
                    <td key={k}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${id}-comment`}>Comment</label>
        {editable ? (
          <textarea id={`${id}-comment`} rows={2} value={comment} onChange={(e) => onComment(e.target.value)} data-testid={`${id}-comment`} />
        ) : (
          <p id={`${id}-comment`} className="prose">
            {comment || <span className="muted">none</span>}
          </p>
        )}
      </div>
    </section>
  )
}
