// Maps an API error onto a form: messages per field (shown next to the input) and a
// summary list (shown at the top, with links to the fields). Anything the form cannot
// place -- a field it does not show, or no field at all -- still reaches the summary.
import { ApiError } from '../api/client'

export interface SummaryItem {
  field?: string
  message: string
}

export interface FormErrors {
  byField: Record<string, string[]>
  summary: SummaryItem[]
}

export const noErrors: FormErrors = { byField: {}, summary: [] }

/** "depends_on[2]" or "depends_on.2" -> "depends_on". */
export function baseField(field: string): string {
  const m = /^[^[.]+/.exec(field)
  return m ? m[0] : field
}

export function formErrorsFrom(error: ApiError, shownFields: readonly string[]): FormErrors {
  const details =
    error.details.length > 0 ? error.details : [{ field: error.field, message: error.message }]
  const byField: Record<string, string[]> = {}
  const summary: SummaryItem[] = []
  for (const detail of details) {
    const field = detail.field ? baseField(detail.field) : undefined
    if (field && shownFields.includes(field)) {
      ;(byField[field] ??= []).push(detail.message)
      summary.push({ field, message: detail.message })
    } else {
      // e.g. "version", or an unknown field: not placeable next to an input.
      summary.push({ message: detail.field ? `${detail.field}: ${detail.message}` : detail.message })
    }
  }
  return { byField, summary }
}
