// Editing one SoA line inline: the state, what it sends (every decision field plus the
// version: 0 for a line never decided) and the server's 422 messages per field
// ("reasons[0]" goes to the reasons).
import type { FieldErrorDetail } from '../api/types'
import type { Applicability, ApplicableValue, ImplementationValue, InclusionReason } from './types'
import { inclusionReasons } from './types'

export interface LineForm {
  applicable: ApplicableValue
  reasons: InclusionReason[]
  justification: string
  implementation: ImplementationValue
}

export function lineFormOf(line: Applicability): LineForm {
  return {
    applicable: line.applicable,
    reasons: [...(line.reasons ?? [])],
    justification: line.justification ?? '',
    implementation: line.implementation,
  }
}

export function toggleReason(reasons: readonly InclusionReason[], reason: InclusionReason, on: boolean): InclusionReason[] {
  const set = new Set(reasons)
  if (on) set.add(reason)
  else set.delete(reason)
  // the server keeps them sorted; keep the UI's order stable too
  return inclusionReasons.filter((r) => set.has(r))
}

export function lineBody(form: LineForm, version: number): Record<string, unknown> {
  return {
    applicable: form.applicable,
    reasons: form.reasons,
    justification: form.justification,
    implementation: form.implementation,
    version,
  }
}

export function lineChanged(line: Applicability, form: LineForm): boolean {
  const a = lineFormOf(line)
  return a.applicable !== form.applicable || a.justification !== form.justification || a.implementation !== form.implementation || a.reasons.join() !== form.reasons.join()
}

export const lineFields = ['applicable', 'reasons', 'justification', 'implementation'] as const

export interface LineErrors {
  byField: Record<string, string[]>
  other: string[]
}

export function lineErrors(details: readonly FieldErrorDetail[]): LineErrors {
  const byField: Record<string, string[]> = {}
  const other: string[] = []
  for (const d of details) {
    const base = /^[^[.]+/.exec(d.field ?? '')?.[0] ?? ''
    if ((lineFields as readonly string[]).includes(base)) (byField[base] ??= []).push(d.message)
    else other.push(d.field ? `${d.field}: ${d.message}` : d.message)
  }
  return { byField, other }
}

/** What the rules will ask for, shown while editing (the server decides). */
export function lineHint(form: LineForm): string | undefined {
  if (form.applicable === 'yes' && form.reasons.length === 0) return 'An applicable control needs at least one reason.'
  if (form.applicable === 'no' && form.justification.trim() === '') return 'An excluded control needs a justification.'
  return undefined
}
