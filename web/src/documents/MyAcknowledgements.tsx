// The reader's pending acknowledgements (GET /api/v1/me/acknowledgements): published
// documents they are asked to read and accept. Shown on the dashboard.
import type { Items, PendingAcknowledgement } from '../api/types'
import type { ApiState } from '../api/useApi'
import { When } from '../access/bits'
import { Link } from '../router'
import { documentRoute } from './paths'

export function MyAcknowledgements({ state }: { state: ApiState<Items<PendingAcknowledgement>> }) {
  const items = state.data?.items ?? []
  if (items.length === 0) return null
  return (
    <section className="panel cta" aria-labelledby="my-acks-heading" data-testid="my-acknowledgements">
      <h2 id="my-acks-heading">Awaiting your acknowledgement ({items.length})</h2>
      <ul className="plain">
        {items.map((a) => (
          <li key={a.version_id}>
            <Link to={documentRoute(a.document_id)}>{a.document_title}</Link>{' '}
            <span className="muted small">
              version {a.version_label}, published <When at={a.published_at} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
