import { describe, expect, it } from 'vitest'
import type { DocumentCitation, DocumentSection } from '../api/types'
import { distinctKeys, groupCitationsBySection, sectionText } from './citations'

const cite = (ref_id: string, section_anchor: string, framework_id = 'iso27001-2022'): DocumentCitation => ({
  key: `${framework_id}:${ref_id}`,
  framework_id,
  ref_id,
  raw: ref_id,
  offset: 0,
  length: ref_id.length,
  section_number: '',
  section_anchor,
})

const sections: DocumentSection[] = [
  { number: '1', title: 'Definition and purpose', level: 1, anchor: 's-1' },
  { number: '3', title: 'Roles and Responsibilities', level: 1, anchor: 's-3' },
  { number: '3.1', title: 'Chief Executive Officer', level: 2, anchor: 's-3-1' },
]

describe('citations by section', () => {
  it('groups in document order, preamble first, each requirement once with its count', () => {
    const groups = groupCitationsBySection(
      [cite('A.5.2', 's-3'), cite('5.2', ''), cite('A.5.1', 's-1'), cite('A.5.2', 's-3'), cite('1.2', 's-3', 'nis2-2024-2690')],
      sections,
    )
    expect(groups.map((g) => [sectionText(g), g.keys.map((k) => `${k.key}×${k.count}`)])).toEqual([
      ['Preamble', ['iso27001-2022:5.2×1']],
      ['1 Definition and purpose', ['iso27001-2022:A.5.1×1']],
      ['3 Roles and Responsibilities', ['iso27001-2022:A.5.2×2', 'nis2-2024-2690:1.2×1']],
    ])
  })

  it('keeps citations of sections it does not know', () => {
    const groups = groupCitationsBySection([{ ...cite('A.8.1', 's-9'), section_number: '9' }], sections)
    expect(groups.map((g) => [g.anchor, g.number])).toEqual([['s-9', '9']])
  })

  it('counts distinct requirements', () => {
    expect(distinctKeys([cite('A.5.2', 's-3'), cite('A.5.2', 's-1'), cite('5.2', '')])).toEqual(['iso27001-2022:A.5.2', 'iso27001-2022:5.2'])
  })
})
