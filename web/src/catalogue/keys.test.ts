import { describe, expect, it } from 'vitest'
import type { Mapping, PublishedCitation } from '../api/types'
import { groupByDocument, sectionLabel } from './citedBy'
import { formatForFile } from './importFormat'
import { citationHref, keyHref, keyLabel, requirementApiPath, requirementHref, splitKey } from './keys'
import { relationshipLabel, splitMappings } from './mappings'
import { withParams } from './urlState'

describe('requirement keys', () => {
  it('splits at the first colon', () => {
    expect(splitKey('iso27001-2022:A.5.1')).toEqual({ frameworkId: 'iso27001-2022', refId: 'A.5.1' })
    expect(splitKey('nist:AC-2(1):x')).toEqual({ frameworkId: 'nist', refId: 'AC-2(1):x' })
    expect(splitKey('nocolon')).toBeUndefined()
    expect(splitKey(':A.5')).toBeUndefined()
    expect(splitKey('fw:')).toBeUndefined()
  })

  it('builds the UI links the server HTML uses and the encoded API path', () => {
    expect(requirementHref('iso27001-2022', 'A.5.1')).toBe('/catalogue/iso27001-2022/A.5.1')
    expect(keyHref('nis2-directive:21(2)(a)')).toBe('/catalogue/nis2-directive/21(2)(a)')
    expect(requirementHref('fw', 'a/b')).toBe('/catalogue/fw/a%2Fb')
    expect(requirementApiPath('iso27001-2022', 'A.5.1')).toBe('/api/v1/catalogue/requirements/iso27001-2022%3AA.5.1')
    expect(keyHref('junk')).toBeUndefined()
    expect(citationHref('d1', 's-8-4')).toBe('/documents/d1#s-8-4')
    expect(citationHref('d1', '')).toBe('/documents/d1')
  })

  it('labels keys for readers', () => {
    expect(keyLabel('iso27001-2022:A.5.1')).toBe('ISO 27001 A.5.1')
    expect(keyLabel('nis2-2024-2690:1.1')).toBe('2024/2690 1.1')
    expect(keyLabel('custom:X1')).toBe('custom X1')
  })
})

describe('library import format', () => {
  it('follows the file extension', () => {
    expect(formatForFile('iso27001-2022.yaml')).toBe('ciso-assistant')
    expect(formatForFile('Library.YML')).toBe('ciso-assistant')
    expect(formatForFile('basic-catalog.json')).toBe('oscal')
    expect(formatForFile('notes.txt')).toBeUndefined()
  })
})

describe('mappings both ways', () => {
  const mappings: Mapping[] = [
    { source: 'nis2-2024-2690:1.1', target: 'iso27001-2022:A.5.1', target_title: 'Policies', relationship: 'intersect', origin: 'ENISA' },
    { source: 'iso27001-2022:A.5.1', target: 'soc2:CC1.1', source_title: 'Policies', target_title: 'COSO', relationship: 'subset', origin: 'x' },
    { source: 'nis2-2024-2690:1.1', target: 'iso27001-2022:A.5.1', relationship: 'intersect', origin: 'ENISA' },
    { source: 'other:1', target: 'other:2', relationship: 'equal' },
  ]
  it('splits by direction, naming the other end, without duplicates', () => {
    const { outgoing, incoming } = splitMappings('iso27001-2022:A.5.1', mappings)
    expect(outgoing.map((m) => [m.other, m.otherTitle, m.relationship])).toEqual([['soc2:CC1.1', 'COSO', 'subset']])
    expect(incoming.map((m) => [m.other, m.relationship, m.origin])).toEqual([['nis2-2024-2690:1.1', 'intersect', 'ENISA']])
  })
  it('reads subset/superset from this requirement’s side', () => {
    expect(relationshipLabel('subset', 'outgoing')).toBe('subset of')
    expect(relationshipLabel('subset', 'incoming')).toBe('superset of')
    expect(relationshipLabel('', 'outgoing')).toBe('related')
  })
})

describe('cited by', () => {
  const c = (document_id: string, section_anchor: string, section_number = '', section_title = ''): PublishedCitation => ({
    document_id,
    document_title: `Doc ${document_id}`,
    version_label: '3.1',
    section_anchor,
    section_number,
    section_title,
    framework_id: 'iso27001-2022',
    ref_id: 'A.5.1',
  })
  it('groups by document with each section once', () => {
    const groups = groupByDocument([c('d1', 's-1', '1', 'Purpose'), c('d1', 's-1', '1', 'Purpose'), c('d1', 's-3', '3', 'Roles'), c('d2', '')])
    expect(groups.map((g) => [g.documentId, g.sections.map(sectionLabel)])).toEqual([
      ['d1', ['1 Purpose', '3 Roles']],
      ['d2', ['Preamble']],
    ])
  })
})

describe('URL state', () => {
  it('sets and removes query parameters', () => {
    expect(withParams('/documents', '?kind=policy&q=x', { q: '' })).toBe('/documents?kind=policy')
    expect(withParams('/documents', '', { status: 'draft', kind: undefined })).toBe('/documents?status=draft')
    expect(withParams('/catalogue/fw', '?q=a', { q: 'access control' })).toBe('/catalogue/fw?q=access+control')
  })
})
