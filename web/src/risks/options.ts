// Option lists the risk screens pick from: threats, vulnerabilities and controls.
import type { ListPage } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import type { Choice } from './ChoiceList'
import { sourceApi } from './paths'
import type { RiskSource } from './types'

export interface ControlSummary {
  id: string
  ref: string
  title: string
  status?: string
  archived?: boolean
}

export function controlLabel(c: Pick<ControlSummary, 'ref' | 'title'>): string {
  return `${c.ref} · ${c.title}`
}

export function useControlChoices(): { choices: Choice[]; loading: boolean; unavailable?: string } {
  const { can } = useAuth()
  const allowed = can('controls:read')
  const list = useApi<ListPage<ControlSummary>>(allowed ? '/api/v1/controls?limit=500&archived=all' : null)
  if (!allowed) return { choices: [], loading: false, unavailable: 'You may not read the controls (controls:read).' }
  if (list.error !== undefined) return { choices: [], loading: false, unavailable: 'Could not load the controls.' }
  return {
    choices: (list.data?.items ?? []).map((c) => ({ id: c.id, label: controlLabel(c), archived: c.archived === true })),
    loading: list.loading && !list.data,
  }
}

/** Threats or vulnerabilities, archived ones included (an existing risk may name one). */
export function useRiskSources(kind: 'threat' | 'vulnerability') {
  return useApi<{ items: RiskSource[] }>(`${sourceApi(kind)}?archived=all`)
}
