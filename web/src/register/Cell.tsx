// One field's value in a list row or detail view: labels for codes, tone badges for the
// values a CISO scans for, links for references.
import type { FieldDescriptor, RegisterRecord } from '../api/types'
import { Link } from '../router'
import { EMPTY, formatValue, isHiddenContent, toneOf } from './display'
import { referenceHref } from './references'

export const HIDDEN_CONTENT = 'hidden (confidential)'

export function FieldValue({ field, record }: { field: FieldDescriptor; record: RegisterRecord }) {
  const value = record[field.name]
  if (isHiddenContent(field, record)) {
    return (
      <span className="hidden-content" title="Confidential: open the object to read it (the read is recorded)">
        {HIDDEN_CONTENT}
      </span>
    )
  }
  const text = formatValue(field, record)
  if (field.type === 'reference' && typeof value === 'string' && value !== '') {
    const href = referenceHref(field.reference, value)
    return href ? <Link to={href}>{text}</Link> : <span title={value}>{text}</span>
  }
  const tone = toneOf(field, value)
  if (tone && text !== EMPTY) return <span className={`badge ${tone}`}>{text}</span>
  if (field.type === 'datetime' && typeof value === 'string') {
    return <time dateTime={value} title={value}>{text}</time>
  }
  return <>{text}</>
}
