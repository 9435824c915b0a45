import { describe, expect, it } from 'vitest'
import type { DiffLine } from '../api/types'
import { defaultDiffPair, diffLineClass, foldUnchanged } from './diff'

const same = (n: number): DiffLine => ({ op: ' ', text: `line ${n}`, old_line: n, new_line: n })

describe('diff display', () => {
  it('folds long unchanged runs and keeps context around changes', () => {
    const lines: DiffLine[] = [
      ...Array.from({ length: 10 }, (_, i) => same(i + 1)),
      { op: '-', text: 'old 11', old_line: 11, new_line: 0 },
      { op: '+', text: 'new 11', old_line: 0, new_line: 11 },
      ...Array.from({ length: 10 }, (_, i) => same(i + 12)),
    ]
    const rows = foldUnchanged(lines, 2)
    expect(rows.map((r) => (r.kind === 'fold' ? `…${r.count}` : `${r.line.op}${r.line.text}`))).toEqual([
      '…8',
      ' line 9',
      ' line 10',
      '-old 11',
      '+new 11',
      ' line 12',
      ' line 13',
      '…8',
    ])
  })

  it('does not fold a single line and keeps everything when all lines are changes', () => {
    const lines = [same(1), { op: '+', text: 'x', old_line: 0, new_line: 2 } as DiffLine, same(3), same(4), { op: '-', text: 'y', old_line: 5, new_line: 0 } as DiffLine]
    expect(foldUnchanged(lines, 1).every((r) => r.kind === 'line')).toBe(true)
    expect(foldUnchanged([], 3)).toEqual([])
    expect(foldUnchanged([same(1), same(2), same(3)], 3)).toEqual([{ kind: 'fold', count: 3, from: 0, to: 3 }])
  })

  it('colours lines by their op', () => {
    expect(diffLineClass('+')).toBe('diff-add')
    expect(diffLineClass('-')).toBe('diff-del')
    expect(diffLineClass(' ')).toBe('diff-same')
  })

  it('compares the previous version with the latest by default', () => {
    expect(defaultDiffPair([{ id: 'c', number: 3 }, { id: 'a', number: 1 }, { id: 'b', number: 2 }])).toEqual({ from: 'b', to: 'c' })
    expect(defaultDiffPair([{ id: 'a', number: 1 }])).toBeUndefined()
  })
})
