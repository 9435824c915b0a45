// The risk method editor's state: scales, levels, grid and appetite as one object, with
// the edits that must keep it consistent (a scale that grows gets a grid row/column, a
// removed level lowers the cells that used it), the maps a changed scale size needs
// (old value -> new value) and the request bodies of preview and save. The rules
// themselves (sizes, monotone grid, names) are the server's; monotoneProblems() only
// points at cells while editing.
import type { RiskLevel, RiskMethod, RiskMethodInput, ScaleLevel } from '../risks/types'

export type MethodForm = RiskMethodInput
export type Axis = 'likelihood' | 'impact'
/** old value -> new value */
export type ScaleMap = Record<string, number>

export const SCALE_MIN = 3
export const SCALE_MAX = 6
export const LEVELS_MIN = 2
export const LEVELS_MAX = 6

export function formFromMethod(m: RiskMethod): MethodForm {
  return {
    name: m.name,
    likelihood: m.likelihood.map((s) => ({ ...s })),
    impact: m.impact.map((s) => ({ ...s })),
    levels: m.levels.map((l) => ({ ...l })),
    grid: m.grid.map((row) => [...row]),
    appetite_rank: m.appetite_rank,
    acceptance_role_key: m.acceptance_role_key,
    acceptance_validity_months: m.acceptance_validity_months,
    // a new version needs its own reason
    change_note: '',
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n))
}

/** A scale of n values, keeping the first ones; new values get placeholder names. */
export function resizeScale(scale: readonly ScaleLevel[], n: number): ScaleLevel[] {
  const out: ScaleLevel[] = []
  for (let i = 0; i < n; i++) out.push(scale[i] ? { ...scale[i], value: i + 1 } : { value: i + 1, name: `Level ${i + 1}`, description: '' })
  return out
}

/**
 * A rows x cols grid from an existing one: kept cells stay, a new row copies the row
 * below it and a new column the column to its left (so the grid stays monotone).
 */
export function resizeGrid(grid: readonly (readonly number[])[], rows: number, cols: number): number[][] {
  const out: number[][] = []
  for (let l = 0; l < rows; l++) {
    const src = grid[Math.min(l, grid.length - 1)] ?? []
    const row: number[] = []
    for (let i = 0; i < cols; i++) {
      const v = src[Math.min(i, src.length - 1)]
      row.push(typeof v === 'number' ? v : (row[i - 1] ?? 0))
    }
    out.push(row)
  }
  return out
}

export function setScaleSize(form: MethodForm, axis: Axis, n: number): MethodForm {
  const size = clamp(n, SCALE_MIN, SCALE_MAX)
  const next = { ...form, [axis]: resizeScale(form[axis], size) }
  const rows = axis === 'likelihood' ? size : form.likelihood.length
  const cols = axis === 'impact' ? size : form.impact.length
  return { ...next, grid: resizeGrid(form.grid, rows, cols) }
}

const defaultColours = ['#2e7d32', '#f9a825', '#ef6c00', '#c62828', '#6a1b9a', '#37474f']

/** n levels, ranks renumbered; cells and appetite above the highest rank come down to it. */
export function setLevelCount(form: MethodForm, n: number): MethodForm {
  const count = clamp(n, LEVELS_MIN, LEVELS_MAX)
  const levels: RiskLevel[] = []
  for (let r = 0; r < count; r++) {
    levels.push(form.levels[r] ? { ...form.levels[r], rank: r } : { rank: r, key: `level_${r + 1}`, name: `Level ${r + 1}`, colour: defaultColours[r] ?? '#607d8b' })
  }
  const top = count - 1
  return {
    ...form,
    levels,
    grid: form.grid.map((row) => row.map((v) => Math.min(v, top))),
    appetite_rank: Math.min(form.appetite_rank, top),
  }
}

/** Where each old value goes when a scale changes size: the same relative position. */
export function defaultMap(oldSize: number, newSize: number): ScaleMap {
  const map: ScaleMap = {}
  for (let v = 1; v <= oldSize; v++) {
    map[String(v)] = oldSize === 1 ? 1 : clamp(Math.round(((v - 1) * (newSize - 1)) / (oldSize - 1)) + 1, 1, newSize)
  }
  return map
}

export function needsMap(current: RiskMethod, form: MethodForm, axis: Axis): boolean {
  return current[axis].length !== form[axis].length
}

/** The map to send: only for a scale whose size changed, entries within the new scale. */
export function mapFor(current: RiskMethod, form: MethodForm, axis: Axis, chosen: ScaleMap | undefined): ScaleMap | undefined {
  if (!needsMap(current, form, axis)) return undefined
  const fallback = defaultMap(current[axis].length, form[axis].length)
  const out: ScaleMap = {}
  for (const k of Object.keys(fallback)) {
    const v = chosen?.[k]
    out[k] = typeof v === 'number' && v >= 1 && v <= form[axis].length ? v : fallback[k]
  }
  return out
}

export interface Maps {
  likelihood?: ScaleMap
  impact?: ScaleMap
}

export function previewBody(current: RiskMethod, form: MethodForm, maps: Maps): Record<string, unknown> {
  const body: Record<string, unknown> = { method: form }
  const l = mapFor(current, form, 'likelihood', maps.likelihood)
  const i = mapFor(current, form, 'impact', maps.impact)
  if (l) body.likelihood_map = l
  if (i) body.impact_map = i
  return body
}

export function saveBody(current: RiskMethod, form: MethodForm, maps: Maps, rerate: boolean): Record<string, unknown> {
  return { ...previewBody(current, form, maps), expected_number: current.number, rerate }
}

/**
 * Cells lower than the cell below them (less likely) or to their left (lower impact),
 * as "likelihood L, impact I" positions (1-based): the server refuses such a grid.
 */
export function monotoneProblems(grid: readonly (readonly number[])[]): { likelihood: number; impact: number }[] {
  const out: { likelihood: number; impact: number }[] = []
  for (let l = 0; l < grid.length; l++) {
    for (let i = 0; i < grid[l].length; i++) {
      const v = grid[l][i]
      const lower = l > 0 && v < grid[l - 1][i]
      const left = i > 0 && v < grid[l][i - 1]
      if (lower || left) out.push({ likelihood: l + 1, impact: i + 1 })
    }
  }
  return out
}
