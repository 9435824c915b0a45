// Display of a version diff: the server sends every line of the body with its op and
// line numbers; long runs of unchanged lines fold to a few lines of context around each
// change ("⋯ 42 unchanged lines"), like a unified diff.
import type { DiffLine, DocumentVersion } from '../api/types'

export type DiffRow = { kind: 'line'; line: DiffLine } | { kind: 'fold'; count: number; from: number; to: number }

/**
 * Rows to show with `context` unchanged lines kept before and after each change. A fold
 * replaces a run only when it hides more than one line.
 */
export function foldUnchanged(lines: readonly DiffLine[], context = 3): DiffRow[] {
  const keep = new Array<boolean>(lines.length).fill(false)
  lines.forEach((l, i) => {
    if (l.op === ' ') return
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep[j] = true
  })
  const out: DiffRow[] = []
  let i = 0
  while (i < lines.length) {
    if (keep[i]) {
      out.push({ kind: 'line', line: lines[i] })
      i++
      continue
    }
    let j = i
    while (j < lines.length && !keep[j]) j++
    if (j - i > 1) out.push({ kind: 'fold', count: j - i, from: i, to: j })
    else out.push({ kind: 'line', line: lines[i] })
    i = j
  }
  return out
}

export function diffLineClass(op: string): string {
  return op === '+' ? 'diff-add' : op === '-' ? 'diff-del' : 'diff-same'
}

/** Readable names of the diffed fields. */
export const fieldLabels: Record<string, string> = {
  title: 'Title',
  classification: 'Classification',
  label: 'Version label',
  last_update: 'Last update',
  author: 'Author',
  information_owner: 'Information owner',
  approver: 'Approver',
  change_log: 'Change log',
  review_interval_months: 'Review interval (months)',
  requires_acknowledgement: 'Requires acknowledgement',
}

/**
 * Default pair for the diff view: the version before the latest -> the latest (by
 * number); undefined with fewer than two versions.
 */
export function defaultDiffPair(versions: readonly Pick<DocumentVersion, 'id' | 'number'>[]): { from: string; to: string } | undefined {
  if (versions.length < 2) return undefined
  const sorted = [...versions].sort((a, b) => a.number - b.number)
  return { from: sorted[sorted.length - 2].id, to: sorted[sorted.length - 1].id }
}
