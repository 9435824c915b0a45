// Pure helpers of the access pages (unit-tested): permission grouping, dates for
// <input type="datetime-local">, token status.
import { ApiError } from '../api/client'
import type { ApiToken } from '../api/types'

/** "assets:read" -> area "assets", verb "read"; names without a colon are their own area. */
export function splitPermission(name: string): { area: string; verb: string } {
  const i = name.indexOf(':')
  return i < 0 ? { area: name, verb: '' } : { area: name.slice(0, i), verb: name.slice(i + 1) }
}

/** Permissions grouped by area, areas and verbs in first-seen order. */
export function groupPermissions(names: readonly string[]): { area: string; permissions: string[] }[] {
  const groups = new Map<string, string[]>()
  for (const name of names) {
    const { area } = splitPermission(name)
    const list = groups.get(area) ?? []
    if (!list.includes(name)) list.push(name)
    groups.set(area, list)
  }
  return [...groups].map(([area, permissions]) => ({ area, permissions }))
}

const pad = (n: number) => String(n).padStart(2, '0')

/** RFC 3339 UTC ("2026-11-28T07:30:00Z") -> the local "YYYY-MM-DDTHH:MM" of a datetime-local input. */
export function rfc3339ToLocalInput(value: string | null | undefined): string {
  if (!value) return ''
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return ''
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** A datetime-local value (the reader's time zone) -> RFC 3339 UTC with Z; "" -> null; junk -> undefined. */
export function localInputToRfc3339(value: string): string | null | undefined {
  if (value.trim() === '') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim())
  if (!m) return undefined
  const d = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0)
  if (Number.isNaN(d.getTime())) return undefined
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export type TokenStatus = 'active' | 'revoked' | 'expired'

export function tokenStatus(token: ApiToken, now: Date = new Date()): TokenStatus {
  if (token.revoked_at) return 'revoked'
  if (token.active === false) return new Date(token.expires_at) <= now ? 'expired' : 'revoked'
  if (new Date(token.expires_at) <= now) return 'expired'
  return 'active'
}

/** Whether a timestamp (e.g. locked_until, access_expires_at) lies in the future. */
export function isFuture(value: string | null | undefined, now: Date = new Date()): boolean {
  if (!value) return false
  const d = new Date(value)
  return !Number.isNaN(d.getTime()) && d > now
}

/** The items of a list answer ({"items":[...]}; a bare array is accepted too). */
export function itemsOf<T>(data: { items?: T[] } | T[] | undefined | null): T[] {
  if (Array.isArray(data)) return data
  return data?.items ?? []
}

/** Whether a failed grants request means "not for you" (hide) rather than a failure (show). */
export function grantsHidden(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 404)
}
