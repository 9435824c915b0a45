import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { CoveragePanel } from './CoveragePanel'

describe('CoveragePanel', () => {
  it('shows each scope with figures and a link to its gap report', () => {
    const html = renderToStaticMarkup(
      <CoveragePanel
        coverage={{
          reports: [
            { framework_id: 'iso27001-2022', framework_name: 'ISO/IEC 27001:2022', scope: 'Annex A controls', figures: { total: 93, covered: 40, covered_through_mapping: 5, percent: 43, percent_with_mapping: 48.4 } },
            { framework_id: 'iso27001-2022', framework_name: 'ISO/IEC 27001:2022', scope: 'Clauses 4-10', figures: { total: 24, covered: 24, covered_through_mapping: 0, percent: 100, percent_with_mapping: 100 } },
          ],
        }}
      />,
    )
    expect(html).toContain('data-testid="coverage-iso27001-2022"')
    expect(html).toContain('data-testid="coverage-iso27001-2022-clauses"')
    expect(html).toContain('href="/traceability?framework=iso27001-2022&amp;scope=clauses"')
    expect(html).toContain('40 / 93')
    expect(html).toContain('48.4 %')
  })
})
