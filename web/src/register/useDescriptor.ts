// Register descriptors rarely change while the UI is open: fetch each once per page load.
import { useEffect, useState } from 'react'
import { api } from '../api/client'
import type { RegisterDescriptor } from '../api/types'

const cache = new Map<string, Promise<RegisterDescriptor>>()

export function loadDescriptor(name: string): Promise<RegisterDescriptor> {
  let pending = cache.get(name)
  if (!pending) {
    pending = api<RegisterDescriptor>(`/api/v1/registers/${encodeURIComponent(name)}`)
    pending.catch(() => cache.delete(name))
    cache.set(name, pending)
  }
  return pending
}

interface State {
  name: string
  descriptor?: RegisterDescriptor
  error?: unknown
}

export function useDescriptor(name: string): { descriptor?: RegisterDescriptor; error?: unknown } {
  const [state, setState] = useState<State | undefined>(undefined)
  useEffect(() => {
    let live = true
    loadDescriptor(name).then(
      (descriptor) => live && setState({ name, descriptor }),
      (error: unknown) => live && setState({ name, error }),
    )
    return () => {
      live = false
    }
  }, [name])
  return state?.name === name ? { descriptor: state.descriptor, error: state.error } : {}
}
