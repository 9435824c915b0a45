// A deliberately tiny client-side router: real URLs via the History API, a Link that
// behaves like an <a> (modifier clicks open new tabs), and pattern matching with :params.
// The server answers every non-API path with index.html, so deep links survive reload.
import { useSyncExternalStore } from 'react'

const NAVIGATE_EVENT = 'isms:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

function snapshot(): string {
  return window.location.pathname + window.location.search
}

export interface Location {
  pathname: string
  search: string
}

/** Current path + query string; re-renders on navigation. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, () => '/')
  const q = href.indexOf('?')
  return q < 0 ? { pathname: href, search: '' } : { pathname: href.slice(0, q), search: href.slice(q) }
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return
  if (options.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
  // A new page starts at the top, like a full navigation would.
  if (!options.replace) window.scrollTo(0, 0)
}

/**
 * Matches "/assets/:id/edit" against a pathname. Returns the decoded params, or null.
 * Trailing slashes are ignored; segments must match one to one.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const split = (p: string) => p.split('/').filter((s) => s !== '')
  const want = split(pattern)
  const have = split(pathname)
  if (want.length !== have.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const w = want[i]
    const h = have[i]
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h)
      } catch {
        return null
      }
    } else if (w !== h) {
      return null
    }
  }
  return params
}
