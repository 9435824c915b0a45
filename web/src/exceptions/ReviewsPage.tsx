// /reviews: "needs review" — documents, risks, controls, evidence, exceptions and the SoA
// whose review date is near or passed, as the caller may read them; "Mark reviewed" moves
// the date through the object's own service (exceptions: a renewal request; evidence and
// the SoA link to where they are renewed or approved).
import '../risks/risks.css'
import { useState } from 'react'
import { api } from '../api/client'
import { useApi } from '../api/useApi'
import { Badge } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { completable, reviewActionLabel } from './model'
import type { ReviewCompletion, ReviewItem, ReviewsDue } from './types'

const tone = (state: ReviewItem['state']) => (state === 'overdue' ? 'bad' : state === 'due' ? 'warn' : undefined)

function Row({ item, onDone }: { item: ReviewItem; onDone: (message: string) => void }) {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<unknown>()
  const complete = async () => {
    setBusy(true)
    setFailure(undefined)
    try {
      const r = await api<ReviewCompletion>('/api/v1/reviews/complete', {
        method: 'POST',
        body: { object_type: item.object_type, object_id: item.object_id, note: '' },
      })
      onDone(r.renewal_ref ? `${item.title}: renewal ${r.renewal_ref} requested` : `${item.title}: next review on ${r.next_review_on}`)
    } catch (err) {
      setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <tr data-testid="review-row" data-type={item.object_type} data-state={item.state}>
      <td className="nowrap">{item.due_on}</td>
      <td>
        <Badge tone={tone(item.state)}>{item.state}</Badge>
      </td>
      <td>{item.object_type}</td>
      <td>
        <Link to={item.link}>{item.ref ? `${item.ref} ${item.title}` : item.title}</Link>
      </td>
      <td>{item.owner_name || '—'}</td>
      <td>
        {completable(item) ? (
          <button type="button" disabled={busy} onClick={() => void complete()} data-testid="mark-reviewed">
            {reviewActionLabel(item)}
          </button>
        ) : (
          <Link to={item.link}>{reviewActionLabel(item)}</Link>
        )}
        {failure !== undefined && <ErrorBox error={failure} />}
      </td>
    </tr>
  )
}

export function ReviewsPage() {
  const [until, setUntil] = useState('')
  const due = useApi<ReviewsDue>(`/api/v1/reviews/due${until ? `?until=${until}` : ''}`)
  const [message, setMessage] = useState('')
  const items = due.data?.items ?? []
  return (
    <>
      <PageHeader title="Needs review" subtitle="Objects whose review date is near or passed. Completing a review moves the date by its interval." />
      <div className="toolbar">
        <div className="filter">
          <label htmlFor="reviews-until">Until</label>
          <input id="reviews-until" type="date" value={until || due.data?.until || ''} onChange={(e) => setUntil(e.target.value)} data-testid="reviews-until" />
        </div>
      </div>
      {message && (
        <p className="verify ok" role="status" data-testid="review-message">
          {message}
        </p>
      )}
      {due.error !== undefined && <ErrorBox error={due.error} onRetry={due.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={due.loading} data-testid="reviews-table">
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">State</th>
              <th scope="col">Type</th>
              <th scope="col">Object</th>
              <th scope="col">Owner</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <Row
                key={`${i.object_type}:${i.object_id}`}
                item={i}
                onDone={(m) => {
                  setMessage(m)
                  due.reload()
                }}
              />
            ))}
            {due.data && items.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  Nothing needs review until {due.data.until}.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  )
}
