// API paths and UI routes of the SoA screens.
import { withQuery } from '../api/client'

export const soaApi = '/api/v1/soa'

export function soaLineApi(frameworkId: string, refId: string): string {
  return `${soaApi}/lines/${encodeURIComponent(frameworkId)}/${encodeURIComponent(refId)}`
}

export function soaVersionApi(id: string): string {
  return `${soaApi}/versions/${encodeURIComponent(id)}`
}

export function soaVersionRoute(id: string): string {
  return `/soa/versions/${encodeURIComponent(id)}`
}

/** a, b: version ids or "working". */
export function soaCompareApi(a: string, b: string): string {
  return withQuery(`${soaApi}/compare`, { a, b })
}

export function soaCompareRoute(a: string, b: string): string {
  return withQuery('/soa/compare', { a, b })
}

export function soaExportApi(format: 'xlsx' | 'pdf' | 'csv', version?: string): string {
  return withQuery(`${soaApi}/export`, { format, version })
}
