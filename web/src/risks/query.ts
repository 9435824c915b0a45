// The risk list's state lives in the URL (filters, quick filters, heat-map cell, sort,
// cursor), so a heat-map click or a dashboard link is a shareable list. Only the
// parameters the API declares are passed on (an undeclared one is a 400).
import { withQuery } from '../api/client'
import { scaleLabel } from './method'
import type { RiskMethod } from './types'

export const RISK_PAGE_SIZE = 50

/** URL parameters passed to GET /api/v1/risks as they are. */
export const riskListParams = [
  'q',
  'sort',
  'owner_id',
  'treatment',
  'asset_id',
  'control_id',
  'threat_id',
  'vulnerability_id',
  'above_appetite',
  'review_due',
  'min_residual_level',
  'cell',
  'archived',
  'cursor',
] as const

export const sortKeys = ['ref', 'title', 'inherent_level', 'residual_level', 'owner_name', 'next_review_on', 'updated_at'] as const
export type RiskSortKey = (typeof sortKeys)[number]

export function riskListApiPath(search: string, limit = RISK_PAGE_SIZE): string {
  const url = new URLSearchParams(search)
  const params: Record<string, string | number | boolean | undefined> = {}
  for (const name of riskListParams) {
    const v = url.get(name)
    if (v !== null && v !== '') params[name] = v
  }
  return withQuery('/api/v1/risks', { ...params, limit, include_total: true })
}

/** The list's query without the cursor: a different key starts paging over. */
export function riskQueryKey(search: string): string {
  const url = new URLSearchParams(search)
  url.delete('cursor')
  url.sort()
  return url.toString()
}

export function currentSort(search: string): string {
  return new URLSearchParams(search).get('sort') || 'ref'
}

export function sortDirectionOf(sort: string, key: RiskSortKey): 'ascending' | 'descending' | 'none' {
  if (sort === key) return 'ascending'
  if (sort === `-${key}`) return 'descending'
  return 'none'
}

/** Clicking a column: ascending first (descending for levels, where high matters), then flip. */
export function nextSort(sort: string, key: RiskSortKey): string {
  if (sort === key) return `-${key}`
  if (sort === `-${key}`) return key
  return key.endsWith('_level') ? `-${key}` : key
}

export interface CellFilter {
  basis: 'residual' | 'inherent'
  likelihood: number
  impact: number
}

export function parseCell(value: string): CellFilter | undefined {
  const m = /^(residual|inherent):(\d+):(\d+)$/.exec(value)
  if (!m) return undefined
  return { basis: m[1] as CellFilter['basis'], likelihood: Number(m[2]), impact: Number(m[3]) }
}

/** "Residual: likelihood 3 · Possible, impact 4 · Major" for the filter chip. */
export function cellLabel(value: string, method: RiskMethod | undefined): string {
  const c = parseCell(value)
  if (!c) return value
  const basis = c.basis === 'residual' ? 'Residual' : 'Inherent'
  if (!method) return `${basis}: likelihood ${c.likelihood}, impact ${c.impact}`
  return `${basis}: likelihood ${scaleLabel(method.likelihood, c.likelihood)}, impact ${scaleLabel(method.impact, c.impact)}`
}
