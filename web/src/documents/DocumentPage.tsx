// One document (/documents/:id): metadata, change log, workflow, the rendered body with
// its table of contents, citations by section and citation warnings, PDF download,
// versions with diffs, and acknowledgements. Citations in the body link to the catalogue;
// the catalogue's "Cited by" links here with #<section anchor>.
import './documents.css'
import { useEffect, useState } from 'react'
import { ApiError } from '../api/client'
import type { DocumentSection, DocumentVersion, DocumentView } from '../api/types'
import { useApi } from '../api/useApi'
import { Field, When } from '../access/bits'
import { useAuth } from '../auth/store'
import { keyHref, keyLabel } from '../catalogue/keys'
import { ErrorBox } from '../components/ErrorBox'
import { clearFlash, peekFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { AcknowledgementsPanel } from './AcknowledgementsPanel'
import { ClassificationBadge, ReviewDate, StatusBadge } from './bits'
import { distinctKeys, groupCitationsBySection, sectionText } from './citations'
import { documentApi, renderHref } from './paths'
import { ServerHtml } from './ServerHtml'
import { usePreview } from './usePreview'
import { VersionsPanel } from './VersionsPanel'
import { actionLabels, kindLabel, statusLabel, type WorkflowAction } from './workflow'
import { WorkflowBar } from './WorkflowBar'

function Metadata({ view, version }: { view: DocumentView; version: DocumentVersion }) {
  const d = view.document
  return (
    <section className="panel" aria-labelledby="doc-meta-heading">
      <h2 id="doc-meta-heading">About this document</h2>
      <dl className="fields" data-testid="document-metadata">
        <Field label="Title" name="title">
          <span data-testid="document-title">{version.title}</span>
        </Field>
        <Field label="Kind" name="kind">
          {kindLabel(d.kind)}
        </Field>
        <Field label="Classification" name="classification">
          <ClassificationBadge value={version.classification} testId="document-classification" />
        </Field>
        <Field label="Version" name="label">
          <span data-testid="document-version-label">{version.label || '—'}</span>
        </Field>
        <Field label="Status" name="status">
          <StatusBadge status={version.status} testId="document-status" />
        </Field>
        <Field label="Author" name="author">
          {version.author || '—'}
        </Field>
        <Field label="Information owner" name="information_owner">
          {version.information_owner || '—'}
        </Field>
        <Field label="Approver" name="approver">
          {version.approver || '—'}
        </Field>
        <Field label="Last update" name="last_update">
          {version.last_update || '—'}
        </Field>
        <Field label="Review interval" name="review_interval_months">
          {version.review_interval_months ? `${version.review_interval_months} months` : '—'}
        </Field>
        <Field label="Next review" name="next_review_date">
          <ReviewDate date={d.next_review_date} due={d.review_due} testId="next-review" />
        </Field>
        <Field label="Published version" name="published_label">
          <span data-testid="document-published-label">{d.published_label || 'not published'}</span>
        </Field>
        <Field label="Acknowledgement" name="requires_acknowledgement">
          {version.requires_acknowledgement ? 'Required from every reader' : 'Not required'}
        </Field>
      </dl>
    </section>
  )
}

function ChangeLog({ version }: { version: DocumentVersion }) {
  const rows = version.change_log ?? []
  return (
    <section className="panel" aria-labelledby="changelog-heading">
      <h2 id="changelog-heading">Change log</h2>
      {rows.length === 0 ? (
        <p className="muted">No entries.</p>
      ) : (
        <div className="table-wrap">
          <table className="grid" data-testid="change-log">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Date</th>
                <th scope="col">Author</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td>{r.version}</td>
                  <td className="nowrap">{r.date ?? '—'}</td>
                  <td>{r.author || '—'}</td>
                  <td className="prose">{r.changes || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function Toc({ sections }: { sections: DocumentSection[] }) {
  if (sections.length === 0) return null
  return (
    <nav className="panel doc-toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading">Contents</h2>
      <ol data-testid="document-toc">
        {sections.map((s) => (
          <li key={s.anchor} data-level={s.level}>
            <a href={`#${s.anchor}`}>{sectionText(s)}</a>
          </li>
        ))}
      </ol>
    </nav>
  )
}

function CitationsPanel({ version }: { version: DocumentVersion }) {
  const citations = version.citations ?? []
  const groups = groupCitationsBySection(citations, version.sections ?? [])
  const keys = distinctKeys(citations)
  return (
    <section className="panel" aria-labelledby="citations-heading">
      <h2 id="citations-heading">
        Citations <span className="muted small">(<span data-testid="citation-count">{citations.length}</span>, {keys.length} requirements)</span>
      </h2>
      {groups.length === 0 ? (
        <p className="muted">The body cites no requirement.</p>
      ) : (
        <ul className="cite-groups" data-testid="citations-by-section">
          {groups.map((g) => (
            <li key={g.anchor}>
              {g.anchor ? <a href={`#${g.anchor}`}>{sectionText(g)}</a> : <span className="muted">{sectionText(g)}</span>}
              <ul className="cite-keys">
                {g.keys.map((k) => {
                  const href = keyHref(k.key)
                  return (
                    <li key={k.key} data-testid="citation-item">
                      {href ? <Link to={href}>{keyLabel(k.key)}</Link> : k.key}
                      {k.count > 1 && <span className="muted small"> ×{k.count}</span>}
                    </li>
                  )
                })}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function WarningsPanel({ version }: { version: DocumentVersion }) {
  const warnings = version.warnings ?? []
  if (warnings.length === 0) return null
  return (
    <section className="panel notice-panel" aria-labelledby="warnings-heading">
      <h2 id="warnings-heading">
        Citation warnings <span className="muted small">(<span data-testid="warning-count">{warnings.length}</span>)</span>
      </h2>
      <ul className="warning-list" data-testid="warnings">
        {warnings.map((w, i) => {
          const href = w.suggestion ? keyHref(w.suggestion) : undefined
          return (
            <li key={i} data-testid="warning-item">
              <span className="warning-raw citation-warning">{w.raw}</span>: {w.message}
              {href && w.suggestion && (
                <div className="small">
                  Suggestion: <Link to={href}>{keyLabel(w.suggestion)}</Link>
                </div>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function scrollToHash(): void {
  const hash = window.location.hash.slice(1)
  if (hash === '') return
  let id = hash
  try {
    id = decodeURIComponent(hash)
  } catch {
    // keep as is
  }
  document.getElementById(id)?.scrollIntoView({ block: 'start' })
}

/**
 * For readers the preview call refuses (403): the server's standalone HTML rendering of
 * the version in a sandboxed frame (no scripts), links opening in the page.
 */
function RenderedFrame({ documentId, versionId }: { documentId: string; versionId: string }) {
  const [state, setState] = useState<{ html?: string; error?: unknown }>({})
  const [height, setHeight] = useState(600)
  useEffect(() => {
    const controller = new AbortController()
    fetch(renderHref(documentId, 'html', versionId), { credentials: 'same-origin', signal: controller.signal })
      .then(async (r) => {
        const text = await r.text()
        if (!r.ok) throw new Error(`The rendering failed (HTTP ${r.status}).`)
        setState({ html: text.replace(/<head([^>]*)>/i, '<head$1><base target="_top">') })
      })
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === 'AbortError')) setState({ error })
      })
    return () => controller.abort()
  }, [documentId, versionId])
  if (state.error !== undefined) return <ErrorBox title="The document could not be rendered" error={state.error} />
  if (state.html === undefined) return <Loading label="Rendering…" />
  return (
    <iframe
      title="Document"
      className="doc-frame"
      sandbox="allow-same-origin allow-top-navigation-by-user-activation"
      srcDoc={state.html}
      style={{ height }}
      data-testid="document-frame"
      onLoad={(e) => {
        const doc = e.currentTarget.contentDocument
        if (doc) setHeight(Math.min(20000, doc.documentElement.scrollHeight + 20))
      }}
    />
  )
}

function Body({ documentId, version }: { documentId: string; version: DocumentVersion }) {
  const body = version.body ?? ''
  const preview = usePreview(body === '' ? null : { body })
  const html = preview.data && preview.request?.body === body ? preview.data.html : undefined
  const refused = preview.error instanceof ApiError && preview.error.status === 403
  useEffect(() => {
    if (html !== undefined) scrollToHash()
  }, [html])
  return (
    <section className="panel" aria-labelledby="body-heading">
      <h2 id="body-heading">Document</h2>
      {body === '' && <p className="muted">The body is empty.</p>}
      {refused && <RenderedFrame documentId={documentId} versionId={version.id} />}
      {preview.error !== undefined && !refused && (
        <>
          <ErrorBox title="The body could not be rendered; showing the Markdown" error={preview.error} />
          <pre className="prose" data-testid="document-markdown">
            {body}
          </pre>
        </>
      )}
      {body !== '' && html === undefined && preview.error === undefined && <Loading label="Rendering…" />}
      {html !== undefined && <ServerHtml html={html} testId="document-body" />}
    </section>
  )
}

const flashFor: Partial<Record<WorkflowAction, string>> = {
  submit: 'Submitted for review.',
  return: 'Returned to draft.',
  approve: 'Approved.',
  publish: 'Published.',
  new_version: 'New draft version created.',
  archive: 'Archived.',
}

export function DocumentPage({ id }: { id: string }) {
  const loaded = useApi<DocumentView>(documentApi(id))
  const { can } = useAuth()
  const [changed, setChanged] = useState<DocumentView>()
  const [flash, setFlash] = useState(peekFlash)
  const [showPublished, setShowPublished] = useState(false)
  useEffect(() => clearFlash(), [])

  const back = <Link to="/documents">← Documents</Link>
  if (loaded.error !== undefined && !loaded.data) {
    return (
      <>
        <PageHeader title="Document" back={back} />
        <ErrorBox error={loaded.error} onRetry={loaded.reload} />
      </>
    )
  }
  // A workflow answer is newer than the load it started from, until the next reload.
  const view = changed ?? loaded.data
  if (!view) return <Loading />
  const published = view.published && view.published.id !== view.latest.id ? view.published : undefined
  const shown = showPublished && published ? published : view.latest
  const archived = !!view.document.archived_at

  return (
    <>
      <PageHeader
        title={shown.title || view.document.title}
        back={back}
        subtitle={
          <span className="badges">
            {kindLabel(view.document.kind)} · version {shown.label || '—'} · <StatusBadge status={view.latest.status} testId="latest-status" />
            {archived && (
              <span className="tag" data-testid="archived-badge">
                archived
              </span>
            )}
          </span>
        }
        actions={
          <a href={renderHref(view.document.id, 'pdf', shown.id)} download className="button" data-testid="download-pdf">
            Download PDF
          </a>
        }
      />
      {flash && (
        <div className="success" role="status" data-testid="flash">
          {flash}
        </div>
      )}
      {archived && (
        <div className="notice" role="status">
          Archived <When at={view.document.archived_at} />. Archived documents cannot change.
        </div>
      )}
      {view.latest.status === 'draft' && view.latest.review_comment && (
        <div className="notice" role="status" data-testid="review-comment">
          Returned for changes: “{view.latest.review_comment}”
        </div>
      )}
      <WorkflowBar
        view={view}
        onChanged={(next, action) => {
          setChanged(next)
          setShowPublished(false)
          setFlash(flashFor[action] ?? `${actionLabels[action]}: done.`)
        }}
        onReload={() => {
          setChanged(undefined)
          setFlash(undefined)
          loaded.reload()
        }}
      />
      {published && (
        <div className="toolbar" role="group" aria-label="Version shown">
          <label className="toggle">
            <input type="radio" name="shown-version" checked={!showPublished} onChange={() => setShowPublished(false)} />
            Latest ({statusLabel(view.latest.status)}, version {view.latest.label})
          </label>
          <label className="toggle">
            <input type="radio" name="shown-version" checked={showPublished} onChange={() => setShowPublished(true)} data-testid="show-published" />
            Published (version {published.label})
          </label>
        </div>
      )}
      <div className="doc-layout">
        <div className="stack">
          <Body key={shown.id + ':' + shown.version} documentId={view.document.id} version={shown} />
          <ChangeLog version={shown} />
          <VersionsPanel key={`${view.latest.id}:${view.latest.version}:${view.latest.status}`} documentId={view.document.id} />
        </div>
        <div className="stack">
          <Metadata view={view} version={shown} />
          <Toc sections={shown.sections ?? []} />
          <CitationsPanel version={shown} />
          <WarningsPanel version={shown} />
          {(view.document.published_version_id || published || view.latest.status === 'published') && (
            <AcknowledgementsPanel
              key={`${view.document.published_version_id ?? ''}:${view.document.version}`}
              documentId={view.document.id}
              canRemind={can('documents:write')}
              publishedLabel={view.document.published_label}
            />
          )}
        </div>
      </div>
    </>
  )
}
