// Working groups (/groups): persons who share access to the confidential objects assigned
// to the group.
import type { Items, WorkingGroup } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { When } from './bits'
import { itemsOf } from './format'

export function GroupsPage() {
  const groups = useApi<Items<WorkingGroup>>('/api/v1/groups')
  const { can } = useAuth()
  const items = itemsOf(groups.data)
  return (
    <>
      <PageHeader
        title="Working groups"
        subtitle="Members of a group may read the confidential objects assigned to it."
        actions={
          can('groups:manage') && (
            <Link to="/groups/new" className="button primary" data-testid="new-group">
              New working group
            </Link>
          )
        }
      />
      {groups.error !== undefined && <ErrorBox error={groups.error} onRetry={groups.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={groups.loading} data-testid="groups-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col" className="num">
                Members
              </th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((g) => (
              <tr key={g.id}>
                <td>
                  <Link to={`/groups/${encodeURIComponent(g.id)}`}>{g.name}</Link>
                </td>
                <td>{g.description || '—'}</td>
                <td className="num">{g.member_ids.length}</td>
                <td className="nowrap">
                  <When at={g.updated_at} />
                </td>
              </tr>
            ))}
            {groups.data && items.length === 0 && (
              <tr>
                <td colSpan={4} className="empty">
                  No working groups yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  )
}
