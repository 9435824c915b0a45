import { describe, expect, it } from 'vitest'
import { personPatch } from './personPatch'

const base = { name: 'Anna', email: 'a@x', job_title: 'CISO', role_ids: ['r1', 'r2'], employment_status: 'active' }

describe('person edit', () => {
  it('sends only the changed fields', () => {
    expect(personPatch(base, base)).toEqual({})
    expect(personPatch(base, { ...base, role_ids: ['r2', 'r1'] })).toEqual({})
    expect(personPatch(base, { ...base, job_title: 'CEO', role_ids: ['r1'] })).toEqual({ job_title: 'CEO', role_ids: ['r1'] })
    expect(personPatch(base, { ...base, employment_status: 'ended' })).toEqual({ employment_status: 'ended' })
  })
})
