// /findings: every finding, whatever its source, filtered by status, grade, source and
// overdue; a form records a self-assessment finding.
import '../risks/risks.css'
import { useState, type FormEvent } from 'react'
import { api } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link, navigate } from '../router'
import { grades, label } from './chain'
import type { Finding, FindingGrade, Items } from './types'

const sources = ['audit', 'incident', 'management_review', 'risk_cycle', 'self_assessment']

function NewFindingForm() {
  const [grade, setGrade] = useState<FindingGrade>('observation')
  const [title, setTitle] = useState('')
  const [failure, setFailure] = useState<unknown>()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setFailure(undefined)
    try {
      const f = await api<Finding>('/api/v1/findings', { method: 'POST', body: { source: 'self_assessment', grade, title } })
      navigate(`/findings/${f.id}`)
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <form className="toolbar" onSubmit={submit} data-testid="finding-form">
      <div className="filter">
        <label htmlFor="new-finding-grade">Grade</label>
        <select id="new-finding-grade" value={grade} onChange={(e) => setGrade(e.target.value as FindingGrade)}>
          {grades.map((g) => (
            <option key={g} value={g}>
              {label(g)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="new-finding-title">Title</label>
        <input id="new-finding-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <button type="submit">Record self-assessment finding</button>
      {failure !== undefined && <ErrorBox error={failure} />}
    </form>
  )
}

export function findingsQuery(f: { status: string; grade: string; source: string; overdue: boolean }): string {
  const q = new URLSearchParams()
  if (f.status) q.set('status', f.status)
  if (f.grade) q.set('grade', f.grade)
  if (f.source) q.set('source', f.source)
  if (f.overdue) q.set('overdue', 'true')
  const s = q.toString()
  return `/api/v1/findings${s ? `?${s}` : ''}`
}

export function FindingsPage() {
  const { can } = useAuth()
  const [status, setStatus] = useState('open')
  const [grade, setGrade] = useState('')
  const [source, setSource] = useState('')
  const [overdue, setOverdue] = useState(false)
  const list = useApi<Items<Finding>>(findingsQuery({ status, grade, source, overdue }))
  const select = (id: string, text: string, value: string, set: (v: string) => void, options: string[]) => (
    <div className="filter">
      <label htmlFor={id}>{text}</label>
      <select id={id} value={value} onChange={(e) => set(e.target.value)}>
        <option value="">all</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </div>
  )
  return (
    <>
      <PageHeader title="Findings" subtitle="Nonconformities, observations and opportunities from audits, incidents, reviews and self-assessment." actions={<Link to="/corrective-actions">Corrective actions</Link>} />
      <div className="toolbar">
        {select('finding-status', 'Status', status, setStatus, ['open', 'closed'])}
        {select('finding-grade', 'Grade', grade, setGrade, grades)}
        {select('finding-source', 'Source', source, setSource, sources)}
        <label className="nowrap">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="finding-overdue" /> overdue only
        </label>
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={list.loading} data-testid="findings-table">
          <thead>
            <tr>
              <th scope="col">Finding</th>
              <th scope="col">Grade</th>
              <th scope="col">Source</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((f) => (
              <tr key={f.id} data-testid="finding-row">
                <td>
                  <Link to={`/findings/${f.id}`}>
                    {f.ref} {f.title}
                  </Link>
                </td>
                <td>{label(f.grade)}</td>
                <td>
                  {label(f.source)} {f.source_ref ?? ''}
                </td>
                <td>
                  <Badge tone={f.status === 'closed' ? 'ok' : f.overdue ? 'bad' : 'warn'}>{f.overdue ? 'overdue' : f.status}</Badge>
                </td>
                <td className="num">{f.actions.length}</td>
              </tr>
            ))}
            {list.data && list.data.items.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  No findings.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {can('audits:write') && <NewFindingForm />}
    </>
  )
}
