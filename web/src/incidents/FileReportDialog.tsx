// Files one report (early warning, notification, ...) to the CSIRT/authority: the fields
// Art. 23(4) (or GDPR Art. 33(3)) asks for. The server freezes the incident, clocks and
// timeline with it and renders the PDF once.
import { useState, type FormEvent } from 'react'
import { api } from '../api/client'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { clockLabels } from './countdown'

const fieldsByType: Record<string, [string, string, 'bool' | 'text'][]> = {
  early_warning: [
    ['suspected_malicious', 'Suspected to be caused by unlawful or malicious acts', 'bool'],
    ['cross_border_impact', 'Could have a cross-border impact', 'bool'],
    ['summary', 'Summary', 'text'],
  ],
  notification: [
    ['initial_assessment', 'Initial assessment', 'text'],
    ['severity_and_impact', 'Severity and impact', 'text'],
    ['indicators_of_compromise', 'Indicators of compromise', 'text'],
    ['summary', 'Summary', 'text'],
  ],
  intermediate: [
    ['status_update', 'Status update', 'text'],
    ['summary', 'Summary', 'text'],
  ],
  final: [
    ['detailed_description', 'Detailed description, severity and impact', 'text'],
    ['threat_type_root_cause', 'Type of threat or root cause', 'text'],
    ['mitigation_measures', 'Applied and ongoing mitigation measures', 'text'],
    ['cross_border_impact', 'Cross-border impact', 'text'],
    ['summary', 'Summary', 'text'],
  ],
  progress: [
    ['progress', 'Progress so far', 'text'],
    ['summary', 'Summary', 'text'],
  ],
  gdpr_breach: [
    ['nature_of_breach', 'Nature of the breach', 'text'],
    ['data_categories_and_numbers', 'Categories and approximate numbers of data subjects and records', 'text'],
    ['likely_consequences', 'Likely consequences', 'text'],
    ['measures', 'Measures taken or proposed', 'text'],
    ['dpo_contact', 'Data protection officer contact', 'text'],
    ['summary', 'Summary', 'text'],
  ],
}

export function FileReportDialog({ incidentId, type, onClose, onFiled }: { incidentId: string; type: string | null; onClose: () => void; onFiled: () => void }) {
  const [recipient, setRecipient] = useState(type === 'gdpr_breach' ? 'IMY' : 'CERT-SE')
  const [values, setValues] = useState<Record<string, string | boolean>>({})
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  if (type === null) return null
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setFailure(undefined)
    try {
      await api(`/api/v1/incidents/${incidentId}/reports`, { method: 'POST', body: { type, recipient, fields: values } })
      onFiled()
    } catch (err) {
      setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open title={`File: ${clockLabels[type] ?? type}`} onClose={onClose}>
      <form onSubmit={submit} data-testid="file-report-form">
        <div className="field">
          <label htmlFor="field-recipient">Recipient (CSIRT / authority)</label>
          <input id="field-recipient" type="text" value={recipient} onChange={(e) => setRecipient(e.target.value)} />
        </div>
        {(fieldsByType[type] ?? []).map(([k, label, kind]) =>
          kind === 'bool' ? (
            <label key={k} className="check">
              <input type="checkbox" data-testid={`report-${k}`} checked={values[k] === true} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.checked }))} /> {label}
            </label>
          ) : (
            <div className="field" key={k}>
              <label htmlFor={`report-${k}`}>{label}</label>
              <textarea id={`report-${k}`} rows={3} value={String(values[k] ?? '')} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))} />
            </div>
          ),
        )}
        {failure !== undefined && <ErrorBox error={failure} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="file-report-submit">
            {busy ? 'Filing…' : 'File report'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
