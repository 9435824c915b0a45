// People (/people): everyone the ISMS knows, their roles and employment, and whose access
// needs a review (after roles changed or employment ended).
import { useState } from 'react'
import type { Items, Person, Role } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { Badge } from './bits'
import { itemsOf } from './format'

export function AccessReviewBadge() {
  return (
    <Badge tone="warn" testId="access-review-required">
      access review required
    </Badge>
  )
}

export function PeoplePage() {
  const persons = useApi<Items<Person>>('/api/v1/persons')
  const roles = useApi<Items<Role>>('/api/v1/roles')
  const { can } = useAuth()
  const [onlyReview, setOnlyReview] = useState(false)
  const roleName = new Map(itemsOf(roles.data).map((r) => [r.id, r.name]))
  const all = itemsOf(persons.data)
  const items = onlyReview ? all.filter((p) => p.access_review_required) : all
  const reviewCount = all.filter((p) => p.access_review_required).length

  return (
    <>
      <PageHeader
        title="People"
        subtitle="Roles held by a person give their users permissions."
        actions={
          can('people:write') && (
            <Link to="/people/new" className="button primary" data-testid="new-person">
              New person
            </Link>
          )
        }
      />
      <div className="toolbar">
        <label className="toggle">
          <input type="checkbox" checked={onlyReview} onChange={(e) => setOnlyReview(e.target.checked)} data-testid="only-review" />{' '}
          Only access review required ({reviewCount})
        </label>
      </div>
      {persons.error !== undefined && <ErrorBox error={persons.error} onRetry={persons.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={persons.loading} data-testid="people-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Job title</th>
              <th scope="col">Roles</th>
              <th scope="col">Employment</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id} className={p.employment_status === 'ended' ? 'archived' : undefined}>
                <td>
                  <Link to={`/people/${encodeURIComponent(p.id)}`}>{p.name}</Link>
                  {p.access_review_required && (
                    <>
                      {' '}
                      <AccessReviewBadge />
                    </>
                  )}
                </td>
                <td>{p.email || '—'}</td>
                <td>{p.job_title || '—'}</td>
                <td>{(p.role_ids ?? []).map((id) => roleName.get(id) ?? id).join(', ') || '—'}</td>
                <td>{p.employment_status === 'ended' ? <Badge>ended</Badge> : (p.employment_status ?? '—')}</td>
              </tr>
            ))}
            {persons.data && items.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  {onlyReview ? 'No access reviews pending.' : 'No people yet.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  )
}
