// Grouping and filtering the SoA's lines for the table: Annex A lines under their theme
// (A.5 organizational ... A.8 technological), other frameworks' lines under their top
// section, in the server's (catalogue) order; filters by applicability and implementation
// and a text search over ref and title.
import { frameworkNames, themeTitles } from './labels'
import type { Applicability, SoaTotals } from './types'

export interface LineGroup {
  /** "iso27001-2022|A.5" */
  key: string
  frameworkId: string
  /** "A.5", or "1" for a framework's section */
  theme: string
  title: string
  lines: Applicability[]
}

/** "A.5.15" -> "A.5"; "1.2.3" -> "1"; "9" -> "9". */
export function themeOf(refId: string): string {
  const annex = /^(A\.\d+)(\.|$)/.exec(refId)
  if (annex) return annex[1]
  return refId.split('.')[0]
}

export function groupTitle(frameworkId: string, theme: string): string {
  if (frameworkId === 'iso27001-2022' && themeTitles[theme]) return `${theme} ${themeTitles[theme]}`
  const fw = frameworkNames[frameworkId] ?? frameworkId
  return `${fw} · section ${theme}`
}

export function groupByTheme(lines: readonly Applicability[]): LineGroup[] {
  const groups: LineGroup[] = []
  const at = new Map<string, LineGroup>()
  for (const line of lines) {
    const theme = themeOf(line.ref_id)
    const key = `${line.framework_id}|${theme}`
    let g = at.get(key)
    if (!g) {
      g = { key, frameworkId: line.framework_id, theme, title: groupTitle(line.framework_id, theme), lines: [] }
      at.set(key, g)
      groups.push(g)
    }
    g.lines.push(line)
  }
  return groups
}

export interface LineFilter {
  /** "" = all; yes | no | undecided */
  applicable: string
  /** "" = all */
  implementation: string
  q: string
}

export const noFilter: LineFilter = { applicable: '', implementation: '', q: '' }

export function lineMatches(line: Applicability, f: LineFilter): boolean {
  if (f.applicable !== '' && line.applicable !== f.applicable) return false
  if (f.implementation !== '' && line.implementation !== f.implementation) return false
  const q = f.q.trim().toLowerCase()
  if (q !== '' && !line.ref_id.toLowerCase().includes(q) && !line.title.toLowerCase().includes(q)) return false
  return true
}

export function filterLines(lines: readonly Applicability[], f: LineFilter): Applicability[] {
  return lines.filter((l) => lineMatches(l, f))
}

/** Totals of some lines, as the server counts them (implementation only of applicable lines is not assumed: all lines). */
export function totalsOf(lines: readonly Applicability[]): SoaTotals {
  const t: SoaTotals = { lines: 0, applicable: 0, not_applicable: 0, undecided: 0, implemented: 0, partial: 0, planned: 0, not_started: 0 }
  for (const l of lines) {
    t.lines++
    if (l.applicable === 'yes') t.applicable++
    else if (l.applicable === 'no') t.not_applicable++
    else t.undecided++
    if (l.implementation in t) t[l.implementation]++
  }
  return t
}

/** Test id of a line ("soa-line-A.5.15"; other frameworks prefixed with their id). */
export function lineTestId(line: Pick<Applicability, 'framework_id' | 'ref_id'>): string {
  return line.framework_id === 'iso27001-2022' ? `soa-line-${line.ref_id}` : `soa-line-${line.framework_id}-${line.ref_id}`
}

/**
 * Requirement keys the server named in an approval refusal ("12 lines are still
 * undecided ...: iso27001-2022:A.5.1, iso27001-2022:A.5.2 and 10 more").
 */
export function undecidedKeysIn(messages: readonly string[]): string[] {
  const keys = new Set<string>()
  for (const m of messages) for (const match of m.matchAll(/\b[a-z0-9][a-z0-9-]*:[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*/g)) keys.add(match[0])
  return [...keys]
}
