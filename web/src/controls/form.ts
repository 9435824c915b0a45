// The control form's state and what it sends: the whole object on create, only the changed
// fields plus the loaded version on edit. Validation is the server's; its field names
// ("requirement_keys[2]", "check_interval_months") are mapped onto the form's inputs.
import type { FieldErrorDetail } from '../api/types'
import type { Control, ControlClassification, ControlStatus } from './types'

export interface ControlForm {
  title: string
  description: string
  /** "" = no owner */
  owner_id: string
  status: ControlStatus
  classification: ControlClassification
  requirement_keys: string[]
  /** YYYY-MM-DD or "" */
  next_check_on: string
  /** as typed; the server checks 1..36 */
  check_interval_months: string
}

export function emptyControlForm(requirementKey?: string): ControlForm {
  return {
    title: '',
    description: '',
    owner_id: '',
    status: 'planned',
    classification: 'internal',
    requirement_keys: requirementKey ? [requirementKey] : [],
    next_check_on: '',
    check_interval_months: '12',
  }
}

export function formFromControl(c: Control): ControlForm {
  return {
    title: c.title ?? '',
    description: c.description ?? '',
    owner_id: c.owner_id ?? '',
    status: c.status,
    classification: c.classification,
    requirement_keys: [...(c.requirement_keys ?? [])],
    next_check_on: c.next_check_on ?? '',
    check_interval_months: String(c.check_interval_months ?? 12),
  }
}

/** A number when the text is one, else the text itself (the server names the field). */
function intOrText(value: string): number | string {
  const t = value.trim()
  return /^-?\d+$/.test(t) ? Number(t) : t
}

function wire(form: ControlForm): Record<string, unknown> {
  return {
    title: form.title,
    description: form.description,
    owner_id: form.owner_id === '' ? null : form.owner_id,
    status: form.status,
    classification: form.classification,
    requirement_keys: form.requirement_keys,
    next_check_on: form.next_check_on === '' ? null : form.next_check_on,
    check_interval_months: intOrText(form.check_interval_months),
  }
}

export function controlCreateBody(form: ControlForm): Record<string, unknown> {
  return wire(form)
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    // requirement keys are a set: order does not make a change
    return a.length === b.length && [...a].map(String).sort().join('\n') === [...b].map(String).sort().join('\n')
  }
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The changed fields plus version, or undefined when nothing changed. */
export function controlPatchBody(initial: ControlForm, form: ControlForm, version: number): Record<string, unknown> | undefined {
  const before = wire(initial)
  const after = wire(form)
  const body: Record<string, unknown> = {}
  for (const key of Object.keys(after)) if (!sameValue(before[key], after[key])) body[key] = after[key]
  if (Object.keys(body).length === 0) return undefined
  return { ...body, version }
}

export const controlFormFields = [
  'title',
  'description',
  'owner_id',
  'status',
  'classification',
  'requirement_keys',
  'next_check_on',
  'check_interval_months',
] as const

export interface ControlFormErrors {
  byField: Record<string, string[]>
  summary: { field?: string; message: string }[]
}

export const noControlFormErrors: ControlFormErrors = { byField: {}, summary: [] }

/**
 * Messages by input. "requirement_keys[1]" goes to the requirement picker and names the
 * key it is about, so the user sees which of several was refused.
 */
export function controlFormErrors(details: readonly FieldErrorDetail[], keys: readonly string[] = []): ControlFormErrors {
  const byField: Record<string, string[]> = {}
  const summary: ControlFormErrors['summary'] = []
  for (const d of details) {
    const field = d.field ?? ''
    const base = /^[^[.]+/.exec(field)?.[0] ?? ''
    if ((controlFormFields as readonly string[]).includes(base)) {
      const index = /^requirement_keys\[(\d+)\]/.exec(field)
      const key = index ? keys[Number(index[1])] : undefined
      const message = key ? `${key}: ${d.message}` : d.message
      ;(byField[base] ??= []).push(message)
      summary.push({ field: base, message: `${field}: ${d.message}` })
    } else {
      summary.push({ message: field ? `${field}: ${d.message}` : d.message })
    }
  }
  return { byField, summary }
}
