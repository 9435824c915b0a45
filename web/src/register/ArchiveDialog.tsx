// Archive = the register's "delete": asks why (the API requires a reason, recorded in the
// ledger) and sends the version the user saw, so a concurrent edit is not archived blindly.
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import type { RegisterDescriptor, RegisterRecord } from '../api/types'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { formErrorsFrom, noErrors, type FormErrors } from './errors'
import { invalidateReferences } from './references'

interface Props {
  open: boolean
  descriptor: RegisterDescriptor
  record: RegisterRecord
  onClose: () => void
  onArchived: (record: RegisterRecord) => void
  onConflict: () => void
}

export function ArchiveDialog({ open, descriptor, record, onClose, onArchived, onConflict }: Props) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>(undefined)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    try {
      const updated = await api<RegisterRecord>(`${descriptor.path}/${encodeURIComponent(record.id)}/archive`, {
        method: 'POST',
        body: { reason, version: record.version },
      })
      invalidateReferences()
      setReason('')
      onArchived(updated)
    } catch (e) {
      // 422 goes next to the reason; anything else (409 stale/already archived) above it.
      if (e instanceof ApiError && e.status === 422) setErrors(formErrorsFrom(e, ['reason']))
      else setFailure(e)
    } finally {
      setBusy(false)
    }
  }

  const reasonErrors = errors.byField.reason ?? []
  const conflict = failure instanceof ApiError && failure.status === 409
  return (
    <Dialog open={open} title={`Archive ${descriptor.singular.toLowerCase()}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>
          Archived objects stay in the register and the ledger but leave the default lists. Why is{' '}
          <strong>{String(record.name ?? record.id)}</strong> being archived?
        </p>
        {failure !== undefined && (
          <ErrorBox
            title={conflict ? 'Changed by someone else' : 'Archiving failed'}
            error={failure}
          />
        )}
        {errors.summary
          .filter((s) => s.field !== 'reason')
          .map((s) => (
            <p key={s.message} className="field-error" role="alert">
              {s.message}
            </p>
          ))}
        <div className="field">
          <label htmlFor="archive-reason">Reason</label>
          <textarea
            id="archive-reason"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={reasonErrors.length > 0 || undefined}
            aria-describedby={reasonErrors.length > 0 ? 'error-archive-reason' : undefined}
            autoFocus
          />
          {reasonErrors.length > 0 && (
            <p className="field-error" id="error-archive-reason" data-testid="error-reason">
              {reasonErrors.join(' ')}
            </p>
          )}
        </div>
        <div className="form-actions">
          {conflict ? (
            <button type="button" className="primary" onClick={onConflict}>
              Reload
            </button>
          ) : (
            <button type="submit" className="danger" disabled={busy} data-testid="confirm-archive">
              {busy ? 'Archiving…' : 'Archive'}
            </button>
          )}
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}
