// Loads one GET resource for a component. A new path (or reload()) aborts the previous
// request, so a slow, stale answer can never overwrite a newer one. While a new request
// runs, the previous data stays visible (lists do not flash empty between pages).
import { useCallback, useEffect, useState } from 'react'
import { api, isAbort } from './client'

export interface ApiState<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  reload: () => void
}

interface Result<T> {
  key: string
  data?: T
  error?: unknown
}

export function useApi<T>(path: string | null): ApiState<T> {
  const [generation, setGeneration] = useState(0)
  const [result, setResult] = useState<Result<T> | undefined>(undefined)
  const key = path === null ? null : `${generation}:${path}`

  useEffect(() => {
    if (key === null || path === null) return
    const controller = new AbortController()
    api<T>(path, { signal: controller.signal }).then(
      (data) => setResult({ key, data }),
      (error: unknown) => {
        if (!isAbort(error)) setResult((r) => ({ key, data: r?.data, error }))
      },
    )
    return () => controller.abort()
  }, [key, path])

  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  const current = result !== undefined && result.key === key
  return {
    data: result?.data,
    error: current ? result.error : undefined,
    loading: key !== null && !current,
    reload,
  }
}
