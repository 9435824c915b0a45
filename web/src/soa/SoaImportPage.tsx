// Import an existing SoA (/soa/import), a wizard: choose a CSV/XLSX file → a dry run
// shows its headers and the suggested column mapping → adjust the mapping (one select per
// role) and run the dry run again → every row's outcome (ok / warning / rejected and why)
// and the changes it would make → Apply (rejected rows are never applied) → the result.
// The file goes as the raw request body; the mapping as JSON in the query.
import './soa.css'
import { useState } from 'react'
import { ApiError } from '../api/client'
import { Badge } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { postFile } from '../controls/upload'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { Link } from '../router'
import { applicableLabels, fieldText, implementationLabels, label, reasonLabels } from './labels'
import {
  columnOptions,
  columnRoles,
  importFileKind,
  importPath,
  mappingFromWire,
  mappingProblems,
  outcomeCounts,
  requiredRoles,
  roleLabels,
  rowOutcome,
  sameMapping,
  visibleRoles,
  type ColumnRole,
  type MappingState,
} from './mapping'
import type { SoaImportResult, SoaImportRow } from './types'

const IMPORT_MAX = 20 * 1024 * 1024
const mappingFields = [...columnRoles, 'sheet', 'header_row', 'mapping']

type Step = 'file' | 'mapping' | 'done'

const stepLabels: [Step, string][] = [
  ['file', '1. File'],
  ['mapping', '2. Columns and dry run'],
  ['done', '3. Applied'],
]

const outcomeTone = { ok: 'ok', warning: 'warn', rejected: 'bad' } as const

function rowValues(r: SoaImportRow): string {
  const parts: string[] = []
  if (r.applicable) parts.push(label(applicableLabels, r.applicable))
  if (r.reasons && r.reasons.length > 0) parts.push(r.reasons.map((x) => label(reasonLabels, x)).join(', '))
  if (r.implementation) parts.push(label(implementationLabels, r.implementation))
  if (r.justification) parts.push(`“${r.justification.length > 80 ? `${r.justification.slice(0, 80)}…` : r.justification}”`)
  return parts.join(' · ')
}

function RowsTable({ result }: { result: SoaImportResult }) {
  const counts = outcomeCounts(result.rows)
  return (
    <section className="panel" aria-label="Rows" data-testid="soa-import-rows">
      <h2>Rows</h2>
      <p>
        <Badge tone="ok">{counts.ok} ok</Badge> <Badge tone="warn">{counts.warning} with warnings</Badge> <Badge tone="bad">{counts.rejected} rejected</Badge>{' '}
        <span className="muted small">
          · {result.rows_ok} would change a line, {result.rows_unchanged} unchanged
        </span>
      </p>
      {result.rows.length === 0 ? (
        <p className="muted">No data rows below the header row with this mapping.</p>
      ) : (
        <div className="table-wrap">
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Cell</th>
                <th scope="col">Control</th>
                <th scope="col">Outcome</th>
                <th scope="col">Read as</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => {
                const o = rowOutcome(r)
                return (
                  <tr key={r.row} className={`outcome-${o}`} data-testid={`soa-import-row-${r.row}`} data-outcome={o}>
                    <td className="num">{r.row}</td>
                    <td>{r.raw_ref}</td>
                    <td>{r.ref_id || '—'}</td>
                    <td>
                      <Badge tone={outcomeTone[o]}>{o}</Badge>
                      {r.error && <div className="field-error">{r.error}</div>}
                      {r.warnings.map((w) => (
                        <div key={w} className="small">
                          {w}
                        </div>
                      ))}
                    </td>
                    <td className="small">{rowValues(r)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function ChangesTable({ result, applied }: { result: SoaImportResult; applied: boolean }) {
  return (
    <section className="panel" aria-label="Changes" data-testid="soa-import-changes">
      <h2>
        {applied ? 'Changed' : 'Would change'}: {result.changes.length} {result.changes.length === 1 ? 'line' : 'lines'}
      </h2>
      {result.changes.length > 0 && (
        <table className="soa">
          <tbody>
            {result.changes.map((c) => (
              <tr key={`${c.framework_id}|${c.ref_id}`}>
                <td>
                  <strong>{c.ref_id}</strong> {c.title}
                </td>
                <td>
                  <ul className="plain">
                    {c.changed_fields.map((f) => (
                      <li key={f} className="change-field">
                        <strong>{f.replaceAll('_', ' ')}</strong>: <del>{fieldText(c.before, f)}</del> → <ins>{fieldText(c.after, f)}</ins>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function MappingForm({
  mapping,
  headers,
  xlsx,
  errors,
  onChange,
}: {
  mapping: MappingState
  headers: readonly string[]
  xlsx: boolean
  errors: FormErrors
  onChange: (m: MappingState) => void
}) {
  const options = columnOptions(headers)
  const setColumn = (role: ColumnRole, value: string) => onChange({ ...mapping, columns: { ...mapping.columns, [role]: value } })
  const errs = (name: string) => errors.byField[name]
  return (
    <section className="panel" aria-labelledby="mapping-heading" data-testid="soa-import-mapping">
      <h2 id="mapping-heading">Columns</h2>
      <p className="help">
        Which column holds what. {headers.length > 0 ? `Headers found: ${headers.filter((h) => h.trim() !== '').join(' · ')}.` : 'No header row was recognised: give its number.'}
      </p>
      <div className="mapping-grid">
        {xlsx && (
          <div className="field">
            <label htmlFor="mapping-sheet">Sheet</label>
            <input id="mapping-sheet" type="text" value={mapping.sheet} placeholder="the first" onChange={(e) => onChange({ ...mapping, sheet: e.target.value })} data-testid="soa-import-sheet" />
            {errs('sheet') && <div className="field-error">{errs('sheet')!.join(' ')}</div>}
          </div>
        )}
        <div className="field">
          <label htmlFor="mapping-header_row">Header row</label>
          <input
            id="mapping-header_row"
            type="number"
            min={1}
            value={mapping.headerRow}
            placeholder="detect"
            onChange={(e) => onChange({ ...mapping, headerRow: e.target.value })}
            data-testid="soa-import-header-row"
          />
          {errs('header_row') && <div className="field-error">{errs('header_row')!.join(' ')}</div>}
        </div>
        <fieldset className="field">
          <legend>Reasons are in</legend>
          <label className="option">
            <input type="radio" name="reason-mode" checked={mapping.reasonMode === 'single'} onChange={() => onChange({ ...mapping, reasonMode: 'single' })} data-testid="soa-import-reasons-single" /> one column of
            words
          </label>
          <label className="option">
            <input type="radio" name="reason-mode" checked={mapping.reasonMode === 'four'} onChange={() => onChange({ ...mapping, reasonMode: 'four' })} data-testid="soa-import-reasons-four" /> four columns of
            marks
          </label>
        </fieldset>
      </div>
      <div className="mapping-grid" style={{ marginTop: '0.6rem' }}>
        {visibleRoles(mapping.reasonMode).map((role) => (
          <div className="field" key={role}>
            <label htmlFor={`mapping-${role}`}>
              {roleLabels[role]}
              {requiredRoles.includes(role) ? ' *' : ''}
            </label>
            <select
              id={`mapping-${role}`}
              value={mapping.columns[role]}
              onChange={(e) => setColumn(role, e.target.value)}
              aria-invalid={!!errs(role) || undefined}
              data-testid={`soa-import-map-${role}`}
            >
              <option value="">— not in the file —</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
              {mapping.columns[role] !== '' && !options.some((o) => o.value === mapping.columns[role]) && <option value={mapping.columns[role]}>{mapping.columns[role]}</option>}
            </select>
            {errs(role) && <div className="field-error" data-testid={`error-mapping-${role}`}>{errs(role)!.join(' ')}</div>}
          </div>
        ))}
      </div>
    </section>
  )
}

export function SoaImportPage() {
  const [step, setStep] = useState<Step>('file')
  const [file, setFile] = useState<File | null>(null)
  const [result, setResult] = useState<SoaImportResult>()
  const [mapping, setMapping] = useState<MappingState>()
  const [ranWith, setRanWith] = useState<MappingState>()
  const [applied, setApplied] = useState<SoaImportResult>()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<unknown>()
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [fileProblem, setFileProblem] = useState<string>()

  const send = async (dryRun: boolean, m?: MappingState): Promise<SoaImportResult | undefined> => {
    if (!file) return undefined
    setBusy(true)
    setFailure(undefined)
    setErrors(noErrors)
    try {
      return await postFile<SoaImportResult>(importPath({ dryRun, fileName: file.name, mapping: m }), file, 'application/octet-stream')
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && (e.details.some((d) => d.field && mappingFields.includes(d.field)) || (e.field && mappingFields.includes(e.field)))) {
        setErrors(formErrorsFrom(e, mappingFields))
      } else if (e instanceof ApiError && e.status === 413) {
        setFileProblem(`“${file.name}” is too large: an import file may be at most 20 MiB.`)
      } else setFailure(e)
      return undefined
    } finally {
      setBusy(false)
    }
  }

  const firstRun = async () => {
    setFileProblem(undefined)
    if (!file) {
      setFileProblem('Choose a CSV or XLSX file.')
      return
    }
    if (!importFileKind(file.name)) {
      setFileProblem(`“${file.name}” is neither CSV nor XLSX.`)
      return
    }
    if (file.size > IMPORT_MAX) {
      setFileProblem(`“${file.name}” is too large: an import file may be at most 20 MiB.`)
      return
    }
    const r = await send(true)
    if (!r) return
    const m = mappingFromWire(r.mapping, r.headers)
    setResult(r)
    setMapping(m)
    // Without an id and an applicability column the server only read the headers.
    setRanWith(m.columns.ref !== '' && m.columns.applicable !== '' ? m : undefined)
    setStep('mapping')
  }

  const rerun = async () => {
    if (!mapping) return
    const r = await send(true, mapping)
    if (!r) return
    setResult(r)
    setRanWith(mapping)
  }

  const apply = async () => {
    if (!mapping) return
    const r = await send(false, mapping)
    if (!r) return
    setApplied(r)
    setStep('done')
  }

  const problems = mapping ? mappingProblems(mapping) : []
  const current = !!mapping && !!ranWith && sameMapping(mapping, ranWith)
  const canApply = current && problems.length === 0 && !!result && result.rows_ok > 0
  const xlsx = file ? importFileKind(file.name) === 'xlsx' : false
  const unplaced = errors.summary.filter((s) => !s.field)

  return (
    <>
      <PageHeader
        title="Import a Statement of Applicability"
        subtitle="Read decisions from an existing SoA spreadsheet (CSV or XLSX). Nothing is stored until you apply; rejected rows are never applied."
        back={<Link to="/soa">← Statement of Applicability</Link>}
      />
      <ol className="wizard-steps" aria-label="Steps">
        {stepLabels.map(([s, text]) => (
          <li key={s} aria-current={s === step ? 'step' : undefined}>
            {text}
          </li>
        ))}
      </ol>
      {failure !== undefined && <ErrorBox error={failure} title={step === 'done' ? 'Not applied' : 'The file could not be read'} />}
      {unplaced.map((s) => (
        <p key={s.message} className="field-error" role="alert">
          {s.message}
        </p>
      ))}

      {step !== 'done' && (
        <section className="panel" aria-labelledby="file-heading" style={{ marginBottom: '1rem' }}>
          <h2 id="file-heading">File</h2>
          <div className="toolbar">
            <div className="filter">
              <label htmlFor="soa-import-file">CSV or XLSX (at most 20 MiB)</label>
              <input
                id="soa-import-file"
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null)
                  setStep('file')
                  setResult(undefined)
                  setMapping(undefined)
                  setRanWith(undefined)
                  setFileProblem(undefined)
                }}
                data-testid="soa-import-file"
              />
            </div>
            {step === 'file' && (
              <button type="button" className="primary" onClick={firstRun} disabled={busy} data-testid="soa-import-read">
                {busy ? 'Reading…' : 'Read the file (dry run)'}
              </button>
            )}
          </div>
          {fileProblem && (
            <p className="field-error" role="alert" data-testid="soa-import-file-problem">
              {fileProblem}
            </p>
          )}
        </section>
      )}

      {step === 'mapping' && mapping && result && (
        <div className="stack">
          <MappingForm mapping={mapping} headers={result.headers} xlsx={xlsx} errors={errors} onChange={setMapping} />
          {problems.length > 0 && (
            <ul className="notice" data-testid="soa-import-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <div className="form-actions">
            <button type="button" onClick={rerun} disabled={busy || problems.length > 0} data-testid="soa-import-dry-run">
              {busy ? 'Working…' : 'Dry run with these columns'}
            </button>
            <button type="button" className="primary" onClick={apply} disabled={busy || !canApply} data-testid="soa-import-apply">
              Apply {result.rows_ok > 0 && current ? `${result.rows_ok} ${result.rows_ok === 1 ? 'change' : 'changes'}` : ''}
            </button>
            {!current && <span className="muted small">Run the dry run with these columns before applying.</span>}
            {current && result.rows_ok === 0 && <span className="muted small">Nothing to apply.</span>}
          </div>
          {current && (
            <>
              <RowsTable result={result} />
              <ChangesTable result={result} applied={false} />
            </>
          )}
        </div>
      )}

      {step === 'done' && applied && (
        <div className="stack" data-testid="soa-import-result">
          <section className="panel">
            <h2>{applied.applied ? 'Applied' : 'Nothing applied'}</h2>
            <p>
              <strong data-testid="soa-import-applied-count">{applied.changes.length}</strong> {applied.changes.length === 1 ? 'line' : 'lines'} changed,{' '}
              {applied.rows_unchanged} unchanged, {applied.rows_rejected} {applied.rows_rejected === 1 ? 'row' : 'rows'} rejected (not applied). The import is recorded
              in the ledger.
            </p>
            <p>
              <Link to="/soa" className="button primary">
                Back to the SoA
              </Link>
            </p>
          </section>
          <ChangesTable result={applied} applied />
          {applied.rows_rejected > 0 && <RowsTable result={{ ...applied, rows: applied.rows.filter((r) => rowOutcome(r) === 'rejected') }} />}
        </div>
      )}
    </>
  )
}
