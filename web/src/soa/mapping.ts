// The import wizard's mapping step: the server's suggested (or used) column mapping turned
// into one select per role, the person's choice turned back into the `mapping` query
// parameter (columns by letter, header row 1-based), and each row's outcome. Reasons come
// either from one column of words ("risk, legal") or from four mark columns.
import { withQuery } from '../api/client'
import type { SoaImportRow, WireColumn, WireMapping } from './types'

export const columnRoles = ['ref', 'applicable', 'reasons', 'reason_risk', 'reason_legal', 'reason_contractual', 'reason_business', 'justification', 'implementation'] as const
export type ColumnRole = (typeof columnRoles)[number]

export const fourReasonRoles = ['reason_risk', 'reason_legal', 'reason_contractual', 'reason_business'] as const

export const roleLabels: Record<ColumnRole, string> = {
  ref: 'Control id',
  applicable: 'Applicable',
  reasons: 'Reasons (one column)',
  reason_risk: 'Reason: risk treatment',
  reason_legal: 'Reason: legal',
  reason_contractual: 'Reason: contractual',
  reason_business: 'Reason: business need',
  justification: 'Justification',
  implementation: 'Implementation',
}

export const requiredRoles: readonly ColumnRole[] = ['ref', 'applicable']

export type ReasonMode = 'single' | 'four'

export interface MappingState {
  sheet: string
  /** 1-based as the spreadsheet shows it; "" = detect */
  headerRow: string
  /** column letter per role; "" = not mapped */
  columns: Record<ColumnRole, string>
  reasonMode: ReasonMode
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetter(index: number): string {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

/** "A" -> 0, "ab" -> 27; -1 when not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

/** The server names the first 200 columns by letter; anything else is header text. */
const MAX_LETTER_COLUMNS = 200

/** One wire column value as a letter: index, letter, or a header text found among the headers. */
export function letterOf(value: WireColumn | undefined, headers: readonly string[]): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'number') return value >= 0 ? columnLetter(value) : ''
  const index = columnIndex(value.trim())
  if (index >= 0 && index < MAX_LETTER_COLUMNS) return columnLetter(index)
  const wanted = value.trim().toLowerCase()
  const at = headers.findIndex((h) => h.trim().toLowerCase() === wanted)
  return at >= 0 ? columnLetter(at) : ''
}

export function mappingFromWire(wire: WireMapping | undefined, headers: readonly string[]): MappingState {
  const columns = {} as Record<ColumnRole, string>
  for (const role of columnRoles) columns[role] = letterOf(wire?.[role], headers)
  const four = fourReasonRoles.some((r) => columns[r] !== '')
  return {
    sheet: wire?.sheet ?? '',
    headerRow: wire?.header_row ? String(wire.header_row) : '',
    columns,
    reasonMode: four && columns.reasons === '' ? 'four' : 'single',
  }
}

/** The `mapping` query parameter: every role (null when unmapped or not in the chosen reason mode). */
export function mappingToWire(m: MappingState): WireMapping {
  const out: WireMapping = {}
  if (m.sheet.trim() !== '') out.sheet = m.sheet.trim()
  const row = Number.parseInt(m.headerRow, 10)
  out.header_row = Number.isFinite(row) && row >= 1 ? row : null
  for (const role of columnRoles) {
    const unused = (m.reasonMode === 'single' && (fourReasonRoles as readonly string[]).includes(role)) || (m.reasonMode === 'four' && role === 'reasons')
    out[role] = unused || m.columns[role] === '' ? null : m.columns[role]
  }
  return out
}

/** Roles shown as selects for the chosen reason mode. */
export function visibleRoles(mode: ReasonMode): ColumnRole[] {
  return columnRoles.filter((r) => (mode === 'single' ? !(fourReasonRoles as readonly string[]).includes(r) : r !== 'reasons'))
}

export interface ColumnOption {
  value: string
  label: string
}

/** "B · Applicable" per header cell; at least A–Z when the header row is unknown or short. */
export function columnOptions(headers: readonly string[], minimum = 26): ColumnOption[] {
  const count = Math.max(headers.length, headers.length === 0 ? minimum : 0)
  const out: ColumnOption[] = []
  for (let i = 0; i < count; i++) {
    const h = (headers[i] ?? '').trim()
    out.push({ value: columnLetter(i), label: h === '' ? columnLetter(i) : `${columnLetter(i)} · ${h}` })
  }
  return out
}

/** What stops the mapping from being used: required roles, a column used for two roles. */
export function mappingProblems(m: MappingState): string[] {
  const problems: string[] = []
  for (const role of requiredRoles) if (m.columns[role] === '') problems.push(`Choose the column of “${roleLabels[role]}”.`)
  const used = new Map<string, ColumnRole>()
  for (const role of visibleRoles(m.reasonMode)) {
    const c = m.columns[role]
    if (c === '') continue
    const other = used.get(c)
    if (other) problems.push(`Column ${c} is chosen for both “${roleLabels[other]}” and “${roleLabels[role]}”.`)
    else used.set(c, role)
  }
  if (m.headerRow !== '' && !/^\d+$/.test(m.headerRow.trim())) problems.push('The header row must be a row number.')
  return problems
}

export function sameMapping(a: MappingState, b: MappingState): boolean {
  return JSON.stringify(mappingToWire(a)) === JSON.stringify(mappingToWire(b))
}

/** POST path of a dry run or an apply; without a mapping the server suggests one. */
export function importPath(opts: { dryRun: boolean; fileName: string; mapping?: MappingState }): string {
  return withQuery('/api/v1/soa/import', {
    dry_run: opts.dryRun,
    file_name: opts.fileName,
    mapping: opts.mapping ? JSON.stringify(mappingToWire(opts.mapping)) : undefined,
  })
}

export type RowOutcome = 'ok' | 'warning' | 'rejected'

export function rowOutcome(row: SoaImportRow): RowOutcome {
  if (row.error) return 'rejected'
  if (row.warnings && row.warnings.length > 0) return 'warning'
  return 'ok'
}

export function outcomeCounts(rows: readonly SoaImportRow[]): Record<RowOutcome, number> {
  const counts: Record<RowOutcome, number> = { ok: 0, warning: 0, rejected: 0 }
  for (const r of rows) counts[rowOutcome(r)]++
  return counts
}

/** Accepted file types of the import (the server decides by name and content). */
export function importFileKind(name: string): 'csv' | 'xlsx' | undefined {
  const lower = name.toLowerCase()
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv'
  if (lower.endsWith('.xlsx')) return 'xlsx'
  return undefined
}
