// Generic register list: columns, sorting, filters, search and cursor pagination, all from
// the descriptor; the state is the URL's query string.
import { useState } from 'react'
import type { ListPage, RegisterDescriptor, RegisterRecord } from '../api/types'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import type { RegisterConfig } from '../config/registers'
import { Link, navigate, useLocation } from '../router'
import { FieldValue } from './Cell'
import { arrive, pageNumber, previousCursor, sameStack, type CursorStack } from './cursorStack'
import { ListToolbar } from './ListToolbar'
import {
  listQueryToApi,
  listQueryToSearch,
  parseListQuery,
  queryKey,
  sortDirection,
  sortKeyFor,
  toggleSort,
  type ListQuery,
} from './query'
import { WithDescriptor } from './WithDescriptor'

const PAGE_SIZE = 50

export function RegisterListPage({ config }: { config: RegisterConfig }) {
  return <WithDescriptor name={config.name}>{(d) => <RegisterList config={config} descriptor={d} />}</WithDescriptor>
}

interface Props {
  config: RegisterConfig
  descriptor: RegisterDescriptor
}

export function RegisterList({ config, descriptor }: Props) {
  const { search } = useLocation()
  const query = parseListQuery(search, descriptor)
  const page = useApi<ListPage<RegisterRecord>>(listQueryToApi(query, descriptor, PAGE_SIZE))

  // Cursors of the pages seen, for "Previous"; derived from the URL on every navigation.
  const key = queryKey(query, descriptor)
  const [stack, setStack] = useState<CursorStack>(() => arrive(undefined, key, query.cursor))
  const current = arrive(stack, key, query.cursor)
  if (!sameStack(current, stack)) setStack(current)

  const go = (next: ListQuery, options?: { replace?: boolean }) =>
    navigate(config.route + listQueryToSearch(next, descriptor), options)

  const columns = descriptor.fields.filter((f) => f.list)
  const items = page.data?.items ?? []
  const total = page.data?.total
  const prev = previousCursor(current)
  const next = page.data?.next_cursor ?? null
  const filtered = query.q !== '' || Object.keys(query.filters).length > 0

  return (
    <>
      <PageHeader
        title={descriptor.title}
        actions={
          <Link to={`${config.route}/new`} className="button primary" data-testid="new-object">
            New {descriptor.singular.toLowerCase()}
          </Link>
        }
      />
      <ListToolbar descriptor={descriptor} query={query} onChange={go} />
      {page.error !== undefined && <ErrorBox error={page.error} onRetry={page.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={page.loading} data-testid="register-table">
          <thead>
            <tr>
              {columns.map((field) => {
                const key = sortKeyFor(descriptor, field)
                const dir = key ? sortDirection(query, descriptor, key) : 'none'
                return (
                  <th key={field.name} scope="col" aria-sort={key ? dir : undefined}>
                    {key ? (
                      <button type="button" className="sort" onClick={() => go(toggleSort(query, descriptor, key))}>
                        {field.label}
                        <span aria-hidden="true" className={`sort-mark${dir === 'none' ? ' idle' : ''}`}>
                          {dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      field.label
                    )}
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className={item.archived ? 'archived' : undefined}>
                {columns.map((field) => (
                  <td key={field.name}>
                    {field.name === config.titleField ? (
                      <>
                        <Link to={`${config.route}/${encodeURIComponent(item.id)}`}>
                          {String(item[field.name] ?? item.id)}
                        </Link>
                        {item.archived && <span className="tag">archived</span>}
                      </>
                    ) : (
                      <FieldValue field={field} record={item} />
                    )}
                  </td>
                ))}
              </tr>
            ))}
            {page.data && items.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="empty">
                  {filtered ? 'Nothing matches the search and filters.' : `No ${descriptor.title} entries yet.`}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <span data-testid="result-count" aria-live="polite">
          {total !== undefined ? `${total} ${total === 1 ? 'result' : 'results'}` : ''}
          {page.loading && <span className="muted"> · loading…</span>}
        </span>
        <span className="muted">Page {pageNumber(current)}</span>
        <button type="button" disabled={prev === undefined} onClick={() => go({ ...query, cursor: prev ?? '' })}>
          Previous
        </button>
        <button type="button" disabled={next === null} onClick={() => next !== null && go({ ...query, cursor: next })}>
          Next
        </button>
      </div>
    </>
  )
}
