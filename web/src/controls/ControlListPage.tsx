// The controls (/controls): sortable columns, filters (status, owner, requirement, check
// due, search, archived) and cursor paging. All state is in the URL, so an SoA line or a
// requirement links to "the controls naming A.5.15".
import '../risks/risks.css'
import './controls.css'
import { useState } from 'react'
import type { ListPage } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge } from '../access/bits'
import { PersonSelect } from '../access/PersonSelect'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { getParam, setParams, useDebouncedParam } from '../catalogue/urlState'
import { arrive, pageNumber, previousCursor, sameStack, type CursorStack } from '../register/cursorStack'
import { Link, useLocation } from '../router'
import { statusLabel, statusLabels } from './labels'
import { controlRoute } from './paths'
import { controlListApiPath, controlQueryKey, controlSortDirection, currentControlSort, nextControlSort, type ControlSortKey } from './query'
import { controlStatuses, type Control } from './types'

interface Column {
  label: string
  sort?: ControlSortKey
}

const columns: Column[] = [
  { label: 'Ref', sort: 'ref' },
  { label: 'Title', sort: 'title' },
  { label: 'Status', sort: 'status' },
  { label: 'Owner', sort: 'owner_name' },
  { label: 'Requirements' },
  { label: 'Evidence' },
  { label: 'Next check', sort: 'next_check_on' },
]

function RequirementFilter({ value }: { value: string }) {
  const [text, setText] = useState(value)
  const [synced, setSynced] = useState(value)
  if (synced !== value) {
    setSynced(value)
    setText(value)
  }
  return (
    <form
      className="filter"
      onSubmit={(e) => {
        e.preventDefault()
        setParams({ requirement: text.trim(), cursor: undefined })
      }}
    >
      <label htmlFor="filter-requirement">Requirement</label>
      <input
        id="filter-requirement"
        type="search"
        value={text}
        placeholder="A.5.15 or nis2-2024-2690:1.1"
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text.trim() !== value && setParams({ requirement: text.trim(), cursor: undefined })}
        data-testid="filter-requirement"
      />
    </form>
  )
}

export function ControlListPage() {
  const { search } = useLocation()
  const page = useApi<ListPage<Control>>(controlListApiPath(search))
  const { can } = useAuth()
  const [text, setText] = useDebouncedParam('q')

  const key = controlQueryKey(search)
  const cursor = getParam(search, 'cursor')
  const [stack, setStack] = useState<CursorStack>(() => arrive(undefined, key, cursor))
  const current = arrive(stack, key, cursor)
  if (!sameStack(current, stack)) setStack(current)

  const sort = currentControlSort(search)
  const items = page.data?.items ?? []
  const total = page.data?.total
  const prev = previousCursor(current)
  const next = page.data?.next_cursor ?? null
  const filtered = key.replace(/(^|&)sort=[^&]*/, '') !== ''
  const checkDue = getParam(search, 'check_due') === 'true'
  const riskId = getParam(search, 'risk_id')

  return (
    <>
      <PageHeader
        title="Controls"
        subtitle="The measures the organization applies, the requirements they satisfy and the evidence that they work."
        actions={
          can('controls:write') && (
            <Link to="/controls/new" className="button primary" data-testid="new-control">
              New control
            </Link>
          )
        }
      />
      <div className="toolbar" role="search">
        <div className="filter search">
          <label htmlFor="control-search">Search</label>
          <input id="control-search" type="search" value={text} placeholder="Ref, title…" onChange={(e) => setText(e.target.value)} data-testid="control-search" />
        </div>
        <div className="filter">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" value={getParam(search, 'status')} onChange={(e) => setParams({ status: e.target.value, cursor: undefined })} data-testid="filter-status">
            <option value="">All</option>
            {controlStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <PersonSelect name="filter-owner_id" label="Owner" value={getParam(search, 'owner_id')} onChange={(v) => setParams({ owner_id: v, cursor: undefined })} />
        </div>
        <RequirementFilter value={getParam(search, 'requirement')} />
        <div className="quick-filters" role="group" aria-label="Quick filters">
          <button type="button" aria-pressed={checkDue} onClick={() => setParams({ check_due: checkDue ? undefined : 'true', cursor: undefined })} data-testid="quick-check-due">
            Check due
          </button>
        </div>
        <label className="toggle">
          <input
            type="checkbox"
            checked={getParam(search, 'archived') === 'all'}
            onChange={(e) => setParams({ archived: e.target.checked ? 'all' : undefined, cursor: undefined })}
            data-testid="include-archived"
          />
          Include archived
        </label>
      </div>
      {riskId !== '' && (
        <div className="chips-filter">
          <span className="chip">
            Controls of one risk
            <button type="button" aria-label="Remove the risk filter" onClick={() => setParams({ risk_id: undefined, cursor: undefined })}>
              ×
            </button>
          </span>
        </div>
      )}
      {page.error !== undefined && <ErrorBox error={page.error} onRetry={page.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={page.loading} data-testid="controls-table">
          <thead>
            <tr>
              {columns.map((c) => {
                const dir = c.sort ? controlSortDirection(sort, c.sort) : 'none'
                return (
                  <th key={c.label} scope="col" aria-sort={c.sort ? dir : undefined}>
                    {c.sort ? (
                      <button type="button" className="sort" onClick={() => setParams({ sort: nextControlSort(sort, c.sort!), cursor: undefined })}>
                        {c.label}
                        <span aria-hidden="true" className={`sort-mark${dir === 'none' ? ' idle' : ''}`}>
                          {dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id} className={c.archived ? 'archived' : undefined} data-testid="control-row" data-ref={c.ref}>
                <td className="nowrap">
                  <Link to={controlRoute(c.id)}>{c.ref}</Link>
                </td>
                <td>
                  <Link to={controlRoute(c.id)}>{c.title}</Link>
                  {c.classification === 'confidential' && <span className="tag">confidential</span>}
                  {c.archived && <span className="tag">archived</span>}
                </td>
                <td>{statusLabel(c.status)}</td>
                <td>{c.owner_name || <span className="muted">no owner</span>}</td>
                <td className="small">
                  {c.requirement_keys.length === 0 ? <span className="muted">none</span> : c.requirement_keys.map((k) => k.replace(/^iso27001-2022:/, '')).join(', ')}
                </td>
                <td className="nowrap" data-testid="evidence-counts">
                  {c.valid_evidence_count} / {c.evidence_count} valid
                </td>
                <td className="nowrap">
                  {c.next_check_on ?? '—'} {c.check_overdue && <Badge tone="bad">overdue</Badge>}
                </td>
              </tr>
            ))}
            {page.data && items.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="empty">
                  {filtered ? 'Nothing matches the search and filters.' : 'No controls recorded yet.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <span data-testid="result-count" aria-live="polite">
          {total !== undefined ? `${total} ${total === 1 ? 'control' : 'controls'}` : ''}
          {page.loading && <span className="muted"> · loading…</span>}
        </span>
        <span className="muted">Page {pageNumber(current)}</span>
        <button type="button" disabled={prev === undefined} onClick={() => setParams({ cursor: prev })}>
          Previous
        </button>
        <button type="button" disabled={next === null} onClick={() => next !== null && setParams({ cursor: next })}>
          Next
        </button>
      </div>
    </>
  )
}
