// Roles (/admin/roles): every role with its permissions. Built-in roles follow the policy
// and are read-only; custom roles (roles:manage) can be created, edited and deleted while
// no person holds them (the API's 409 says so).
import { useEffect, useState } from 'react'
import { api } from '../api/client'
import type { Items, Role } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ErrorBox } from '../components/ErrorBox'
import { clearFlash, peekFlash } from '../components/flash'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { Badge } from './bits'
import { groupPermissions, itemsOf, splitPermission } from './format'

export function RolesPage() {
  const roles = useApi<Items<Role>>('/api/v1/roles')
  const { can } = useAuth()
  const manage = can('roles:manage')
  const [deleting, setDeleting] = useState<Role>()
  const [flash, setFlashShown] = useState(peekFlash)
  useEffect(() => clearFlash(), [])
  const items = itemsOf(roles.data)

  return (
    <>
      <PageHeader
        title="Roles"
        subtitle="A person's roles give their users permissions. Built-in roles follow the information security policy."
        actions={
          manage && (
            <Link to="/admin/roles/new" className="button primary" data-testid="new-role">
              New role
            </Link>
          )
        }
      />
      {flash && (
        <div className="success" role="status" data-testid="flash">
          {flash}
        </div>
      )}
      {roles.error !== undefined && <ErrorBox error={roles.error} onRetry={roles.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={roles.loading} data-testid="roles-table">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Permissions</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} data-role={r.key}>
                <td>
                  <Link to={`/admin/roles/${encodeURIComponent(r.id)}`}>{r.name}</Link> <code className="muted small">{r.key}</code>
                  {r.builtin && <span className="tag">built-in</span>}
                  {r.description && <div className="muted small">{r.description}</div>}
                </td>
                <td>
                  <ul className="chips">
                    {groupPermissions(r.permissions).map((g) => (
                      <li key={g.area}>
                        <Badge>
                          {g.area}: {g.permissions.map((p) => splitPermission(p).verb || p).join(', ')}
                        </Badge>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="nowrap">
                  {manage && !r.builtin && (
                    <>
                      <Link to={`/admin/roles/${encodeURIComponent(r.id)}`} className="button">
                        Edit
                      </Link>{' '}
                      <button type="button" className="danger" onClick={() => setDeleting(r)} data-testid={`delete-${r.key}`}>
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete role"
        confirmLabel="Delete"
        onClose={() => setDeleting(undefined)}
        onConfirm={async () => {
          if (!deleting) return
          await api(`/api/v1/roles/${encodeURIComponent(deleting.id)}`, { method: 'DELETE' })
          setFlashShown(`Role ${deleting.name} deleted.`)
          roles.reload()
        }}
      >
        <p>
          Delete the role <strong>{deleting?.name}</strong>? Only roles no person holds can be deleted.
        </p>
      </ConfirmDialog>
    </>
  )
}
