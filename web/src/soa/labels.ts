// Labels of the SoA's values and the Annex A themes.
import type { Applicability, ApplicableValue, ImplementationValue, InclusionReason } from './types'

export const applicableLabels: Record<ApplicableValue, string> = {
  yes: 'Applicable',
  no: 'Not applicable',
  undecided: 'Undecided',
}

export const reasonLabels: Record<InclusionReason, string> = {
  risk_treatment: 'Risk treatment',
  legal: 'Legal',
  contractual: 'Contractual',
  business_need: 'Business need',
}

export const implementationLabels: Record<ImplementationValue, string> = {
  not_started: 'Not started',
  planned: 'Planned',
  partial: 'Partial',
  implemented: 'Implemented',
}

/** ISO/IEC 27001:2022 Annex A themes. */
export const themeTitles: Record<string, string> = {
  'A.5': 'Organizational controls',
  'A.6': 'People controls',
  'A.7': 'Physical controls',
  'A.8': 'Technological controls',
}

export const frameworkNames: Record<string, string> = {
  'iso27001-2022': 'ISO/IEC 27001:2022 Annex A',
  'nis2-2024-2690': 'NIS2 Implementing Regulation (EU) 2024/2690, Annex',
}

export function label<K extends string>(labels: Record<K, string>, value: string | undefined): string {
  return (value && labels[value as K]) || value || '—'
}

/** A field of a line as text, for the before/after view. */
export function fieldText(line: Applicability | null, field: string): string {
  if (!line) return '(not in this version)'
  switch (field) {
    case 'applicable':
      return label(applicableLabels, line.applicable)
    case 'implementation':
      return label(implementationLabels, line.implementation)
    case 'reasons':
      return line.reasons.map((r) => label(reasonLabels, r)).join(', ') || '—'
    case 'control_ids':
    case 'control_refs':
      return line.control_refs.join(', ') || '—'
    default: {
      const v = (line as unknown as Record<string, unknown>)[field]
      if (Array.isArray(v)) return v.join(', ') || '—'
      return v === undefined || v === null || v === '' ? '—' : String(v)
    }
  }
}
