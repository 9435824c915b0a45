import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { DashboardSoaPanels } from './DashboardSoaPanels'

const totals = { lines: 93, applicable: 80, not_applicable: 5, undecided: 8, implemented: 40, partial: 20, planned: 10, not_started: 23 }

describe('dashboard SoA and coverage panels', () => {
  it('shows the last approval, changes since and undecided lines', () => {
    const html = renderToStaticMarkup(
      <DashboardSoaPanels
        soa={{
          totals,
          last_approved: { id: 's1', number: 3, framework_ids: [], approved_by_person_id: 'p1', approved_by_name: 'Cleo', approved_at: '2026-03-01T10:00:00Z', note: '', totals },
          changed_since_approval: 2,
        }}
      />,
    )
    expect(html).toContain('href="/soa/versions/s1"')
    expect(html).toContain('Version 3')
    expect(html).toContain('by Cleo')
    expect(html).toMatch(/data-testid="dashboard-soa-changed"[^>]*>2 lines changed since/)
    expect(html).toContain('href="/soa?applicable=undecided"')
    expect(html).toMatch(/data-testid="soa-total-undecided"[^>]*>.*8 undecided/)
    expect(html).not.toContain('coverage-panel')
  })

  it('says when the SoA was never approved', () => {
    const html = renderToStaticMarkup(<DashboardSoaPanels soa={{ totals: { ...totals, undecided: 0 }, last_approved: null }} />)
    expect(html).toContain('data-testid="dashboard-soa-unapproved"')
    expect(html).not.toContain('dashboard-soa-undecided')
  })

  it('adds the control figures per framework when present', () => {
    const html = renderToStaticMarkup(
      <DashboardSoaPanels
        coverage={{
          reports: [
            {
              framework_id: 'iso27001-2022',
              framework_name: 'ISO/IEC 27001:2022',
              scope: 'Annex A controls',
              figures: { total: 93, covered: 40, covered_through_mapping: 0, percent: 43, percent_with_mapping: 43, with_control: 30, with_implemented_control: 12, with_valid_evidence: 7 } as never,
            },
          ],
        }}
      />,
    )
    expect(html).toContain('data-testid="coverage-iso27001-2022"')
    expect(html).toMatch(/data-testid="coverage-with-control"[^>]*>30 \/ 93/)
    expect(html).toMatch(/data-testid="coverage-implemented"[^>]*>12 \/ 93/)
    expect(html).toMatch(/data-testid="coverage-valid-evidence"[^>]*>7 \/ 93/)
    expect(html).not.toContain('dashboard-soa"')
  })

  it('leaves out the control columns without control figures (no controls:read)', () => {
    const html = renderToStaticMarkup(
      <DashboardSoaPanels
        coverage={{ reports: [{ framework_id: 'nis2-2024-2690', framework_name: 'NIS2', scope: 'Annex subsections', figures: { total: 10, covered: 5, covered_through_mapping: 1, percent: 50, percent_with_mapping: 60 } }] }}
      />,
    )
    expect(html).toContain('5 / 10')
    expect(html).not.toContain('With a control')
  })
})
