// Significance assessment (Implementing Regulation (EU) 2024/2690): the facts as inputs,
// the criteria met and the reasoning as the server computes them; an override needs a
// justification.
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import { ErrorBox } from '../components/ErrorBox'
import type { Incident } from './types'

const flags: [string, string][] = [
  ['malicious_access_severe_disruption', 'Successful, suspectedly malicious unauthorised access capable of severe operational disruption (Art. 3(1)(e))'],
  ['trade_secrets_exfiltrated', 'Trade secrets exfiltrated (Art. 3(1)(b))'],
  ['death', 'Death of a natural person (Art. 3(1)(c))'],
  ['health_damage', "Considerable damage to a natural person's health (Art. 3(1)(d))"],
  ['data_compromised_malicious', 'Data integrity/confidentiality/authenticity compromised by a suspectedly malicious action (Art. 7/10 point 3)'],
  ['scheduled_maintenance', 'Scheduled maintenance (Art. 3(2): availability not counted)'],
]
const numbers: [string, string][] = [
  ['financial_loss_eur', 'Direct financial loss (EUR)'],
  ['annual_turnover_eur', 'Annual turnover, preceding year (EUR)'],
  ['complete_unavailability_minutes', 'Complete unavailability (minutes)'],
  ['limited_availability_minutes', 'Limited availability (minutes)'],
  ['service_users_union', 'Users of the service in the Union'],
  ['users_limited_availability', 'Users with limited availability'],
  ['users_data_compromised', 'Users whose data was compromised'],
  ['recurring_count', 'Incidents with the same root cause in 6 months (Art. 4)'],
  ['recurring_financial_loss_eur', 'Their loss together (EUR)'],
]
const entityTypes = ['cloud_computing_service_provider', 'managed_service_provider', 'managed_security_service_provider']

export function AssessmentForm({ incident, onSaved }: { incident: Incident; onSaved: () => void }) {
  const prev = incident.assessment?.facts ?? {}
  const [facts, setFacts] = useState<Record<string, unknown>>({ entity_types: ['cloud_computing_service_provider', 'managed_service_provider'], ...prev })
  const [override, setOverride] = useState('')
  const [justification, setJustification] = useState('')
  const [failure, setFailure] = useState<unknown>()
  const set = (k: string, v: unknown) => setFacts((f) => ({ ...f, [k]: v }))
  const types = (facts.entity_types as string[] | undefined) ?? []
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setFailure(undefined)
    try {
      const body: Record<string, unknown> = { facts }
      if (override !== '') {
        body.override_significant = override === 'true'
        body.justification = justification
      }
      await api<Incident>(`/api/v1/incidents/${incident.id}/assessment`, { method: 'POST', body })
      onSaved()
    } catch (err) {
      setFailure(err)
    }
  }
  const a = incident.assessment
  return (
    <form onSubmit={submit} className="card" data-testid="assessment-form">
      {a && (
        <div data-testid="assessment-result">
          <p>
            <strong>{a.significant ? 'Significant' : 'Not significant'}</strong>
            {a.override_significant !== null && ` (overridden: ${a.justification})`}
          </p>
          <ul>
            {a.result.criteria_met.map((c) => (
              <li key={c.code}>
                {c.text} — <span className="muted">{c.basis}</span>
              </li>
            ))}
          </ul>
          <p className="muted" data-testid="assessment-reasoning">
            {a.result.reasoning}
          </p>
        </div>
      )}
      <fieldset>
        <legend>Entity type</legend>
        {entityTypes.map((t) => (
          <label key={t} className="check">
            <input type="checkbox" checked={types.includes(t)} onChange={(e) => set('entity_types', e.target.checked ? [...types, t] : types.filter((x) => x !== t))} /> {t.replaceAll('_', ' ')}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Facts</legend>
        {flags.map(([k, label]) => (
          <label key={k} className="check">
            <input type="checkbox" data-testid={`fact-${k}`} checked={facts[k] === true} onChange={(e) => set(k, e.target.checked)} /> {label}
          </label>
        ))}
        {numbers.map(([k, label]) => (
          <div className="field" key={k}>
            <label htmlFor={`fact-${k}`}>{label}</label>
            <input id={`fact-${k}`} type="number" min={0} value={String(facts[k] ?? 0)} onChange={(e) => set(k, Math.max(0, Math.trunc(Number(e.target.value) || 0)))} />
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="field-override">Override the result</label>
        <select id="field-override" value={override} onChange={(e) => setOverride(e.target.value)}>
          <option value="">no override</option>
          <option value="true">significant</option>
          <option value="false">not significant</option>
        </select>
      </div>
      {override !== '' && (
        <div className="field">
          <label htmlFor="field-justification">Justification (required)</label>
          <textarea id="field-justification" value={justification} onChange={(e) => setJustification(e.target.value)} />
        </div>
      )}
      {failure !== undefined && <ErrorBox error={failure} title={failure instanceof ApiError && failure.status === 422 ? 'Check the facts' : undefined} />}
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="assess-submit">
          Assess
        </button>
      </div>
    </form>
  )
}
