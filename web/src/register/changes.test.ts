import { describe, expect, it } from 'vitest'
import { assetsDescriptor as d } from '../test/assetsDescriptor'
import { actionLabel, changeLines } from './changes'

describe('ledger change -> readable lines', () => {
  it('shows updates as from -> to with labels', () => {
    const lines = changeLines(d, {
      classification: { from: 'confidential', to: 'internal' },
      confidentiality: { from: 2, to: 4 },
      justification: 'no customer data any more',
    })
    expect(lines).toEqual([
      { field: 'classification', label: 'Classification', from: 'Confidential', to: 'Internal', isDiff: true },
      { field: 'confidentiality', label: 'Confidentiality', from: 'Medium', to: 'Very high', isDiff: true },
      { field: 'justification', label: 'Justification', to: 'no customer data any more', isDiff: false },
    ])
  })

  it('reads a created object in form order, without bookkeeping fields, with names for ids', () => {
    const created = { version: 1, updated_at: 'x', owner_id: 'p1', name: 'CRM', id: 'a1', depends_on: ['a2'], description: '' }
    const resolve = (ref: string, id: string) => ({ persons: { p1: 'Anna Berg' }, assets: { a2: 'Database' } })[ref]?.[id as 'p1' & 'a2']
    expect(changeLines(d, created, resolve).map((l) => `${l.label}=${l.to}`)).toEqual([
      'Name=CRM',
      'Owner=Anna Berg',
      'Depends on=Database',
    ])
  })

  it('copes with any shape', () => {
    expect(changeLines(d, null)).toEqual([])
    expect(changeLines(undefined, { reason: 'decommissioned' })[0]).toMatchObject({ label: 'Reason', to: 'decommissioned' })
    expect(changeLines(d, 'x')[0].to).toBe('"x"')
  })

  it('names actions', () => {
    expect(actionLabel('asset.create')).toBe('Created')
    expect(actionLabel('asset.archive')).toBe('Archived')
    expect(actionLabel('asset.frobnicate')).toBe('asset.frobnicate')
  })
})
