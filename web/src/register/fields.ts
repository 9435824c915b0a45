// Descriptor -> form: which input each field gets, the form's initial values, and the
// request body built from them. Form values are kept as strings (what <input>/<select>
// hold) and converted to wire types only when a body is built.
import type { FieldDescriptor, RegisterDescriptor, RegisterRecord } from '../api/types'

export type InputKind = 'text' | 'textarea' | 'select' | 'reference' | 'multi' | 'checkbox' | 'number' | 'datetime'

export type FormValue = string | string[] | boolean
export type FormValues = Record<string, FormValue>

/** DOM id of a field's input (also the target of error-summary links). */
export function inputId(field: string): string {
  return `field-${field}`
}

/** The input used for a field, or null when the form does not show it (read-only). */
export function inputKind(field: FieldDescriptor): InputKind | null {
  if (field.read_only) return null
  switch (field.type) {
    case 'string':
      return 'text'
    case 'text':
      return 'textarea'
    case 'enum':
    case 'level':
      return 'select'
    case 'reference':
      return 'reference'
    case 'reference_list':
      return 'multi'
    case 'boolean':
      return 'checkbox'
    case 'integer':
      return 'number'
    case 'datetime':
      return 'datetime'
    default:
      // A type this UI does not know yet: show it as text rather than hiding data.
      return 'text'
  }
}

/** Writable fields, in descriptor order. */
export function formFields(descriptor: RegisterDescriptor): FieldDescriptor[] {
  return descriptor.fields.filter((f) => inputKind(f) !== null)
}

function toFormValue(field: FieldDescriptor, value: unknown): FormValue {
  const kind = inputKind(field)
  if (kind === 'multi') return Array.isArray(value) ? value.map(String) : []
  if (kind === 'checkbox') return value === true
  if (value === null || value === undefined) return ''
  return String(value)
}

/**
 * Initial values: the object's values when editing; for a new object the descriptor's
 * default, else the register config's default, else empty (the server applies its own).
 */
export function initialValues(
  descriptor: RegisterDescriptor,
  record?: RegisterRecord,
  defaults: Record<string, unknown> = {},
): FormValues {
  const values: FormValues = {}
  for (const field of formFields(descriptor)) {
    const source = record ? record[field.name] : (field.default ?? defaults[field.name])
    values[field.name] = toFormValue(field, source)
  }
  return values
}

/** The wire value of one form value; undefined means "leave it out of the body". */
export function toWire(field: FieldDescriptor, value: FormValue | undefined): unknown {
  const kind = inputKind(field)
  switch (kind) {
    case 'multi':
      return Array.isArray(value) ? value : []
    case 'checkbox':
      return value === true
    case 'reference':
      return value === '' || value === undefined ? null : value
    case 'number':
    case 'select': {
      if (value === '' || value === undefined || typeof value !== 'string') return undefined
      if (field.type === 'enum') return value
      // level / integer: send a number when it is one, else the raw text so the server's
      // validation (not the browser's) explains what is wrong.
      const n = Number(value)
      return Number.isInteger(n) ? n : value
    }
    case 'datetime':
      return value === '' ? undefined : value
    default:
      // Strings go as typed, empty included: the server says whether empty is allowed.
      return typeof value === 'string' ? value : ''
  }
}

export function createBody(descriptor: RegisterDescriptor, values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const field of formFields(descriptor)) {
    const wire = toWire(field, values[field.name])
    if (wire !== undefined) body[field.name] = wire
  }
  return body
}

function sameWire(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Only the fields the user changed: the ledger then records exactly the intended change. */
export function patchBody(
  descriptor: RegisterDescriptor,
  initial: FormValues,
  values: FormValues,
): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const field of formFields(descriptor)) {
    const before = toWire(field, initial[field.name])
    const after = toWire(field, values[field.name])
    if (!sameWire(before, after)) body[field.name] = after === undefined ? null : after
  }
  return body
}

/** Rank of an option value in the descriptor's (ascending) option order; -1 if unknown. */
export function optionRank(field: FieldDescriptor, value: unknown): number {
  return (field.options ?? []).findIndex((o) => String(o.value) === String(value))
}

/** The register's classification field, when it has one (DESIGN: classification on every object). */
export function classificationField(descriptor: RegisterDescriptor): FieldDescriptor | undefined {
  return descriptor.fields.find((f) => f.name === 'classification' && f.type === 'enum' && !f.read_only)
}

/** True when the edit lowers the classification: the API then requires a justification. */
export function lowersClassification(
  descriptor: RegisterDescriptor,
  initial: FormValues,
  values: FormValues,
): boolean {
  const field = classificationField(descriptor)
  if (!field) return false
  const from = optionRank(field, initial[field.name])
  const to = optionRank(field, values[field.name])
  return from >= 0 && to >= 0 && to < from
}
