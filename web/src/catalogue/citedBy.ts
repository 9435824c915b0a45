// "Cited by": published citations of one requirement grouped by document, each section
// once, in the order received (the API orders by document title, then section).
import type { PublishedCitation } from '../api/types'

export interface CitingSection {
  number: string
  title: string
  anchor: string
}

export interface CitingDocument {
  documentId: string
  title: string
  kind: string
  versionLabel: string
  sections: CitingSection[]
}

export function groupByDocument(citations: readonly PublishedCitation[]): CitingDocument[] {
  const docs = new Map<string, CitingDocument>()
  for (const c of citations) {
    let doc = docs.get(c.document_id)
    if (!doc) {
      doc = {
        documentId: c.document_id,
        title: c.document_title,
        kind: c.document_kind ?? '',
        versionLabel: c.version_label ?? '',
        sections: [],
      }
      docs.set(c.document_id, doc)
    }
    const anchor = c.section_anchor ?? ''
    if (!doc.sections.some((s) => s.anchor === anchor)) {
      doc.sections.push({ number: c.section_number ?? '', title: c.section_title ?? '', anchor })
    }
  }
  return [...docs.values()]
}

/** "8.4 Access control", "Preamble" for the text before the first heading. */
export function sectionLabel(s: { number: string; title: string }): string {
  const label = [s.number, s.title].filter((x) => x !== '').join(' ')
  return label === '' ? 'Preamble' : label
}
