// Heat-map cells as risk-list filters (cell=residual:L:I) and their counts.
import type { HeatMapBasis } from './types'

/** The list filter value of one heat-map cell. */
export function cellParam(basis: HeatMapBasis, likelihood: number, impact: number): string {
  return `${basis}:${likelihood}:${impact}`
}

export function cellHref(basis: HeatMapBasis, likelihood: number, impact: number): string {
  return `/risks?cell=${encodeURIComponent(cellParam(basis, likelihood, impact))}`
}

/** counts[l-1][i-1], or 0 when the server sent a smaller matrix. */
export function countAt(counts: readonly (readonly number[])[] | undefined, likelihood: number, impact: number): number {
  return counts?.[likelihood - 1]?.[impact - 1] ?? 0
}
