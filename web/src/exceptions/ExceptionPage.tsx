// /exceptions/:id: one exception — what it exempts from, why, compensating controls, the
// risk — and the decision panel: approvers approve (expiry at most 12 months) or reject
// others' requests, revoke approved ones; the requester withdraws or asks for a renewal.
import '../risks/risks.css'
import { useState } from 'react'
import { api, ApiError } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge, When } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link, navigate } from '../router'
import { abilities, stateLabel, stateTone } from './model'
import type { PolicyException } from './types'

type Action = 'approve' | 'reject' | 'revoke' | 'withdraw' | 'renew'

function DecisionPanel({ ex, onDone }: { ex: PolicyException; onDone: () => void }) {
  const { session, can } = useAuth()
  const may = abilities(ex, session.user.person_id, can)
  const [note, setNote] = useState('')
  const [expiresOn, setExpiresOn] = useState(ex.requested_expires_on ?? '')
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  if (!may.approve && !may.reject && !may.revoke && !may.withdraw && !may.renew) return null
  const act = async (action: Action) => {
    setBusy(true)
    setFailure(undefined)
    try {
      const body: Record<string, unknown> = {}
      if (action !== 'renew') body.version = ex.version
      if (note !== '' && action !== 'withdraw' && action !== 'renew') body.note = note
      if (action === 'approve' && expiresOn !== '') body.expires_on = expiresOn
      const result = await api<PolicyException>(`/api/v1/exceptions/${ex.id}/${action}`, { method: 'POST', body })
      setNote('')
      if (action === 'renew') navigate(`/exceptions/${result.id}`)
      else onDone()
    } catch (err) {
      setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="panel spaced" aria-label="Decision" data-testid="decision-panel">
      <h2>Decision</h2>
      {(may.approve || may.reject || may.revoke) && (
        <div className="field">
          <label htmlFor="decision-note">Note</label>
          <textarea id="decision-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} data-testid="decision-note" />
          <p className="help">Required to reject or revoke.</p>
        </div>
      )}
      {may.approve && (
        <div className="field">
          <label htmlFor="decision-expires">Expires on</label>
          <input id="decision-expires" type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} data-testid="decision-expires" />
          <p className="help">At most 12 months from today; empty: 12 months.</p>
        </div>
      )}
      {failure !== undefined && <ErrorBox error={failure} title={failure instanceof ApiError && failure.status === 409 ? 'Changed meanwhile: reload' : undefined} />}
      <div className="form-actions">
        {may.approve && (
          <button type="button" className="primary" disabled={busy} onClick={() => void act('approve')} data-testid="approve">
            Approve
          </button>
        )}
        {may.reject && (
          <button type="button" disabled={busy} onClick={() => void act('reject')} data-testid="reject">
            Reject
          </button>
        )}
        {may.revoke && (
          <button type="button" disabled={busy} onClick={() => void act('revoke')} data-testid="revoke">
            Revoke
          </button>
        )}
        {may.withdraw && (
          <button type="button" disabled={busy} onClick={() => void act('withdraw')} data-testid="withdraw">
            Withdraw my request
          </button>
        )}
        {may.renew && (
          <button type="button" disabled={busy} onClick={() => void act('renew')} data-testid="renew">
            Request renewal
          </button>
        )}
      </div>
    </section>
  )
}

const list = (ids: readonly string[]) => (ids.length === 0 ? '—' : ids.join(', '))

export function ExceptionPage({ id }: { id: string }) {
  const res = useApi<PolicyException>(`/api/v1/exceptions/${encodeURIComponent(id)}`)
  const ex = res.data
  return (
    <>
      <PageHeader title={ex ? `${ex.ref} ${ex.title}` : 'Exception'} back={<Link to="/exceptions">Exceptions</Link>} />
      {res.error !== undefined && <ErrorBox error={res.error} onRetry={res.reload} />}
      {ex && (
        <>
          <dl className="details" data-testid="exception-details">
            <dt>State</dt>
            <dd>
              <Badge tone={stateTone(ex.state)} testId="exception-state">
                {stateLabel(ex)}
              </Badge>
            </dd>
            <dt>Requester</dt>
            <dd>{ex.requester_name || '—'}</dd>
            <dt>Requested</dt>
            <dd>
              <When at={ex.created_at} />
            </dd>
            <dt>Policy document</dt>
            <dd>{ex.scope.document_id ? <Link to={`/documents/${ex.scope.document_id}`}>{ex.scope.document_id}</Link> : '—'}</dd>
            <dt>Section</dt>
            <dd>{ex.scope.section || '—'}</dd>
            <dt>Controls</dt>
            <dd>{list(ex.scope.control_ids)}</dd>
            <dt>Requirements</dt>
            <dd>{list(ex.scope.requirement_keys)}</dd>
            <dt>Assets</dt>
            <dd>{list(ex.scope.asset_ids)}</dd>
            <dt>Reason</dt>
            <dd className="prewrap">{ex.reason}</dd>
            <dt>Compensating controls</dt>
            <dd className="prewrap">
              {list(ex.compensating_controls.control_ids)}
              {ex.compensating_controls.text && ` — ${ex.compensating_controls.text}`}
            </dd>
            <dt>Risk</dt>
            <dd className="prewrap">
              {ex.risk.risk_id ? <Link to={`/risks/${ex.risk.risk_id}`}>{ex.risk.risk_id}</Link> : null} {ex.risk.statement || (ex.risk.risk_id ? '' : '—')}
            </dd>
            <dt>Expiry</dt>
            <dd>{ex.expires_on ?? (ex.requested_expires_on ? `${ex.requested_expires_on} (requested)` : '12 months from approval')}</dd>
            {ex.approver_name && (
              <>
                <dt>Decided by</dt>
                <dd>
                  {ex.approver_name} <When at={ex.decided_at} />
                  {ex.decision_note && ` — ${ex.decision_note}`}
                </dd>
              </>
            )}
            {ex.revoked_at && (
              <>
                <dt>Revoked</dt>
                <dd>
                  <When at={ex.revoked_at} /> — {ex.revoke_note}
                </dd>
              </>
            )}
            {ex.renews_id && (
              <>
                <dt>Renews</dt>
                <dd>
                  <Link to={`/exceptions/${ex.renews_id}`}>the earlier exception</Link>
                </dd>
              </>
            )}
            {ex.renewed_by_id && (
              <>
                <dt>Renewal</dt>
                <dd>
                  <Link to={`/exceptions/${ex.renewed_by_id}`}>the renewal request</Link>
                </dd>
              </>
            )}
          </dl>
          <DecisionPanel ex={ex} onDone={res.reload} />
        </>
      )}
    </>
  )
}
