import { describe, expect, it } from 'vitest'
import { assetsDescriptor as d } from '../test/assetsDescriptor'
import {
  emptyQuery,
  listQueryToApi,
  listQueryToSearch,
  parseListQuery,
  sortDirection,
  sortKeyFor,
  toggleSort,
  withFilter,
  withSearch,
} from './query'

describe('list query <-> URL', () => {
  it('round-trips every part of the state', () => {
    const search = '?sort=-classification&q=crm&type=system&classification=customer_data&archived=all&cursor=abc'
    const query = parseListQuery(search, d)
    expect(query).toEqual({
      sort: '-classification',
      q: 'crm',
      filters: { type: 'system', classification: 'customer_data' },
      archived: true,
      cursor: 'abc',
    })
    expect(listQueryToSearch(query, d)).toBe(search)
  })

  it('drops what the descriptor does not allow, so a hand-made URL cannot cause a 400', () => {
    const query = parseListQuery('?sort=description&type=spaceship&description=x&archived=true', d)
    expect(query).toEqual(emptyQuery)
  })

  it('keeps reference filter values (ids are not enumerable)', () => {
    expect(parseListQuery('?owner_id=p1', d).filters).toEqual({ owner_id: 'p1' })
  })

  it('leaves the default sort and empty values out of the URL', () => {
    expect(listQueryToSearch({ ...emptyQuery, sort: 'name', q: '  ' }, d)).toBe('')
  })

  it('builds the API request with limit, total and the default sort', () => {
    const url = listQueryToApi(parseListQuery('?q=db&classification=internal', d), d, 50)
    const params = new URL(url, 'http://x').searchParams
    expect(url.startsWith('/api/v1/assets?')).toBe(true)
    expect(Object.fromEntries(params)).toEqual({
      limit: '50',
      include_total: 'true',
      sort: 'name',
      q: 'db',
      classification: 'internal',
    })
  })
})

describe('sorting and paging', () => {
  it('toggles ascending -> descending -> ascending, starting from the default sort', () => {
    expect(sortDirection(emptyQuery, d, 'name')).toBe('ascending')
    const desc = toggleSort(emptyQuery, d, 'name')
    expect(desc.sort).toBe('-name')
    expect(sortDirection(desc, d, 'name')).toBe('descending')
    expect(toggleSort(desc, d, 'name').sort).toBe('name')
    expect(toggleSort(emptyQuery, d, 'type').sort).toBe('type')
  })

  it('sorts a reference column by its display field when that is sortable', () => {
    const owner = d.fields.find((f) => f.name === 'owner_id')!
    const withSortableName = {
      ...d,
      fields: d.fields.map((f) => (f.name === 'owner_name' ? { ...f, sortable: true } : f)),
    }
    expect(sortKeyFor(d, owner)).toBeUndefined()
    expect(sortKeyFor(withSortableName, owner)).toBe('owner_name')
  })

  it('resets the cursor whenever the query changes', () => {
    const paged = { ...emptyQuery, cursor: 'c2' }
    expect(toggleSort(paged, d, 'type').cursor).toBe('')
    expect(withFilter(paged, 'type', 'system').cursor).toBe('')
    expect(withSearch(paged, 'x').cursor).toBe('')
    expect(withFilter({ ...paged, filters: { type: 'system' } }, 'type', '').filters).toEqual({})
  })
})
