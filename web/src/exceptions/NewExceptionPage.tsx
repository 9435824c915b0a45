// /exceptions/new: the request form. The caller is the requester; what the exception
// exempts from (a policy document or section, controls, requirements, assets) is required,
// ids are separated by commas or spaces.
import '../risks/risks.css'
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { Link, navigate } from '../router'
import { emptyRequest, requestBody, type RequestForm } from './model'
import type { PolicyException } from './types'

const shown = ['title', 'reason', 'scope', 'compensating_controls', 'risk', 'requested_expires_on']

interface FieldProps {
  id: keyof RequestForm
  label: string
  help?: string
  multiline?: boolean
  type?: string
  form: RequestForm
  set: (f: RequestForm) => void
}

function Field({ id, label, help, multiline, type = 'text', form, set }: FieldProps) {
  const props = {
    id: `field-${id}`,
    value: form[id],
    'data-testid': `field-${id}`,
    onChange: (e: { target: { value: string } }) => set({ ...form, [id]: e.target.value }),
  }
  return (
    <div className="field">
      <label htmlFor={props.id}>{label}</label>
      {multiline ? <textarea rows={4} {...props} /> : <input type={type} {...props} />}
      {help && <p className="help">{help}</p>}
    </div>
  )
}

export function NewExceptionPage() {
  const [form, setForm] = useState<RequestForm>(emptyRequest)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    try {
      const created = await api<PolicyException>('/api/v1/exceptions', { method: 'POST', body: requestBody(form) })
      navigate(`/exceptions/${created.id}`)
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setErrors(formErrorsFrom(err, shown))
      else setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  const p = { form, set: setForm }
  return (
    <>
      <PageHeader title="Request an exception" back={<Link to="/exceptions">Exceptions</Link>} />
      <form onSubmit={submit} noValidate className="panel" data-testid="exception-form">
        {errors.summary.length > 0 && (
          <div className="error-summary" role="alert" data-testid="exception-errors">
            <ul>
              {errors.summary.map((s, i) => (
                <li key={i}>{s.field ? `${s.field}: ${s.message}` : s.message}</li>
              ))}
            </ul>
          </div>
        )}
        <Field id="title" label="Title" {...p} />
        <Field id="reason" label="Reason" multiline help="Why the policy or control cannot be followed." {...p} />
        <fieldset>
          <legend>Exempts from (at least one)</legend>
          <Field id="documentId" label="Policy document id" {...p} />
          <Field id="section" label="Section" help="e.g. 5.2 Remote access" {...p} />
          <Field id="controlIds" label="Control ids" {...p} />
          <Field id="requirementKeys" label="Requirement keys" help="e.g. iso27001-2022:A.8.5" {...p} />
          <Field id="assetIds" label="Asset ids" {...p} />
        </fieldset>
        <fieldset>
          <legend>Compensating controls</legend>
          <Field id="compensatingIds" label="Control ids" {...p} />
          <Field id="compensatingText" label="Measures" multiline {...p} />
        </fieldset>
        <fieldset>
          <legend>Risk accepted meanwhile</legend>
          <Field id="riskId" label="Risk id" {...p} />
          <Field id="riskStatement" label="Risk statement" multiline {...p} />
        </fieldset>
        <Field id="expiresOn" label="Requested expiry" type="date" help="At most 12 months ahead; empty: 12 months from approval." {...p} />
        {failure !== undefined && <ErrorBox error={failure} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="exception-submit">
            {busy ? 'Sending…' : 'Request'}
          </button>
          <Link to="/exceptions">Cancel</Link>
        </div>
      </form>
    </>
  )
}
