import { describe, expect, it } from 'vitest'
import { byteSpanToRange, lineContext, markSegments, positionOf, positionsOf, utf8Length } from './offsets'

/** The byte offset of `needle` in `text`, the way the server counts (UTF-8). */
const byteOffset = (text: string, needle: string) => utf8Length(text.slice(0, text.indexOf(needle)))

describe('UTF-8 byte offsets to textarea positions', () => {
  it('is the identity on ASCII, with lines and columns from 1', () => {
    const text = 'Scope [ISO27001 4.3]\nSecond [NIS 1.1]'
    expect(positionOf(text, 0)).toEqual({ byte: 0, index: 0, line: 1, col: 1 })
    expect(positionOf(text, 7)).toMatchObject({ index: 7, line: 1, col: 8 })
    const nis = text.indexOf('NIS')
    expect(positionOf(text, nis)).toMatchObject({ index: nis, line: 2, col: 9 })
  })

  it('counts 2-, 3- and 4-byte characters correctly', () => {
    // å: 2 bytes, 1 unit; €: 3 bytes, 1 unit; 😀: 4 bytes, 2 units (surrogate pair)
    const text = 'Åtkomst € 😀 [ISO27002 A5.15]'
    const at = byteOffset(text, 'ISO27002')
    expect(at).toBe(text.indexOf('ISO27002') + 1 + 2 + 2) // Å +1, € +2, 😀 +2 bytes beyond its UTF-16 units
    const p = positionOf(text, at)
    expect(p.index).toBe(text.indexOf('ISO27002'))
    expect(text.slice(p.index, p.index + 8)).toBe('ISO27002')
    // columns count characters: the emoji is one column
    expect(p.col).toBe([...text.slice(0, p.index)].length + 1)
  })

  it('selects the exact span of a reference after multi-byte text', () => {
    const text = 'Ansvar för “ledningen” 🛡️ [ISO27002 A5.2, 5.4]'
    const raw = 'A5.2'
    const { start, end } = byteSpanToRange(text, byteOffset(text, raw), utf8Length(raw))
    expect(text.slice(start, end)).toBe(raw)
  })

  it('answers many offsets in one pass, in the order asked, clamped to the text', () => {
    const text = 'a\nß\n😀x'
    const ps = positionsOf(text, [utf8Length(text), 0, 3, 5, 999, -4])
    expect(ps.map((p) => [p.index, p.line, p.col])).toEqual([
      [text.length, 3, 3],
      [0, 1, 1],
      [2, 2, 1],
      [4, 3, 1],
      [text.length, 3, 3],
      [0, 1, 1],
    ])
  })

  it('treats an offset inside a character as that character', () => {
    const text = 'x€y' // € occupies bytes 1..3
    expect(positionOf(text, 2).index).toBe(1)
    expect(positionOf(text, 4).index).toBe(2)
  })
})

describe('citation highlighting by ranges', () => {
  it('cuts the text into plain and marked segments', () => {
    const text = 'See [ISO27001 5.2] and [NIS 99.9].'
    const a = text.indexOf('5.2')
    const b = text.indexOf('99.9')
    expect(
      markSegments(text, [
        { start: b, end: b + 4, kind: 'warning' },
        { start: a, end: a + 3, kind: 'citation' },
      ]),
    ).toEqual([
      { text: 'See [ISO27001 ' },
      { text: '5.2', kind: 'citation' },
      { text: '] and [NIS ' },
      { text: '99.9', kind: 'warning' },
      { text: '].' },
    ])
  })

  it('clips overlaps and ignores empty or outside ranges', () => {
    expect(
      markSegments('abcdef', [
        { start: 1, end: 4, kind: 'citation' },
        { start: 3, end: 5, kind: 'warning' },
        { start: 2, end: 2, kind: 'citation' },
        { start: 10, end: 12, kind: 'citation' },
      ]),
    ).toEqual([{ text: 'a' }, { text: 'bcd', kind: 'citation' }, { text: 'e', kind: 'warning' }, { text: 'f' }])
  })

  it('shows the line around a range, shortened with ellipses', () => {
    const text = 'first line\nsecond [ISO27001 5.2] line\nthird'
    const s = text.indexOf('5.2')
    const ctx = lineContext(text, s, s + 3)
    expect(ctx.text).toBe('second [ISO27001 5.2] line')
    expect(ctx.text.slice(ctx.start, ctx.end)).toBe('5.2')
    const long = `${'x'.repeat(100)}[NIS 1.1]${'y'.repeat(100)}`
    const at = long.indexOf('1.1')
    const short = lineContext(long, at, at + 3, 10)
    expect(short.text.startsWith('…')).toBe(true)
    expect(short.text.endsWith('…')).toBe(true)
    expect(short.text.slice(short.start, short.end)).toBe('1.1')
  })
})
