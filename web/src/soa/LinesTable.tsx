// The SoA lines grouped by theme: applicable (and why), justification, implementation, the
// controls, risks and evidence behind each line, and, for soa:write on the working copy,
// an inline editor per line that shows the server's messages next to each field.
import { Fragment, useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import { useAuth } from '../auth/store'
import { When } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { keyHref, requirementKey } from '../catalogue/keys'
import { controlRoute } from '../controls/paths'
import { Link } from '../router'
import { riskRoute } from '../risks/paths'
import { ApplicableBadge, ImplementationText } from './bits'
import { groupByTheme, lineTestId } from './group'
import { applicableLabels, implementationLabels, label, reasonLabels } from './labels'
import { lineBody, lineChanged, lineErrors, lineFormOf, lineHint, toggleReason, type LineErrors, type LineForm } from './lineForm'
import { soaLineApi } from './paths'
import { applicableValues, implementationValues, inclusionReasons, type Applicability } from './types'

const COLUMNS = 8

function Msgs({ list, id }: { list?: string[]; id: string }) {
  if (!list || list.length === 0) return null
  return (
    <div className="field-error" id={id} data-testid={id}>
      {list.join(' ')}
    </div>
  )
}

function LineEditor({ line, onSaved, onCancel }: { line: Applicability; onSaved: (saved: Applicability) => void; onCancel: () => void }) {
  const [form, setForm] = useState<LineForm>(() => lineFormOf(line))
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<LineErrors>({ byField: {}, other: [] })
  const [failure, setFailure] = useState<unknown>()
  const set = <K extends keyof LineForm>(k: K, v: LineForm[K]) => setForm((f) => ({ ...f, [k]: v }))
  const id = (f: string) => `soa-${line.framework_id}-${line.ref_id}-${f}`.replaceAll('.', '_')
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!lineChanged(line, form)) {
      onCancel()
      return
    }
    setBusy(true)
    setErrors({ byField: {}, other: [] })
    setFailure(undefined)
    try {
      const saved = await api<Applicability>(soaLineApi(line.framework_id, line.ref_id), { method: 'PATCH', body: lineBody(form, line.version) })
      onSaved(saved)
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setErrors(lineErrors(err.details.length > 0 ? err.details : [{ field: err.field, message: err.message }]))
      else setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  const hint = lineHint(form)
  const conflict = failure instanceof ApiError && failure.status === 409
  return (
    <form onSubmit={submit} noValidate className="line-editor" data-testid="soa-line-editor" aria-label={`Decide ${line.ref_id}`}>
      <fieldset aria-invalid={!!errors.byField.applicable || undefined} aria-describedby={errors.byField.applicable ? id('error-applicable') : undefined}>
        <legend>Applicable</legend>
        {applicableValues.map((v) => (
          <label key={v} className="option">
            <input type="radio" name={id('applicable')} value={v} checked={form.applicable === v} onChange={() => set('applicable', v)} data-testid={`soa-edit-applicable-${v}`} />{' '}
            {applicableLabels[v]}
          </label>
        ))}
        <Msgs list={errors.byField.applicable} id={id('error-applicable')} />
      </fieldset>
      <fieldset aria-invalid={!!errors.byField.reasons || undefined} aria-describedby={errors.byField.reasons ? id('error-reasons') : undefined}>
        <legend>Reasons for inclusion</legend>
        {inclusionReasons.map((r) => (
          <label key={r} className="option">
            <input type="checkbox" checked={form.reasons.includes(r)} onChange={(e) => set('reasons', toggleReason(form.reasons, r, e.target.checked))} data-testid={`soa-edit-reason-${r}`} />{' '}
            {reasonLabels[r]}
          </label>
        ))}
        <Msgs list={errors.byField.reasons} id={id('error-reasons')} />
      </fieldset>
      <div className="field">
        <label htmlFor={id('implementation')}>Implementation</label>
        <select id={id('implementation')} value={form.implementation} onChange={(e) => set('implementation', e.target.value as LineForm['implementation'])} aria-invalid={!!errors.byField.implementation || undefined} data-testid="soa-edit-implementation">
          {implementationValues.map((v) => (
            <option key={v} value={v}>
              {implementationLabels[v]}
            </option>
          ))}
        </select>
        <Msgs list={errors.byField.implementation} id={id('error-implementation')} />
      </div>
      <div className="field wide">
        <label htmlFor={id('justification')}>Justification {form.applicable === 'no' ? '(why excluded — required)' : ''}</label>
        <textarea
          id={id('justification')}
          rows={2}
          value={form.justification}
          onChange={(e) => set('justification', e.target.value)}
          aria-invalid={!!errors.byField.justification || undefined}
          aria-describedby={errors.byField.justification ? id('error-justification') : undefined}
          data-testid="soa-edit-justification"
        />
        <Msgs list={errors.byField.justification} id={id('error-justification')} />
      </div>
      <div className="wide">
        {hint && <p className="help">{hint}</p>}
        {errors.other.map((m) => (
          <p key={m} className="field-error" role="alert">
            {m}
          </p>
        ))}
        {failure !== undefined && <ErrorBox error={failure} title={conflict ? 'Changed by someone else: cancel to see the latest decision' : 'The line was not saved'} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="soa-line-save">
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" onClick={onCancel} data-testid="soa-line-cancel">
            Cancel
          </button>
        </div>
      </div>
    </form>
  )
}

function LineDetails({ line, riskLabels }: { line: Applicability; riskLabels: Map<string, string> }) {
  const { can } = useAuth()
  const key = requirementKey(line.framework_id, line.ref_id)
  return (
    <div className="line-details" data-testid="soa-line-details">
      <div>
        <strong>Controls</strong>
        {line.control_ids.length === 0 ? (
          <p className="muted">None names this requirement.</p>
        ) : (
          <ul className="plain">
            {line.control_ids.map((cid, i) => (
              <li key={cid}>
                <Link to={controlRoute(cid)}>{line.control_refs[i] ?? cid}</Link>
              </li>
            ))}
          </ul>
        )}
        {can('controls:write') && (
          <Link to={`/controls/new?requirement=${encodeURIComponent(key)}`} data-testid="soa-new-control">
            + New control for {line.ref_id}
          </Link>
        )}
      </div>
      <div>
        <strong>Risks treated</strong>
        {line.risk_ids.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="plain">
            {line.risk_ids.map((rid) => (
              <li key={rid}>{can('risks:read') ? <Link to={riskRoute(rid)}>{riskLabels.get(rid) ?? rid}</Link> : (riskLabels.get(rid) ?? rid)}</li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <strong>Evidence</strong>
        <p>
          {line.valid_evidence_count} of {line.evidence_count} valid today
        </p>
        <Link to={keyHref(key) ?? '/catalogue'}>Requirement in the catalogue</Link>
      </div>
      <div>
        <strong>Last decided</strong>
        <p>{line.version === 0 ? <span className="muted">never</span> : <>{line.updated_by} · <When at={line.updated_at} /></>}</p>
      </div>
    </div>
  )
}

interface Props {
  lines: readonly Applicability[]
  /** inline editing (the working copy, soa:write) */
  editable?: boolean
  onSaved?: (line: Applicability) => void
  riskLabels?: Map<string, string>
  emptyText?: string
}

export function LinesTable({ lines, editable = false, onSaved, riskLabels = new Map(), emptyText = 'No line matches the filters.' }: Props) {
  const [editing, setEditing] = useState<string>()
  const [open, setOpen] = useState<Set<string>>(() => new Set())
  const groups = groupByTheme(lines)
  const toggle = (k: string) =>
    setOpen((s) => {
      const next = new Set(s)
      if (next.has(k)) next.delete(k)
      else next.add(k)
      return next
    })
  return (
    <div className="table-wrap">
      <table className="soa" data-testid="soa-table">
        <thead>
          <tr>
            <th scope="col">Control</th>
            <th scope="col">Applicable</th>
            <th scope="col">Reasons</th>
            <th scope="col">Justification</th>
            <th scope="col">Implementation</th>
            <th scope="col">Controls</th>
            <th scope="col">Evidence</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        {groups.length === 0 && (
          <tbody>
            <tr>
              <td colSpan={COLUMNS} className="empty">
                {emptyText}
              </td>
            </tr>
          </tbody>
        )}
        {groups.map((g) => (
          <tbody key={g.key} data-testid={`soa-group-${g.theme}`}>
            <tr>
              <th scope="rowgroup" colSpan={COLUMNS} className="theme">
                {g.title} <span className="muted">({g.lines.length})</span>
              </th>
            </tr>
            {g.lines.map((l) => {
              const k = `${l.framework_id}|${l.ref_id}`
              const isEditing = editing === k
              return (
                <Fragment key={k}>
                  <tr className={`${l.applicable === 'undecided' ? 'undecided' : ''}${isEditing ? ' editing' : ''}`} data-testid={lineTestId(l)} id={lineTestId(l)} data-applicable={l.applicable}>
                    <td>
                      <Link to={keyHref(requirementKey(l.framework_id, l.ref_id)) ?? '/catalogue'} className="nowrap">
                        {l.ref_id}
                      </Link>{' '}
                      {l.title}
                    </td>
                    <td>
                      <ApplicableBadge value={l.applicable} />
                    </td>
                    <td className="small">{l.reasons.map((r) => label(reasonLabels, r)).join(', ') || <span className="muted">—</span>}</td>
                    <td className="small justification">{l.justification || <span className="muted">—</span>}</td>
                    <td>
                      <ImplementationText value={l.implementation} />
                    </td>
                    <td className="small">
                      {l.control_ids.length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        l.control_ids.map((cid, i) => (
                          <Fragment key={cid}>
                            {i > 0 && ', '}
                            <Link to={controlRoute(cid)}>{l.control_refs[i] ?? cid}</Link>
                          </Fragment>
                        ))
                      )}
                      {l.risk_ids.length > 0 && (
                        <div className="muted">
                          {l.risk_ids.length} {l.risk_ids.length === 1 ? 'risk' : 'risks'}
                        </div>
                      )}
                    </td>
                    <td className="nowrap small" data-testid="soa-line-evidence">
                      {l.valid_evidence_count} / {l.evidence_count}
                    </td>
                    <td className="nowrap">
                      <button type="button" aria-expanded={open.has(k)} onClick={() => toggle(k)} data-testid="soa-line-details-toggle">
                        {open.has(k) ? 'Less' : 'More'}
                      </button>{' '}
                      {editable && !isEditing && (
                        <button type="button" onClick={() => setEditing(k)} data-testid="soa-line-edit">
                          Edit
                        </button>
                      )}
                    </td>
                  </tr>
                  {isEditing && (
                    <tr className="editing">
                      <td colSpan={COLUMNS}>
                        <LineEditor
                          line={l}
                          onCancel={() => setEditing(undefined)}
                          onSaved={(saved) => {
                            setEditing(undefined)
                            onSaved?.(saved)
                          }}
                        />
                      </td>
                    </tr>
                  )}
                  {open.has(k) && (
                    <tr>
                      <td colSpan={COLUMNS}>
                        <LineDetails line={l} riskLabels={riskLabels} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              )
            })}
          </tbody>
        ))}
      </table>
    </div>
  )
}
