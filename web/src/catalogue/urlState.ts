// Page state kept in the URL's query string (search boxes, filters, selectors), so a
// reload or a shared link shows the same view. A search box commits to the URL after a
// pause in typing, replacing the history entry (one entry per search, not per key).
import { useEffect, useEffectEvent, useState } from 'react'
import { navigate, useLocation } from '../router'

export const SEARCH_DEBOUNCE_MS = 300

export function getParam(search: string, name: string): string {
  return new URLSearchParams(search).get(name) ?? ''
}

/** pathname + the query with `updates` applied ("" or undefined removes a parameter). */
export function withParams(pathname: string, search: string, updates: Record<string, string | undefined>): string {
  const params = new URLSearchParams(search)
  for (const [k, v] of Object.entries(updates)) {
    if (v === undefined || v === '') params.delete(k)
    else params.set(k, v)
  }
  const qs = params.toString()
  return qs === '' ? pathname : `${pathname}?${qs}`
}

/** Sets URL parameters at once (filters, selectors). */
export function setParams(updates: Record<string, string | undefined>, options: { replace?: boolean } = {}): void {
  navigate(withParams(window.location.pathname, window.location.search, updates), options)
}

/**
 * A text box bound to URL parameter `name`: returns the text being typed and its setter;
 * the trimmed text reaches the URL SEARCH_DEBOUNCE_MS after the last change. When the URL
 * changes from outside (back button, a link), the box follows it.
 */
export function useDebouncedParam(name: string): [string, (value: string) => void, string] {
  const { pathname, search } = useLocation()
  const committed = getParam(search, name)
  const [text, setText] = useState(committed)
  const [synced, setSynced] = useState(committed)
  if (committed !== synced) {
    setSynced(committed)
    setText(committed)
  }
  const commit = useEffectEvent((value: string) => {
    setSynced(value)
    navigate(withParams(pathname, search, { [name]: value }), { replace: true })
  })
  useEffect(() => {
    const value = text.trim()
    if (value === synced) return
    const timer = window.setTimeout(() => commit(value), SEARCH_DEBOUNCE_MS)
    return () => window.clearTimeout(timer)
  }, [text, synced])
  return [text, setText, committed]
}
