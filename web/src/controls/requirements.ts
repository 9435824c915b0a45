// Titles of requirement keys ("iso27001-2022:A.5.15" -> "Access control"), loaded once per
// framework (GET /catalogue/frameworks/{id}/requirements) and shared by every screen that
// shows keys, rather than one request per key.
import { useEffect, useState } from 'react'
import { api } from '../api/client'
import type { Items, Requirement } from '../api/types'
import { splitKey } from '../catalogue/keys'

const cache = new Map<string, Promise<Map<string, string>>>()

function loadFramework(frameworkId: string): Promise<Map<string, string>> {
  let pending = cache.get(frameworkId)
  if (!pending) {
    pending = api<Items<Requirement>>(`/api/v1/catalogue/frameworks/${encodeURIComponent(frameworkId)}/requirements`).then(
      (list) => new Map(list.items.map((r) => [r.key, r.title])),
    )
    pending.catch(() => cache.delete(frameworkId))
    cache.set(frameworkId, pending)
  }
  return pending
}

/** key -> title for the keys given (a key whose framework did not load is missing). */
export function useRequirementTitles(keys: readonly string[]): Map<string, string> {
  const frameworks = [...new Set(keys.map((k) => splitKey(k)?.frameworkId).filter((f): f is string => !!f))].sort()
  const wanted = frameworks.join(',')
  const [titles, setTitles] = useState<Map<string, string>>(() => new Map())
  useEffect(() => {
    if (wanted === '') return
    let live = true
    Promise.allSettled(wanted.split(',').map(loadFramework)).then((results) => {
      if (!live) return
      const all = new Map<string, string>()
      for (const r of results) if (r.status === 'fulfilled') for (const [k, t] of r.value) all.set(k, t)
      setTitles(all)
    })
    return () => {
      live = false
    }
  }, [wanted])
  return titles
}
