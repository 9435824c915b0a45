// A document's versions (newest first) and the diff between any two of them.
import { useState } from 'react'
import type { DocumentVersion, Items, VersionDiff } from '../api/types'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { formatDateTime } from '../register/display'
import { StatusBadge } from './bits'
import { defaultDiffPair } from './diff'
import { DiffView } from './DiffView'
import { diffPath, documentApi } from './paths'

function versionName(v: Pick<DocumentVersion, 'number' | 'label' | 'status'>): string {
  return `#${v.number} · ${v.label || 'no label'} (${v.status})`
}

/** Remount (key) after a workflow step to reload the list. */
export function VersionsPanel({ documentId }: { documentId: string }) {
  const versions = useApi<Items<DocumentVersion>>(`${documentApi(documentId)}/versions`)
  const items = [...(versions.data?.items ?? [])].sort((a, b) => b.number - a.number)
  const pair = defaultDiffPair(items)
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [asked, setAsked] = useState<{ from: string; to: string }>()
  const diff = useApi<VersionDiff>(asked ? diffPath(documentId, asked.from, asked.to) : null)
  const fromId = from || pair?.from || ''
  const toId = to || pair?.to || ''

  return (
    <section className="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      {versions.error !== undefined && <ErrorBox error={versions.error} onRetry={versions.reload} />}
      {!versions.data && versions.error === undefined && <Loading />}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="grid" data-testid="versions-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">Label</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Approved</th>
                <th scope="col">Published</th>
              </tr>
            </thead>
            <tbody>
              {items.map((v) => (
                <tr key={v.id} data-testid="version-row">
                  <td className="num">{v.number}</td>
                  <td>{v.label || '—'}</td>
                  <td>
                    <StatusBadge status={v.status} />
                  </td>
                  <td className="nowrap">{formatDateTime(v.created_at)}</td>
                  <td className="nowrap">{formatDateTime(v.approved_at ?? undefined)}</td>
                  <td className="nowrap">{formatDateTime(v.published_at ?? undefined)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items.length >= 2 && (
        <>
          <h3>Compare versions</h3>
          <form
            className="diff-controls"
            onSubmit={(e) => {
              e.preventDefault()
              if (fromId && toId) setAsked({ from: fromId, to: toId })
            }}
          >
            <div className="filter">
              <label htmlFor="diff-from">From</label>
              <select id="diff-from" value={fromId} onChange={(e) => setFrom(e.target.value)} data-testid="diff-from">
                {items.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionName(v)}
                  </option>
                ))}
              </select>
            </div>
            <div className="filter">
              <label htmlFor="diff-to">To</label>
              <select id="diff-to" value={toId} onChange={(e) => setTo(e.target.value)} data-testid="diff-to">
                {items.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionName(v)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={!fromId || !toId || fromId === toId} data-testid="show-diff">
              Show diff
            </button>
          </form>
          {asked && diff.error !== undefined && <ErrorBox title="The diff could not be loaded" error={diff.error} onRetry={diff.reload} />}
          {asked && diff.loading && <Loading label="Comparing…" />}
          {asked && diff.data && !diff.loading && <DiffView diff={diff.data} />}
        </>
      )}
    </section>
  )
}
