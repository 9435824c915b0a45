// Pure helpers of the audit pages: labels, tones and the chain a finding shows
// (source -> finding -> each action -> its verification).
import type { ActionStatus, CheckResult, CorrectiveAction, Finding, FindingGrade } from './types'

export const grades: FindingGrade[] = ['major_nonconformity', 'minor_nonconformity', 'observation', 'opportunity']
export const results: CheckResult[] = ['not_checked', 'conform', 'nonconform', 'observation', 'not_applicable']

/** "major_nonconformity" -> "Major nonconformity" */
export function label(name: string): string {
  const s = name.replace(/_/g, ' ')
  return s.charAt(0).toUpperCase() + s.slice(1)
}

export function isNonconformity(g: FindingGrade): boolean {
  return g === 'major_nonconformity' || g === 'minor_nonconformity'
}

export function resultTone(r: CheckResult): 'ok' | 'warn' | 'bad' | undefined {
  if (r === 'conform') return 'ok'
  if (r === 'nonconform') return 'bad'
  if (r === 'observation') return 'warn'
  return undefined
}

export function actionTone(a: Pick<CorrectiveAction, 'status' | 'overdue'>): 'ok' | 'warn' | 'bad' | undefined {
  if (a.overdue || a.status === 'ineffective') return 'bad'
  if (a.status === 'verified') return 'ok'
  if (a.status === 'implemented') return 'warn'
  return undefined
}

export interface ChainStep {
  key: string
  title: string
  detail: string
  tone?: 'ok' | 'warn' | 'bad'
}

const stage: Record<ActionStatus, string> = {
  open: 'waiting for implementation',
  implemented: 'implemented, waiting for verification',
  verified: 'verified effective',
  ineffective: 'verified not effective',
}

/** The chain of a finding, in order: source, finding, then per action its implementation and verification. */
export function chainSteps(f: Finding): ChainStep[] {
  const steps: ChainStep[] = []
  const source =
    f.source === 'self_assessment' ? 'Self-assessment' : `${label(f.source)} ${f.source_ref ?? ''}`.trim() + (f.source_title ? `: ${f.source_title}` : '')
  steps.push({
    key: 'source',
    title: 'Source',
    detail: source + (f.checklist_index !== null ? ` (checklist item ${f.checklist_index + 1})` : ''),
  })
  steps.push({
    key: 'finding',
    title: `${f.ref} ${label(f.grade)}`,
    detail: f.title,
    tone: f.status === 'closed' ? 'ok' : f.overdue ? 'bad' : 'warn',
  })
  for (const a of f.actions) {
    let detail = `${stage[a.status]}; due ${a.due_on}`
    if (a.implemented_on) detail += `; implemented ${a.implemented_on}`
    if (a.verified_on) detail += `; verified ${a.verified_on}`
    if (a.overdue) detail += ' (overdue)'
    steps.push({ key: a.id, title: `${a.ref} ${a.title}`, detail, tone: actionTone(a) })
  }
  if (isNonconformity(f.grade) && f.status === 'open' && f.actions.length === 0) {
    steps.push({ key: 'missing', title: 'No corrective action yet', detail: 'A nonconformity needs one before it can close.', tone: 'bad' })
  }
  if (f.status === 'closed') steps.push({ key: 'closed', title: 'Closed', detail: f.close_note ?? '', tone: 'ok' })
  return steps
}
