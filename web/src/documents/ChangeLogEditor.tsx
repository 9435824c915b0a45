// Rows of the change log: version, date, author, changes; add, remove, move.
import { isoDate, moveRow, newRow, removeRow, rowForEdit, updateRow, type ChangeLogRow, type DocForm } from './form'

interface Props {
  form: DocForm
  rows: ChangeLogRow[]
  onChange: (rows: ChangeLogRow[]) => void
  errors?: string[]
}

export function ChangeLogEditor({ form, rows, onChange, errors = [] }: Props) {
  return (
    <fieldset className="multi" id="field-change_log" aria-invalid={errors.length > 0 || undefined} aria-describedby={errors.length > 0 ? 'error-change_log' : undefined}>
      <legend>Change log</legend>
      {rows.length === 0 ? (
        <p className="muted small">No entries.</p>
      ) : (
        <table className="changelog-edit" data-testid="change-log-editor">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Date</th>
              <th scope="col">Author</th>
              <th scope="col">Changes</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key} data-testid="change-log-row">
                <td style={{ width: '6rem' }}>
                  <input type="text" aria-label={`Row ${i + 1} version`} value={r.version} onChange={(e) => onChange(updateRow(rows, r.key, { version: e.target.value }))} />
                </td>
                <td style={{ width: '9rem' }}>
                  <input type="text" aria-label={`Row ${i + 1} date`} placeholder="YYYY-MM-DD" value={r.date} onChange={(e) => onChange(updateRow(rows, r.key, { date: e.target.value }))} />
                </td>
                <td style={{ width: '11rem' }}>
                  <input type="text" aria-label={`Row ${i + 1} author`} value={r.author} onChange={(e) => onChange(updateRow(rows, r.key, { author: e.target.value }))} />
                </td>
                <td>
                  <textarea rows={1} aria-label={`Row ${i + 1} changes`} value={r.changes} onChange={(e) => onChange(updateRow(rows, r.key, { changes: e.target.value }))} />
                </td>
                <td className="row-actions">
                  <button type="button" className="small-button" aria-label={`Move row ${i + 1} up`} disabled={i === 0} onClick={() => onChange(moveRow(rows, r.key, -1))}>
                    ↑
                  </button>{' '}
                  <button type="button" className="small-button" aria-label={`Move row ${i + 1} down`} disabled={i === rows.length - 1} onClick={() => onChange(moveRow(rows, r.key, 1))}>
                    ↓
                  </button>{' '}
                  <button type="button" className="small-button danger" aria-label={`Remove row ${i + 1}`} onClick={() => onChange(removeRow(rows, r.key))}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" className="small-button" onClick={() => onChange([...rows, rowForEdit(form, isoDate())])} data-testid="add-change-log-row">
          Add entry for this version
        </button>{' '}
        <button type="button" className="small-button" onClick={() => onChange([...rows, newRow()])}>
          Add empty row
        </button>
      </p>
      {errors.length > 0 && (
        <div className="field-error" id="error-change_log" data-testid="error-change_log">
          <ul>
            {errors.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  )
}
