// Acknowledgement figures as shown: completion as a whole percentage (0..100), the
// audience sorted pending first, then by name.
import type { Acknowledgement, AcknowledgementStatus, PendingAcknowledgement } from '../api/types'

export function completionPercent(status: Pick<AcknowledgementStatus, 'completion_rate' | 'acknowledged' | 'pending'>): number {
  let rate = status.completion_rate
  if (typeof rate !== 'number' || Number.isNaN(rate)) {
    const total = status.acknowledged + status.pending
    rate = total === 0 ? 1 : status.acknowledged / total
  }
  // Accept a server that sends a percentage instead of 0..1.
  if (rate > 1) rate = rate / 100
  return Math.round(Math.max(0, Math.min(1, rate)) * 100)
}

export function audienceOrder(persons: readonly Acknowledgement[]): Acknowledgement[] {
  return [...persons].sort((a, b) => {
    const pa = a.acknowledged_at ? 1 : 0
    const pb = b.acknowledged_at ? 1 : 0
    if (pa !== pb) return pa - pb
    return a.person_name.localeCompare(b.person_name)
  })
}

/** The reader's pending acknowledgement of this document, if any. */
export function myPendingFor(items: readonly PendingAcknowledgement[] | undefined, documentId: string): PendingAcknowledgement | undefined {
  return items?.find((i) => i.document_id === documentId)
}
