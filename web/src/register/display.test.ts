import { describe, expect, it } from 'vitest'
import { assetsDescriptor as d } from '../test/assetsDescriptor'
import { displayOnlyFields, EMPTY, formatValue, isHiddenContent } from './display'

const field = (name: string) => d.fields.find((f) => f.name === name)!

describe('field display', () => {
  it('shows labels for codes and levels, display fields for references', () => {
    const asset = { id: 'a', classification: 'customer_data', confidentiality: 4, owner_id: 'p1', owner_name: 'Anna Berg' }
    expect(formatValue(field('classification'), asset)).toBe('Customer data')
    expect(formatValue(field('confidentiality'), asset)).toBe('Very high')
    expect(formatValue(field('owner_id'), asset)).toBe('Anna Berg')
    expect(formatValue(field('owner_id'), { id: 'b', owner_id: null, owner_name: null })).toBe(EMPTY)
  })

  it('knows which fields only carry another field display text', () => {
    expect([...displayOnlyFields(d)]).toEqual(['owner_name'])
  })

  it('marks the left-out content of confidential list items, and nothing else', () => {
    const hidden = { id: 'h', content_hidden: true, description: null, owner_id: null }
    expect(isHiddenContent(field('description'), hidden)).toBe(true)
    expect(isHiddenContent(field('owner_id'), hidden)).toBe(false)
    expect(isHiddenContent(field('description'), { id: 'v', description: null })).toBe(false)
    expect(isHiddenContent(field('description'), { id: 'r', content_hidden: true, description: 'x' })).toBe(false)
  })
})
