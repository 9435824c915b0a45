// Policies, standards and procedures (/documents): filters by kind and status, a title
// search, archived toggle (all in the URL), classification, the published version, the
// next review (highlighted when due); "New document" and "Import" for documents:write.
import './documents.css'
import { useState } from 'react'
import type { DocumentSummary, Items } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { getParam, setParams, useDebouncedParam } from '../catalogue/urlState'
import { formatDateTime } from '../register/display'
import { Link, useLocation } from '../router'
import { ClassificationBadge, ReviewDate, StatusBadge } from './bits'
import { ImportDialog } from './ImportDialog'
import { documentsListPath } from './paths'
import { kindLabel, kindLabels, statusLabels } from './workflow'

export function DocumentsPage() {
  const { search } = useLocation()
  const list = useApi<Items<DocumentSummary>>(documentsListPath(search))
  const { can } = useAuth()
  const [text, setText] = useDebouncedParam('q')
  const [importing, setImporting] = useState(false)
  const kind = getParam(search, 'kind')
  const status = getParam(search, 'status')
  const archived = getParam(search, 'archived')
  const items = list.data?.items ?? []
  const filtered = search !== ''
  const write = can('documents:write')

  return (
    <>
      <PageHeader
        title="Documents"
        subtitle="Policies, standards and procedures: versioned, approved, published and acknowledged."
        actions={
          write && (
            <>
              <button type="button" onClick={() => setImporting(true)} data-testid="import-documents">
                Import
              </button>
              <Link to="/documents/new" className="button primary" data-testid="new-document">
                New document
              </Link>
            </>
          )
        }
      />
      <div className="toolbar" role="search">
        <div className="filter search">
          <label htmlFor="document-search">Search</label>
          <input
            id="document-search"
            type="search"
            value={text}
            placeholder="Title…"
            onChange={(e) => setText(e.target.value)}
            data-testid="document-search"
          />
        </div>
        <div className="filter">
          <label htmlFor="filter-kind">Kind</label>
          <select id="filter-kind" value={kind} onChange={(e) => setParams({ kind: e.target.value })} data-testid="filter-kind">
            <option value="">All</option>
            {Object.entries(kindLabels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" value={status} onChange={(e) => setParams({ status: e.target.value })} data-testid="filter-status">
            <option value="">All</option>
            {Object.entries(statusLabels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <label className="toggle">
          <input
            type="checkbox"
            checked={archived === 'all'}
            onChange={(e) => setParams({ archived: e.target.checked ? 'all' : undefined })}
            data-testid="show-archived"
          />
          Show archived
        </label>
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={list.loading} data-testid="documents-table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Kind</th>
              <th scope="col">Classification</th>
              <th scope="col">Published</th>
              <th scope="col">Next review</th>
              <th scope="col">Information owner</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} className={d.archived_at ? 'archived' : undefined} data-testid="document-row">
                <td>
                  <Link to={`/documents/${encodeURIComponent(d.id)}`}>{d.title}</Link>
                  {d.archived_at && <span className="tag">archived</span>}
                  {d.status && d.status !== 'published' && (
                    <>
                      {' '}
                      <StatusBadge status={d.status} />
                    </>
                  )}
                </td>
                <td>{kindLabel(d.kind)}</td>
                <td>
                  <ClassificationBadge value={d.classification} />
                </td>
                <td data-testid="published-label">
                  {d.published_label ? `version ${d.published_label}` : <span className="muted">not published</span>}
                </td>
                <td className="nowrap">
                  <ReviewDate date={d.next_review_date} due={d.review_due} />
                </td>
                <td>{d.information_owner || '—'}</td>
                <td className="nowrap">{formatDateTime(d.updated_at)}</td>
              </tr>
            ))}
            {list.data && items.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  {filtered ? 'Nothing matches the search and filters.' : 'No documents yet.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {write && <ImportDialog open={importing} onClose={() => setImporting(false)} onImported={list.reload} />}
    </>
  )
}
