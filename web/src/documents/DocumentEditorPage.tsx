// The document editor (/documents/new, /documents/:id/edit): metadata, change log and the
// Markdown body beside a live preview rendered by the server (debounced), with the
// references and warnings it found; clicking one selects it in the text. Only drafts can
// be edited; a save sends the changed fields and the draft's version (409: someone else
// changed it).
import './documents.css'
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { api, ApiError } from '../api/client'
import type { DocumentView, FieldDescriptor } from '../api/types'
import { useApi } from '../api/useApi'
import { PersonSelect } from '../access/PersonSelect'
import { ErrorBox } from '../components/ErrorBox'
import { setFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { MultiReferenceInput } from '../register/MultiReferenceInput'
import { Link, navigate } from '../router'
import { CitationSidebar } from './CitationSidebar'
import { ChangeLogEditor } from './ChangeLogEditor'
import {
  createBody,
  editorErrors,
  emptyForm,
  formFromView,
  noEditorErrors,
  patchBody,
  type DocForm,
  type EditorErrors,
} from './form'
import { documentApi, documentRoute, editRoute } from './paths'
import { ServerHtml } from './ServerHtml'
import { usePreview } from './usePreview'
import { classificationLabels, kindLabel, kindLabels, stepBody, statusLabel } from './workflow'

const PREVIEW_DEBOUNCE_MS = 300
const groupsField: FieldDescriptor = { name: 'working_group_ids', label: 'Working groups', type: 'reference_list', reference: 'groups' }

function FieldErrors({ name, errors }: { name: string; errors?: string[] }) {
  if (!errors || errors.length === 0) return null
  return (
    <div className="field-error" id={`error-${name}`} data-testid={`error-${name}`}>
      {errors.join(' ')}
    </div>
  )
}

function Input({
  name,
  label,
  value,
  onChange,
  errors,
  placeholder,
  help,
}: {
  name: string
  label: string
  value: string
  onChange: (v: string) => void
  errors?: string[]
  placeholder?: string
  help?: ReactNode
}) {
  const invalid = (errors?.length ?? 0) > 0
  return (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      <input
        id={`field-${name}`}
        type="text"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `error-${name}` : undefined}
      />
      {help && <p className="help">{help}</p>}
      <FieldErrors name={name} errors={errors} />
    </div>
  )
}

/** Selects [start, end) in a textarea and scrolls it into view (approximately, by line). */
function selectInTextarea(ta: HTMLTextAreaElement, start: number, end: number): void {
  ta.focus()
  ta.setSelectionRange(start, end)
  let line = 0
  for (let i = 0; i < start && i < ta.value.length; i++) if (ta.value.charCodeAt(i) === 10) line++
  const lineHeight = Number.parseFloat(getComputedStyle(ta).lineHeight) || 20
  ta.scrollTop = Math.max(0, line * lineHeight - ta.clientHeight / 3)
}

interface FormProps {
  view?: DocumentView
  onSaved: (view: DocumentView) => void
  onReload: () => void
}

function EditorForm({ view, onSaved, onReload }: FormProps) {
  const [initial, setInitial] = useState<DocForm>(() => (view ? formFromView(view) : emptyForm()))
  const [form, setForm] = useState<DocForm>(initial)
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<EditorErrors>(noEditorErrors)
  const [failure, setFailure] = useState<unknown>()
  const [saved, setSaved] = useState<string>()
  const bodyRef = useRef<HTMLTextAreaElement>(null)
  const summaryRef = useRef<HTMLDivElement>(null)
  const set = <K extends keyof DocForm>(key: K, value: DocForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setSaved(undefined)
  }

  const patch = view ? patchBody(initial, form, view.latest.version) : undefined
  const dirty = view ? patch !== undefined : JSON.stringify(form) !== JSON.stringify(initial)
  useEffect(() => {
    if (!dirty) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  // The server refuses to preview an empty body; there is nothing to show anyway.
  const empty = form.body.trim() === ''
  const preview = usePreview(empty ? null : { body: form.body, title: form.title, classification: form.classification }, PREVIEW_DEBOUNCE_MS)
  const previewed = empty ? '' : (preview.request?.body ?? '')
  const found = empty ? undefined : preview.data

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setErrors(noEditorErrors)
    setFailure(undefined)
    setSaved(undefined)
    try {
      if (view) {
        if (!patch) {
          setSaved('Nothing changed.')
          return
        }
        const next = await api<DocumentView>(documentApi(view.document.id), { method: 'PATCH', body: patch })
        const fresh = formFromView(next)
        setInitial(fresh)
        setForm(fresh)
        setSaved('Saved.')
        onSaved(next)
      } else {
        const created = await api<{ document: { id: string } }>('/api/v1/documents', { method: 'POST', body: createBody(form) })
        setInitial(form)
        setFlash('Document created as a draft.')
        navigate(documentRoute(created.document.id))
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        const details = e.details.length > 0 ? e.details : [{ field: e.field, message: e.message }]
        setErrors(editorErrors(details))
      } else setFailure(e)
      requestAnimationFrame(() => summaryRef.current?.focus())
    } finally {
      setBusy(false)
    }
  }

  const conflict = failure instanceof ApiError && failure.status === 409
  return (
    <form onSubmit={submit} noValidate data-testid="document-form">
      <div ref={summaryRef} tabIndex={-1} className="summary-anchor">
        {errors.summary.length > 0 && (
          <div className="error-box" role="alert" data-testid="error-summary">
            <strong>The document was not saved: {errors.summary.length === 1 ? 'one problem' : `${errors.summary.length} problems`}</strong>
            <ul>
              {errors.summary.map((s, i) => (
                <li key={i}>
                  {s.field ? (
                    <a href={`#field-${s.field}`}>
                      {s.field}: {s.message}
                    </a>
                  ) : (
                    s.message
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        {failure !== undefined && (
          <div data-testid={conflict ? 'conflict' : 'save-error'}>
            <ErrorBox
              title={conflict ? 'Changed by someone else: reload to edit the latest version (your changes here are not saved)' : 'The document was not saved'}
              error={failure}
            />
            {conflict && (
              <p>
                <button type="button" onClick={onReload} data-testid="reload">
                  Reload
                </button>
              </p>
            )}
          </div>
        )}
        {saved && (
          <div className="success" role="status" data-testid="flash">
            {saved}
          </div>
        )}
      </div>

      <section className="panel" aria-labelledby="meta-heading">
        <h2 id="meta-heading">Metadata</h2>
        <div className="form-row">
          <Input name="title" label="Title" value={form.title} onChange={(v) => set('title', v)} errors={errors.byField.title} />
          {view ? (
            <div className="field">
              <span className="label-row">
                <strong className="small">Kind</strong>
              </span>
              <span>{kindLabel(view.document.kind)}</span>
            </div>
          ) : (
            <div className="field">
              <label htmlFor="field-kind">Kind</label>
              <select id="field-kind" value={form.kind} onChange={(e) => set('kind', e.target.value)} aria-invalid={!!errors.byField.kind || undefined}>
                {Object.entries(kindLabels).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
              <FieldErrors name="kind" errors={errors.byField.kind} />
            </div>
          )}
          <div className="field">
            <label htmlFor="field-classification">Classification</label>
            <select
              id="field-classification"
              value={form.classification}
              onChange={(e) => set('classification', e.target.value)}
              aria-invalid={!!errors.byField.classification || undefined}
            >
              {Object.entries(classificationLabels).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
            <FieldErrors name="classification" errors={errors.byField.classification} />
          </div>
          <Input name="label" label="Version label" value={form.label} onChange={(v) => set('label', v)} errors={errors.byField.label} placeholder="3.1" />
          <Input name="last_update" label="Last update" value={form.last_update} onChange={(v) => set('last_update', v)} errors={errors.byField.last_update} placeholder="YYYY-MM-DD" />
          <Input name="author" label="Author" value={form.author} onChange={(v) => set('author', v)} errors={errors.byField.author} placeholder="CISO" />
          <Input
            name="information_owner"
            label="Information owner"
            value={form.information_owner}
            onChange={(v) => set('information_owner', v)}
            errors={errors.byField.information_owner}
            placeholder="CEO"
            help="A role (CEO, CISO) or a person; approves the document."
          />
          <Input name="approver" label="Approver" value={form.approver} onChange={(v) => set('approver', v)} errors={errors.byField.approver} help="Set on approval when empty." />
          <Input
            name="review_interval_months"
            label="Review interval (months)"
            value={form.review_interval_months}
            onChange={(v) => set('review_interval_months', v)}
            errors={errors.byField.review_interval_months}
          />
          <PersonSelect
            name="owner_person_id"
            label="Owner person (optional)"
            value={form.owner_person_id}
            onChange={(v) => set('owner_person_id', v)}
            errors={errors.byField.owner_person_id}
          />
          <div className="field checkbox">
            <label className="check">
              <input
                type="checkbox"
                checked={form.requires_acknowledgement}
                onChange={(e) => set('requires_acknowledgement', e.target.checked)}
                data-testid="field-requires_acknowledgement"
              />
              Readers must acknowledge the published version
            </label>
            <FieldErrors name="requires_acknowledgement" errors={errors.byField.requires_acknowledgement} />
          </div>
        </div>
        <MultiReferenceInput
          field={groupsField}
          value={form.working_group_ids}
          onChange={(v) => set('working_group_ids', Array.isArray(v) ? v : [])}
          errors={errors.byField.working_group_ids ?? []}
        />
        <div className="spaced">
          <ChangeLogEditor form={form} rows={form.change_log} onChange={(rows) => set('change_log', rows)} errors={errors.byField.change_log} />
        </div>
      </section>

      <div className="editor-layout spaced">
        <div className="field">
          <label htmlFor="field-body">Body (Markdown)</label>
          <textarea
            ref={bodyRef}
            id="field-body"
            value={form.body}
            onChange={(e) => set('body', e.target.value)}
            spellCheck
            aria-invalid={!!errors.byField.body || undefined}
            aria-describedby={errors.byField.body ? 'error-body' : 'help-body'}
            data-testid="body-editor"
          />
          <p className="help" id="help-body">
            CommonMark with GFM tables. Cite requirements in brackets: [ISO27001 5.2], [ISO27002 A5.15, A5.16], [NIS 1.1].
          </p>
          <FieldErrors name="body" errors={errors.byField.body} />
        </div>
        <section className="preview-pane" role="region" aria-label="Preview" aria-busy={preview.loading} data-testid="preview">
          {!empty && preview.error !== undefined && <ErrorBox title="The preview is not available" error={preview.error} />}
          {empty ? (
            <p className="muted">The rendered document shows here as you write.</p>
          ) : found ? (
            <ServerHtml html={found.html} testId="preview-html" />
          ) : (
            preview.error === undefined && <Loading label="Rendering preview…" />
          )}
        </section>
        <CitationSidebar
          body={previewed}
          citations={found?.citations ?? []}
          warnings={found?.warnings ?? []}
          stale={preview.loading}
          onSelect={(start, end) => {
            if (bodyRef.current) selectInTextarea(bodyRef.current, start, end)
          }}
        />
      </div>

      <div className="form-actions spaced">
        <button type="submit" className="primary" disabled={busy} data-testid="save">
          {busy ? 'Saving…' : view ? 'Save draft' : 'Create document'}
        </button>
        <Link to={view ? documentRoute(view.document.id) : '/documents'} className="button" data-testid="cancel">
          {view && !dirty ? 'Done' : 'Cancel'}
        </Link>
        {dirty && <span className="muted small">Unsaved changes</span>}
      </div>
    </form>
  )
}

/** Why a document cannot be edited, and the way forward (a new version). */
function NotEditable({ view, onNewVersion }: { view: DocumentView; onNewVersion: (v: DocumentView) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const status = view.latest.status
  const canNewVersion = view.can_write === true && (status === 'published' || status === 'superseded') && !view.document.archived_at
  const create = async () => {
    setBusy(true)
    setError(undefined)
    try {
      onNewVersion(
        await api<DocumentView>(`${documentApi(view.document.id)}/new-version`, { method: 'POST', body: stepBody('new_version', view, '') }),
      )
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  let why: string
  if (view.document.archived_at) why = 'This document is archived; archived documents cannot change.'
  else if (view.can_write !== true) why = 'You may not edit this document.'
  else if (status === 'in_review' || status === 'approved')
    why = `Version ${view.latest.label} is ${statusLabel(status).toLowerCase()}; only drafts can be edited. Return it to draft on the document page to change it.`
  else why = `Version ${view.latest.label} is ${statusLabel(status).toLowerCase()}; only drafts can be edited. Start a new version to change the document.`
  return (
    <div className="notice" role="status" data-testid="not-editable">
      <p>{why}</p>
      {canNewVersion && (
        <button type="button" className="primary" onClick={create} disabled={busy} data-testid="workflow-new_version">
          {busy ? 'Creating…' : 'New version'}
        </button>
      )}{' '}
      <Link to={documentRoute(view.document.id)}>Back to the document</Link>
      {error !== undefined && <ErrorBox title="No new version was created" error={error} />}
    </div>
  )
}

export function DocumentEditorPage({ id }: { id?: string }) {
  const loaded = useApi<DocumentView>(id === undefined ? null : documentApi(id))
  const [fresh, setFresh] = useState<DocumentView>()
  const [generation, setGeneration] = useState(0)
  if (id === undefined) {
    return (
      <>
        <PageHeader title="New document" back={<Link to="/documents">← Documents</Link>} />
        <EditorForm onSaved={() => {}} onReload={() => {}} />
      </>
    )
  }
  const back = <Link to={documentRoute(id)}>← Back to the document</Link>
  if (loaded.error !== undefined && !loaded.data) {
    return (
      <>
        <PageHeader title="Edit document" back={back} />
        <ErrorBox error={loaded.error} onRetry={loaded.reload} />
      </>
    )
  }
  const view = fresh ?? loaded.data
  if (!view || loaded.loading) return <Loading />
  const editable = view.latest.status === 'draft' && view.can_write === true && !view.document.archived_at
  return (
    <>
      <PageHeader title={`Edit: ${view.latest.title || view.document.title}`} subtitle={`${statusLabel(view.latest.status)} · version ${view.latest.label || '—'}`} back={back} />
      {editable ? (
        <EditorForm
          key={`${view.latest.id}:${generation}`}
          view={view}
          onSaved={setFresh}
          onReload={() => {
            setFresh(undefined)
            setGeneration((g) => g + 1)
            loaded.reload()
          }}
        />
      ) : (
        <NotEditable
          view={view}
          onNewVersion={(v) => {
            setFresh(v)
            navigate(editRoute(v.document.id), { replace: true })
          }}
        />
      )}
    </>
  )
}
