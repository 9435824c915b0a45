// Acceptance of a risk's residual level: the current acceptance (who, under which role,
// until when, why), who may accept under the method's rules, and the accept form
// (justification + optional expiry). The accept call is open to every reader so that a
// refusal can say who may accept: the server's 403 message is shown as it is.
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import { useAuth } from '../auth/store'
import { Badge, When } from '../access/bits'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { LevelBadge } from './bits'
import { acceptanceRule } from './acceptance'
import { levelByRank } from './method'
import { riskApi } from './paths'
import type { Risk, RiskMethod } from './types'

interface Props {
  risk: Risk
  /** the current method: its appetite, acceptance role and validity apply */
  method: RiskMethod | undefined
  onChanged: (message: string) => void
}

function RevokeDialog({ risk, open, onClose, onDone }: { risk: Risk; open: boolean; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await api<Risk>(`${riskApi(risk.id)}/revoke-acceptance`, { method: 'POST', body: { version: risk.version, reason } })
      setReason('')
      onDone()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open={open} title={`Revoke the acceptance of ${risk.ref}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="field-revoke-reason">Reason</label>
          <textarea id="field-revoke-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="revoke-reason" />
        </div>
        {error !== undefined && <ErrorBox error={error} />}
        <div className="form-actions">
          <button type="submit" className="danger" disabled={busy} data-testid="revoke-confirm">
            {busy ? 'Revoking…' : 'Revoke acceptance'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

export function AcceptancePanel({ risk, method, onChanged }: Props) {
  const { can, session } = useAuth()
  const [justification, setJustification] = useState('')
  const [expires, setExpires] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [revoking, setRevoking] = useState(false)
  const acceptance = risk.acceptance
  const expired = risk.flags?.acceptance_expired === true
  const canOffer = !risk.archived && (!acceptance || expired)
  const fieldErrors = (name: string) =>
    error instanceof ApiError && error.status === 422 ? (error.details.length > 0 ? error.details : [{ field: error.field, message: error.message }]).filter((d) => d.field === name).map((d) => d.message) : []

  const accept = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const body: Record<string, unknown> = { version: risk.version, justification }
      if (expires !== '') body.expires_on = expires
      await api<Risk>(`${riskApi(risk.id)}/accept`, { method: 'POST', body })
      setJustification('')
      setExpires('')
      onChanged(`The residual risk of ${risk.ref} is accepted.`)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  const mayRevoke = can('risks:write') || (risk.owner_id !== null && risk.owner_id === session.user.person_id)
  return (
    <section className="panel" aria-labelledby="acceptance-heading" data-testid="acceptance-panel">
      <h2 id="acceptance-heading">Acceptance</h2>
      {acceptance ? (
        <dl className="fields" data-testid="acceptance">
          <div className="field-row">
            <dt>Accepted by</dt>
            <dd data-testid="accepted-by">
              {acceptance.accepted_by_name ?? acceptance.accepted_by_person_id}
              {acceptance.accepted_by_role && <span className="muted"> as {acceptance.accepted_by_role}</span>}
            </dd>
          </div>
          <div className="field-row">
            <dt>Accepted</dt>
            <dd>
              <When at={acceptance.accepted_at} />
            </dd>
          </div>
          <div className="field-row">
            <dt>Expires</dt>
            <dd data-testid="acceptance-expires">
              {acceptance.expires_on}
              {expired && (
                <>
                  {' '}
                  <Badge tone="bad">expired</Badge>
                </>
              )}
            </dd>
          </div>
          <div className="field-row">
            <dt>Level accepted</dt>
            <dd>
              <LevelBadge level={method ? levelByRank(method, acceptance.level_rank) : undefined} fallback={`rank ${acceptance.level_rank}`} />
              <span className="muted small"> (method version {acceptance.method_number})</span>
            </dd>
          </div>
          <div className="field-row">
            <dt>Justification</dt>
            <dd className="prose">{acceptance.justification}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted" data-testid="not-accepted">
          The residual risk is not accepted.
        </p>
      )}
      {acceptance && mayRevoke && !risk.archived && (
        <p>
          <button type="button" className="danger" onClick={() => setRevoking(true)} data-testid="risk-revoke">
            Revoke acceptance
          </button>
        </p>
      )}
      {canOffer && (
        <form onSubmit={accept} noValidate data-testid="accept-form">
          <h3>Accept the residual risk</h3>
          <p className="help" data-testid="acceptance-rule">
            {acceptanceRule(risk, method)}
          </p>
          <div className="field">
            <label htmlFor="field-justification">Justification</label>
            <textarea
              id="field-justification"
              rows={3}
              value={justification}
              onChange={(e) => setJustification(e.target.value)}
              aria-invalid={fieldErrors('justification').length > 0 || undefined}
              data-testid="accept-justification"
            />
            {fieldErrors('justification').length > 0 && (
              <div className="field-error" data-testid="error-justification">
                {fieldErrors('justification').join(' ')}
              </div>
            )}
          </div>
          <div className="field">
            <label htmlFor="field-expires_on">Expires on</label>
            <input id="field-expires_on" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} data-testid="accept-expires" />
            <p className="help">
              Empty: {method?.acceptance_validity_months ?? 12} months from today. At most 36 months ahead.
            </p>
            {fieldErrors('expires_on').length > 0 && (
              <div className="field-error" data-testid="error-expires_on">
                {fieldErrors('expires_on').join(' ')}
              </div>
            )}
          </div>
          {error !== undefined && (
            <div data-testid="accept-error">
              <ErrorBox
                title={error instanceof ApiError && error.status === 403 ? 'You may not accept this risk' : 'The risk was not accepted'}
                error={error}
              />
            </div>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy} data-testid="risk-accept">
              {busy ? 'Accepting…' : 'Accept residual risk'}
            </button>
          </div>
        </form>
      )}
      <RevokeDialog
        risk={risk}
        open={revoking}
        onClose={() => setRevoking(false)}
        onDone={() => {
          setRevoking(false)
          onChanged(`The acceptance of ${risk.ref} is revoked.`)
        }}
      />
    </section>
  )
}
