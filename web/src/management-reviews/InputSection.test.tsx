import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { InputSection } from './InputSection'
import type { ReviewInput } from './types'

const input: ReviewInput = {
  key: 'd1',
  clause: '9.3.2 d) 1)',
  heading: 'Nonconformities and corrective actions',
  facts: [{ label: 'Corrective actions overdue', value: '3' }],
  tables: [{ title: 'Open nonconformities', columns: ['Ref', 'Title'], rows: [['F-0042', 'Backups <untested>']] }],
  notes: ['No audit was completed since 2026-03-01.'],
  comment: 'Backups are the weak spot',
}

describe('InputSection', () => {
  it('shows facts, notes, tables (escaped) and the comment read-only', () => {
    const html = renderToStaticMarkup(<InputSection input={input} comment={input.comment} editable={false} onComment={() => {}} />)
    expect(html).toContain('9.3.2 d) 1)')
    expect(html).toContain('<dt>Corrective actions overdue</dt><dd>3</dd>')
    expect(html).toContain('No audit was completed since 2026-03-01.')
    expect(html).toContain('<caption>Open nonconformities</caption>')
    expect(html).toContain('Backups &lt;untested&gt;')
    expect(html).toContain('Backups are the weak spot')
    expect(html).not.toContain('<textarea')
  })
  it('offers a comment field while editable', () => {
    const html = renderToStaticMarkup(<InputSection input={input} comment="" editable onComment={() => {}} />)
    expect(html).toContain('data-testid="input-d1-comment"')
    expect(html).toContain('<textarea')
  })
})
