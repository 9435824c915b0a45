// A requirement's mappings split by direction: "this requirement -> targets" (it is the
// source) and "sources -> this requirement" (it is the target), each row naming the other
// end, how they relate and where the mapping comes from.
import type { Mapping } from '../api/types'

export interface MappingRow {
  /** requirement key of the other end */
  other: string
  otherTitle: string
  relationship: string
  origin: string
  notes: string
}

export interface SplitMappings {
  outgoing: MappingRow[]
  incoming: MappingRow[]
}

export function splitMappings(key: string, mappings: readonly Mapping[]): SplitMappings {
  const outgoing: MappingRow[] = []
  const incoming: MappingRow[] = []
  const seen = new Set<string>()
  for (const m of mappings) {
    const row = (other: string, title: string | undefined): MappingRow => ({
      other,
      otherTitle: title ?? '',
      relationship: m.relationship || 'related',
      origin: m.origin ?? '',
      notes: m.notes ?? '',
    })
    const id = `${m.source}\u0000${m.target}\u0000${m.relationship}\u0000${m.origin ?? ''}`
    if (seen.has(id)) continue
    seen.add(id)
    if (m.source === key) outgoing.push(row(m.target, m.target_title))
    else if (m.target === key) incoming.push(row(m.source, m.source_title))
  }
  return { outgoing, incoming }
}

/** CISO Assistant's relationship vocabulary, read from this requirement's side. */
export function relationshipLabel(relationship: string, direction: 'outgoing' | 'incoming'): string {
  switch (relationship) {
    case 'equal':
      return 'equal to'
    case 'subset':
      return direction === 'outgoing' ? 'subset of' : 'superset of'
    case 'superset':
      return direction === 'outgoing' ? 'superset of' : 'subset of'
    case 'intersect':
      return 'intersects'
    case 'not_related':
      return 'not related to'
    default:
      return relationship || 'related'
  }
}
