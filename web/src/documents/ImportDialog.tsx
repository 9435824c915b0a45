// Import of documents (documents:write): several files (plain text, Markdown with front
// matter, HTML) read as text in the browser and posted together; the outcome per file
// (created, new version, draft updated, unchanged), citations found and warnings. One
// bad file refuses all of them, and the error names the file.
import { useId, useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import type { DocumentImportOutcome, Items } from '../api/types'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { Link } from '../router'
import { keyHref } from '../catalogue/keys'
import { actionLabels, importLimits, importProblems, type ImportFile } from './importFiles'

interface Props {
  open: boolean
  onClose: () => void
  onImported: () => void
}

export function ImportDialog({ open, onClose, onImported }: Props) {
  const [files, setFiles] = useState<File[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [sentNames, setSentNames] = useState<string[]>([])
  const [outcomes, setOutcomes] = useState<DocumentImportOutcome[]>()
  const [inputKey, setInputKey] = useState(0)
  const inputId = useId()
  const limit = importLimits(files)

  const reset = () => {
    setFiles([])
    setError(undefined)
    setOutcomes(undefined)
    setInputKey((k) => k + 1)
  }
  const close = () => {
    reset()
    onClose()
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (files.length === 0 || limit) return
    setBusy(true)
    setError(undefined)
    setOutcomes(undefined)
    try {
      const payload: ImportFile[] = await Promise.all(files.map(async (f) => ({ name: f.name, content: await f.text() })))
      setSentNames(payload.map((f) => f.name))
      const result = await api<Items<DocumentImportOutcome>>('/api/v1/documents/import', { method: 'POST', body: { files: payload } })
      setOutcomes(result.items)
      setFiles([])
      setInputKey((k) => k + 1)
      onImported()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  const problems = error instanceof ApiError && error.status === 422 ? importProblems(error, sentNames) : undefined

  return (
    <Dialog open={open} title="Import documents" onClose={close}>
      <form onSubmit={submit} noValidate data-testid="document-import-form">
        <div className="field">
          <label htmlFor={inputId}>Files</label>
          <input
            key={inputKey}
            id={inputId}
            type="file"
            multiple
            accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
            onChange={(e) => {
              setFiles([...(e.target.files ?? [])])
              setError(undefined)
              setOutcomes(undefined)
            }}
            data-testid="document-import-files"
          />
          <p className="help">Plain text, Markdown (with front matter) or HTML; up to 200 files, 8 MiB in total. All or nothing.</p>
        </div>
        {files.length > 0 && (
          <p className="muted small">
            {files.length} {files.length === 1 ? 'file' : 'files'}: {files.map((f) => f.name).join(', ')}
          </p>
        )}
        {limit && <p className="field-error">{limit}</p>}
        {error !== undefined && (
          <ErrorBox title={problems ? 'Nothing was imported: a file was refused' : 'Nothing was imported'} error={error} />
        )}
        {problems && (
          <ul className="field-error" data-testid="document-import-problems">
            {problems.map((p, i) => (
              <li key={i}>
                {p.file && <strong>{p.file}</strong>}
                {p.field && <span> ({p.field})</span>}
                {p.file || p.field ? ': ' : ''}
                {p.message}
              </li>
            ))}
          </ul>
        )}
        {outcomes && <ImportOutcomes outcomes={outcomes} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || files.length === 0 || limit !== undefined} data-testid="document-import-submit">
            {busy ? 'Importing…' : 'Import'}
          </button>
          <button type="button" onClick={close}>
            {outcomes ? 'Close' : 'Cancel'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function ImportOutcomes({ outcomes }: { outcomes: DocumentImportOutcome[] }) {
  return (
    <div className="spaced" role="status">
      <p className="success">
        Imported {outcomes.length} {outcomes.length === 1 ? 'file' : 'files'}.
      </p>
      <div className="table-wrap">
        <table className="grid import-outcomes" data-testid="document-import-outcomes">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Outcome</th>
              <th scope="col" className="num">
                Citations
              </th>
              <th scope="col">Warnings and notes</th>
            </tr>
          </thead>
          <tbody>
            {outcomes.map((o) => (
              <tr key={`${o.file_name}|${o.document_id}`} data-testid="document-import-outcome">
                <td>
                  {o.document_id ? <Link to={`/documents/${encodeURIComponent(o.document_id)}`}>{o.file_name}</Link> : o.file_name}
                </td>
                <td>{actionLabels[o.action] ?? o.action}</td>
                <td className="num" data-testid="import-citations">
                  {o.citations}
                </td>
                <td className="small">
                  {o.warnings.length > 0 && (
                    <ul className="plain">
                      {o.warnings.map((w, i) => {
                        const href = w.suggestion ? keyHref(w.suggestion) : undefined
                        return (
                          <li key={i} data-testid="import-warning">
                            <span className="citation-warning">{w.raw}</span>: {w.message}
                            {href && (
                              <>
                                {' '}
                                (<Link to={href}>did you mean {w.suggestion}?</Link>)
                              </>
                            )}
                          </li>
                        )
                      })}
                    </ul>
                  )}
                  {o.notes.length > 0 && (
                    <ul className="plain muted">
                      {o.notes.map((n, i) => (
                        <li key={i}>{n}</li>
                      ))}
                    </ul>
                  )}
                  {o.warnings.length === 0 && o.notes.length === 0 && '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
