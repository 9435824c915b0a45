// API paths and UI routes of documents.
import { withQuery } from '../api/client'
import { getParam } from '../catalogue/urlState'

export function documentApi(id: string): string {
  return `/api/v1/documents/${encodeURIComponent(id)}`
}

export function documentRoute(id: string): string {
  return `/documents/${encodeURIComponent(id)}`
}

export function editRoute(id: string): string {
  return `${documentRoute(id)}/edit`
}

/** The list call for the page's query string (kind, status, q, archived). */
export function documentsListPath(search: string): string {
  return withQuery('/api/v1/documents', {
    kind: getParam(search, 'kind'),
    status: getParam(search, 'status'),
    q: getParam(search, 'q'),
    archived: getParam(search, 'archived'),
  })
}

export function renderHref(id: string, format: 'pdf' | 'html', versionId?: string): string {
  return withQuery(`${documentApi(id)}/render`, { format, version: versionId })
}

export function diffPath(id: string, from: string, to: string): string {
  return withQuery(`${documentApi(id)}/diff`, { from, to })
}

/** A same-origin path inside server HTML that the UI routes itself ("/catalogue/..."), else undefined. */
export function internalHref(href: string | null): string | undefined {
  if (!href || !href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) return undefined
  return href
}
