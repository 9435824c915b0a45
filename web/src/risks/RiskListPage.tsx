// The risk register (/risks): sortable columns, filters (owner, treatment, threat,
// vulnerability, search, archived), the quick filters "above appetite" and "review due",
// a heat-map cell (cell=residual:L:I, set by clicking a heat map) shown as a removable
// chip, and cursor paging. All state is in the URL.
import './risks.css'
import { useState } from 'react'
import type { ListPage } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { PersonSelect } from '../access/PersonSelect'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { getParam, setParams, useDebouncedParam } from '../catalogue/urlState'
import { arrive, pageNumber, previousCursor, sameStack, type CursorStack } from '../register/cursorStack'
import { Link, useLocation } from '../router'
import { FlagBadges, LevelBadge } from './bits'
import { treatmentLabel, treatmentLabels } from './method'
import { riskMethodApi, riskRoute, sourceApi } from './paths'
import { cellLabel, currentSort, nextSort, riskListApiPath, riskQueryKey, sortDirectionOf, type RiskSortKey } from './query'
import type { Risk, RiskMethod, RiskSource } from './types'

interface Column {
  label: string
  sort?: RiskSortKey
}

const columns: Column[] = [
  { label: 'Ref', sort: 'ref' },
  { label: 'Title', sort: 'title' },
  { label: 'Inherent', sort: 'inherent_level' },
  { label: 'Residual', sort: 'residual_level' },
  { label: 'Treatment' },
  { label: 'Owner', sort: 'owner_name' },
  { label: 'Next review', sort: 'next_review_on' },
  { label: 'Flags' },
]

function SourceFilter({ kind, value }: { kind: 'threat' | 'vulnerability'; value: string }) {
  const list = useApi<{ items: RiskSource[] }>(sourceApi(kind))
  const name = kind === 'threat' ? 'threat_id' : 'vulnerability_id'
  return (
    <div className="filter">
      <label htmlFor={`filter-${name}`}>{kind === 'threat' ? 'Threat' : 'Vulnerability'}</label>
      <select id={`filter-${name}`} value={value} onChange={(e) => setParams({ [name]: e.target.value, cursor: undefined })} data-testid={`filter-${name}`}>
        <option value="">All</option>
        {(list.data?.items ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
        {value !== '' && !list.data?.items.some((s) => s.id === value) && <option value={value}>{value}</option>}
      </select>
    </div>
  )
}

function QuickFilter({ name, label, active }: { name: string; label: string; active: boolean }) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={() => setParams({ [name]: active ? undefined : 'true', cursor: undefined })}
      data-testid={`quick-${name.replaceAll('_', '-')}`}
    >
      {label}
    </button>
  )
}

export function RiskListPage() {
  const { search } = useLocation()
  const page = useApi<ListPage<Risk>>(riskListApiPath(search))
  const method = useApi<RiskMethod>(riskMethodApi)
  const { can } = useAuth()
  const [text, setText] = useDebouncedParam('q')

  const key = riskQueryKey(search)
  const cursor = getParam(search, 'cursor')
  const [stack, setStack] = useState<CursorStack>(() => arrive(undefined, key, cursor))
  const current = arrive(stack, key, cursor)
  if (!sameStack(current, stack)) setStack(current)

  const sort = currentSort(search)
  const cell = getParam(search, 'cell')
  const items = page.data?.items ?? []
  const total = page.data?.total
  const prev = previousCursor(current)
  const next = page.data?.next_cursor ?? null
  const filtered = riskQueryKey(search).replace(/(^|&)sort=[^&]*/, '') !== ''

  return (
    <>
      <PageHeader
        title="Risks"
        subtitle="The risk register: assets, threats and vulnerabilities, rated before and after treatment."
        actions={
          <>
            <Link to="/risks/heat-map" className="button" data-testid="open-heat-map">
              Heat map
            </Link>
            {can('risks:write') && (
              <Link to="/risks/new" className="button primary" data-testid="new-risk">
                New risk
              </Link>
            )}
          </>
        }
      />
      <div className="toolbar" role="search">
        <div className="filter search">
          <label htmlFor="risk-search">Search</label>
          <input id="risk-search" type="search" value={text} placeholder="Ref, title…" onChange={(e) => setText(e.target.value)} data-testid="risk-search" />
        </div>
        <div className="filter risk-owner-filter">
          <PersonSelect name="filter-owner_id" label="Owner" value={getParam(search, 'owner_id')} onChange={(v) => setParams({ owner_id: v, cursor: undefined })} />
        </div>
        <div className="filter">
          <label htmlFor="filter-treatment">Treatment</label>
          <select
            id="filter-treatment"
            value={getParam(search, 'treatment')}
            onChange={(e) => setParams({ treatment: e.target.value, cursor: undefined })}
            data-testid="filter-treatment"
          >
            <option value="">All</option>
            {Object.entries(treatmentLabels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <SourceFilter kind="threat" value={getParam(search, 'threat_id')} />
        <SourceFilter kind="vulnerability" value={getParam(search, 'vulnerability_id')} />
        <div className="quick-filters" role="group" aria-label="Quick filters">
          <QuickFilter name="above_appetite" label="Above appetite" active={getParam(search, 'above_appetite') === 'true'} />
          <QuickFilter name="review_due" label="Review due" active={getParam(search, 'review_due') === 'true'} />
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
      {(cell !== '' || getParam(search, 'asset_id') !== '' || getParam(search, 'control_id') !== '') && (
        <div className="chips-filter">
          {cell !== '' && (
            <span className="chip" data-testid="cell-filter">
              Heat-map cell · {cellLabel(cell, method.data)}
              <button type="button" aria-label="Remove the heat-map cell filter" onClick={() => setParams({ cell: undefined, cursor: undefined })}>
                ×
              </button>
            </span>
          )}
          {getParam(search, 'asset_id') !== '' && (
            <span className="chip">
              One asset
              <button type="button" aria-label="Remove the asset filter" onClick={() => setParams({ asset_id: undefined, cursor: undefined })}>
                ×
              </button>
            </span>
          )}
          {getParam(search, 'control_id') !== '' && (
            <span className="chip">
              One control
              <button type="button" aria-label="Remove the control filter" onClick={() => setParams({ control_id: undefined, cursor: undefined })}>
                ×
              </button>
            </span>
          )}
        </div>
      )}
      {page.error !== undefined && <ErrorBox error={page.error} onRetry={page.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={page.loading} data-testid="risks-table">
          <thead>
            <tr>
              {columns.map((c) => {
                const dir = c.sort ? sortDirectionOf(sort, c.sort) : 'none'
                return (
                  <th key={c.label} scope="col" aria-sort={c.sort ? dir : undefined}>
                    {c.sort ? (
                      <button type="button" className="sort" onClick={() => setParams({ sort: nextSort(sort, c.sort!), cursor: undefined })}>
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
            {items.map((r) => (
              <tr key={r.id} className={r.archived ? 'archived' : undefined} data-testid="risk-row" data-ref={r.ref}>
                <td className="nowrap">
                  <Link to={riskRoute(r.id)}>{r.ref}</Link>
                </td>
                <td>
                  <Link to={riskRoute(r.id)}>{r.title}</Link>
                  {r.archived && <span className="tag">archived</span>}
                </td>
                <td>
                  <LevelBadge level={r.inherent?.level} />
                </td>
                <td>
                  <LevelBadge level={r.residual?.level} testId="residual-level" />
                </td>
                <td>{treatmentLabel(r.treatment)}</td>
                <td>{r.owner_name || <span className="muted">no owner</span>}</td>
                <td className="nowrap">{r.next_review_on ?? '—'}</td>
                <td>
                  <FlagBadges flags={r.flags} />
                </td>
              </tr>
            ))}
            {page.data && items.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="empty">
                  {filtered ? 'Nothing matches the search and filters.' : 'No risks recorded yet.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <span data-testid="result-count" aria-live="polite">
          {total !== undefined ? `${total} ${total === 1 ? 'risk' : 'risks'}` : ''}
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
