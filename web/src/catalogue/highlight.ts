// Highlighting of search terms in requirement titles and descriptions: the text split
// into plain and matching segments (rendered as <mark>), case-insensitive, every term of
// the query, longest terms first so "access control" marks "access" inside it whole.

export interface Segment {
  text: string
  match: boolean
}

/** The query's terms: whitespace-separated, quotes dropped, duplicates removed, longest first. */
export function searchTerms(query: string): string[] {
  const terms = query
    .split(/\s+/)
    .map((t) => t.replace(/^["'“”‘’]+|["'“”‘’]+$/g, ''))
    .filter((t) => t !== '')
  const unique = [...new Set(terms.map((t) => t.toLowerCase()))]
  return unique.sort((a, b) => b.length - a.length)
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function highlightSegments(text: string, query: string): Segment[] {
  const terms = searchTerms(query)
  if (text === '') return []
  if (terms.length === 0) return [{ text, match: false }]
  const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'giu')
  const out: Segment[] = []
  let last = 0
  for (const m of text.matchAll(pattern)) {
    const start = m.index ?? 0
    if (m[0] === '') continue
    if (start > last) out.push({ text: text.slice(last, start), match: false })
    out.push({ text: m[0], match: true })
    last = start + m[0].length
  }
  if (last < text.length) out.push({ text: text.slice(last), match: false })
  return out
}

/**
 * A window of a long text around its first match (for search results): at most about
 * `radius` characters either side, cut at word boundaries, with an ellipsis where cut.
 */
export function snippet(text: string, query: string, radius = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= radius * 2) return flat
  const lower = flat.toLowerCase()
  let at = -1
  for (const t of searchTerms(query)) {
    const i = lower.indexOf(t)
    if (i >= 0 && (at < 0 || i < at)) at = i
  }
  if (at < 0) at = 0
  let start = Math.max(0, at - radius)
  let end = Math.min(flat.length, at + radius)
  if (start > 0) {
    const space = flat.indexOf(' ', start)
    if (space >= 0 && space < at) start = space + 1
  }
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end)
    if (space > at) end = space
  }
  return `${start > 0 ? '… ' : ''}${flat.slice(start, end)}${end < flat.length ? ' …' : ''}`
}
