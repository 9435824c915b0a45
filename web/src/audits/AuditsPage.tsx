// /audits: the audit programme of each year (approve a draft) and the audits, with a form
// to create a programme and to plan an audit (criteria are requirement keys; the checklist
// is generated from them).
import '../risks/risks.css'
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge } from '../access/bits'
import { PersonSelect } from '../access/PersonSelect'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link, navigate } from '../router'
import { label } from './chain'
import type { Audit, AuditProgramme, AuditStatus, Items } from './types'

function fieldErrors(err: unknown): string {
  if (err instanceof ApiError) return err.message
  return String(err)
}

function ProgrammeForm({ onDone }: { onDone: () => void }) {
  const [year, setYear] = useState(String(new Date().getFullYear()))
  const [title, setTitle] = useState('')
  const [failure, setFailure] = useState<unknown>()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setFailure(undefined)
    try {
      await api('/api/v1/audit-programmes', { method: 'POST', body: { year: Number(year), title } })
      setTitle('')
      onDone()
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <form className="toolbar" onSubmit={submit} data-testid="programme-form">
      <div className="filter">
        <label htmlFor="programme-year">Year</label>
        <input id="programme-year" type="number" value={year} onChange={(e) => setYear(e.target.value)} />
      </div>
      <div className="filter">
        <label htmlFor="programme-title">Title</label>
        <input id="programme-title" type="text" value={title} placeholder="Audit programme 2026" onChange={(e) => setTitle(e.target.value)} />
      </div>
      <button type="submit">Create programme</button>
      {failure !== undefined && <p className="field-error">{fieldErrors(failure)}</p>}
    </form>
  )
}

function AuditForm({ programmes }: { programmes: AuditProgramme[] }) {
  const [title, setTitle] = useState('')
  const [type, setType] = useState('internal')
  const [scope, setScope] = useState('')
  const [criteria, setCriteria] = useState('')
  const [lead, setLead] = useState('')
  const [start, setStart] = useState('')
  const [end, setEnd] = useState('')
  const [programme, setProgramme] = useState('')
  const [failure, setFailure] = useState<unknown>()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setFailure(undefined)
    try {
      const body: Record<string, unknown> = {
        title,
        type,
        scope,
        criteria: criteria
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter((s) => s !== ''),
        lead_auditor_id: lead,
        start_on: start,
        end_on: end,
      }
      if (programme !== '') body.programme_id = programme
      const created = await api<Audit>('/api/v1/audits', { method: 'POST', body })
      navigate(`/audits/${created.id}`)
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <form onSubmit={submit} data-testid="audit-form" className="card">
      <h2>Plan an audit</h2>
      <div className="field">
        <label htmlFor="audit-title">Title</label>
        <input id="audit-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="audit-type">Type</label>
        <select id="audit-type" value={type} onChange={(e) => setType(e.target.value)}>
          {['internal', 'external', 'supplier', 'certification'].map((t) => (
            <option key={t} value={t}>
              {label(t)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-scope">Scope</label>
        <textarea id="audit-scope" value={scope} onChange={(e) => setScope(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="audit-criteria">Criteria (requirement keys)</label>
        <input id="audit-criteria" type="text" value={criteria} placeholder="iso27001-2022:A.5.15, iso27001-2022:A.5.18" onChange={(e) => setCriteria(e.target.value)} />
      </div>
      <PersonSelect value={lead} onChange={setLead} name="lead_auditor_id" label="Lead auditor" />
      <div className="field">
        <label htmlFor="audit-start">Start</label>
        <input id="audit-start" type="date" value={start} onChange={(e) => setStart(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="audit-end">End</label>
        <input id="audit-end" type="date" value={end} onChange={(e) => setEnd(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="audit-programme">Programme</label>
        <select id="audit-programme" value={programme} onChange={(e) => setProgramme(e.target.value)}>
          <option value="">— none —</option>
          {programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.ref} {p.title}
            </option>
          ))}
        </select>
      </div>
      {failure !== undefined && <ErrorBox error={failure} />}
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="audit-create">
          Plan audit
        </button>
      </div>
    </form>
  )
}

const statusTone = (s: AuditStatus) => (s === 'completed' ? 'ok' : s === 'in_progress' ? 'warn' : undefined)

export function AuditsPage() {
  const { can } = useAuth()
  const programmes = useApi<Items<AuditProgramme>>('/api/v1/audit-programmes')
  const [status, setStatus] = useState('')
  const audits = useApi<Items<Audit>>(`/api/v1/audits${status ? `?status=${status}` : ''}`)
  const [failure, setFailure] = useState<unknown>()
  const approve = async (p: AuditProgramme) => {
    setFailure(undefined)
    try {
      await api(`/api/v1/audit-programmes/${p.id}/approve`, { method: 'POST', body: { version: p.version } })
      programmes.reload()
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <>
      <PageHeader title="Audits" subtitle="The audit programme of each year, audits with their checklists, findings and corrective actions (ISO 27001 9.2, 10.2)." actions={<Link to="/findings">Findings</Link>} />
      {programmes.error !== undefined && <ErrorBox error={programmes.error} onRetry={programmes.reload} />}
      {failure !== undefined && <ErrorBox error={failure} />}
      <h2>Programmes</h2>
      <div className="table-wrap">
        <table className="grid" data-testid="programmes-table">
          <thead>
            <tr>
              <th scope="col">Programme</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {(programmes.data?.items ?? []).map((p) => (
              <tr key={p.id} data-testid="programme-row">
                <td>{p.ref}</td>
                <td>{p.title}</td>
                <td>
                  <Badge tone={p.status === 'approved' ? 'ok' : 'warn'}>{p.status}</Badge>
                </td>
                <td>
                  {p.status === 'draft' && can('audits:write') && (
                    <button type="button" onClick={() => void approve(p)} data-testid="programme-approve">
                      Approve
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {can('audits:write') && <ProgrammeForm onDone={programmes.reload} />}
      <h2>Audits</h2>
      <div className="toolbar">
        <div className="filter">
          <label htmlFor="audit-status">Status</label>
          <select id="audit-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">all</option>
            {['planned', 'in_progress', 'completed', 'cancelled'].map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {audits.error !== undefined && <ErrorBox error={audits.error} onRetry={audits.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={audits.loading} data-testid="audits-table">
          <thead>
            <tr>
              <th scope="col">Audit</th>
              <th scope="col">Type</th>
              <th scope="col">Dates</th>
              <th scope="col">Status</th>
              <th scope="col">Nonconform</th>
            </tr>
          </thead>
          <tbody>
            {(audits.data?.items ?? []).map((a) => (
              <tr key={a.id} data-testid="audit-row">
                <td>
                  <Link to={`/audits/${a.id}`}>
                    {a.ref} {a.title}
                  </Link>
                </td>
                <td>{label(a.type)}</td>
                <td className="nowrap">
                  {a.start_on} – {a.end_on}
                </td>
                <td>
                  <Badge tone={statusTone(a.status)}>{label(a.status)}</Badge>
                </td>
                <td className="num">{a.checklist_totals.nonconform}</td>
              </tr>
            ))}
            {audits.data && audits.data.items.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  No audits.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {can('audits:write') && <AuditForm programmes={programmes.data?.items ?? []} />}
    </>
  )
}
