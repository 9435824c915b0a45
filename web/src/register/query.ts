// The list view's state (sort, search, filters, archived toggle, page cursor) lives in the
// URL query string so a list can be bookmarked, shared and reloaded. These pure functions
// translate between that string, the state, and the API request; they accept only what the
// descriptor allows, so a hand-edited URL cannot produce a 400 from the API.
import type { FieldDescriptor, RegisterDescriptor } from '../api/types'

export interface ListQuery {
  /** "name" or "-name"; "" means the register's default sort. */
  sort: string
  q: string
  /** filterable field name -> selected value */
  filters: Record<string, string>
  /** include archived objects (API: archived=all) */
  archived: boolean
  /** opaque cursor of the current page; "" = first page */
  cursor: string
}

export const emptyQuery: ListQuery = { sort: '', q: '', filters: {}, archived: false, cursor: '' }

export function sortableFields(descriptor: RegisterDescriptor): FieldDescriptor[] {
  return descriptor.fields.filter((f) => f.sortable)
}

/**
 * The sort key of a list column: the field itself, or for a reference the display field
 * it is shown by (the owner column sorts by owner_name).
 */
export function sortKeyFor(descriptor: RegisterDescriptor, field: FieldDescriptor): string | undefined {
  if (field.sortable) return field.name
  if (field.display_field) {
    const shown = descriptor.fields.find((f) => f.name === field.display_field)
    if (shown?.sortable) return shown.name
  }
  return undefined
}

export function filterFields(descriptor: RegisterDescriptor): FieldDescriptor[] {
  return descriptor.fields.filter(
    (f) => f.filterable && (f.type === 'enum' || f.type === 'level' || f.type === 'reference'),
  )
}

function isAllowedFilterValue(field: FieldDescriptor, value: string): boolean {
  if (value === '') return false
  if (field.type === 'reference') return true
  return (field.options ?? []).some((o) => String(o.value) === value)
}

export function parseListQuery(search: string, descriptor: RegisterDescriptor): ListQuery {
  const params = new URLSearchParams(search)
  const query: ListQuery = { ...emptyQuery, filters: {} }
  const sort = params.get('sort') ?? ''
  const sortField = sort.startsWith('-') ? sort.slice(1) : sort
  if (sortableFields(descriptor).some((f) => f.name === sortField)) query.sort = sort
  query.q = params.get('q') ?? ''
  for (const field of filterFields(descriptor)) {
    const value = params.get(field.name)
    if (value !== null && isAllowedFilterValue(field, value)) query.filters[field.name] = value
  }
  query.archived = params.get('archived') === 'all'
  query.cursor = params.get('cursor') ?? ''
  return query
}

/** The UI URL's query string ("" or "?..."), in a stable order. */
export function listQueryToSearch(query: ListQuery, descriptor: RegisterDescriptor): string {
  const params = new URLSearchParams()
  if (query.sort !== '' && query.sort !== (descriptor.default_sort ?? '')) params.set('sort', query.sort)
  if (query.q.trim() !== '') params.set('q', query.q.trim())
  for (const field of filterFields(descriptor)) {
    const value = query.filters[field.name]
    if (value) params.set(field.name, value)
  }
  if (query.archived) params.set('archived', 'all')
  if (query.cursor !== '') params.set('cursor', query.cursor)
  const s = params.toString()
  return s === '' ? '' : `?${s}`
}

/** The API request for one page of the list. */
export function listQueryToApi(query: ListQuery, descriptor: RegisterDescriptor, limit: number): string {
  const params = new URLSearchParams()
  params.set('limit', String(limit))
  params.set('include_total', 'true')
  const sort = query.sort || descriptor.default_sort
  if (sort) params.set('sort', sort)
  if (query.q.trim() !== '') params.set('q', query.q.trim())
  for (const field of filterFields(descriptor)) {
    const value = query.filters[field.name]
    if (value) params.set(field.name, value)
  }
  if (query.archived) params.set('archived', 'all')
  if (query.cursor !== '') params.set('cursor', query.cursor)
  return `${descriptor.path}?${params.toString()}`
}

export type SortDirection = 'ascending' | 'descending' | 'none'

export function sortDirection(query: ListQuery, descriptor: RegisterDescriptor, field: string): SortDirection {
  const sort = query.sort || descriptor.default_sort || ''
  if (sort === field) return 'ascending'
  if (sort === `-${field}`) return 'descending'
  return 'none'
}

/** Clicking a header: first ascending, then toggles. A new sort starts at the first page. */
export function toggleSort(query: ListQuery, descriptor: RegisterDescriptor, field: string): ListQuery {
  const next = sortDirection(query, descriptor, field) === 'ascending' ? `-${field}` : field
  return { ...query, sort: next, cursor: '' }
}

/** Any change other than paging starts again at the first page: cursors belong to one query. */
export function withFilter(query: ListQuery, field: string, value: string): ListQuery {
  const filters = { ...query.filters }
  if (value === '') delete filters[field]
  else filters[field] = value
  return { ...query, filters, cursor: '' }
}

export function withSearch(query: ListQuery, q: string): ListQuery {
  return { ...query, q, cursor: '' }
}

export function withArchived(query: ListQuery, archived: boolean): ListQuery {
  return { ...query, archived, cursor: '' }
}

/** Identity of a query without its page: cursors are only valid within one. */
export function queryKey(query: ListQuery, descriptor: RegisterDescriptor): string {
  return listQueryToSearch({ ...query, cursor: '' }, descriptor)
}
