import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { DashboardOperationsPanel, type OperationsSummary } from './DashboardOperationsPanel'

const none: OperationsSummary = { calendar: null, incidents: null, audits: null, exceptions: null, management_reviews: null }

describe('dashboard operations panel', () => {
  it('renders nothing without any readable part', () => {
    expect(renderToStaticMarkup(<DashboardOperationsPanel operations={none} />)).toBe('')
    expect(renderToStaticMarkup(<DashboardOperationsPanel operations={null} />)).toBe('')
  })

  it('shows only the parts the reader may see, with overdue figures marked', () => {
    const html = renderToStaticMarkup(
      <DashboardOperationsPanel
        operations={{
          ...none,
          incidents: { open: 2, overdue_reports: 1, untriaged_events: 0, next_deadline: { incident_id: 'i1', ref: 'INC-0001', due_at: '2026-03-01T10:00:00Z' } },
          calendar: { overdue: 3, due: 1, upcoming_30_days: 4, next: [{ source: 'occurrence', title: 'Log review', due_on: '2026-02-01', state: 'overdue', owner_name: 'Bo', link: '/calendar/activities/a1' }] },
        }}
      />,
    )
    expect(html).toContain('data-testid="dashboard-incidents"')
    expect(html).toContain('data-testid="dashboard-calendar"')
    expect(html).not.toContain('data-testid="dashboard-audits"')
    expect(html).toContain('INC-0001')
    expect(html).toContain('Log review')
    expect(html).toMatch(/<strong class="text-danger">1<\/strong> regulatory reports overdue/)
    expect(html).toMatch(/<strong>0<\/strong> events to triage/)
  })
})
