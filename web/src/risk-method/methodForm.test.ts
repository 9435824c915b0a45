import { describe, expect, it } from 'vitest'
import { testMethod } from '../risks/fixtures'
import { defaultMap, formFromMethod, mapFor, monotoneProblems, previewBody, resizeGrid, saveBody, setLevelCount, setScaleSize } from './methodForm'
import { methodErrorPath, problemsFrom } from './problems'

const m = testMethod()

describe('method form', () => {
  it('starts from the current method with an empty change note', () => {
    const f = formFromMethod(m)
    expect(f.change_note).toBe('')
    expect(f.grid).toEqual(m.grid)
    expect(f.grid).not.toBe(m.grid)
    expect('number' in f).toBe(false)
  })

  it('grows and shrinks a scale together with the grid', () => {
    const bigger = setScaleSize(formFromMethod(m), 'likelihood', 4)
    expect(bigger.likelihood.map((s) => s.value)).toEqual([1, 2, 3, 4])
    expect(bigger.likelihood[3].name).toBe('Level 4')
    expect(bigger.grid).toHaveLength(4)
    expect(bigger.grid[3]).toEqual(m.grid[2]) // a new top row copies the row below
    const wider = setScaleSize(bigger, 'impact', 5)
    expect(wider.grid.every((row) => row.length === 5)).toBe(true)
    expect(wider.grid[0][4]).toBe(m.grid[0][3])
    expect(setScaleSize(formFromMethod(m), 'impact', 2).impact).toHaveLength(3) // at least 3
    expect(setScaleSize(formFromMethod(m), 'impact', 9).impact).toHaveLength(6) // at most 6
    expect(resizeGrid([[1, 2]], 2, 3)).toEqual([
      [1, 2, 2],
      [1, 2, 2],
    ])
  })

  it('lowers cells and the appetite when a level is removed', () => {
    const f = setLevelCount({ ...formFromMethod(m), appetite_rank: 2 }, 2)
    expect(f.levels.map((l) => l.key)).toEqual(['low', 'medium'])
    expect(Math.max(...f.grid.flat())).toBe(1)
    expect(f.appetite_rank).toBe(1)
    expect(setLevelCount(formFromMethod(m), 4).levels[3].rank).toBe(3)
  })

  it('maps old scale values to the same relative place', () => {
    expect(defaultMap(5, 3)).toEqual({ 1: 1, 2: 2, 3: 2, 4: 3, 5: 3 })
    expect(defaultMap(3, 5)).toEqual({ 1: 1, 2: 3, 3: 5 })
    expect(defaultMap(4, 4)).toEqual({ 1: 1, 2: 2, 3: 3, 4: 4 })
  })

  it('sends maps only for scales that changed size', () => {
    const same = formFromMethod(m)
    expect(previewBody(m, same, {})).toEqual({ method: same })
    const f = setScaleSize(same, 'impact', 5)
    expect(mapFor(m, f, 'likelihood', undefined)).toBeUndefined()
    expect(mapFor(m, f, 'impact', { 1: 1, 2: 9 })).toEqual({ 1: 1, 2: 2, 3: 4, 4: 5 })
    const body = saveBody(m, f, { impact: { 1: 1, 2: 3, 3: 4, 4: 5 } }, false)
    expect(body).toMatchObject({ expected_number: 2, rerate: false, impact_map: { 1: 1, 2: 3, 3: 4, 4: 5 } })
    expect(body.likelihood_map).toBeUndefined()
  })

  it('points at cells that break the monotone grid', () => {
    expect(monotoneProblems(m.grid)).toEqual([])
    const bad = m.grid.map((r) => [...r])
    bad[2][1] = 0 // lower than the cell to its left (1) and the one below (1)
    expect(monotoneProblems(bad)).toEqual([{ likelihood: 3, impact: 2 }])
  })

  it('reads the server field paths of a method', () => {
    expect(methodErrorPath('method.grid[1][3]')).toBe('grid[1][3]')
    expect(methodErrorPath('impact[2].name')).toBe('impact[2].name')
    const p = problemsFrom([
      { field: 'grid[1][3]', message: 'lower than grid[0][3]' },
      { field: 'likelihood_map', message: 'needs one entry per old value' },
      { message: 'general' },
    ])
    expect(p.byPath.get('grid[1][3]')).toEqual(['lower than grid[0][3]'])
    expect(p.byPath.has('likelihood_map')).toBe(true)
    expect(p.summary).toEqual(['grid[1][3]: lower than grid[0][3]', 'likelihood_map: needs one entry per old value', 'general'])
  })
})
