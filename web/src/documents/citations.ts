// A version's citations grouped by the section they stand in (the preamble before the
// first heading is its own group), sections in document order, each requirement listed
// once per section with how often it is cited there.
import type { DocumentCitation, DocumentSection } from '../api/types'

export interface CitedKey {
  key: string
  framework_id: string
  ref_id: string
  count: number
  /** as written, first occurrence */
  raw: string
}

export interface SectionCitations {
  anchor: string
  number: string
  title: string
  keys: CitedKey[]
}

export function groupCitationsBySection(
  citations: readonly DocumentCitation[],
  sections: readonly DocumentSection[],
): SectionCitations[] {
  const order = new Map<string, number>()
  sections.forEach((s, i) => order.set(s.anchor, i))
  const groups = new Map<string, SectionCitations>()
  for (const c of citations) {
    const anchor = c.section_anchor ?? ''
    let g = groups.get(anchor)
    if (!g) {
      const s = sections.find((x) => x.anchor === anchor)
      g = { anchor, number: s?.number ?? c.section_number ?? '', title: s?.title ?? '', keys: [] }
      groups.set(anchor, g)
    }
    const key = c.key || `${c.framework_id}:${c.ref_id}`
    const existing = g.keys.find((k) => k.key === key)
    if (existing) existing.count++
    else g.keys.push({ key, framework_id: c.framework_id, ref_id: c.ref_id, count: 1, raw: c.raw })
  }
  const rank = (anchor: string) => (anchor === '' ? -1 : (order.get(anchor) ?? Number.MAX_SAFE_INTEGER))
  return [...groups.values()].sort((a, b) => rank(a.anchor) - rank(b.anchor))
}

/** Distinct requirements cited anywhere in the version. */
export function distinctKeys(citations: readonly DocumentCitation[]): string[] {
  return [...new Set(citations.map((c) => c.key || `${c.framework_id}:${c.ref_id}`))]
}

/** Heading numbering for a TOC entry: "8.4 Access control". */
export function sectionText(s: { number: string; title: string }): string {
  const t = [s.number, s.title].filter((x) => x !== '').join(' ')
  return t === '' ? 'Preamble' : t
}
