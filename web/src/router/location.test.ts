import { describe, expect, it } from 'vitest'
import { matchPath } from './location'

describe('matchPath', () => {
  it('matches literal and parameter segments', () => {
    expect(matchPath('/assets', '/assets')).toEqual({})
    expect(matchPath('/assets', '/assets/')).toEqual({})
    expect(matchPath('/assets/:id', '/assets/a%2Fb')).toEqual({ id: 'a/b' })
    expect(matchPath('/assets/:id/edit', '/assets/x/edit')).toEqual({ id: 'x' })
    expect(matchPath('/', '/')).toEqual({})
  })

  it('rejects other paths and broken encodings', () => {
    expect(matchPath('/assets/:id', '/assets')).toBeNull()
    expect(matchPath('/assets/:id', '/ledger/x')).toBeNull()
    expect(matchPath('/assets/:id', '/assets/%E0%A4%A')).toBeNull()
  })
})
