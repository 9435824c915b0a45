// The server reports citation positions as UTF-8 byte offsets into the body; a textarea
// selects by UTF-16 code unit index, and people read line:column. The body is encoded
// once (TextEncoder) and walked once for all offsets: a lead byte 0xxxxxxx, 110xxxxx or
// 1110xxxx is one UTF-16 unit, 11110xxx two (a surrogate pair), continuation bytes none.

export interface TextPosition {
  /** the byte offset asked for (clamped to the text) */
  byte: number
  /** UTF-16 index for String.slice / setSelectionRange */
  index: number
  /** 1-based line */
  line: number
  /** 1-based column, in characters (code points) from the line start */
  col: number
}

const encoder = new TextEncoder()

/**
 * Positions of many byte offsets in one pass. An offset inside a multi-byte character
 * counts as that character's start; offsets past the end are the end.
 */
export function positionsOf(text: string, byteOffsets: readonly number[]): TextPosition[] {
  const bytes = encoder.encode(text)
  const order = byteOffsets.map((b, i) => ({ b: Math.max(0, Math.min(Math.floor(b), bytes.length)), i })).sort((x, y) => x.b - y.b)
  const out: TextPosition[] = new Array(byteOffsets.length)
  let byte = 0
  let index = 0
  let line = 1
  let col = 1
  let k = 0
  while (k < order.length) {
    const target = order[k].b
    // Advance whole characters while the next one starts before the target... and stops
    // at the character containing the target.
    while (byte < bytes.length) {
      const lead = bytes[byte]
      const size = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
      if (byte + size > target) break
      byte += size
      index += size === 4 ? 2 : 1
      if (lead === 0x0a) {
        line++
        col = 1
      } else {
        col++
      }
    }
    out[order[k].i] = { byte: target, index, line, col }
    k++
  }
  return out
}

export function positionOf(text: string, byteOffset: number): TextPosition {
  return positionsOf(text, [byteOffset])[0]
}

/** UTF-16 [start, end) of a byte span (offset, length). */
export function byteSpanToRange(text: string, offset: number, length: number): { start: number; end: number } {
  const [a, b] = positionsOf(text, [offset, offset + length])
  return { start: a.index, end: b.index }
}

export function utf8Length(text: string): number {
  return encoder.encode(text).length
}

export interface Mark {
  /** UTF-16 range in the text */
  start: number
  end: number
  kind: 'citation' | 'warning'
}

export interface MarkedSegment {
  text: string
  kind?: 'citation' | 'warning'
}

/**
 * The text cut into plain and marked segments (e.g. a line of Markdown with its citations
 * highlighted). Overlapping marks: the earlier one wins, the later is clipped.
 */
export function markSegments(text: string, marks: readonly Mark[]): MarkedSegment[] {
  const sorted = [...marks]
    .map((m) => ({ ...m, start: Math.max(0, Math.min(m.start, text.length)), end: Math.max(0, Math.min(m.end, text.length)) }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || b.end - a.end)
  const out: MarkedSegment[] = []
  let at = 0
  for (const m of sorted) {
    const start = Math.max(m.start, at)
    if (start >= m.end) continue
    if (start > at) out.push({ text: text.slice(at, start) })
    out.push({ text: text.slice(start, m.end), kind: m.kind })
    at = m.end
  }
  if (at < text.length) out.push({ text: text.slice(at) })
  return out
}

/**
 * The line around a UTF-16 range, shortened to about `radius` characters either side,
 * with the range's position inside the returned text (for a sidebar's context snippet).
 */
export function lineContext(text: string, start: number, end: number, radius = 40): { text: string; start: number; end: number } {
  let lineStart = text.lastIndexOf('\n', start - 1) + 1
  let lineEnd = text.indexOf('\n', end)
  if (lineEnd < 0) lineEnd = text.length
  let prefix = ''
  let suffix = ''
  if (start - lineStart > radius) {
    lineStart = start - radius
    prefix = '…'
  }
  if (lineEnd - end > radius) {
    lineEnd = end + radius
    suffix = '…'
  }
  const body = text.slice(lineStart, lineEnd)
  return {
    text: prefix + body + suffix,
    start: prefix.length + (start - lineStart),
    end: prefix.length + (Math.min(end, lineEnd) - lineStart),
  }
}
