// The gap report's selector: the built-in framework scopes first (ISO 27001 Annex A, ISO
// 27001 clauses 4-10, the 2024/2690 Annex), then any other framework with its default
// scope. Selection lives in the URL (?framework=&scope=).
import type { CoverageReport, Framework } from '../api/types'
import { withQuery } from '../api/client'

export interface ScopeOption {
  /** select value: "<framework>|<scope>" */
  value: string
  framework: string
  scope: string
  label: string
}

export const builtinScopes: ScopeOption[] = [
  { value: 'iso27001-2022|', framework: 'iso27001-2022', scope: '', label: 'ISO/IEC 27001:2022 Annex A controls' },
  { value: 'iso27001-2022|clauses', framework: 'iso27001-2022', scope: 'clauses', label: 'ISO/IEC 27001:2022 clauses 4–10' },
  { value: 'nis2-2024-2690|', framework: 'nis2-2024-2690', scope: '', label: '(EU) 2024/2690 Annex' },
]

export function scopeOptions(frameworks: readonly Framework[]): ScopeOption[] {
  const builtinIds = new Set(builtinScopes.map((s) => s.framework))
  const others = frameworks
    .filter((f) => !builtinIds.has(f.id))
    .map((f) => ({ value: `${f.id}|`, framework: f.id, scope: '', label: f.name }))
  return [...builtinScopes, ...others]
}

export function optionValue(framework: string, scope: string): string {
  return `${framework}|${scope}`
}

export function parseOptionValue(value: string): { framework: string; scope: string } {
  const i = value.indexOf('|')
  return i < 0 ? { framework: value, scope: '' } : { framework: value.slice(0, i), scope: value.slice(i + 1) }
}

/** The report's framework and scope from the URL; ISO 27001 Annex A when none. */
export function selectionFrom(search: string): { framework: string; scope: string } {
  const params = new URLSearchParams(search)
  const framework = params.get('framework') ?? ''
  return framework === '' ? { framework: builtinScopes[0].framework, scope: '' } : { framework, scope: params.get('scope') ?? '' }
}

export function gapsPath(framework: string, scope: string): string {
  return withQuery('/api/v1/traceability/gaps', { framework, scope })
}

export function exportHref(framework: string, scope: string, format: 'csv' | 'xlsx'): string {
  return withQuery('/api/v1/traceability/gaps/export', { framework, scope, format })
}

/**
 * The gaps query scope of a coverage report: the report names its scope in words
 * ("Clauses 4-10", "Annex A controls"); clauses are the one non-default scope.
 */
export function scopeParamOf(report: Pick<CoverageReport, 'scope' | 'framework_id'>): string {
  return /clause/i.test(report.scope) ? 'clauses' : ''
}

/** "93.5 %" from a percentage the server rounded to one decimal. */
export function percentText(percent: number | undefined | null): string {
  if (typeof percent !== 'number' || Number.isNaN(percent)) return '—'
  const rounded = Math.round(percent * 10) / 10
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} %`
}

/** Bar width 0..100 for a percentage. */
export function barWidth(percent: number | undefined | null): number {
  if (typeof percent !== 'number' || Number.isNaN(percent)) return 0
  return Math.max(0, Math.min(100, percent))
}
