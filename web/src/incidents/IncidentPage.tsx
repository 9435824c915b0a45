// /incidents/:id: the incident's summary, its reporting clocks with live countdowns, the
// significance assessment, the append-only timeline (with a note form), filed reports
// with their frozen JSON and PDF, and the post-incident review.
import { useState, type FormEvent } from 'react'
import { api } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge, When } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { AssessmentForm } from './AssessmentForm'
import { ClockPanel } from './ClockPanel'
import { clockLabels } from './countdown'
import { FileReportDialog } from './FileReportDialog'
import type { FiledReport, Incident, Items, TimelineEntry } from './types'

const next: Record<string, string> = { open: 'contained', contained: 'resolved', resolved: 'closed' }

function NoteForm({ id, onSaved }: { id: string; onSaved: () => void }) {
  const [text, setText] = useState('')
  const [kind, setKind] = useState('note')
  const [failure, setFailure] = useState<unknown>()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setFailure(undefined)
    try {
      await api(`/api/v1/incidents/${id}/timeline`, { method: 'POST', body: { text, kind } })
      setText('')
      onSaved()
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <form onSubmit={submit} className="inline-form">
      <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Entry kind">
        <option value="note">note</option>
        <option value="containment">containment</option>
        <option value="communication">communication</option>
      </select>{' '}
      <input type="text" value={text} onChange={(e) => setText(e.target.value)} aria-label="Timeline entry" placeholder="What happened or was done" />{' '}
      <button type="submit">Add</button>
      {failure !== undefined && <ErrorBox error={failure} />}
    </form>
  )
}

function ReviewForm({ incident, onSaved }: { incident: Incident; onSaved: () => void }) {
  const [lessons, setLessons] = useState('')
  const [title, setTitle] = useState('')
  const [grade, setGrade] = useState('minor_nonconformity')
  const [failure, setFailure] = useState<unknown>()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setFailure(undefined)
    try {
      const findings = title.trim() === '' ? [] : [{ grade, title }]
      await api(`/api/v1/incidents/${incident.id}/review`, { method: 'POST', body: { lessons, findings } })
      onSaved()
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <form onSubmit={submit} className="card">
      <div className="field">
        <label htmlFor="field-lessons">Lessons learned</label>
        <textarea id="field-lessons" value={lessons} onChange={(e) => setLessons(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="field-finding-title">Finding (optional)</label>
        <input id="field-finding-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
        <select value={grade} onChange={(e) => setGrade(e.target.value)} aria-label="Finding grade">
          {['major_nonconformity', 'minor_nonconformity', 'observation', 'opportunity'].map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
      </div>
      {failure !== undefined && <ErrorBox error={failure} />}
      <div className="form-actions">
        <button type="submit" className="primary">
          Record review
        </button>
      </div>
    </form>
  )
}

export function IncidentPage({ id }: { id: string }) {
  const { can } = useAuth()
  const inc = useApi<Incident>(`/api/v1/incidents/${id}`)
  const timeline = useApi<Items<TimelineEntry>>(`/api/v1/incidents/${id}/timeline`)
  const reports = useApi<Items<FiledReport>>(`/api/v1/incidents/${id}/reports`)
  const [filing, setFiling] = useState<string | null>(null)
  const [failure, setFailure] = useState<unknown>()
  const reloadAll = () => {
    inc.reload()
    timeline.reload()
    reports.reload()
  }
  if (inc.error !== undefined) return <ErrorBox error={inc.error} />
  const i = inc.data
  if (!i) return <Loading />
  const write = can('incidents:write')
  const advance = async () => {
    setFailure(undefined)
    try {
      await api(`/api/v1/incidents/${id}`, { method: 'PATCH', body: { version: i.version, status: next[i.status] } })
      reloadAll()
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <>
      <PageHeader
        title={`${i.ref} ${i.title}`}
        back={<Link to="/incidents">Incidents</Link>}
        subtitle={
          <>
            <Badge tone={i.severity === 'critical' || i.severity === 'high' ? 'bad' : undefined}>{i.severity}</Badge> <Badge>{i.status}</Badge>{' '}
            {i.significant ? (
              <Badge tone="warn" testId="significant-badge">
                significant
              </Badge>
            ) : (
              <Badge testId="significant-badge">not significant</Badge>
            )}{' '}
            aware at <When at={i.aware_at} /> ({i.zone})
          </>
        }
        actions={
          write &&
          next[i.status] && (
            <button type="button" onClick={() => void advance()} data-testid="advance-status">
              Mark {next[i.status]}
            </button>
          )
        }
      />
      {failure !== undefined && <ErrorBox error={failure} />}
      {i.description && <p>{i.description}</p>}
      <h2>Reporting deadlines</h2>
      {/* Remounted with every fetch (remaining_seconds change), so its fetch time is fresh. */}
      <ClockPanel key={JSON.stringify(i.clocks)} clocks={i.clocks} onFile={write ? setFiling : undefined} />
      <FileReportDialog
        key={filing ?? 'none'}
        incidentId={id}
        type={filing}
        onClose={() => setFiling(null)}
        onFiled={() => {
          setFiling(null)
          reloadAll()
        }}
      />
      <h2>Filed reports</h2>
      <div className="table-wrap">
        <table data-testid="filed-reports">
          <thead>
            <tr>
              <th>Report</th>
              <th>Submitted</th>
              <th>To</th>
              <th>On time</th>
              <th>Frozen copy</th>
            </tr>
          </thead>
          <tbody>
            {(reports.data?.items ?? []).map((r) => (
              <tr key={r.id} data-testid={`filed-${r.type}`}>
                <td>{clockLabels[r.type] ?? r.type}</td>
                <td>
                  <When at={r.submitted_at} />
                </td>
                <td>{r.recipient}</td>
                <td>{r.deadline === '' ? '—' : r.on_time ? <Badge tone="ok">on time</Badge> : <Badge tone="bad">late</Badge>}</td>
                <td>
                  <a href={r.pdf_url} data-testid={`pdf-${r.type}`}>
                    PDF
                  </a>{' '}
                  <a href={r.json_url}>JSON</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Significance assessment</h2>
      {write ? <AssessmentForm key={i.version} incident={i} onSaved={reloadAll} /> : <p>{i.assessment?.result.reasoning ?? 'Not assessed yet.'}</p>}
      <h2>Timeline</h2>
      {write && <NoteForm id={id} onSaved={timeline.reload} />}
      <ol className="timeline" data-testid="timeline">
        {(timeline.data?.items ?? []).map((t) => (
          <li key={t.id}>
            <When at={t.at} /> <Badge>{t.kind}</Badge> {t.text}
          </li>
        ))}
      </ol>
      <h2>Post-incident review</h2>
      {i.review ? (
        <div className="card">
          <p>{i.review.lessons}</p>
          <ul>
            {i.review.findings.map((f) => (
              <li key={f.finding_ref}>
                {f.finding_ref} {f.action_ref}
              </li>
            ))}
          </ul>
        </div>
      ) : write ? (
        <ReviewForm incident={i} onSaved={reloadAll} />
      ) : (
        <p>Not reviewed yet.</p>
      )}
    </>
  )
}
