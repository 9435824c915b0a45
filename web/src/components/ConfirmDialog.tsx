// "Are you sure?" for actions that cannot be undone from the UI (revoke, disable, delete),
// with the failure shown inside the dialog.
import { useState, type ReactNode } from 'react'
import { Dialog } from './Dialog'
import { ErrorBox } from './ErrorBox'

interface Props {
  open: boolean
  title: string
  confirmLabel: string
  onConfirm: () => Promise<void>
  onClose: () => void
  children: ReactNode
  danger?: boolean
}

export function ConfirmDialog({ open, title, confirmLabel, onConfirm, onClose, children, danger = true }: Props) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const close = () => {
    setError(undefined)
    onClose()
  }
  const confirm = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await onConfirm()
      onClose()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open={open} title={title} onClose={close}>
      <div>{children}</div>
      {error !== undefined && <ErrorBox error={error} />}
      <div className="form-actions">
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={confirm} disabled={busy} data-testid="confirm">
          {busy ? 'Working…' : confirmLabel}
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </Dialog>
  )
}
