// Users (/admin/users, users:manage): who can log in, and in what state their account is.
import type { Items, User } from '../api/types'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { Badge, When } from './bits'
import { isFuture, itemsOf } from './format'

export function UserBadges({ user }: { user: User }) {
  const expired = user.access_expires_at !== null && !isFuture(user.access_expires_at)
  return (
    <span className="badges">
      {user.disabled && <Badge tone="bad">disabled</Badge>}
      {expired && <Badge tone="bad">access expired</Badge>}
      {isFuture(user.locked_until) && <Badge tone="warn">locked</Badge>}
      {user.must_change_password && <Badge tone="warn">must change password</Badge>}
      {user.mfa_enabled ? <Badge tone="ok">MFA</Badge> : <Badge>no MFA</Badge>}
    </span>
  )
}

export function UsersPage() {
  const users = useApi<Items<User>>('/api/v1/users')
  const items = itemsOf(users.data)
  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Accounts that can log in. Each belongs to a person; roles come from the person."
        actions={
          <Link to="/admin/users/new" className="button primary" data-testid="new-user">
            New user
          </Link>
        }
      />
      {users.error !== undefined && <ErrorBox error={users.error} onRetry={users.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={users.loading} data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Person</th>
              <th scope="col">Status</th>
              <th scope="col">Access expires</th>
              <th scope="col">Password changed</th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr key={u.id} className={u.disabled ? 'archived' : undefined}>
                <td>
                  <Link to={`/admin/users/${encodeURIComponent(u.id)}`}>{u.username}</Link>
                </td>
                <td>{u.person_name}</td>
                <td>
                  <UserBadges user={u} />
                </td>
                <td className="nowrap">
                  <When at={u.access_expires_at} empty="never" />
                </td>
                <td className="nowrap">
                  <When at={u.password_changed_at} />
                </td>
              </tr>
            ))}
            {users.data && items.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  No users.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  )
}
