// The dashboard's "running the ISMS" panel (GET /dashboard "operations", docs/api.md
// "Dashboard"): what is overdue or due soon in the calendar, incidents and their regulatory
// clocks, findings and corrective actions, exceptions and management reviews. Each part is
// null without its read permission and then not shown.
import './operations.css'
import { Link } from '../router'

export interface OperationsSummary {
  calendar: {
    overdue: number
    due: number
    upcoming_30_days: number
    next: { source: string; title: string; due_on: string; state: string; owner_name: string; link: string }[]
  } | null
  incidents: {
    open: number
    overdue_reports: number
    untriaged_events: number
    next_deadline: { incident_id: string; ref: string; due_at: string } | null
  } | null
  audits: { open_findings: number; open_actions: number; overdue_actions: number; actions_to_verify: number } | null
  exceptions: { requested: number; approved: number; expiring_30_days: number; expired: number } | null
  management_reviews: {
    last_approved: { id: string; ref: string; on: string; status: string } | null
    next: { id: string; ref: string; on: string; status: string } | null
  } | null
}

function Figure({ label, value, alert, to }: { label: string; value: number; alert?: boolean; to?: string }) {
  const text = (
    <>
      <strong className={alert && value > 0 ? 'text-danger' : undefined}>{value}</strong> {label}
    </>
  )
  return <li>{to ? <Link to={to}>{text}</Link> : text}</li>
}

/** Renders nothing when the reader may see none of the parts. */
export function DashboardOperationsPanel({ operations }: { operations: OperationsSummary | null | undefined }) {
  if (!operations) return null
  const { calendar, incidents, audits, exceptions, management_reviews: reviews } = operations
  if (!calendar && !incidents && !audits && !exceptions && !reviews) return null
  return (
    <section className="panel" aria-labelledby="dashboard-operations" data-testid="dashboard-operations">
      <h2 id="dashboard-operations">Running the ISMS</h2>
      <div className="operations-grid">
        {calendar && (
          <div data-testid="dashboard-calendar">
            <h3>
              <Link to="/calendar">Calendar</Link>
            </h3>
            <ul className="plain">
              <Figure label="overdue" value={calendar.overdue} alert to="/calendar" />
              <Figure label="due now" value={calendar.due} to="/calendar" />
              <Figure label="in the next 30 days" value={calendar.upcoming_30_days} to="/calendar" />
            </ul>
            {calendar.next.length > 0 && (
              <ol className="plain small">
                {calendar.next.map((item) => (
                  <li key={`${item.link}-${item.due_on}`}>
                    {item.due_on} <Link to={item.link}>{item.title}</Link>{' '}
                    <span className={`badge state-${item.state}`}>{item.state}</span>
                  </li>
                ))}
              </ol>
            )}
          </div>
        )}
        {incidents && (
          <div data-testid="dashboard-incidents">
            <h3>
              <Link to="/incidents">Incidents</Link>
            </h3>
            <ul className="plain">
              <Figure label="open" value={incidents.open} to="/incidents" />
              <Figure label="regulatory reports overdue" value={incidents.overdue_reports} alert to="/incidents" />
              <Figure label="events to triage" value={incidents.untriaged_events} alert to="/events" />
            </ul>
            {incidents.next_deadline && (
              <p className="small">
                Next deadline: <Link to={`/incidents/${incidents.next_deadline.incident_id}`}>{incidents.next_deadline.ref}</Link>{' '}
                {new Date(incidents.next_deadline.due_at).toLocaleString()}
              </p>
            )}
          </div>
        )}
        {audits && (
          <div data-testid="dashboard-audits">
            <h3>
              <Link to="/findings">Findings and actions</Link>
            </h3>
            <ul className="plain">
              <Figure label="open findings" value={audits.open_findings} to="/findings" />
              <Figure label="corrective actions open" value={audits.open_actions} to="/corrective-actions" />
              <Figure label="corrective actions overdue" value={audits.overdue_actions} alert to="/corrective-actions" />
              <Figure label="waiting for verification" value={audits.actions_to_verify} to="/corrective-actions" />
            </ul>
          </div>
        )}
        {exceptions && (
          <div data-testid="dashboard-exceptions">
            <h3>
              <Link to="/exceptions">Exceptions</Link>
            </h3>
            <ul className="plain">
              <Figure label="requested" value={exceptions.requested} to="/exceptions" />
              <Figure label="in force" value={exceptions.approved} to="/exceptions" />
              <Figure label="expiring within 30 days" value={exceptions.expiring_30_days} alert to="/exceptions" />
              <Figure label="expired" value={exceptions.expired} alert to="/exceptions" />
            </ul>
          </div>
        )}
        {reviews && (
          <div data-testid="dashboard-reviews">
            <h3>
              <Link to="/management-reviews">Management review</Link>
            </h3>
            <p className="small">
              {reviews.last_approved ? (
                <>
                  Last approved: <Link to={`/management-reviews/${reviews.last_approved.id}`}>{reviews.last_approved.ref}</Link> (
                  {reviews.last_approved.on.slice(0, 10)})
                </>
              ) : (
                'None approved yet.'
              )}
              <br />
              {reviews.next ? (
                <>
                  Next: <Link to={`/management-reviews/${reviews.next.id}`}>{reviews.next.ref}</Link> ({reviews.next.on.slice(0, 10)},{' '}
                  {reviews.next.status})
                </>
              ) : (
                'None planned.'
              )}
            </p>
          </div>
        )}
      </div>
    </section>
  )
}
