import { describe, expect, it } from 'vitest'
import { filterLines, groupByTheme, lineTestId, themeOf, totalsOf, undecidedKeysIn } from './group'
import { lineBody, lineErrors, lineHint, toggleReason } from './lineForm'
import type { Applicability } from './types'

function line(ref: string, over: Partial<Applicability> = {}): Applicability {
  return {
    framework_id: 'iso27001-2022',
    ref_id: ref,
    title: `Control ${ref}`,
    applicable: 'undecided',
    reasons: [],
    justification: '',
    implementation: 'not_started',
    control_ids: [],
    control_refs: [],
    risk_ids: [],
    evidence_count: 0,
    valid_evidence_count: 0,
    updated_by: '',
    updated_at: '',
    version: 0,
    ...over,
  }
}

describe('SoA grouping', () => {
  it('takes the theme from the ref', () => {
    expect(themeOf('A.5.15')).toBe('A.5')
    expect(themeOf('A.8.1')).toBe('A.8')
    expect(themeOf('1.2.3')).toBe('1')
    expect(themeOf('9')).toBe('9')
  })

  it('groups Annex A by theme A.5–A.8 in catalogue order, other frameworks by section', () => {
    const lines = [
      line('A.5.1'),
      line('A.5.2'),
      line('A.6.1'),
      line('A.7.1'),
      line('A.8.1'),
      line('A.8.34'),
      line('1.1', { framework_id: 'nis2-2024-2690' }),
      line('1.2', { framework_id: 'nis2-2024-2690' }),
    ]
    const groups = groupByTheme(lines)
    expect(groups.map((g) => g.theme)).toEqual(['A.5', 'A.6', 'A.7', 'A.8', '1'])
    expect(groups[0].title).toBe('A.5 Organizational controls')
    expect(groups[3].title).toBe('A.8 Technological controls')
    expect(groups[3].lines.map((l) => l.ref_id)).toEqual(['A.8.1', 'A.8.34'])
    expect(groups[4].frameworkId).toBe('nis2-2024-2690')
    expect(groups[4].lines).toHaveLength(2)
    expect(groups[4].title).toContain('section 1')
  })

  it('filters by applicability, implementation and text', () => {
    const lines = [
      line('A.5.1', { applicable: 'yes', reasons: ['legal'], implementation: 'implemented' }),
      line('A.5.2', { applicable: 'no', justification: 'n/a' }),
      line('A.5.3'),
      line('A.8.1', { applicable: 'yes', reasons: ['risk_treatment'], implementation: 'partial', title: 'User endpoint devices' }),
    ]
    expect(filterLines(lines, { applicable: 'undecided', implementation: '', q: '' }).map((l) => l.ref_id)).toEqual(['A.5.3'])
    expect(filterLines(lines, { applicable: 'yes', implementation: 'partial', q: '' }).map((l) => l.ref_id)).toEqual(['A.8.1'])
    expect(filterLines(lines, { applicable: '', implementation: '', q: 'endpoint' }).map((l) => l.ref_id)).toEqual(['A.8.1'])
    expect(filterLines(lines, { applicable: '', implementation: '', q: 'a.5' })).toHaveLength(3)
    const t = totalsOf(lines)
    expect(t).toMatchObject({ lines: 4, applicable: 2, not_applicable: 1, undecided: 1, implemented: 1, partial: 1, not_started: 2 })
  })

  it('names lines for tests and reads the undecided keys of an approval refusal', () => {
    expect(lineTestId(line('A.5.15'))).toBe('soa-line-A.5.15')
    expect(lineTestId(line('1.1', { framework_id: 'nis2-2024-2690' }))).toBe('soa-line-nis2-2024-2690-1.1')
    const msg = '3 lines are still undecided (decide each as applicable or not before approving): iso27001-2022:A.5.1, iso27001-2022:A.5.2, nis2-2024-2690:1.1'
    expect(undecidedKeysIn([msg])).toEqual(['iso27001-2022:A.5.1', 'iso27001-2022:A.5.2', 'nis2-2024-2690:1.1'])
  })
})

describe('SoA line edit', () => {
  it('keeps reasons in a stable order and sends every field with the version', () => {
    expect(toggleReason(['legal'], 'risk_treatment', true)).toEqual(['risk_treatment', 'legal'])
    expect(toggleReason(['risk_treatment', 'legal'], 'risk_treatment', false)).toEqual(['legal'])
    expect(lineBody({ applicable: 'yes', reasons: ['legal'], justification: 'law', implementation: 'planned' }, 0)).toEqual({
      applicable: 'yes',
      reasons: ['legal'],
      justification: 'law',
      implementation: 'planned',
      version: 0,
    })
  })

  it("places the server's messages per field", () => {
    const e = lineErrors([
      { field: 'reasons', message: 'at least one reason when applicable' },
      { field: 'reasons[1]', message: 'unknown reason' },
      { field: 'justification', message: 'required when not applicable' },
      { field: 'version', message: 'stale' },
    ])
    expect(e.byField.reasons).toEqual(['at least one reason when applicable', 'unknown reason'])
    expect(e.byField.justification).toEqual(['required when not applicable'])
    expect(e.other).toEqual(['version: stale'])
  })

  it('hints at the rules while editing', () => {
    expect(lineHint({ applicable: 'yes', reasons: [], justification: '', implementation: 'planned' })).toMatch(/reason/)
    expect(lineHint({ applicable: 'no', reasons: [], justification: ' ', implementation: 'not_started' })).toMatch(/justification/)
    expect(lineHint({ applicable: 'yes', reasons: ['legal'], justification: '', implementation: 'planned' })).toBeUndefined()
  })
})

describe('SoA comparison text', () => {
  it('shows a changed field before and after in words', async () => {
    const { fieldText } = await import('./labels')
    const before = line('A.5.1', { applicable: 'yes', reasons: ['legal', 'contractual'], implementation: 'planned', control_refs: ['C-0001'] })
    expect(fieldText(before, 'applicable')).toBe('Applicable')
    expect(fieldText(before, 'reasons')).toBe('Legal, Contractual')
    expect(fieldText(before, 'implementation')).toBe('Planned')
    expect(fieldText(before, 'control_ids')).toBe('C-0001')
    expect(fieldText(before, 'justification')).toBe('—')
    expect(fieldText(null, 'applicable')).toBe('(not in this version)')
  })
})
