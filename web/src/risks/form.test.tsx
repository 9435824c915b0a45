import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { createBody, emptyRiskForm, formFromRisk, patchBody, ratingHint, riskFormErrors, sectionOf } from './form'
import { testMethod, testRisk } from './fixtures'
import { RatingFieldset } from './RatingFieldset'

describe('risk form bodies', () => {
  it('sends the whole risk on create, "" as null where the API wants no value', () => {
    const form = { ...emptyRiskForm('a1'), title: 'T', threat_id: 't', vulnerability_id: 'v' }
    const body = createBody(form)
    expect(body).toMatchObject({ title: 'T', asset_ids: ['a1'], owner_id: null, next_review_on: null, treatment: 'undecided' })
    expect(body.inherent).toEqual({ likelihood: 0, impact: { confidentiality: 0, integrity: 0, availability: 0, authenticity: 0 } })
  })

  it('sends only changed fields plus the version on edit; levels are never sent', () => {
    const initial = formFromRisk(testRisk())
    expect(patchBody(initial, initial, 3)).toBeUndefined()
    const changed = { ...initial, residual: { ...initial.residual, likelihood: 1 }, control_ids: ['c1'] }
    const body = patchBody(initial, changed, 3)!
    expect(Object.keys(body).sort()).toEqual(['control_ids', 'residual', 'version'])
    expect(body.version).toBe(3)
    expect(body.residual).toEqual({ likelihood: 1, impact: { confidentiality: 4, integrity: 0, availability: 1, authenticity: 0 } })
    expect(JSON.stringify(body)).not.toContain('level')
  })

  it('treats id lists as sets', () => {
    const initial = { ...emptyRiskForm(), asset_ids: ['a', 'b'] }
    expect(patchBody(initial, { ...initial, asset_ids: ['b', 'a'] }, 1)).toBeUndefined()
  })
})

describe('form validation messages', () => {
  it('places server messages in the section that shows the field', () => {
    const e = riskFormErrors([
      { field: 'inherent.impact', message: 'at least one property must be affected (1 or more)' },
      { field: 'residual.likelihood', message: 'must be from 1 to 3' },
      { field: 'asset_ids', message: 'must name at least one asset' },
      { field: 'threat_id', message: 'is required' },
      { field: 'version', message: 'is required' },
      { message: 'something general' },
    ])
    expect(e.bySection.inherent).toEqual(['impact: at least one property must be affected (1 or more)'])
    expect(e.bySection.residual).toEqual(['likelihood: must be from 1 to 3'])
    expect(e.bySection.asset_ids).toEqual(['must name at least one asset'])
    expect(e.bySection.threat_id).toEqual(['is required'])
    expect(e.invalid.has('residual.likelihood')).toBe(true)
    // not placeable: still in the summary, with the field named
    expect(e.summary.map((s) => s.message)).toContain('version: is required')
    expect(e.summary.map((s) => s.message)).toContain('something general')
    expect(e.summary).toHaveLength(6)
  })

  it('maps indexed and nested fields to their section', () => {
    expect(sectionOf('asset_ids[2]')).toBe('asset_ids')
    expect(sectionOf('inherent.impact.integrity')).toBe('inherent')
    expect(riskFormErrors([{ field: 'control_ids[1]', message: 'unknown control' }]).bySection.control_ids).toEqual(['unknown control'])
  })

  it('hints at what a rating still needs', () => {
    const none = { confidentiality: 0, integrity: 0, availability: 0, authenticity: 0 }
    expect(ratingHint({ likelihood: 0, impact: none })).toBe('Choose a likelihood.')
    expect(ratingHint({ likelihood: 2, impact: none })).toBe('Rate the impact on at least one property.')
    expect(ratingHint({ likelihood: 2, impact: { ...none, integrity: 1 } })).toBeUndefined()
  })
})

describe('RatingFieldset', () => {
  const m = testMethod()
  it('shows the level live from the method grid', () => {
    const html = renderToStaticMarkup(
      <RatingFieldset name="residual" label="Residual" method={m} value={{ likelihood: 2, impact: { confidentiality: 0, integrity: 4, availability: 1, authenticity: 0 } }} onChange={() => {}} />,
    )
    expect(html).toMatch(/data-testid="level-residual"[^>]*>High</)
    expect(html).toContain('above the appetite')
    expect(html).toContain('id="field-residual-impact-integrity"')
    expect(html).toContain('0 · Not affected')
  })

  it('shows "not rated yet" with a hint, and the server messages', () => {
    const html = renderToStaticMarkup(
      <RatingFieldset
        name="inherent"
        label="Inherent"
        method={m}
        value={{ likelihood: 2, impact: { confidentiality: 0, integrity: 0, availability: 0, authenticity: 0 } }}
        onChange={() => {}}
        errors={['impact: at least one property must be affected (1 or more)']}
        invalid={new Set(['inherent.impact'])}
      />,
    )
    expect(html).toContain('not rated yet')
    expect(html).toContain('Rate the impact on at least one property.')
    expect(html).toMatch(/data-testid="error-inherent"[^>]*>impact: at least one property must be affected/)
    expect(html).toContain('aria-describedby="error-inherent"')
  })
})
