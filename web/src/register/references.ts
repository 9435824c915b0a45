// Options for reference fields (owner -> persons, depends_on -> assets), loaded once per
// referenced register and shared by every component that needs them. A successful write
// calls invalidateReferences() so a newly created object shows up in the next form.
import { useEffect, useState } from 'react'
import { api } from '../api/client'
import type { ListPage, RegisterRecord } from '../api/types'
import { referenceSources } from '../config/registers'

export interface ReferenceOption {
  id: string
  label: string
  archived: boolean
}

const cache = new Map<string, Promise<ReferenceOption[]>>()

function load(reference: string): Promise<ReferenceOption[]> {
  const source = referenceSources[reference] ?? { path: `/api/v1/${reference}`, labelField: 'name' }
  return api<ListPage<RegisterRecord>>(source.path).then((page) =>
    page.items.map((item) => ({
      id: item.id,
      label: String(item[source.labelField] ?? item.id),
      archived: item.archived === true,
    })),
  )
}

export function loadReferenceOptions(reference: string): Promise<ReferenceOption[]> {
  let pending = cache.get(reference)
  if (!pending) {
    pending = load(reference)
    // A failed load is not cached: the next form tries again.
    pending.catch(() => cache.delete(reference))
    cache.set(reference, pending)
  }
  return pending
}

export function invalidateReferences(): void {
  cache.clear()
}

export interface ReferenceState {
  options: ReferenceOption[]
  error: unknown
  loading: boolean
}

/** Options of one referenced register; `reference` undefined -> nothing to load. */
export function useReferenceOptions(reference: string | undefined): ReferenceState {
  const [state, setState] = useState<{ reference: string; options: ReferenceOption[]; error?: unknown }>()
  useEffect(() => {
    if (!reference) return
    let live = true
    loadReferenceOptions(reference).then(
      (options) => live && setState({ reference, options }),
      (error: unknown) => live && setState({ reference, options: [], error }),
    )
    return () => {
      live = false
    }
  }, [reference])
  if (!reference) return { options: [], error: undefined, loading: false }
  if (state?.reference !== reference) return { options: [], error: undefined, loading: true }
  return { options: state.options, error: state.error, loading: false }
}

/**
 * Labels of every register the descriptor's reference fields point at, as one resolver
 * (for the history timeline, where ledger changes carry bare ids).
 */
export function useReferenceResolver(references: readonly string[]): (reference: string, id: string) => string | undefined {
  const key = [...new Set(references)].sort().join(',')
  const [labels, setLabels] = useState<{ key: string; byRef: Map<string, Map<string, string>> }>()
  useEffect(() => {
    if (key === '') return
    let live = true
    const refs = key.split(',')
    Promise.all(refs.map((r) => loadReferenceOptions(r).catch(() => [] as ReferenceOption[]))).then((lists) => {
      if (!live) return
      const byRef = new Map(refs.map((r, i) => [r, new Map(lists[i].map((o) => [o.id, o.label]))]))
      setLabels({ key, byRef })
    })
    return () => {
      live = false
    }
  }, [key])
  const byRef = labels?.key === key ? labels.byRef : undefined
  return (reference, id) => byRef?.get(reference)?.get(id)
}

/** Route of the referenced register's detail page for an id, if the UI has one. */
export function referenceHref(reference: string | undefined, id: string): string | undefined {
  const route = reference ? referenceSources[reference]?.route : undefined
  return route ? `${route}/${encodeURIComponent(id)}` : undefined
}
