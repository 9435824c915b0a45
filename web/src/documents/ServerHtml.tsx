// HTML rendered by the server from Markdown (cmark-gfm in safe mode: raw HTML and
// javascript: links dropped) — the only HTML the UI inserts. Links to UI pages inside it
// (citations: /catalogue/<framework>/<ref>) navigate client-side; #anchors scroll.
import type { MouseEvent } from 'react'
import { navigate } from '../router'
import { internalHref } from './paths'

export function ServerHtml({ html, testId }: { html: string; testId?: string }) {
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const target = event.target
    if (!(target instanceof Element)) return
    const a = target.closest('a')
    if (!a || (a.target && a.target !== '_self')) return
    const href = internalHref(a.getAttribute('href'))
    if (!href) return
    event.preventDefault()
    navigate(href)
  }
  // Server-sanitized HTML (docs/api.md: preview / render are cmark-gfm safe mode).
  return <div className="doc-html" onClick={onClick} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />
}
