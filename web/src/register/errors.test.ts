import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import { baseField, formErrorsFrom } from './errors'

const invalid = (details: { field?: string; message: string }[], field?: string) =>
  new ApiError({ status: 422, code: 'invalid', message: details[0]?.message ?? 'invalid', field, details })

describe('API errors -> form fields', () => {
  it('places every detail next to its field and lists all in the summary', () => {
    const e = invalid([
      { field: 'name', message: 'must not be empty' },
      { field: 'confidentiality', message: 'must be 1..4' },
      { field: 'name', message: 'must not contain control characters' },
    ])
    const errors = formErrorsFrom(e, ['name', 'confidentiality'])
    expect(errors.byField).toEqual({
      name: ['must not be empty', 'must not contain control characters'],
      confidentiality: ['must be 1..4'],
    })
    expect(errors.summary).toHaveLength(3)
  })

  it('maps indexed fields to their input and keeps unplaceable errors in the summary', () => {
    const e = invalid([
      { field: 'depends_on[1]', message: 'unknown asset' },
      { field: 'version', message: 'required' },
    ])
    const errors = formErrorsFrom(e, ['depends_on'])
    expect(errors.byField).toEqual({ depends_on: ['unknown asset'] })
    expect(errors.summary).toEqual([{ field: 'depends_on', message: 'unknown asset' }, { message: 'version: required' }])
  })

  it('falls back to the top-level field when details are missing', () => {
    const e = new ApiError({ status: 422, code: 'invalid', message: 'justification required', field: 'justification' })
    expect(formErrorsFrom(e, ['justification']).byField).toEqual({ justification: ['justification required'] })
  })

  it('baseField', () => {
    expect(baseField('depends_on[3]')).toBe('depends_on')
    expect(baseField('a.b')).toBe('a')
    expect(baseField('name')).toBe('name')
  })
})
