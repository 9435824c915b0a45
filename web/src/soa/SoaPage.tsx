// The working Statement of Applicability (/soa): totals, every line grouped by Annex A
// theme with filters (applicability, implementation, text; all in the URL), inline
// decisions for soa:write, approval for soa:approve (a refusal lists the undecided lines),
// exports, and the way to versions, comparison and import.
import '../risks/risks.css'
import './soa.css'
import { useEffect, useState } from 'react'
import { api, ApiError, withQuery } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { When } from '../access/bits'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { clearFlash, peekFlash, setFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { getParam, setParams, useDebouncedParam } from '../catalogue/urlState'
import { Link, navigate, useLocation } from '../router'
import { ExportButtons, TotalsBar } from './bits'
import { filterLines, undecidedKeysIn } from './group'
import { applicableLabels, implementationLabels } from './labels'
import { soaApi, soaCompareRoute, soaVersionRoute } from './paths'
import { applicableValues, implementationValues, type Applicability, type Soa, type SoaWorkingCopy } from './types'
import { LinesTable } from './LinesTable'
import { useRiskLabels } from './useRiskLabels'

const withNis2 = 'iso27001-2022,nis2-2024-2690'

function ApproveDialog({ open, working, onClose }: { open: boolean; working: SoaWorkingCopy; onClose: () => void }) {
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<unknown>()
  const undecided = working.lines.filter((l) => l.applicable === 'undecided')
  const refused = failure instanceof ApiError && failure.status === 422 ? failure : undefined
  const refusedKeys = refused ? undecidedKeysIn([refused.message, ...refused.details.map((d) => d.message)]) : []
  const approve = async () => {
    setBusy(true)
    setFailure(undefined)
    try {
      const soa = await api<Soa>(`${soaApi}/approve`, { method: 'POST', body: { note } })
      setFlash(`Version ${soa.number} of the Statement of Applicability approved.`)
      navigate(soaVersionRoute(soa.id))
    } catch (e) {
      setFailure(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open={open} title="Approve the Statement of Applicability" onClose={onClose}>
      <p>
        Approving freezes every line as it is now, with the controls and evidence behind it, as version {(working.last_approved?.number ?? 0) + 1}. Later changes
        go into the working copy until the next approval.
      </p>
      {undecided.length > 0 && (
        <p className="notice" data-testid="soa-approve-undecided">
          {undecided.length} {undecided.length === 1 ? 'line is' : 'lines are'} still undecided; every line must be decided before approval.
        </p>
      )}
      <div className="field">
        <label htmlFor="field-approve-note">Note</label>
        <textarea id="field-approve-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} data-testid="soa-approve-note" />
      </div>
      {refused && (
        <div className="error-box" role="alert" data-testid="soa-approve-refused">
          <strong>Not approved</strong>
          <p>{refused.message}</p>
          {refusedKeys.length > 0 && (
            <ul className="inline-list">
              {refusedKeys.map((k) => {
                const ref = k.slice(k.indexOf(':') + 1)
                return (
                  <li key={k}>
                    <a
                      href={`/soa?applicable=undecided#soa-line-${ref}`}
                      onClick={(e) => {
                        e.preventDefault()
                        onClose()
                        setParams({ applicable: 'undecided' })
                      }}
                    >
                      {ref}
                    </a>
                  </li>
                )
              })}
            </ul>
          )}
        </div>
      )}
      {failure !== undefined && !refused && <ErrorBox error={failure} title="Not approved" />}
      <div className="form-actions">
        <button type="button" className="primary" onClick={approve} disabled={busy} data-testid="soa-approve-confirm">
          {busy ? 'Approving…' : 'Approve'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  )
}

export function SoaPage() {
  const { search } = useLocation()
  const nis2 = getParam(search, 'nis2') === 'true'
  const working = useApi<SoaWorkingCopy>(nis2 ? withQuery(soaApi, { framework: withNis2 }) : soaApi)
  const { can } = useAuth()
  const [text, setText, q] = useDebouncedParam('q')
  const [approving, setApproving] = useState(false)
  const [flash, setFlashShown] = useState(peekFlash)
  useEffect(() => clearFlash(), [])
  const w = working.data
  const riskLabels = useRiskLabels(!!w && w.lines.some((l) => l.risk_ids.length > 0))

  if (working.error !== undefined && !w) {
    return (
      <>
        <PageHeader title="Statement of Applicability" />
        <ErrorBox error={working.error} onRetry={working.reload} />
      </>
    )
  }
  if (!w) return <Loading />
  const filter = { applicable: getParam(search, 'applicable'), implementation: getParam(search, 'implementation'), q }
  const shown = filterLines(w.lines, filter)
  const last = w.last_approved
  const saved = (line: Applicability) => {
    setFlashShown(`${line.ref_id} saved.`)
    working.reload()
  }

  return (
    <>
      <PageHeader
        title="Statement of Applicability"
        subtitle="Which Annex A controls apply, why, and how far each is implemented (ISO/IEC 27001 6.1.3 d)."
        actions={
          <>
            <ExportButtons />
            <Link to="/soa/versions" className="button" data-testid="soa-versions-link">
              Versions
            </Link>
            {can('soa:write') && (
              <Link to="/soa/import" className="button" data-testid="soa-import-link">
                Import
              </Link>
            )}
            {can('soa:approve') && (
              <button type="button" className="primary" onClick={() => setApproving(true)} data-testid="soa-approve">
                Approve…
              </button>
            )}
          </>
        }
      />
      {flash && (
        <p className="success" role="status" data-testid="flash">
          {flash}
        </p>
      )}
      {working.error !== undefined && <ErrorBox error={working.error} onRetry={working.reload} />}
      <section className="panel" aria-label="Status" style={{ marginBottom: '1rem' }} data-testid="soa-status">
        <p>
          {last ? (
            <>
              Last approved: <Link to={soaVersionRoute(last.id)}>version {last.number}</Link> by {last.approved_by_name || last.approved_by_person_id}, <When at={last.approved_at} />.{' '}
              {w.changed_since_approval > 0 ? (
                <>
                  <strong data-testid="soa-changed-since">{w.changed_since_approval}</strong> {w.changed_since_approval === 1 ? 'line has' : 'lines have'} changed since —{' '}
                  <Link to={soaCompareRoute(last.id, 'working')}>compare</Link>.
                </>
              ) : (
                <span data-testid="soa-changed-since">No change since.</span>
              )}
            </>
          ) : (
            <span data-testid="soa-never-approved">Not approved yet.</span>
          )}
        </p>
        <TotalsBar totals={w.totals} />
      </section>
      <div className="toolbar" role="search">
        <div className="filter search">
          <label htmlFor="soa-search">Search</label>
          <input id="soa-search" type="search" value={text} placeholder="A.5.15, access…" onChange={(e) => setText(e.target.value)} data-testid="soa-search" />
        </div>
        <div className="filter">
          <label htmlFor="filter-applicable">Applicable</label>
          <select id="filter-applicable" value={filter.applicable} onChange={(e) => setParams({ applicable: e.target.value })} data-testid="filter-applicable">
            <option value="">All</option>
            {applicableValues.map((v) => (
              <option key={v} value={v}>
                {applicableLabels[v]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="filter-implementation">Implementation</label>
          <select id="filter-implementation" value={filter.implementation} onChange={(e) => setParams({ implementation: e.target.value })} data-testid="filter-implementation">
            <option value="">All</option>
            {implementationValues.map((v) => (
              <option key={v} value={v}>
                {implementationLabels[v]}
              </option>
            ))}
          </select>
        </div>
        <label className="toggle">
          <input type="checkbox" checked={nis2} onChange={(e) => setParams({ nis2: e.target.checked ? 'true' : undefined })} data-testid="soa-include-nis2" />
          Include the NIS2 Annex
        </label>
        <span className="muted small" aria-live="polite" data-testid="soa-shown-count">
          {shown.length} of {w.lines.length} lines
        </span>
      </div>
      <LinesTable lines={shown} editable={can('soa:write')} onSaved={saved} riskLabels={riskLabels} />
      <ApproveDialog open={approving} working={w} onClose={() => setApproving(false)} />
    </>
  )
}
