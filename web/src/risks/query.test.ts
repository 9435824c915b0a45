import { describe, expect, it } from 'vitest'
import { testMethod } from './fixtures'
import { cellLabel, nextSort, parseCell, riskListApiPath, riskQueryKey, sortDirectionOf } from './query'

describe('risk list query', () => {
  it('passes the declared parameters on and nothing else', () => {
    const path = riskListApiPath('?cell=residual%3A3%3A4&above_appetite=true&basis=x&q=db&owner_id=', 50)
    const url = new URL(path, 'http://x')
    expect(url.pathname).toBe('/api/v1/risks')
    expect(url.searchParams.get('cell')).toBe('residual:3:4')
    expect(url.searchParams.get('above_appetite')).toBe('true')
    expect(url.searchParams.get('q')).toBe('db')
    expect(url.searchParams.has('basis')).toBe(false)
    expect(url.searchParams.has('owner_id')).toBe(false)
    expect(url.searchParams.get('include_total')).toBe('true')
    expect(url.searchParams.get('limit')).toBe('50')
  })

  it('keys pages by the query without the cursor', () => {
    expect(riskQueryKey('?b=1&cursor=abc&a=2')).toBe(riskQueryKey('?a=2&b=1'))
    expect(riskQueryKey('?a=2')).not.toBe(riskQueryKey('?a=3'))
  })

  it('sorts levels high first, others ascending, and flips', () => {
    expect(nextSort('ref', 'residual_level')).toBe('-residual_level')
    expect(nextSort('ref', 'title')).toBe('title')
    expect(nextSort('title', 'title')).toBe('-title')
    expect(nextSort('-title', 'title')).toBe('title')
    expect(sortDirectionOf('-title', 'title')).toBe('descending')
    expect(sortDirectionOf('ref', 'title')).toBe('none')
  })

  it('reads a heat-map cell filter', () => {
    expect(parseCell('inherent:2:3')).toEqual({ basis: 'inherent', likelihood: 2, impact: 3 })
    expect(parseCell('residual:x:3')).toBeUndefined()
    expect(cellLabel('residual:3:4', testMethod())).toBe('Residual: likelihood 3 · Likely, impact 4 · Severe')
    expect(cellLabel('residual:3:4', undefined)).toBe('Residual: likelihood 3, impact 4')
  })
})
