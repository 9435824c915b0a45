import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { DocumentView, VersionDiff } from '../api/types'
import { ReviewDate } from './bits'
import { CitationSidebar } from './CitationSidebar'
import { DiffView } from './DiffView'
import { utf8Length } from './offsets'
import { WorkflowBar } from './WorkflowBar'

describe('DiffView', () => {
  const diff: VersionDiff = {
    fields: [{ field: 'label', before: '3.0', after: '3.1' }],
    lines: [
      { op: ' ', text: '# 1 Purpose', old_line: 1, new_line: 1 },
      { op: '-', text: 'Old text', old_line: 2, new_line: 0 },
      { op: '+', text: 'New text [ISO27002 A5.1]', old_line: 0, new_line: 2 },
    ],
    added: 1,
    removed: 1,
  }
  it('shows field changes and coloured lines with both line numbers', () => {
    const html = renderToStaticMarkup(<DiffView diff={diff} />)
    expect(html).toContain('Version label')
    expect(html).toMatch(/<tr class="diff-del" data-op="del"><td class="ln">2<\/td><td class="ln"><\/td><td class="op">-<\/td><td class="text">Old text<\/td>/)
    expect(html).toMatch(/<tr class="diff-add" data-op="add"><td class="ln"><\/td><td class="ln">2<\/td><td class="op">\+<\/td>/)
    expect(html).toContain('+1 −1')
  })
})

describe('CitationSidebar', () => {
  it('lists references and warnings with line:column from byte offsets', () => {
    const body = '# Åtkomst\nRegler [ISO27002 A5.15] och [NIS 99.1]'
    const at = (s: string) => utf8Length(body.slice(0, body.indexOf(s)))
    const html = renderToStaticMarkup(
      <CitationSidebar
        body={body}
        stale={false}
        onSelect={() => {}}
        citations={[{ key: 'iso27001-2022:A.5.15', framework_id: 'iso27001-2022', ref_id: 'A.5.15', raw: 'A5.15', offset: at('A5.15'), length: 5, section_number: '', section_anchor: '' }]}
        warnings={[{ raw: 'NIS 99.1', offset: at('NIS 99.1'), length: 8, message: 'no 99.1', suggestion: 'nis2-2024-2690:9.1' }]}
      />,
    )
    expect(html).toContain('data-testid="citation-count">1<')
    expect(html).toContain('ISO 27001 A.5.15')
    expect(html).toContain('<span class="cite-pos">2:18</span>')
    expect(html).toContain('<mark class="citation-mark">A5.15</mark>')
    expect(html).toContain('data-testid="warning-item"')
    expect(html).toContain('<span class="cite-pos">2:30</span>')
    expect(html).toContain('href="/catalogue/nis2-2024-2690/9.1"')
  })
})

describe('ReviewDate', () => {
  it('highlights a due review', () => {
    expect(renderToStaticMarkup(<ReviewDate date="2026-01-01" due />)).toContain('review due')
    expect(renderToStaticMarkup(<ReviewDate date="2027-01-01" />)).not.toContain('review due')
  })
})

describe('WorkflowBar', () => {
  const view = (status: string, can_write: boolean, can_approve: boolean): DocumentView => ({
    document: { id: 'd1', kind: 'policy', title: 'ISP', classification: 'public', version: 1 },
    latest: { id: 'v1', document_id: 'd1', number: 1, status, title: 'ISP', classification: 'public', label: '1.0', version: 4 },
    published: null,
    can_write,
    can_approve,
  })
  const render = (v: DocumentView) => renderToStaticMarkup(<WorkflowBar view={v} onChanged={() => {}} onReload={() => {}} />)
  it('shows the steps for the status and rights', () => {
    const draft = render(view('draft', true, false))
    expect(draft).toContain('data-testid="workflow-edit"')
    expect(draft).toContain('href="/documents/d1/edit"')
    expect(draft).toContain('>Submit for review<')
    expect(draft).not.toContain('workflow-approve')
    const review = render(view('in_review', true, true))
    expect(review).toContain('>Approve<')
    expect(review).toContain('>Return to draft<')
    expect(render(view('in_review', false, true))).not.toContain('data-testid="workflow-return"')
    // a reader without rights sees no workflow at all
    expect(render(view('published', false, false))).toBe('')
  })
})
