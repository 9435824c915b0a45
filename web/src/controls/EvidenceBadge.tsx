// The evidence state as a coloured badge: valid (green), expired (red), not yet valid (amber).
import { Badge } from '../access/bits'
import { evidenceStates, stateOf, todayIso } from './labels'
import type { Evidence } from './types'

export function EvidenceBadge({ evidence, today = todayIso() }: { evidence: Pick<Evidence, 'state' | 'valid_from' | 'valid_until'>; today?: string }) {
  const state = stateOf(evidence, today)
  const info = evidenceStates[state]
  return (
    <span title={info.help} data-testid="evidence-state" data-state={state}>
      <Badge tone={info.tone}>{info.label}</Badge>
    </span>
  )
}
