// The status dot of an indicator: green on target, red off target, grey not measured yet;
// labelled for screen readers.
import type { Indicator } from './types'

export function StatusDot({ indicator }: { indicator: Pick<Indicator, 'on_target'> }) {
  const state = indicator.on_target === null ? 'none' : indicator.on_target ? 'on' : 'off'
  const label = state === 'none' ? 'not measured yet' : state === 'on' ? 'on target' : 'off target'
  return <span className={`dot ${state}`} role="img" aria-label={label} title={label} data-state={state} data-testid="status-dot" />
}
