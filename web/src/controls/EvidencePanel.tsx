// A control's evidence: the list with each item's validity state, download (files) or
// open (links), archive; and adding evidence either as a file (the raw body, title and
// validity in the query) or as a link. Refused uploads say why in words: too large (413),
// a type not kept (415), or the field the server names (422).
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import type { Items } from '../api/types'
import { useApi } from '../api/useApi'
import { When } from '../access/bits'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ErrorBox } from '../components/ErrorBox'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { EvidenceBadge } from './EvidenceBadge'
import { formatSize, stateOf, todayIso } from './labels'
import { controlApi, evidenceApi, evidenceFileApi } from './paths'
import type { Control, Evidence } from './types'
import { checkEvidenceFile, evidenceUploadPath, postFile, uploadContentType, uploadProblem } from './upload'

const fieldNames = ['title', 'url', 'file_name', 'valid_from', 'valid_until', 'description']

function FieldErrors({ name, errors }: { name: string; errors: FormErrors }) {
  const list = errors.byField[name]
  if (!list || list.length === 0) return null
  return (
    <div className="field-error" id={`error-evidence-${name}`} data-testid={`error-evidence-${name}`}>
      {list.join(' ')}
    </div>
  )
}

function AddEvidence({ control, onAdded }: { control: Control; onAdded: (e: Evidence) => void }) {
  const [kind, setKind] = useState<'file' | 'link'>('file')
  const [file, setFile] = useState<File | null>(null)
  const [fileKey, setFileKey] = useState(0)
  const [title, setTitle] = useState('')
  const [url, setUrl] = useState('')
  const [validFrom, setValidFrom] = useState('')
  const [validUntil, setValidUntil] = useState('')
  const [description, setDescription] = useState('')
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [problem, setProblem] = useState<string>()
  const [failure, setFailure] = useState<unknown>()

  const reset = () => {
    setFile(null)
    setFileKey((k) => k + 1)
    setTitle('')
    setUrl('')
    setValidFrom('')
    setValidUntil('')
    setDescription('')
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setErrors(noErrors)
    setProblem(undefined)
    setFailure(undefined)
    if (kind === 'file') {
      if (!file) {
        setErrors({ byField: { file_name: ['Choose a file.'] }, summary: [] })
        return
      }
      const local = checkEvidenceFile(file)
      if (local) {
        setProblem(local)
        return
      }
    }
    setBusy(true)
    try {
      let added: Evidence
      if (kind === 'file' && file) {
        const path = evidenceUploadPath(controlApi(control.id), {
          title: title.trim() === '' ? file.name : title,
          file_name: file.name,
          valid_from: validFrom,
          valid_until: validUntil,
          description,
        })
        added = await postFile<Evidence>(path, file, uploadContentType(file.type))
      } else {
        const body: Record<string, unknown> = { kind: 'link', title, url }
        if (validFrom !== '') body.valid_from = validFrom
        if (validUntil !== '') body.valid_until = validUntil
        if (description.trim() !== '') body.description = description
        added = await api<Evidence>(`${controlApi(control.id)}/evidence`, { method: 'POST', body })
      }
      reset()
      onAdded(added)
    } catch (err) {
      const words = uploadProblem(err, file?.name ?? '')
      if (kind === 'file' && words) setProblem(words)
      else if (err instanceof ApiError && err.status === 422) setErrors(formErrorsFrom(err, fieldNames))
      else setFailure(err)
    } finally {
      setBusy(false)
    }
  }

  const inv = (name: string) => (errors.byField[name]?.length ?? 0) > 0 || undefined
  const unplaced = errors.summary.filter((s) => !s.field)
  return (
    <form onSubmit={submit} noValidate data-testid="evidence-form" aria-label="Add evidence">
      <h3>Add evidence</h3>
      <div className="tabs" role="group" aria-label="Kind of evidence">
        <button type="button" aria-pressed={kind === 'file'} onClick={() => setKind('file')} data-testid="evidence-kind-file">
          File
        </button>
        <button type="button" aria-pressed={kind === 'link'} onClick={() => setKind('link')} data-testid="evidence-kind-link">
          Link
        </button>
      </div>
      {problem && (
        <p className="upload-problem" role="alert" data-testid="upload-problem">
          {problem}
        </p>
      )}
      {failure !== undefined && <ErrorBox title="The evidence was not added" error={failure} />}
      {unplaced.map((s) => (
        <p key={s.message} className="field-error" role="alert">
          {s.message}
        </p>
      ))}
      <div className="evidence-add">
        {kind === 'file' ? (
          <div className="field wide">
            <label htmlFor="evidence-file">File (PDF, image, text, CSV, JSON or Office; at most 25 MiB)</label>
            <input key={fileKey} id="evidence-file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-invalid={inv('file_name')} data-testid="evidence-file" />
            <FieldErrors name="file_name" errors={errors} />
          </div>
        ) : (
          <div className="field wide">
            <label htmlFor="evidence-url">Address (http or https)</label>
            <input id="evidence-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} aria-invalid={inv('url')} placeholder="https://…" data-testid="evidence-url" />
            <FieldErrors name="url" errors={errors} />
          </div>
        )}
        <div className="field">
          <label htmlFor="evidence-title">Title</label>
          <input id="evidence-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={inv('title')} placeholder={kind === 'file' ? 'Default: the file name' : ''} data-testid="evidence-title" />
          <FieldErrors name="title" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="evidence-valid_from">Valid from</label>
          <input id="evidence-valid_from" type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} aria-invalid={inv('valid_from')} data-testid="evidence-valid_from" />
          <FieldErrors name="valid_from" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="evidence-valid_until">Valid until</label>
          <input id="evidence-valid_until" type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} aria-invalid={inv('valid_until')} data-testid="evidence-valid_until" />
          <FieldErrors name="valid_until" errors={errors} />
        </div>
        <div className="field wide">
          <label htmlFor="evidence-description">Description</label>
          <input id="evidence-description" type="text" value={description} onChange={(e) => setDescription(e.target.value)} aria-invalid={inv('description')} />
          <FieldErrors name="description" errors={errors} />
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid={kind === 'file' ? 'evidence-upload' : 'evidence-add-link'}>
          {busy ? (kind === 'file' ? 'Uploading…' : 'Adding…') : kind === 'file' ? 'Upload file' : 'Add link'}
        </button>
        <span className="muted small">Empty “valid from” means today; empty “valid until” means no expiry.</span>
      </div>
    </form>
  )
}

export function EvidencePanel({ control, evidence, write, onChanged }: { control: Control; evidence: Evidence[]; write: boolean; onChanged: (message: string) => void }) {
  const [showArchived, setShowArchived] = useState(false)
  const archived = useApi<Items<Evidence>>(showArchived ? `${controlApi(control.id)}/evidence?archived=true` : null)
  const [archiving, setArchiving] = useState<Evidence>()
  const today = todayIso()
  const list = showArchived && archived.data ? archived.data.items : evidence
  const canChange = write && !control.archived
  return (
    <section className="panel" aria-labelledby="evidence-heading" data-testid="evidence-panel">
      <h2 id="evidence-heading">
        Evidence{' '}
        <span className="muted small">
          ({control.valid_evidence_count} of {control.evidence_count} valid today)
        </span>
      </h2>
      <label className="toggle">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} data-testid="evidence-show-archived" /> Include archived
      </label>
      {archived.error !== undefined && <ErrorBox error={archived.error} onRetry={archived.reload} />}
      {list.length === 0 ? (
        <p className="muted" data-testid="no-evidence">
          No evidence yet.
        </p>
      ) : (
        <table className="evidence" data-testid="evidence-list">
          <thead>
            <tr>
              <th scope="col">Evidence</th>
              <th scope="col">Valid</th>
              <th scope="col">State</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((e) => (
              <tr key={e.id} className={`state-${stateOf(e, today)}${e.archived ? ' archived' : ''}`} data-testid="evidence-row" data-title={e.title}>
                <td>
                  {e.kind === 'file' ? (
                    <a href={evidenceFileApi(e.id)} download={e.file_name ?? undefined} data-testid="evidence-download">
                      {e.title}
                    </a>
                  ) : (
                    <a href={e.url ?? '#'} target="_blank" rel="noreferrer noopener" data-testid="evidence-link">
                      {e.title}
                    </a>
                  )}
                  <div className="muted small">
                    {e.kind === 'file' ? `${e.file_name ?? ''} · ${e.media_type ?? ''} · ${formatSize(e.size)}` : e.url}
                  </div>
                  {e.description && <div className="small">{e.description}</div>}
                  {e.archived && <span className="tag">archived</span>}
                </td>
                <td className="nowrap">
                  {e.valid_from} – {e.valid_until ?? 'no expiry'}
                </td>
                <td>
                  <EvidenceBadge evidence={e} today={today} />
                </td>
                <td className="small">
                  <When at={e.created_at} />
                  <div className="muted">{e.created_by}</div>
                </td>
                <td>
                  {canChange && !e.archived && (
                    <button type="button" onClick={() => setArchiving(e)} data-testid="evidence-archive">
                      Archive
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canChange && <AddEvidence control={control} onAdded={(e) => onChanged(`Evidence “${e.title}” added.`)} />}
      <ConfirmDialog
        open={archiving !== undefined}
        title="Archive evidence"
        confirmLabel="Archive"
        onClose={() => setArchiving(undefined)}
        onConfirm={async () => {
          if (!archiving) return
          await api<Evidence>(`${evidenceApi(archiving.id)}/archive`, { method: 'POST', body: { version: archiving.version } })
          archived.reload()
          onChanged(`Evidence “${archiving.title}” archived.`)
        }}
      >
        <p>
          “{archiving?.title}” leaves the control's evidence and no longer counts for the SoA. It stays readable with “Include archived” and in the ledger.
        </p>
      </ConfirmDialog>
    </section>
  )
}
