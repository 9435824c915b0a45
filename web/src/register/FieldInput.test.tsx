import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { assetsDescriptor as d } from '../test/assetsDescriptor'
import { FieldInput } from './FieldInput'

const nameField = d.fields[0]

describe('FieldInput', () => {
  it('binds the label and shows the server error next to the input', () => {
    const html = renderToStaticMarkup(
      <FieldInput field={nameField} value="" onChange={() => {}} errors={['must not be empty']} />,
    )
    expect(html).toContain('<label for="field-name">')
    expect(html).toContain('id="field-name"')
    expect(html).toContain('aria-invalid="true"')
    expect(html).toContain('aria-describedby="error-name"')
    expect(html).toMatch(/data-testid="error-name"[^>]*>must not be empty</)
  })

  it('never lets the browser block submission with its own validation', () => {
    const html = renderToStaticMarkup(<FieldInput field={nameField} value="" onChange={() => {}} errors={[]} />)
    expect(html).not.toMatch(/\srequired[\s=>]/)
    expect(html).not.toContain('maxlength')
    expect(html).not.toContain('aria-invalid')
  })

  it('renders levels as a select with their labels', () => {
    const level = d.fields.find((f) => f.name === 'confidentiality')!
    const html = renderToStaticMarkup(<FieldInput field={level} value="3" onChange={() => {}} errors={[]} />)
    expect(html).toContain('<select')
    expect(html).toContain('3 · High')
  })
})
