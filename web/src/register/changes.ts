// Turns a ledger entry's `change` object into readable lines, using the register's field
// labels and option labels. Updates are {"field":{"from":..,"to":..}}; other actions record
// plain values (e.g. the created object, or {"reason": ...} for an archive).
import type { RegisterDescriptor } from '../api/types'
import { EMPTY, optionLabel } from './display'

export interface ChangeLine {
  field: string
  label: string
  from?: string
  to: string
  isDiff: boolean
}

function isDiff(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'to' in value && 'from' in value
}

function labelOf(descriptor: RegisterDescriptor | undefined, field: string): string {
  const f = descriptor?.fields.find((x) => x.name === field)
  if (f) return f.label
  if (field === 'justification') return 'Justification'
  if (field === 'reason') return 'Reason'
  return field.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
}

export function formatChangeValue(descriptor: RegisterDescriptor | undefined, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return EMPTY
  const f = descriptor?.fields.find((x) => x.name === field)
  if (f && (f.type === 'enum' || f.type === 'level')) return optionLabel(f, value)
  if (Array.isArray(value)) return value.length === 0 ? EMPTY : value.map((v) => String(v)).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Resolves a referenced object's id to its name (reference register, id) -> label. */
export type ResolveReference = (reference: string, id: string) => string | undefined

function resolveIds(
  descriptor: RegisterDescriptor | undefined,
  field: string,
  value: unknown,
  resolve: ResolveReference | undefined,
): unknown {
  const f = descriptor?.fields.find((x) => x.name === field)
  if (!resolve || !f?.reference) return value
  const one = (v: unknown) => (typeof v === 'string' ? (resolve(f.reference ?? '', v) ?? v) : v)
  return Array.isArray(value) ? value.map(one) : one(value)
}

/** Descriptor order first (how the form reads), then anything else, meta notes last. */
function order(descriptor: RegisterDescriptor | undefined, field: string): number {
  const i = descriptor?.fields.findIndex((f) => f.name === field) ?? -1
  if (i >= 0) return i
  return field === 'justification' || field === 'reason' ? 10_000 : 5_000
}

export function changeLines(
  descriptor: RegisterDescriptor | undefined,
  change: unknown,
  resolve?: ResolveReference,
): ChangeLine[] {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) {
    return change === undefined || change === null
      ? []
      : [{ field: '', label: 'Change', to: JSON.stringify(change), isDiff: false }]
  }
  // "id" is the ledger entry's object_id already.
  const readOnly = new Set(['id', ...(descriptor?.fields.filter((f) => f.read_only).map((f) => f.name) ?? [])])
  const show = (field: string, value: unknown) => formatChangeValue(descriptor, field, resolveIds(descriptor, field, value, resolve))
  return (
    Object.entries(change as Record<string, unknown>)
      // A created object's empty fields say nothing, nor do its bookkeeping fields (id,
      // version, timestamps); a diff always does (even a cleared value).
      .filter(
        ([field, value]) =>
          isDiff(value) ||
          !(readOnly.has(field) || value === null || value === '' || (Array.isArray(value) && value.length === 0)),
      )
      .sort(([a], [b]) => order(descriptor, a) - order(descriptor, b))
      .map(([field, value]) =>
        isDiff(value)
          ? { field, label: labelOf(descriptor, field), from: show(field, value.from), to: show(field, value.to), isDiff: true }
          : { field, label: labelOf(descriptor, field), to: show(field, value), isDiff: false },
      )
  )
}

/** "asset.update" -> "Updated"; unknown verbs are shown as they are. */
export function actionLabel(action: string): string {
  const verb = action.includes('.') ? action.slice(action.lastIndexOf('.') + 1) : action
  const known: Record<string, string> = {
    create: 'Created',
    update: 'Updated',
    archive: 'Archived',
    unarchive: 'Restored',
    demo: 'Demo data',
  }
  return known[verb] ?? action
}
