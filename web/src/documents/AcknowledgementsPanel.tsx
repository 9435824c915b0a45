// Who has read and accepted the published version: completion bar, the audience with
// their status, "Remind pending" (documents:write), and "I have read and accept" when
// the reader's own acknowledgement is pending.
import { useState } from 'react'
import { api, ApiError } from '../api/client'
import type { Acknowledgement, AcknowledgementStatus, Items, PendingAcknowledgement } from '../api/types'
import { useApi } from '../api/useApi'
import { Badge, When } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { audienceOrder, completionPercent, myPendingFor } from './acks'
import { documentApi } from './paths'

interface Props {
  documentId: string
  canRemind: boolean
  publishedLabel?: string | null
}

export function AcknowledgementsPanel({ documentId, canRemind, publishedLabel }: Props) {
  const status = useApi<AcknowledgementStatus>(`${documentApi(documentId)}/acknowledgements`)
  const mine = useApi<Items<PendingAcknowledgement>>('/api/v1/me/acknowledgements')
  const [busy, setBusy] = useState<'ack' | 'remind' | undefined>()
  const [failure, setFailure] = useState<unknown>()
  const [message, setMessage] = useState<string>()
  const pending = myPendingFor(mine.data?.items, documentId)

  const acknowledge = async () => {
    setBusy('ack')
    setFailure(undefined)
    setMessage(undefined)
    try {
      await api<AcknowledgementStatus>(`${documentApi(documentId)}/acknowledge`, { method: 'POST', body: {} })
      setMessage('Thank you: your acknowledgement is recorded.')
      status.reload()
      mine.reload()
    } catch (e) {
      setFailure(e)
    } finally {
      setBusy(undefined)
    }
  }
  const remind = async () => {
    setBusy('remind')
    setFailure(undefined)
    setMessage(undefined)
    try {
      const r = await api<Items<Acknowledgement>>(`${documentApi(documentId)}/remind`, { method: 'POST', body: {} })
      const n = r.items.length
      setMessage(n === 0 ? 'Nobody to remind.' : `Reminded ${n} ${n === 1 ? 'person' : 'persons'}.`)
      status.reload()
    } catch (e) {
      setFailure(e)
    } finally {
      setBusy(undefined)
    }
  }

  // No published version yet (or not for this reader): nothing to acknowledge.
  const hidden = status.error instanceof ApiError && (status.error.status === 404 || status.error.status === 409)
  if (hidden) return null
  const s = status.data
  const percent = s ? completionPercent(s) : 0
  const persons = s ? audienceOrder(s.persons) : []
  return (
    <section className="panel" aria-labelledby="acks-heading" data-testid="acknowledgements">
      <h2 id="acks-heading">Acknowledgements{publishedLabel ? ` of version ${publishedLabel}` : ''}</h2>
      {pending && (
        <div className="notice" data-testid="my-acknowledgement">
          <p>Please read version {pending.version_label} of this document and confirm that you accept it.</p>
          <button type="button" className="primary" onClick={acknowledge} disabled={busy !== undefined} data-testid="acknowledge">
            {busy === 'ack' ? 'Recording…' : 'I have read and accept'}
          </button>
        </div>
      )}
      {message && (
        <div className="success" role="status" data-testid="acknowledgement-message">
          {message}
        </div>
      )}
      {failure !== undefined && <ErrorBox error={failure} />}
      {status.error !== undefined && !s && <ErrorBox error={status.error} onRetry={status.reload} />}
      {!s && status.error === undefined && <Loading />}
      {s && (
        <>
          <p>
            <strong data-testid="ack-completion">{percent}%</strong> acknowledged ·{' '}
            <span data-testid="ack-acknowledged">{s.acknowledged}</span> done, <span data-testid="ack-pending">{s.pending}</span> pending
          </p>
          <div
            className="progress"
            role="progressbar"
            aria-label="Acknowledgement completion"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
          >
            <span style={{ width: `${percent}%` }} />
          </div>
          {canRemind && s.pending > 0 && (
            <p>
              <button type="button" onClick={remind} disabled={busy !== undefined} data-testid="remind-pending">
                {busy === 'remind' ? 'Reminding…' : 'Remind pending'}
              </button>
            </p>
          )}
          {persons.length === 0 ? (
            <p className="muted">Nobody is asked to acknowledge this version.</p>
          ) : (
            <div className="table-wrap">
              <table className="grid" data-testid="ack-table">
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Status</th>
                    <th scope="col">Reminded</th>
                  </tr>
                </thead>
                <tbody>
                  {persons.map((p) => (
                    <tr key={p.person_id} data-testid="ack-row">
                      <td>{p.person_name}</td>
                      <td>
                        {p.acknowledged_at ? (
                          <>
                            <Badge tone="ok">accepted</Badge> <When at={p.acknowledged_at} />
                          </>
                        ) : (
                          <Badge tone="warn">pending</Badge>
                        )}
                      </td>
                      <td className="small">
                        {p.reminder_count > 0 ? (
                          <>
                            {p.reminder_count}× · last <When at={p.last_reminded_at} />
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  )
}
