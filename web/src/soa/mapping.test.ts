import { describe, expect, it } from 'vitest'
import {
  columnIndex,
  columnLetter,
  columnOptions,
  importFileKind,
  importPath,
  letterOf,
  mappingFromWire,
  mappingProblems,
  mappingToWire,
  outcomeCounts,
  rowOutcome,
  sameMapping,
  visibleRoles,
} from './mapping'

const headers = ['Control', 'Title', 'Applicable', 'Reasons', 'Justification', 'Implementation']

describe('import mapping step', () => {
  it('converts between column letters and indexes', () => {
    expect(columnLetter(0)).toBe('A')
    expect(columnLetter(25)).toBe('Z')
    expect(columnLetter(26)).toBe('AA')
    expect(columnLetter(701)).toBe('ZZ')
    expect(columnIndex('A')).toBe(0)
    expect(columnIndex('aa')).toBe(26)
    expect(columnIndex('Control')).toBe(-1)
    for (const i of [0, 5, 27, 199]) expect(columnIndex(columnLetter(i))).toBe(i)
  })

  it('reads letters, indexes and header texts of the server mapping', () => {
    expect(letterOf('C', headers)).toBe('C')
    expect(letterOf(2, headers)).toBe('C')
    expect(letterOf('justification', headers)).toBe('E')
    expect(letterOf('Nowhere', headers)).toBe('')
    expect(letterOf(null, headers)).toBe('')
  })

  it('takes over the suggestion, one reasons column', () => {
    const m = mappingFromWire(
      { sheet: '', header_row: 1, ref: 'A', applicable: 'C', reasons: 'D', reason_risk: null, justification: 'E', implementation: 'F' },
      headers,
    )
    expect(m.headerRow).toBe('1')
    expect(m.reasonMode).toBe('single')
    expect(m.columns.ref).toBe('A')
    expect(m.columns.reasons).toBe('D')
    expect(mappingProblems(m)).toEqual([])
    expect(visibleRoles('single')).toContain('reasons')
    expect(visibleRoles('single')).not.toContain('reason_legal')
  })

  it('switches to four reason columns when the server found those', () => {
    const m = mappingFromWire({ ref: 'A', applicable: 'B', reason_risk: 'C', reason_legal: 'D', header_row: 3 }, [])
    expect(m.reasonMode).toBe('four')
    const wire = mappingToWire(m)
    expect(wire.header_row).toBe(3)
    expect(wire.reasons).toBeNull()
    expect(wire.reason_risk).toBe('C')
    expect(wire.reason_legal).toBe('D')
    expect(wire.reason_business).toBeNull()
    expect('sheet' in wire).toBe(false)
  })

  it('leaves out the columns of the reason mode not chosen', () => {
    const m = mappingFromWire({ ref: 'A', applicable: 'B', reasons: 'C', reason_risk: 'D' }, [])
    expect(m.reasonMode).toBe('single')
    expect(mappingToWire(m).reason_risk).toBeNull()
    expect(mappingToWire({ ...m, reasonMode: 'four' }).reasons).toBeNull()
    expect(mappingToWire({ ...m, reasonMode: 'four' }).reason_risk).toBe('D')
  })

  it('names missing required columns, a column used twice and a bad header row', () => {
    const m = mappingFromWire({ ref: null, applicable: 'B', justification: 'B' }, [])
    const problems = mappingProblems({ ...m, headerRow: 'x' })
    expect(problems.some((p) => p.includes('Control id'))).toBe(true)
    expect(problems.some((p) => p.includes('Column B') && p.includes('Applicable') && p.includes('Justification'))).toBe(true)
    expect(problems.some((p) => p.includes('header row'))).toBe(true)
  })

  it('offers the header cells as columns, A–Z without headers', () => {
    expect(columnOptions(headers)[2]).toEqual({ value: 'C', label: 'C · Applicable' })
    expect(columnOptions(headers)).toHaveLength(6)
    expect(columnOptions([])).toHaveLength(26)
    expect(columnOptions(['', 'X'])[0].label).toBe('A')
  })

  it('builds the dry-run and apply requests with the mapping as JSON', () => {
    const m = mappingFromWire({ ref: 'A', applicable: 'C', header_row: 1 }, headers)
    const url = new URL(importPath({ dryRun: true, fileName: 'soa.csv', mapping: m }), 'http://x')
    expect(url.pathname).toBe('/api/v1/soa/import')
    expect(url.searchParams.get('dry_run')).toBe('true')
    expect(url.searchParams.get('file_name')).toBe('soa.csv')
    const sent = JSON.parse(url.searchParams.get('mapping')!)
    expect(sent.ref).toBe('A')
    expect(sent.applicable).toBe('C')
    expect(sent.header_row).toBe(1)
    const suggest = new URL(importPath({ dryRun: false, fileName: 'soa.xlsx' }), 'http://x')
    expect(suggest.searchParams.get('dry_run')).toBe('false')
    expect(suggest.searchParams.has('mapping')).toBe(false)
    expect(sameMapping(m, { ...m })).toBe(true)
    expect(sameMapping(m, { ...m, columns: { ...m.columns, ref: 'B' } })).toBe(false)
  })

  it('classifies rows as ok, warning or rejected', () => {
    const rows = [
      { row: 2, raw_ref: 'A.5.1', ref_id: 'A.5.1', warnings: [], error: null },
      { row: 3, raw_ref: 'A.9.2.1', ref_id: 'A.5.16', warnings: ['ISO 27001:2013 id mapped'], error: null },
      { row: 4, raw_ref: 'A.99.9', ref_id: '', warnings: [], error: 'unknown control' },
    ]
    expect(rows.map(rowOutcome)).toEqual(['ok', 'warning', 'rejected'])
    expect(outcomeCounts(rows)).toEqual({ ok: 1, warning: 1, rejected: 1 })
    expect(importFileKind('SoA 2025.XLSX')).toBe('xlsx')
    expect(importFileKind('soa.csv')).toBe('csv')
    expect(importFileKind('soa.pdf')).toBeUndefined()
  })
})
