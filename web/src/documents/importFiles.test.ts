import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import { fileIndexOf, importLimits, importProblems } from './importFiles'
import { audienceOrder, completionPercent, myPendingFor } from './acks'

describe('document import errors', () => {
  it('names the refused file instead of its index', () => {
    const error = new ApiError({
      status: 422,
      code: 'invalid',
      message: 'files[1]: invalid UTF-8 at byte 17',
      field: 'files[1]',
      details: [
        { field: 'files[1]', message: 'invalid UTF-8 at byte 17' },
        { field: 'files[2].front_matter.kind', message: 'unknown kind' },
        { field: 'files', message: 'at most 200 files' },
      ],
    })
    expect(importProblems(error, ['a.txt', 'b.txt', 'c.md'])).toEqual([
      { file: 'b.txt', field: undefined, message: 'invalid UTF-8 at byte 17' },
      { file: 'c.md', field: 'front_matter.kind', message: 'unknown kind' },
      { file: undefined, field: 'files', message: 'at most 200 files' },
    ])
  })

  it('falls back to the message and numbers unknown files from 1', () => {
    const error = new ApiError({ status: 422, code: 'invalid', message: 'empty file', field: 'files[4]' })
    expect(importProblems(error, ['a'])).toEqual([{ file: 'file 5', field: undefined, message: 'empty file' }])
    expect(fileIndexOf('files[12].content')).toBe(12)
    expect(fileIndexOf('title')).toBeUndefined()
  })

  it('checks the limits before sending', () => {
    expect(importLimits([{ name: 'a', size: 10 }])).toBeUndefined()
    expect(importLimits(Array.from({ length: 201 }, () => ({ name: 'x', size: 1 })))).toMatch(/At most 200 files/)
    expect(importLimits([{ name: 'big', size: 9 * 1024 * 1024 }])).toMatch(/8 MiB/)
  })
})

describe('acknowledgements', () => {
  it('shows completion as a whole percentage', () => {
    expect(completionPercent({ completion_rate: 0.5, acknowledged: 1, pending: 1 })).toBe(50)
    expect(completionPercent({ completion_rate: 2 / 3, acknowledged: 2, pending: 1 })).toBe(67)
    expect(completionPercent({ completion_rate: 1, acknowledged: 0, pending: 0 })).toBe(100)
    expect(completionPercent({ completion_rate: Number.NaN, acknowledged: 1, pending: 3 })).toBe(25)
    expect(completionPercent({ completion_rate: 75, acknowledged: 3, pending: 1 })).toBe(75)
  })

  it('lists pending persons first, then by name', () => {
    const p = (person_name: string, acknowledged_at: string | null) => ({ person_id: person_name, person_name, acknowledged_at, last_reminded_at: null, reminder_count: 0 })
    expect(audienceOrder([p('Cecilia', '2026-01-01T00:00:00Z'), p('Bo', null), p('Anna', '2026-01-02T00:00:00Z'), p('Alf', null)]).map((x) => x.person_name)).toEqual([
      'Alf',
      'Bo',
      'Anna',
      'Cecilia',
    ])
  })

  it('finds the reader’s own pending acknowledgement of a document', () => {
    const items = [{ document_id: 'd1', document_title: 'ISP', version_id: 'v1', version_label: '3.1', published_at: '2026-01-01T00:00:00Z' }]
    expect(myPendingFor(items, 'd1')?.version_label).toBe('3.1')
    expect(myPendingFor(items, 'd2')).toBeUndefined()
    expect(myPendingFor(undefined, 'd1')).toBeUndefined()
  })
})
