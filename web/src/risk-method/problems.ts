// The server's messages about a method, by field path ("grid[1][3]", "impact[2].name").
import type { FieldErrorDetail } from '../api/types'

/** Server field paths of a method refer to the method object; the body nests it. */
export function methodErrorPath(field: string | undefined): string {
  return (field ?? '').replace(/^method\./, '')
}

export interface Problems {
  byPath: Map<string, string[]>
  summary: string[]
}

export const noProblems: Problems = { byPath: new Map(), summary: [] }

export function problemsFrom(details: readonly FieldErrorDetail[]): Problems {
  const byPath = new Map<string, string[]>()
  const summary: string[] = []
  for (const d of details) {
    const path = methodErrorPath(d.field)
    if (path !== '') byPath.set(path, [...(byPath.get(path) ?? []), d.message])
    summary.push(path !== '' ? `${path}: ${d.message}` : d.message)
  }
  return { byPath, summary }
}
