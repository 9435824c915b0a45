// Small display pieces of the document pages.
import { Badge } from '../access/bits'
import { classificationLabel, statusLabel, statusTone } from './workflow'

export function ClassificationBadge({ value, testId }: { value: string | undefined | null; testId?: string }) {
  return (
    <span className={`badge class-${value ?? ''}`} data-testid={testId}>
      {classificationLabel(value)}
    </span>
  )
}

export function StatusBadge({ status, testId }: { status: string | undefined | null; testId?: string }) {
  return (
    <Badge tone={statusTone(status)} testId={testId}>
      {statusLabel(status)}
    </Badge>
  )
}

/** A YYYY-MM-DD date, highlighted when the review is due. */
export function ReviewDate({ date, due, testId }: { date: string | null | undefined; due?: boolean; testId?: string }) {
  if (!date) return <span data-testid={testId}>—</span>
  return (
    <span className={due ? 'review-due' : undefined} data-testid={testId} data-review-due={due ? 'true' : undefined}>
      <time dateTime={date}>{date}</time>
      {due && (
        <>
          {' '}
          <Badge tone="warn">review due</Badge>
        </>
      )}
    </span>
  )
}
