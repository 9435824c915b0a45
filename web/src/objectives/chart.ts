// The pure part of the indicator chart (IndicatorChart.tsx): the on-target rule on exact
// decimal strings (the same rule as the server's measurement_on_target) and the scales and
// points of an SVG line chart of values over time with the target line or band.

import type { Direction, Indicator, Measurement } from './types'

/** "-12.50" -> [mantissa, scale]; null when not a decimal string. */
function parseDecimal(text: string): [bigint, number] | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!m) return null
  const frac = m[3] ?? ''
  const mantissa = BigInt(m[2] + frac) * (m[1] === '-' ? -1n : 1n)
  return [mantissa, frac.length]
}

/** Exact comparison of two decimal strings: -1, 0 or 1; null when either is malformed. */
export function compareDecimal(a: string, b: string): number | null {
  const x = parseDecimal(a)
  const y = parseDecimal(b)
  if (!x || !y) return null
  const scale = Math.max(x[1], y[1])
  const ax = x[0] * 10n ** BigInt(scale - x[1])
  const by = y[0] * 10n ** BigInt(scale - y[1])
  return ax < by ? -1 : ax > by ? 1 : 0
}

/**
 * higher_is_better: value >= target; lower_is_better: value <= target; target_range:
 * min <= value <= max. null when the target does not fit the direction or a number is bad.
 */
export function onTarget(direction: Direction, target: string | [string, string] | null, value: string): boolean | null {
  if (target === null) return null
  if (direction === 'target_range') {
    if (!Array.isArray(target)) return null
    const lo = compareDecimal(target[0], value)
    const hi = compareDecimal(value, target[1])
    if (lo === null || hi === null) return null
    return lo <= 0 && hi <= 0
  }
  if (Array.isArray(target)) return null
  const c = compareDecimal(value, target)
  if (c === null) return null
  return direction === 'higher_is_better' ? c >= 0 : c <= 0
}

export interface ChartBox {
  width: number
  height: number
  left: number // room for the value axis
  right: number
  top: number
  bottom: number // room for the date axis
}

export const defaultBox: ChartBox = { width: 560, height: 220, left: 52, right: 16, top: 12, bottom: 28 }

export interface ChartPoint {
  x: number
  y: number
  value: string
  date: string
  onTarget: boolean | null
}

export interface ChartModel {
  points: ChartPoint[]
  path: string // the line through the points, "" with fewer than two
  target: { y: number } | null // higher/lower is better
  band: { y1: number; y2: number } | null // target_range: y1 (max) is above y2 (min)
  yTicks: { y: number; label: string }[]
  xTicks: { x: number; label: string }[]
  domain: [number, number] // the value axis
}

const dayMs = 86_400_000
function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / dayMs)
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

/** Tick labels without floating point noise ("0.30000000000000004" -> "0.3"). */
function tickLabel(v: number): string {
  return String(Number(v.toPrecision(10)))
}

/** A step of 1, 2 or 5 times a power of ten giving about `count` ticks over span. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1
  const raw = span / Math.max(1, count)
  const power = 10 ** Math.floor(Math.log10(raw))
  const f = raw / power
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power
}

/**
 * Points in the order given (the API's chart order: measured_on, then recording order),
 * x by date (the first and last dates at the edges; one date in the middle), y by value
 * over a domain covering every value and the target, widened to nice ticks.
 */
export function chartModel(measurements: readonly Measurement[], direction: Direction, target: string | [string, string] | null, box: ChartBox = defaultBox): ChartModel {
  const values = measurements.map((m) => Number(m.value))
  const targets = target === null ? [] : Array.isArray(target) ? target.map(Number) : [Number(target)]
  const all = [...values, ...targets].filter((v) => Number.isFinite(v))
  let lo = all.length > 0 ? Math.min(...all) : 0
  let hi = all.length > 0 ? Math.max(...all) : 1
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1
    lo -= pad
    hi += pad
  }
  const step = niceStep(hi - lo, 4)
  lo = Math.floor(lo / step) * step
  hi = Math.ceil(hi / step) * step
  const plotW = box.width - box.left - box.right
  const plotH = box.height - box.top - box.bottom
  const y = (v: number) => round(box.top + plotH - ((v - lo) / (hi - lo)) * plotH)
  const days = measurements.map((m) => dayNumber(m.measured_on))
  const d0 = days.length > 0 ? Math.min(...days) : 0
  const d1 = days.length > 0 ? Math.max(...days) : 0
  const x = (d: number) => round(d1 === d0 ? box.left + plotW / 2 : box.left + ((d - d0) / (d1 - d0)) * plotW)
  const points = measurements.map((m, i) => ({ x: x(days[i]), y: y(values[i]), value: m.value, date: m.measured_on, onTarget: onTarget(direction, target, m.value) }))
  const path = points.length < 2 ? '' : points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ')
  const yTicks: { y: number; label: string }[] = []
  for (let v = lo, n = 0; v <= hi + step / 2 && n < 50; v += step, n++) yTicks.push({ y: y(v), label: tickLabel(v) })
  const xTicks: { x: number; label: string }[] = []
  if (measurements.length > 0) {
    xTicks.push({ x: x(d0), label: measurements[days.indexOf(d0)].measured_on })
    if (d1 !== d0) xTicks.push({ x: x(d1), label: measurements[days.indexOf(d1)].measured_on })
  }
  let targetLine: ChartModel['target'] = null
  let band: ChartModel['band'] = null
  if (direction === 'target_range' && Array.isArray(target)) band = { y1: y(Number(target[1])), y2: y(Number(target[0])) }
  else if (typeof target === 'string') targetLine = { y: y(Number(target)) }
  return { points, path, target: targetLine, band, yTicks, xTicks, domain: [lo, hi] }
}

/** "at least 99.9 %", "between 4 and 8 h": the target in words. */
export function targetText(i: Pick<Indicator, 'direction' | 'target' | 'unit'>): string {
  const unit = i.unit ? ` ${i.unit}` : ''
  if (Array.isArray(i.target)) return `between ${i.target[0]} and ${i.target[1]}${unit}`
  if (i.target === null) return 'none'
  return `${i.direction === 'lower_is_better' ? 'at most' : 'at least'} ${i.target}${unit}`
}
