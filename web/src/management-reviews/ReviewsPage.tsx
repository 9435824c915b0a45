// /management-reviews: the management reviews (ISO 27001 9.3), newest planned date first,
// with their status and approval; "Plan a review" for holders of reviews:write.
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { approvalLine, reviewRoute, reviewsApi, statusTone } from './model'
import type { ReviewList } from './types'

export function ReviewsPage() {
  const list = useApi<ReviewList>(reviewsApi)
  const { can } = useAuth()
  const items = list.data?.items ?? []
  return (
    <>
      <PageHeader
        title="Management reviews"
        subtitle="Top management reviews the ISMS at least once a year: inputs assembled from the registers, decisions and actions recorded, the minutes approved by the CEO."
        actions={
          can('reviews:write') && (
            <Link to="/management-reviews/new" className="button primary" data-testid="new-review">
              Plan a review
            </Link>
          )
        }
      />
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={list.loading} data-testid="reviews-table">
          <thead>
            <tr>
              <th scope="col">Ref</th>
              <th scope="col">Review</th>
              <th scope="col">Planned</th>
              <th scope="col">Held</th>
              <th scope="col">Status</th>
              <th scope="col">Approval</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} data-testid="review-row">
                <td className="nowrap">{r.ref}</td>
                <td>
                  <Link to={reviewRoute(r.id)}>{r.title}</Link>
                </td>
                <td className="nowrap">{r.planned_on}</td>
                <td className="nowrap">{r.held_on || '—'}</td>
                <td>
                  <Badge tone={statusTone(r.status)}>{r.status}</Badge>
                </td>
                <td>{approvalLine(r)}</td>
              </tr>
            ))}
            {list.data && items.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  No management review yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  )
}
