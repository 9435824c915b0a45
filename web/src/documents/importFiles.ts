// Document import: files read as text in the browser, posted together; one bad file
// refuses the whole import with an error naming files[i], which the UI turns back into
// the file's name.
import { ApiError } from '../api/client'

export interface ImportFile {
  name: string
  content: string
}

export const MAX_IMPORT_FILES = 200
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024

/** "files[3].content" -> 3; undefined when the field names no file. */
export function fileIndexOf(field: string | undefined): number | undefined {
  if (!field) return undefined
  const m = /^files\[(\d+)\]/.exec(field)
  return m ? Number(m[1]) : undefined
}

export interface FileProblem {
  /** the file's name when the field names one */
  file?: string
  field?: string
  message: string
}

/** Every problem of a refused import, with file names instead of indexes. */
export function importProblems(error: ApiError, names: readonly string[]): FileProblem[] {
  const details = error.details.length > 0 ? error.details : [{ field: error.field, message: error.message }]
  return details.map((d) => {
    const i = fileIndexOf(d.field)
    const rest = d.field && i !== undefined ? d.field.replace(/^files\[\d+\]\.?/, '') : d.field
    return {
      file: i !== undefined ? (names[i] ?? `file ${i + 1}`) : undefined,
      field: rest === '' ? undefined : rest,
      message: d.message,
    }
  })
}

/** Problems before sending: too many files, too large in total. */
export function importLimits(files: readonly { name: string; size: number }[]): string | undefined {
  if (files.length > MAX_IMPORT_FILES) return `At most ${MAX_IMPORT_FILES} files per import (${files.length} chosen).`
  const total = files.reduce((n, f) => n + f.size, 0)
  if (total > MAX_IMPORT_BYTES) return `At most 8 MiB per import (${(total / 1024 / 1024).toFixed(1)} MiB chosen).`
  return undefined
}

export const actionLabels: Record<string, string> = {
  created: 'Created',
  new_version: 'New version',
  updated_draft: 'Draft updated',
  unchanged: 'Unchanged',
}
