// Who may accept a risk's residual level, in words (the server decides; docs/api.md "Risks").
import { levelByRank } from './method'
import type { Risk, RiskMethod } from './types'

/** Who may accept this risk's residual level, in words. */
export function acceptanceRule(risk: Risk, method: RiskMethod | undefined): string {
  const role = method?.acceptance_role_key ?? 'ceo'
  if (risk.flags?.above_appetite) {
    const appetite = method ? (method.appetite_level?.name ?? levelByRank(method, method.appetite_rank)?.name) : undefined
    return `The residual level is above the risk appetite${appetite ? ` (${appetite})` : ''}: only top management may accept it — a person with the permission risks:accept and the role “${role}”.`
  }
  const owner = risk.owner_name ? `the risk owner (${risk.owner_name})` : 'the risk owner'
  return `The residual level is within the risk appetite: ${owner} or anyone who may edit risks (risks:write) may accept it.`
}
