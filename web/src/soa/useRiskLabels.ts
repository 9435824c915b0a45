// "R-0001 · Title" for the risk ids SoA lines carry (one list request, for risks:read).
import type { ListPage } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import type { Risk } from '../risks/types'

export function useRiskLabels(needed: boolean): Map<string, string> {
  const { can } = useAuth()
  const list = useApi<ListPage<Risk>>(needed && can('risks:read') ? '/api/v1/risks?limit=500&archived=all' : null)
  return new Map((list.data?.items ?? []).map((r) => [r.id, `${r.ref} · ${r.title}`]))
}
