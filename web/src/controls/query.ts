// The control list's state lives in the URL (filters, sort, cursor) so a link from a
// requirement, an SoA line or the dashboard is a shareable, filtered list. Only the
// parameters GET /api/v1/controls declares are passed on (an undeclared one is a 400).
import { withQuery } from '../api/client'

export const CONTROL_PAGE_SIZE = 50

export const controlListParams = ['q', 'sort', 'status', 'owner_id', 'requirement', 'risk_id', 'check_due', 'archived', 'cursor'] as const

export const controlSortKeys = ['ref', 'title', 'status', 'owner_name', 'next_check_on', 'updated_at'] as const
export type ControlSortKey = (typeof controlSortKeys)[number]

export function controlListApiPath(search: string, limit = CONTROL_PAGE_SIZE): string {
  const url = new URLSearchParams(search)
  const params: Record<string, string | number | boolean | undefined> = {}
  for (const name of controlListParams) {
    const v = url.get(name)
    if (v !== null && v !== '') params[name] = v
  }
  // "requirement" must be framework:ref; a bare "A.5.15" is taken as ISO 27001:2022.
  const req = params.requirement
  if (typeof req === 'string' && !req.includes(':')) params.requirement = `iso27001-2022:${req}`
  return withQuery('/api/v1/controls', { ...params, limit, include_total: true })
}

/** The list's query without the cursor: a different key starts paging over. */
export function controlQueryKey(search: string): string {
  const url = new URLSearchParams(search)
  url.delete('cursor')
  url.sort()
  return url.toString()
}

export function currentControlSort(search: string): string {
  return new URLSearchParams(search).get('sort') || 'ref'
}

export function controlSortDirection(sort: string, key: ControlSortKey): 'ascending' | 'descending' | 'none' {
  if (sort === key) return 'ascending'
  if (sort === `-${key}`) return 'descending'
  return 'none'
}

export function nextControlSort(sort: string, key: ControlSortKey): string {
  if (sort === key) return `-${key}`
  if (sort === `-${key}`) return key
  return key
}
