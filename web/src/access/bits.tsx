// Small display pieces shared by the access pages.
import type { ReactNode } from 'react'
import { formatDateTime } from '../register/display'
import { groupPermissions } from './format'

export function When({ at, empty = '—' }: { at: string | null | undefined; empty?: string }) {
  if (!at) return <>{empty}</>
  return (
    <time dateTime={at} title={at}>
      {formatDateTime(at)}
    </time>
  )
}

export function Badge({ tone, children, testId }: { tone?: 'ok' | 'warn' | 'bad'; children: ReactNode; testId?: string }) {
  return (
    <span className={`badge${tone ? ` tone-${tone}` : ''}`} data-testid={testId}>
      {children}
    </span>
  )
}

/** Permissions grouped by area ("assets: read, write"). */
export function PermissionList({ permissions }: { permissions: readonly string[] }) {
  if (permissions.length === 0) return <p className="muted">No permissions.</p>
  return (
    <dl className="permissions" data-testid="permissions">
      {groupPermissions(permissions).map((g) => (
        <div key={g.area} className="field-row">
          <dt>{g.area}</dt>
          <dd>
            <ul className="chips">
              {g.permissions.map((p) => (
                <li key={p}>
                  <code>{p}</code>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  )
}

export function Field({ label, children, name }: { label: string; children: ReactNode; name?: string }) {
  return (
    <div className="field-row">
      <dt>{label}</dt>
      <dd data-field={name}>{children}</dd>
    </div>
  )
}
