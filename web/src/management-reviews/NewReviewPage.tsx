// /management-reviews/new: plan a review (title, date, chair). The server assembles the
// inputs from the registers at once; the page then opens the review.
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { useReferenceOptions } from '../register/references'
import { Link, navigate } from '../router'
import { reviewRoute, reviewsApi } from './model'
import type { ManagementReview } from './types'

export function NewReviewPage() {
  const persons = useReferenceOptions('persons')
  const [title, setTitle] = useState('')
  const [plannedOn, setPlannedOn] = useState('')
  const [chair, setChair] = useState('')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    try {
      const body: Record<string, unknown> = {}
      if (title.trim() !== '') body.title = title
      if (plannedOn !== '') body.planned_on = plannedOn
      if (chair !== '') body.chair_id = chair
      const created = await api<ManagementReview>(reviewsApi, { method: 'POST', body })
      navigate(reviewRoute(created.id))
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setErrors(formErrorsFrom(err, ['title', 'planned_on', 'chair_id']))
      else setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  const msg = (name: string) =>
    errors.byField[name] && (
      <div className="field-error" data-testid={`error-${name}`}>
        {errors.byField[name].join(' ')}
      </div>
    )
  return (
    <>
      <PageHeader title="Plan a management review" back={<Link to="/management-reviews">← Management reviews</Link>} />
      <form className="panel" onSubmit={submit} noValidate data-testid="new-review-form">
        <div className="field">
          <label htmlFor="field-review-title">Title</label>
          <input id="field-review-title" type="text" value={title} placeholder="Management review 2026" onChange={(e) => setTitle(e.target.value)} />
          <p className="help">Empty: “Management review &lt;year&gt;”.</p>
          {msg('title')}
        </div>
        <div className="field">
          <label htmlFor="field-planned_on">Planned on</label>
          <input id="field-planned_on" type="date" value={plannedOn} onChange={(e) => setPlannedOn(e.target.value)} />
          <p className="help">Empty: today.</p>
          {msg('planned_on')}
        </div>
        <div className="field">
          <label htmlFor="field-chair">Chair</label>
          <select id="field-chair" value={chair} onChange={(e) => setChair(e.target.value)}>
            <option value="">— you —</option>
            {persons.options.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {msg('chair_id')}
        </div>
        {errors.summary.filter((s) => !s.field).map((s, i) => (
          <p className="field-error" key={i}>
            {s.message}
          </p>
        ))}
        {failure !== undefined && <ErrorBox error={failure} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="create-review">
            {busy ? 'Assembling inputs…' : 'Plan review'}
          </button>
        </div>
      </form>
    </>
  )
}
