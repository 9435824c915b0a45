// /findings/:id: the chain source -> finding -> actions -> verification, with the steps
// a user may take: add an action, record its implementation (audits:write or its owner),
// verify its effectiveness (audits:write, not the owner), close the finding.
import '../risks/risks.css'
import { useState, type FormEvent } from 'react'
import { api } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge } from '../access/bits'
import { PersonSelect } from '../access/PersonSelect'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { chainSteps, isNonconformity, label } from './chain'
import type { CorrectiveAction, Finding } from './types'

function AddAction({ finding, onDone }: { finding: Finding; onDone: () => void }) {
  const [title, setTitle] = useState('')
  const [rootCause, setRootCause] = useState('')
  const [owner, setOwner] = useState('')
  const [due, setDue] = useState('')
  const [failure, setFailure] = useState<unknown>()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setFailure(undefined)
    try {
      await api(`/api/v1/findings/${finding.id}/actions`, { method: 'POST', body: { title, root_cause: rootCause, owner_id: owner, due_on: due } })
      setTitle('')
      setRootCause('')
      onDone()
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <form onSubmit={submit} className="card" data-testid="action-form">
      <h2>Add a corrective action</h2>
      <div className="field">
        <label htmlFor="action-title">Title</label>
        <input id="action-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="action-root-cause">Root cause</label>
        <textarea id="action-root-cause" value={rootCause} onChange={(e) => setRootCause(e.target.value)} />
      </div>
      <PersonSelect value={owner} onChange={setOwner} name="owner_id" label="Owner" />
      <div className="field">
        <label htmlFor="action-due">Due on</label>
        <input id="action-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      </div>
      {failure !== undefined && <ErrorBox error={failure} />}
      <div className="form-actions">
        <button type="submit" className="primary">
          Add action
        </button>
      </div>
    </form>
  )
}

function ActionSteps({ action, onDone }: { action: CorrectiveAction; onDone: () => void }) {
  const { can, session } = useAuth()
  const [note, setNote] = useState('')
  const [failure, setFailure] = useState<unknown>()
  const post = async (verb: 'implement' | 'verify', extra: Record<string, unknown> = {}) => {
    setFailure(undefined)
    try {
      await api(`/api/v1/corrective-actions/${action.id}/${verb}`, { method: 'POST', body: { version: action.version, ...(note.trim() ? { note } : {}), ...extra } })
      setNote('')
      onDone()
    } catch (err) {
      setFailure(err)
    }
  }
  const owner = session.user.person_id === action.owner_id
  const mayImplement = action.status === 'open' && (can('audits:write') || owner)
  const mayVerify = action.status === 'implemented' && can('audits:write') && !owner
  if (!mayImplement && !mayVerify) {
    // The owner never verifies their own action: say so instead of showing nothing.
    if (action.status !== 'implemented' || !owner) return null
    return (
      <p className="muted" data-testid="action-owner-note">
        You own {action.ref}: someone else verifies its effectiveness.
      </p>
    )
  }
  return (
    <div className="toolbar" data-testid="action-steps">
      <input type="text" aria-label={`Note for ${action.ref}`} placeholder="Note" value={note} onChange={(e) => setNote(e.target.value)} />
      {mayImplement && (
        <button type="button" onClick={() => void post('implement')} data-testid="action-implement">
          Record implementation
        </button>
      )}
      {mayVerify && (
        <>
          <button type="button" onClick={() => void post('verify', { effective: true })} data-testid="action-effective">
            Verified effective
          </button>
          <button type="button" onClick={() => void post('verify', { effective: false })} data-testid="action-ineffective">
            Not effective
          </button>
        </>
      )}
      {failure !== undefined && <ErrorBox error={failure} />}
    </div>
  )
}

export function FindingPage({ id }: { id: string }) {
  const { can } = useAuth()
  const view = useApi<Finding>(`/api/v1/findings/${id}`)
  const [note, setNote] = useState('')
  const [failure, setFailure] = useState<unknown>()
  const f = view.data
  const close = async () => {
    if (!f) return
    setFailure(undefined)
    try {
      await api(`/api/v1/findings/${f.id}/close`, { method: 'POST', body: { version: f.version, ...(note.trim() ? { note } : {}) } })
      view.reload()
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <>
      <PageHeader
        title={f ? `${f.ref} ${f.title}` : 'Finding'}
        back={<Link to="/findings">Findings</Link>}
        subtitle={f && `${label(f.grade)}${f.requirement_keys.length ? ` — ${f.requirement_keys.join(', ')}` : ''}`}
      />
      {view.error !== undefined && <ErrorBox error={view.error} onRetry={view.reload} />}
      {f && (
        <>
          <ol className="chain" data-testid="finding-chain">
            {chainSteps(f).map((s) => (
              <li key={s.key} data-step={s.key}>
                <Badge tone={s.tone}>{s.title}</Badge> {s.detail}
                {s.key === 'source' && f.source === 'audit' && f.source_id && (
                  <>
                    {' '}
                    <Link to={`/audits/${f.source_id}`}>open the audit</Link>
                  </>
                )}
              </li>
            ))}
          </ol>
          {f.description && <p>{f.description}</p>}
          <h2>Corrective actions</h2>
          {f.actions.map((a) => (
            <div key={a.id} className="card" data-testid="action-card">
              <strong>
                {a.ref} {a.title}
              </strong>{' '}
              <Badge tone={a.overdue || a.status === 'ineffective' ? 'bad' : a.status === 'verified' ? 'ok' : 'warn'}>{a.overdue ? 'overdue' : a.status}</Badge>
              <div>Root cause: {a.root_cause || '—'}</div>
              <div>
                Due {a.due_on}
                {a.implemented_on && `, implemented ${a.implemented_on}`}
                {a.verified_on && `, verified ${a.verified_on}${a.verification_note ? `: ${a.verification_note}` : ''}`}
              </div>
              <ActionSteps action={a} onDone={view.reload} />
            </div>
          ))}
          {f.status === 'open' && can('audits:write') && (
            <>
              <AddAction finding={f} onDone={view.reload} />
              <div className="toolbar" data-testid="finding-close">
                <input type="text" aria-label="Decision note" placeholder={isNonconformity(f.grade) ? 'Note (optional)' : 'Decision note'} value={note} onChange={(e) => setNote(e.target.value)} />
                <button type="button" onClick={() => void close()}>
                  Close finding
                </button>
              </div>
            </>
          )}
          {failure !== undefined && <ErrorBox error={failure} />}
        </>
      )}
    </>
  )
}
