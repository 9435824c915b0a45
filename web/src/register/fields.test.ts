import { describe, expect, it } from 'vitest'
import { assetsDescriptor as d } from '../test/assetsDescriptor'
import { createBody, formFields, initialValues, inputKind, lowersClassification, patchBody } from './fields'

const field = (name: string) => {
  const f = d.fields.find((x) => x.name === name)
  if (!f) throw new Error(name)
  return f
}

describe('descriptor -> form inputs', () => {
  it('chooses the input by field type and hides read-only fields', () => {
    expect(inputKind(field('name'))).toBe('text')
    expect(inputKind(field('description'))).toBe('textarea')
    expect(inputKind(field('type'))).toBe('select')
    expect(inputKind(field('confidentiality'))).toBe('select')
    expect(inputKind(field('owner_id'))).toBe('reference')
    expect(inputKind(field('depends_on'))).toBe('multi')
    expect(inputKind(field('version'))).toBeNull()
    expect(formFields(d).map((f) => f.name)).toEqual([
      'name',
      'type',
      'description',
      'owner_id',
      'classification',
      'confidentiality',
      'integrity',
      'depends_on',
    ])
  })

  it('starts a new object from the config defaults, an edit from the object', () => {
    const fresh = initialValues(d, undefined, { classification: 'internal', confidentiality: 2 })
    expect(fresh).toMatchObject({ name: '', classification: 'internal', confidentiality: '2', depends_on: [] })
    const edit = initialValues(d, { id: 'a1', name: 'CRM', owner_id: null, confidentiality: 4, depends_on: ['a2'] })
    expect(edit).toMatchObject({ name: 'CRM', owner_id: '', confidentiality: '4', depends_on: ['a2'] })
  })
})

describe('form -> request body', () => {
  it('converts to wire types and leaves empty selects to the server defaults', () => {
    const values = initialValues(d, undefined, {})
    values.name = ''
    values.confidentiality = '3'
    expect(createBody(d, values)).toEqual({
      name: '', // sent as typed: the server says "must not be empty"
      description: '',
      owner_id: null,
      confidentiality: 3,
      depends_on: [],
    })
  })

  it('sends only changed fields on edit', () => {
    const record = { id: 'a1', name: 'CRM', type: 'system', owner_id: 'p1', confidentiality: 2, depends_on: [] }
    const initial = initialValues(d, record)
    const values = { ...initial, name: 'CRM 2', owner_id: '', depends_on: ['a3'] }
    expect(patchBody(d, initial, values)).toEqual({ name: 'CRM 2', owner_id: null, depends_on: ['a3'] })
  })

  it('detects a lowered classification by the option order', () => {
    const initial = initialValues(d, { id: 'a', classification: 'confidential' })
    expect(lowersClassification(d, initial, { ...initial, classification: 'internal' })).toBe(true)
    expect(lowersClassification(d, initial, { ...initial, classification: 'customer_data' })).toBe(false)
    expect(lowersClassification(d, initial, initial)).toBe(false)
  })
})
