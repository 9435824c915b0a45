import { describe, expect, it } from 'vitest'
import { barWidth, exportHref, gapsPath, parseOptionValue, percentText, scopeOptions, scopeParamOf, selectionFrom } from './scopes'

describe('gap report selection', () => {
  it('offers the built-in scopes first, then other frameworks', () => {
    const options = scopeOptions([
      { id: 'iso27001-2022', name: 'ISO/IEC 27001:2022' },
      { id: 'nis2-2024-2690', name: '2024/2690' },
      { id: 'nist-sp-800-53-r5', name: 'NIST SP 800-53' },
    ])
    expect(options.map((o) => o.value)).toEqual(['iso27001-2022|', 'iso27001-2022|clauses', 'nis2-2024-2690|', 'nist-sp-800-53-r5|'])
  })

  it('reads the selection from the URL, ISO 27001 Annex A by default', () => {
    expect(selectionFrom('')).toEqual({ framework: 'iso27001-2022', scope: '' })
    expect(selectionFrom('?framework=iso27001-2022&scope=clauses')).toEqual({ framework: 'iso27001-2022', scope: 'clauses' })
    expect(parseOptionValue('nis2-2024-2690|')).toEqual({ framework: 'nis2-2024-2690', scope: '' })
  })

  it('builds the report and export calls', () => {
    expect(gapsPath('iso27001-2022', 'clauses')).toBe('/api/v1/traceability/gaps?framework=iso27001-2022&scope=clauses')
    expect(gapsPath('nis2-2024-2690', '')).toBe('/api/v1/traceability/gaps?framework=nis2-2024-2690')
    expect(exportHref('iso27001-2022', '', 'xlsx')).toBe('/api/v1/traceability/gaps/export?framework=iso27001-2022&format=xlsx')
  })

  it('maps a coverage report back to its gaps query', () => {
    expect(scopeParamOf({ framework_id: 'iso27001-2022', scope: 'Clauses 4-10' })).toBe('clauses')
    expect(scopeParamOf({ framework_id: 'iso27001-2022', scope: 'Annex A controls' })).toBe('')
  })

  it('formats percentages', () => {
    expect(percentText(93.5)).toBe('93.5 %')
    expect(percentText(100)).toBe('100 %')
    expect(percentText(12.345)).toBe('12.3 %')
    expect(percentText(undefined)).toBe('—')
    expect(barWidth(140)).toBe(100)
    expect(barWidth(-1)).toBe(0)
  })
})
