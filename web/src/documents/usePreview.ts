// The rendering of a Markdown body by the server (POST /api/v1/documents/preview): HTML
// (cmark-gfm safe mode, citations as links, warnings marked), sections, citations and
// warnings. Used for a version's body and, debounced, for the editor's live preview.
// A newer request aborts the older one; the previous answer stays shown while the next
// one is on its way.
import { useEffect, useState } from 'react'
import { api, isAbort } from '../api/client'
import type { DocumentPreview } from '../api/types'

export interface PreviewRequest {
  body: string
  title?: string
  classification?: string
}

export interface PreviewState {
  /** the latest answer, with the request it answers */
  data?: DocumentPreview
  request?: PreviewRequest
  error: unknown
  /** a newer request is pending (debounce or network) */
  loading: boolean
}

interface Stored {
  key: string
  request: PreviewRequest
  data?: DocumentPreview
  error?: unknown
}

export function usePreview(request: PreviewRequest | null, delayMs = 0): PreviewState {
  const enabled = request !== null
  const body = request?.body ?? ''
  const title = request?.title
  const classification = request?.classification
  const key = enabled ? JSON.stringify([body, title ?? null, classification ?? null]) : null
  const [stored, setStored] = useState<Stored>()
  useEffect(() => {
    if (key === null) return
    const controller = new AbortController()
    const sent: PreviewRequest = { body }
    if (title !== undefined) sent.title = title
    if (classification !== undefined) sent.classification = classification
    const timer = window.setTimeout(() => {
      api<DocumentPreview>('/api/v1/documents/preview', { method: 'POST', body: sent, signal: controller.signal }).then(
        (data) => setStored({ key, request: sent, data }),
        (error: unknown) => {
          if (!isAbort(error)) setStored((s) => ({ key, request: sent, data: s?.data, error }))
        },
      )
    }, delayMs)
    return () => {
      window.clearTimeout(timer)
      controller.abort()
    }
  }, [key, body, title, classification, delayMs])
  const current = stored !== undefined && stored.key === key
  return {
    data: stored?.data,
    request: stored?.request,
    error: current ? stored.error : undefined,
    loading: key !== null && !current,
  }
}
