// Authentication events (/admin/auth-events, auth_events:read): logins, failures,
// lockouts, MFA and token events, newest first, "load more" going back in time.
import { useState } from 'react'
import { api, withQuery } from '../api/client'
import type { AuthEvent, AuthEventPage, Items, User } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { navigate, useLocation } from '../router'
import { Badge, When } from './bits'
import { itemsOf } from './format'

const PAGE = 100
const BAD = new Set(['login_failed', 'locked_out', 'throttled', 'mfa_failed'])

function eventsPath(userId: string, before?: string | number): string {
  return withQuery('/api/v1/auth/events', { user_id: userId || undefined, before, limit: PAGE })
}

function UserFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { can } = useAuth()
  const users = useApi<Items<User>>(can('users:manage') ? '/api/v1/users' : null)
  const list = itemsOf(users.data)
  if (list.length > 0) {
    return (
      <div className="filter">
        <label htmlFor="filter-user">User</label>
        <select id="filter-user" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">All users</option>
          {value !== '' && !list.some((u) => u.id === value) && <option value={value}>{value}</option>}
          {list.map((u) => (
            <option key={u.id} value={u.id}>
              {u.username} ({u.person_name})
            </option>
          ))}
        </select>
      </div>
    )
  }
  return (
    <div className="filter">
      <label htmlFor="filter-user">User id</label>
      <input
        id="filter-user"
        type="search"
        defaultValue={value}
        placeholder="all users"
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange(e.currentTarget.value.trim())
        }}
        onBlur={(e) => onChange(e.currentTarget.value.trim())}
      />
    </div>
  )
}

export function AuthEventsPage() {
  const { search } = useLocation()
  const userId = new URLSearchParams(search).get('user_id') ?? ''
  const first = useApi<AuthEventPage>(eventsPath(userId))
  const [more, setMore] = useState<{ key: string; items: AuthEvent[]; next: string | number | null }>()
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState<unknown>(undefined)

  const extra = more?.key === userId ? more : undefined
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])]
  const next = extra ? extra.next : (first.data?.next_before ?? null)

  const loadMore = async () => {
    if (next === null) return
    setLoadingMore(true)
    setMoreError(undefined)
    try {
      const page = await api<AuthEventPage>(eventsPath(userId, next))
      setMore({ key: userId, items: [...(extra?.items ?? []), ...page.items], next: page.next_before })
    } catch (e) {
      setMoreError(e)
    } finally {
      setLoadingMore(false)
    }
  }
  const setUser = (id: string) => {
    if (id === userId) return
    setMore(undefined)
    navigate(id === '' ? '/admin/auth-events' : `/admin/auth-events?user_id=${encodeURIComponent(id)}`)
  }

  return (
    <>
      <PageHeader title="Authentication events" subtitle="Every event is also an entry in the ledger." />
      <div className="toolbar">
        <UserFilter value={userId} onChange={setUser} />
        <button type="button" onClick={() => {
          setMore(undefined)
          first.reload()
        }}>
          Refresh
        </button>
      </div>
      {first.error !== undefined && <ErrorBox error={first.error} onRetry={first.reload} />}
      {!first.data && first.loading && <Loading />}
      {first.data && (
        <div className="table-wrap">
          <table className="grid" aria-busy={first.loading} data-testid="auth-events-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Username</th>
                <th scope="col">Address</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={String(e.id)}>
                  <td className="nowrap">
                    <When at={e.at} />
                  </td>
                  <td>
                    <Badge tone={BAD.has(e.kind) ? 'bad' : undefined}>{e.kind}</Badge>
                  </td>
                  <td>
                    {e.user_id ? (
                      <button type="button" className="link" onClick={() => setUser(e.user_id ?? '')} title="Only this user's events">
                        {e.username}
                      </button>
                    ) : (
                      <span title="names no user">{e.username}</span>
                    )}
                  </td>
                  <td className="mono">{e.remote_address}</td>
                  <td>{e.detail}</td>
                </tr>
              ))}
              {items.length === 0 && (
                <tr>
                  <td colSpan={5} className="empty">
                    No events.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      {moreError !== undefined && <ErrorBox error={moreError} onRetry={() => void loadMore()} />}
      <div className="pager">
        <span className="muted">{items.length > 0 ? `${items.length} events shown` : ''}</span>
        <button type="button" disabled={next === null || loadingMore} onClick={() => void loadMore()} data-testid="load-more">
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      </div>
    </>
  )
}
