// The risk form's state and what it sends: the whole object on create, only the changed
// fields plus the loaded version on edit. Validation is the server's; its field names
// ("inherent.impact.confidentiality", "asset_ids[2]") are mapped onto the form's sections.
import type { FieldErrorDetail } from '../api/types'
import type { ImpactRatings, RatingInput, Risk, Treatment } from './types'
import { securityProperties } from './types'

export interface RiskForm {
  title: string
  description: string
  asset_ids: string[]
  threat_id: string
  vulnerability_id: string
  /** "" = no owner */
  owner_id: string
  inherent: RatingInput
  residual: RatingInput
  treatment: Treatment
  treatment_plan: string
  control_ids: string[]
  /** YYYY-MM-DD or "" */
  next_review_on: string
}

export const noImpact: ImpactRatings = { confidentiality: 0, integrity: 0, availability: 0, authenticity: 0 }

/** likelihood 0 = not chosen yet (the server names the field when it is sent like that). */
export function emptyRating(): RatingInput {
  return { likelihood: 0, impact: { ...noImpact } }
}

export function emptyRiskForm(assetId?: string): RiskForm {
  return {
    title: '',
    description: '',
    asset_ids: assetId ? [assetId] : [],
    threat_id: '',
    vulnerability_id: '',
    owner_id: '',
    inherent: emptyRating(),
    residual: emptyRating(),
    treatment: 'undecided',
    treatment_plan: '',
    control_ids: [],
    next_review_on: '',
  }
}

function ratingOf(r: RatingInput | undefined): RatingInput {
  const impact = { ...noImpact }
  for (const p of securityProperties) impact[p] = r?.impact?.[p] ?? 0
  return { likelihood: r?.likelihood ?? 0, impact }
}

export function formFromRisk(r: Risk): RiskForm {
  return {
    title: r.title ?? '',
    description: r.description ?? '',
    asset_ids: [...(r.asset_ids ?? [])],
    threat_id: r.threat_id ?? '',
    vulnerability_id: r.vulnerability_id ?? '',
    owner_id: r.owner_id ?? '',
    inherent: ratingOf(r.inherent),
    residual: ratingOf(r.residual),
    treatment: r.treatment ?? 'undecided',
    treatment_plan: r.treatment_plan ?? '',
    control_ids: [...(r.control_ids ?? [])],
    next_review_on: r.next_review_on ?? '',
  }
}

/** The wire value of each field ("" becomes null where the API allows no value). */
function wire(form: RiskForm): Record<string, unknown> {
  return {
    title: form.title,
    description: form.description,
    asset_ids: form.asset_ids,
    threat_id: form.threat_id,
    vulnerability_id: form.vulnerability_id,
    owner_id: form.owner_id === '' ? null : form.owner_id,
    inherent: ratingOf(form.inherent),
    residual: ratingOf(form.residual),
    treatment: form.treatment,
    treatment_plan: form.treatment_plan,
    control_ids: form.control_ids,
    next_review_on: form.next_review_on === '' ? null : form.next_review_on,
  }
}

export function createBody(form: RiskForm): Record<string, unknown> {
  return wire(form)
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    // id lists are sets: order does not make a change
    return a.length === b.length && [...a].map(String).sort().join('\n') === [...b].map(String).sort().join('\n')
  }
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The changed fields plus version, or undefined when nothing changed. */
export function patchBody(initial: RiskForm, form: RiskForm, version: number): Record<string, unknown> | undefined {
  const before = wire(initial)
  const after = wire(form)
  const body: Record<string, unknown> = {}
  for (const key of Object.keys(after)) if (!sameValue(before[key], after[key])) body[key] = after[key]
  if (Object.keys(body).length === 0) return undefined
  return { ...body, version }
}

// --- errors -------------------------------------------------------------------------

/** The form's sections, each one place that shows messages. */
export const formSections = [
  'title',
  'description',
  'asset_ids',
  'threat_id',
  'vulnerability_id',
  'owner_id',
  'inherent',
  'residual',
  'treatment',
  'treatment_plan',
  'control_ids',
  'next_review_on',
] as const

export interface RiskFormErrors {
  /** messages by section ("inherent" holds "impact.integrity: …") */
  bySection: Record<string, string[]>
  /** exact input paths that are invalid ("inherent.likelihood") */
  invalid: Set<string>
  summary: { field?: string; message: string }[]
}

export const noRiskFormErrors: RiskFormErrors = { bySection: {}, invalid: new Set(), summary: [] }

/** "inherent.impact.integrity" -> "inherent"; "asset_ids[2]" -> "asset_ids". */
export function sectionOf(field: string): string {
  const m = /^[^[.]+/.exec(field)
  return m ? m[0] : field
}

export function riskFormErrors(details: readonly FieldErrorDetail[]): RiskFormErrors {
  const bySection: Record<string, string[]> = {}
  const invalid = new Set<string>()
  const summary: RiskFormErrors['summary'] = []
  for (const d of details) {
    const field = d.field ?? ''
    const section = field === '' ? '' : sectionOf(field)
    if ((formSections as readonly string[]).includes(section)) {
      // Inside a rating, say which part: "impact.integrity: must be at most 5".
      const rest = field.slice(section.length).replace(/^\./, '')
      const message = (section === 'inherent' || section === 'residual') && rest !== '' ? `${rest}: ${d.message}` : d.message
      ;(bySection[section] ??= []).push(message)
      invalid.add(field.replace(/\[\d+\]$/, ''))
      summary.push({ field: section, message: `${field}: ${d.message}` })
    } else {
      summary.push({ message: field ? `${field}: ${d.message}` : d.message })
    }
  }
  return { bySection, invalid, summary }
}

/** Hints shown while filling in a rating (not blocking: the server decides). */
export function ratingHint(r: RatingInput): string | undefined {
  if (r.likelihood < 1) return 'Choose a likelihood.'
  if (securityProperties.every((p) => (r.impact[p] ?? 0) < 1)) return 'Rate the impact on at least one property.'
  return undefined
}
