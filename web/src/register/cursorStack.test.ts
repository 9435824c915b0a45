import { describe, expect, it } from 'vitest'
import { arrive, pageNumber, previousCursor } from './cursorStack'

describe('cursor stack', () => {
  it('walks forward and back', () => {
    let s = arrive(undefined, 'k', '')
    expect(previousCursor(s)).toBeUndefined()
    s = arrive(s, 'k', 'c2')
    s = arrive(s, 'k', 'c3')
    expect(pageNumber(s)).toBe(3)
    expect(previousCursor(s)).toBe('c2')
    s = arrive(s, 'k', 'c2') // Previous or browser back
    expect(s.cursors).toEqual(['', 'c2'])
    expect(previousCursor(s)).toBe('')
  })

  it('starts over for another query, and after a reload keeps a way to the first page', () => {
    const s = arrive({ key: 'k', cursors: ['', 'c2'] }, 'other', '')
    expect(s.cursors).toEqual([''])
    expect(previousCursor(arrive(undefined, 'k', 'c9'))).toBe('')
  })
})
