// /audits/:id: one audit — start, the checklist (each item decided on its own, with its
// version; a nonconform or observation item can raise its finding in the same save),
// complete with a conclusion, the findings raised with their corrective actions' status,
// and the report as PDF.
import '../risks/risks.css'
import { useState } from 'react'
import { api } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { actionTone, grades, label, resultTone, results } from './chain'
import type { Audit, ChecklistItem, CheckResult, Finding, FindingGrade, Items } from './types'

function ItemRow({ audit, item, editable, onSaved }: { audit: Audit; item: ChecklistItem; editable: boolean; onSaved: () => void }) {
  const [result, setResult] = useState<CheckResult>(item.result)
  const [notes, setNotes] = useState(item.notes)
  const [raise, setRaise] = useState(false)
  const [grade, setGrade] = useState<FindingGrade>('minor_nonconformity')
  const [failure, setFailure] = useState<unknown>()
  const canRaise = result === 'nonconform' || result === 'observation'
  const save = async () => {
    setFailure(undefined)
    try {
      const body: Record<string, unknown> = { version: item.version, result, notes }
      if (raise && canRaise) body.finding = { grade: result === 'observation' ? 'observation' : grade }
      await api(`/api/v1/audits/${audit.id}/checklist/${item.index}`, { method: 'PATCH', body })
      setRaise(false)
      onSaved()
    } catch (err) {
      setFailure(err)
    }
  }
  return (
    <tr data-testid="checklist-row">
      <td className="num">{item.index + 1}</td>
      <td>
        <strong>{item.requirement_key}</strong> {item.requirement_title}
        <div className="muted">{item.question}</div>
      </td>
      <td>
        {editable ? (
          <select aria-label={`Result of item ${item.index + 1}`} value={result} onChange={(e) => setResult(e.target.value as CheckResult)} data-testid="item-result">
            {results.map((r) => (
              <option key={r} value={r}>
                {label(r)}
              </option>
            ))}
          </select>
        ) : (
          <Badge tone={resultTone(item.result)}>{label(item.result)}</Badge>
        )}
      </td>
      <td>{editable ? <textarea aria-label={`Notes of item ${item.index + 1}`} value={notes} onChange={(e) => setNotes(e.target.value)} /> : item.notes || '—'}</td>
      <td>
        {editable && (
          <>
            {canRaise && (
              <label className="nowrap">
                <input type="checkbox" checked={raise} onChange={(e) => setRaise(e.target.checked)} data-testid="item-raise" /> raise a finding
              </label>
            )}
            {raise && result === 'nonconform' && (
              <select aria-label="Grade" value={grade} onChange={(e) => setGrade(e.target.value as FindingGrade)}>
                {grades.filter((g) => g.endsWith('nonconformity')).map((g) => (
                  <option key={g} value={g}>
                    {label(g)}
                  </option>
                ))}
              </select>
            )}
            <button type="button" onClick={() => void save()} data-testid="item-save">
              Save
            </button>
            {failure !== undefined && <ErrorBox error={failure} />}
          </>
        )}
      </td>
    </tr>
  )
}

export function AuditPage({ id }: { id: string }) {
  const { can } = useAuth()
  const audit = useApi<Audit>(`/api/v1/audits/${id}`)
  const findings = useApi<Items<Finding>>(`/api/v1/audits/${id}/findings`)
  const [conclusion, setConclusion] = useState('')
  const [failure, setFailure] = useState<unknown>()
  const a = audit.data
  const reload = () => {
    audit.reload()
    findings.reload()
  }
  const act = async (verb: 'start' | 'complete', extra: Record<string, unknown> = {}) => {
    if (!a) return
    setFailure(undefined)
    try {
      await api(`/api/v1/audits/${a.id}/${verb}`, { method: 'POST', body: { version: a.version, ...extra } })
      reload()
    } catch (err) {
      setFailure(err)
    }
  }
  const writer = can('audits:write')
  const editable = writer && a?.status === 'in_progress'
  return (
    <>
      <PageHeader
        title={a ? `${a.ref} ${a.title}` : 'Audit'}
        back={<Link to="/audits">Audits</Link>}
        subtitle={a && `${label(a.type)} audit, ${a.start_on} to ${a.end_on}`}
        actions={
          a && (
            <>
              <a href={`/api/v1/audits/${a.id}/report.pdf`} data-testid="audit-report-pdf">
                Report (PDF)
              </a>
              {writer && a.status === 'planned' && (
                <button type="button" className="primary" onClick={() => void act('start')} data-testid="audit-start">
                  Start
                </button>
              )}
            </>
          )
        }
      />
      {audit.error !== undefined && <ErrorBox error={audit.error} onRetry={audit.reload} />}
      {failure !== undefined && <ErrorBox error={failure} />}
      {a && (
        <>
          <p>
            <Badge tone={a.status === 'completed' ? 'ok' : a.status === 'in_progress' ? 'warn' : undefined}>{label(a.status)}</Badge> {a.scope}
          </p>
          <div className="table-wrap">
            <table className="grid" data-testid="checklist-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Requirement</th>
                  <th scope="col">Result</th>
                  <th scope="col">Notes</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {(a.checklist ?? []).map((item) => (
                  <ItemRow key={`${item.index}:${item.version}`} audit={a} item={item} editable={editable} onSaved={reload} />
                ))}
              </tbody>
            </table>
          </div>
          {a.conclusion && (
            <p data-testid="audit-conclusion">
              <strong>Conclusion:</strong> {a.conclusion}
            </p>
          )}
          {editable && (
            <div className="toolbar">
              <div className="filter">
                <label htmlFor="audit-conclusion-input">Conclusion</label>
                <textarea id="audit-conclusion-input" value={conclusion} onChange={(e) => setConclusion(e.target.value)} />
              </div>
              <button type="button" onClick={() => void act('complete', conclusion.trim() ? { conclusion } : {})} data-testid="audit-complete">
                Complete audit
              </button>
            </div>
          )}
        </>
      )}
      <h2>Findings</h2>
      <ul data-testid="audit-findings">
        {(findings.data?.items ?? []).map((f) => (
          <li key={f.id}>
            <Link to={`/findings/${f.id}`}>
              {f.ref} {f.title}
            </Link>{' '}
            <Badge tone={f.status === 'closed' ? 'ok' : f.overdue ? 'bad' : 'warn'}>{label(f.grade)}, {f.status}</Badge>
            {f.actions.length > 0 && (
              <ul data-testid="audit-finding-actions">
                {f.actions.map((act) => (
                  <li key={act.id}>
                    {act.ref} {act.title} <Badge tone={actionTone(act)}>{act.overdue ? 'overdue' : act.status}</Badge>
                    {act.verified_on && ` on ${act.verified_on}`}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
        {findings.data && findings.data.items.length === 0 && <li className="muted">No findings.</li>}
      </ul>
    </>
  )
}
