// How a field's value reads in lists and detail views: option labels instead of codes,
// dates in the reader's local time, a dash for "nothing".
import type { FieldDescriptor, RegisterDescriptor, RegisterRecord } from '../api/types'

export const EMPTY = '—'

export function optionLabel(field: FieldDescriptor, value: unknown): string {
  const option = (field.options ?? []).find((o) => String(o.value) === String(value))
  return option ? option.label : String(value)
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
})

export function formatDateTime(value: unknown): string {
  if (typeof value !== 'string' || value === '') return EMPTY
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? value : dateFormat.format(d)
}

/** Plain-text value of a field (references use their display field when there is one). */
export function formatValue(field: FieldDescriptor, record: RegisterRecord): string {
  if (field.type === 'reference' && field.display_field) {
    const shown = record[field.display_field]
    if (typeof shown === 'string' && shown !== '') return shown
  }
  const value = record[field.name]
  if (value === null || value === undefined || value === '') return EMPTY
  switch (field.type) {
    case 'enum':
    case 'level':
      return optionLabel(field, value)
    case 'datetime':
      return formatDateTime(value)
    case 'boolean':
      return value === true ? 'Yes' : 'No'
    case 'reference_list':
      return Array.isArray(value) ? (value.length === 0 ? EMPTY : `${value.length}`) : String(value)
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value)
  }
}

/** Fields that only carry another field's display text (e.g. owner_name for owner_id). */
export function displayOnlyFields(descriptor: RegisterDescriptor): Set<string> {
  return new Set(descriptor.fields.flatMap((f) => (f.display_field ? [f.display_field] : [])))
}

export function fieldByName(descriptor: RegisterDescriptor, name: string): FieldDescriptor | undefined {
  return descriptor.fields.find((f) => f.name === name)
}

/** CSS modifier for values with a meaning a CISO scans for (classification, levels). */
export function toneOf(field: FieldDescriptor, value: unknown): string | undefined {
  if (field.type === 'level' && typeof value === 'number') return `level-${value}`
  if (field.name === 'classification' && typeof value === 'string') return `class-${value}`
  if (field.name === 'lifecycle_status' && typeof value === 'string') return `life-${value}`
  return undefined
}

/**
 * Lists leave out the content of objects the reader may list but whose content is
 * confidential (`"content_hidden": true`, description null): such a field reads
 * "hidden (confidential)", not as empty.
 */
export function isHiddenContent(field: FieldDescriptor, record: RegisterRecord): boolean {
  if (record.content_hidden !== true) return false
  const value = record[field.name]
  return (value === null || value === undefined) && (field.type === 'text' || field.name === 'description')
}
