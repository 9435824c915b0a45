// Editor form state for a document draft: what the inputs hold (strings, as typed), how
// it is built from the server's view, and what a save sends: on create the fields the
// contract lists, on update only the changed fields plus the draft's version.
import type { ChangeLogEntry, DocumentView } from '../api/types'

export interface ChangeLogRow {
  /** local identity for React lists and row operations; never sent */
  key: number
  version: string
  /** YYYY-MM-DD or "" */
  date: string
  author: string
  changes: string
}

export interface DocForm {
  kind: string
  title: string
  classification: string
  label: string
  /** YYYY-MM-DD or "" */
  last_update: string
  author: string
  information_owner: string
  approver: string
  /** as typed */
  review_interval_months: string
  requires_acknowledgement: boolean
  change_log: ChangeLogRow[]
  body: string
  /** "" = none */
  owner_person_id: string
  working_group_ids: string[]
}

/** Every field the form shows (API errors on others go to the summary). */
export const FORM_FIELDS = [
  'kind',
  'title',
  'classification',
  'label',
  'last_update',
  'author',
  'information_owner',
  'approver',
  'review_interval_months',
  'requires_acknowledgement',
  'change_log',
  'body',
  'owner_person_id',
  'working_group_ids',
] as const

let nextRowKey = 1

export function newRow(init: Partial<Omit<ChangeLogRow, 'key'>> = {}): ChangeLogRow {
  return { key: nextRowKey++, version: '', date: '', author: '', changes: '', ...init }
}

export function rowsFrom(entries: readonly ChangeLogEntry[] | undefined): ChangeLogRow[] {
  return (entries ?? []).map((e) =>
    newRow({ version: e.version ?? '', date: e.date ?? '', author: e.author ?? '', changes: e.changes ?? '' }),
  )
}

export function entriesFrom(rows: readonly ChangeLogRow[]): ChangeLogEntry[] {
  return rows.map((r) => ({ version: r.version.trim(), date: r.date.trim() === '' ? null : r.date.trim(), author: r.author, changes: r.changes }))
}

export function emptyForm(): DocForm {
  return {
    kind: 'policy',
    title: '',
    classification: 'internal',
    label: '1.0',
    last_update: '',
    author: '',
    information_owner: '',
    approver: '',
    review_interval_months: '12',
    requires_acknowledgement: false,
    change_log: [],
    body: '',
    owner_person_id: '',
    working_group_ids: [],
  }
}

export function formFromView(view: DocumentView): DocForm {
  const v = view.latest
  const d = view.document
  return {
    kind: String(d.kind ?? 'policy'),
    title: v.title ?? d.title ?? '',
    classification: v.classification ?? d.classification ?? 'internal',
    label: v.label ?? '',
    last_update: v.last_update ?? '',
    author: v.author ?? '',
    information_owner: v.information_owner ?? d.information_owner ?? '',
    approver: v.approver ?? '',
    review_interval_months: v.review_interval_months === undefined ? '' : String(v.review_interval_months),
    requires_acknowledgement: v.requires_acknowledgement === true,
    change_log: rowsFrom(v.change_log),
    body: v.body ?? '',
    owner_person_id: d.owner_person_id ?? '',
    working_group_ids: [...(d.working_group_ids ?? [])],
  }
}

/** The months as a number when it is one; otherwise the text, for the server to refuse by name. */
function months(value: string): number | string {
  const t = value.trim()
  return /^\d{1,6}$/.test(t) ? Number(t) : t
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  const s = new Set(a)
  return b.every((x) => s.has(x))
}

function sameLog(a: readonly ChangeLogRow[], b: readonly ChangeLogRow[]): boolean {
  return JSON.stringify(entriesFrom(a)) === JSON.stringify(entriesFrom(b))
}

/** Changed fields only (empty object: nothing to save). */
export function changedFields(initial: DocForm, form: DocForm): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const text = ['title', 'classification', 'label', 'author', 'information_owner', 'approver', 'body'] as const
  for (const k of text) if (form[k] !== initial[k]) out[k] = form[k]
  if (form.last_update.trim() !== initial.last_update.trim()) out.last_update = form.last_update.trim() === '' ? null : form.last_update.trim()
  if (form.review_interval_months.trim() !== initial.review_interval_months.trim()) out.review_interval_months = months(form.review_interval_months)
  if (form.requires_acknowledgement !== initial.requires_acknowledgement) out.requires_acknowledgement = form.requires_acknowledgement
  if (!sameLog(initial.change_log, form.change_log)) out.change_log = entriesFrom(form.change_log)
  if (form.owner_person_id !== initial.owner_person_id) out.owner_person_id = form.owner_person_id === '' ? null : form.owner_person_id
  if (!sameSet(initial.working_group_ids, form.working_group_ids)) out.working_group_ids = [...form.working_group_ids]
  return out
}

/** PATCH body: the changed fields and the version of the draft that was loaded. */
export function patchBody(initial: DocForm, form: DocForm, version: number): Record<string, unknown> | undefined {
  const changed = changedFields(initial, form)
  if (Object.keys(changed).length === 0) return undefined
  return { ...changed, version }
}

/** POST body of a new document: what was filled in (empty optional fields left out). */
export function createBody(form: DocForm): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: form.kind, title: form.title, classification: form.classification }
  const optional = ['label', 'information_owner', 'author', 'body', 'last_update', 'approver'] as const
  for (const k of optional) if (form[k].trim() !== '') out[k] = form[k]
  if (form.change_log.length > 0) out.change_log = entriesFrom(form.change_log)
  if (form.review_interval_months.trim() !== '') out.review_interval_months = months(form.review_interval_months)
  if (form.requires_acknowledgement) out.requires_acknowledgement = true
  if (form.owner_person_id !== '') out.owner_person_id = form.owner_person_id
  if (form.working_group_ids.length > 0) out.working_group_ids = [...form.working_group_ids]
  return out
}

// --- change-log rows -----------------------------------------------------------------

export function updateRow(rows: readonly ChangeLogRow[], key: number, patch: Partial<Omit<ChangeLogRow, 'key'>>): ChangeLogRow[] {
  return rows.map((r) => (r.key === key ? { ...r, ...patch } : r))
}

export function removeRow(rows: readonly ChangeLogRow[], key: number): ChangeLogRow[] {
  return rows.filter((r) => r.key !== key)
}

/** Moves a row up (-1) or down (+1); out of range does nothing. */
export function moveRow(rows: readonly ChangeLogRow[], key: number, delta: -1 | 1): ChangeLogRow[] {
  const i = rows.findIndex((r) => r.key === key)
  const j = i + delta
  if (i < 0 || j < 0 || j >= rows.length) return [...rows]
  const out = [...rows]
  ;[out[i], out[j]] = [out[j], out[i]]
  return out
}

/** A new row for this edit: the version label, today, the author. */
export function rowForEdit(form: DocForm, today: string): ChangeLogRow {
  return newRow({ version: form.label, date: today, author: form.author })
}

/** Local date as YYYY-MM-DD. */
export function isoDate(d: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

// --- API errors on the form ------------------------------------------------------------

export interface EditorErrors {
  byField: Record<string, string[]>
  /** every problem, with the field it belongs to when the form shows it */
  summary: { field?: string; message: string }[]
}

export const noEditorErrors: EditorErrors = { byField: {}, summary: [] }

/**
 * A 422's details placed on the form: "change_log[2].date" goes to the change log as
 * "Row 3, date: ..."; fields the form does not show ("version") only to the summary.
 */
export function editorErrors(details: readonly { field?: string; message: string }[]): EditorErrors {
  const byField: Record<string, string[]> = {}
  const summary: EditorErrors['summary'] = []
  const shown = FORM_FIELDS as readonly string[]
  for (const d of details) {
    const m = d.field ? /^([a-z_]+)(?:\[(\d+)\](?:\.([a-z_]+))?)?/.exec(d.field) : null
    const base = m?.[1]
    if (base && shown.includes(base)) {
      const where = m?.[2] !== undefined ? `Row ${Number(m[2]) + 1}${m?.[3] ? `, ${m[3]}` : ''}: ` : ''
      const message = where + d.message
      ;(byField[base] ??= []).push(message)
      summary.push({ field: base, message })
    } else {
      summary.push({ message: d.field ? `${d.field}: ${d.message}` : d.message })
    }
  }
  return { byField, summary }
}
