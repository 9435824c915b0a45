// A person (/people/new, /people/:id): name, contact, roles and employment (people:write),
// and the access review (access:review). Ending employment or changing roles ends the
// person's sessions and tokens at once and flags their access for review, so ending
// employment asks first.
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import type { Items, Person, Role } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { TextField } from '../components/TextField'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { invalidateReferences } from '../register/references'
import { Link, navigate } from '../router'
import { itemsOf } from './format'
import { AccessReviewBadge } from './PeoplePage'
import { personPatch, sameSet, type Values } from './personPatch'

const FIELDS = ['name', 'email', 'job_title', 'role_ids', 'employment_status']

function valuesOf(p?: Person): Values {
  return {
    name: p?.name ?? '',
    email: p?.email ?? '',
    job_title: p?.job_title ?? '',
    role_ids: p?.role_ids ?? [],
    employment_status: p?.employment_status ?? 'active',
  }
}

const END_EMPLOYMENT_WARNING =
  "Sessions and tokens are revoked at once; access is flagged for review."

function PersonForm({ person, roles, onSaved }: { person?: Person; roles: Role[]; onSaved: (p: Person) => void }) {
  const { can } = useAuth()
  const writable = can('people:write')
  const [initial] = useState(() => valuesOf(person))
  const [values, setValues] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>(undefined)
  const [confirming, setConfirming] = useState(false)
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((old) => ({ ...old, [k]: v }))

  const endsEmployment = person !== undefined && initial.employment_status !== 'ended' && values.employment_status === 'ended'
  const rolesChanged = person !== undefined && !sameSet(initial.role_ids, values.role_ids)

  const save = async () => {
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    try {
      const saved = person
        ? await api<Person>(`/api/v1/persons/${encodeURIComponent(person.id)}`, {
            method: 'PATCH',
            body: { ...personPatch(initial, values), version: person.version },
          })
        : await api<Person>('/api/v1/persons', { method: 'POST', body: values })
      invalidateReferences()
      onSaved(saved)
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        const placed = formErrorsFrom(e, FIELDS)
        setErrors(placed)
        if (placed.summary.some((s) => s.field === undefined)) setFailure(e)
      } else setFailure(e)
      throw e
    } finally {
      setBusy(false)
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (endsEmployment) setConfirming(true)
    else void save().catch(() => undefined)
  }
  const conflict = failure instanceof ApiError && failure.status === 409

  return (
    <form className="panel" onSubmit={submit} noValidate data-testid="person-form">
      {failure !== undefined && (
        <ErrorBox
          title={conflict ? 'Changed by someone else: reload the page to edit the latest version' : 'The person was not saved'}
          error={failure}
        />
      )}
      <div className="form-row">
        <TextField name="name" label="Name" value={values.name} onChange={(v) => set('name', v)} errors={errors.byField.name} disabled={!writable} />
        <TextField name="email" label="Email" type="email" value={values.email} onChange={(v) => set('email', v)} errors={errors.byField.email} disabled={!writable} />
        <TextField name="job_title" label="Job title" value={values.job_title} onChange={(v) => set('job_title', v)} errors={errors.byField.job_title} disabled={!writable} />
        <div className="field">
          <label htmlFor="field-employment_status">Employment</label>
          <select
            id="field-employment_status"
            value={values.employment_status}
            onChange={(e) => set('employment_status', e.target.value)}
            disabled={!writable}
            aria-invalid={errors.byField.employment_status ? true : undefined}
          >
            <option value="active">active</option>
            <option value="ended">ended</option>
          </select>
          {errors.byField.employment_status && (
            <p className="field-error" data-testid="error-employment_status">
              {errors.byField.employment_status.join(' ')}
            </p>
          )}
        </div>
      </div>
      <fieldset className="multi spaced" id="field-role_ids" disabled={!writable} aria-invalid={errors.byField.role_ids ? true : undefined}>
        <legend>Roles</legend>
        {errors.byField.role_ids && (
          <p className="field-error" data-testid="error-role_ids">
            {errors.byField.role_ids.join(' ')}
          </p>
        )}
        <div className="multi-options">
          {roles.map((r) => (
            <label key={r.id} title={r.description}>
              <input
                type="checkbox"
                checked={values.role_ids.includes(r.id)}
                onChange={(e) => set('role_ids', e.target.checked ? [...values.role_ids, r.id] : values.role_ids.filter((x) => x !== r.id))}
              />{' '}
              {r.name}
            </label>
          ))}
        </div>
      </fieldset>
      {rolesChanged && (
        <p className="notice" role="status">
          Changing roles ends this person's sessions and revokes their tokens at once; access is flagged for review.
        </p>
      )}
      {writable && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="save">
            {busy ? 'Saving…' : person ? 'Save changes' : 'Create person'}
          </button>
          <Link to="/people" className="button">
            Cancel
          </Link>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="End employment"
        confirmLabel="End employment"
        onClose={() => setConfirming(false)}
        onConfirm={save}
      >
        <p>
          End the employment of <strong>{person?.name}</strong>? {END_EMPLOYMENT_WARNING}
        </p>
      </ConfirmDialog>
    </form>
  )
}

function AccessReview({ person, onReviewed }: { person: Person; onReviewed: (p: Person) => void }) {
  const { can } = useAuth()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  if (!person.access_review_required) return null
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      onReviewed(
        await api<Person>(`/api/v1/persons/${encodeURIComponent(person.id)}/access-review`, { method: 'POST', body: { note } }),
      )
      setNote('')
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  const noteErrors = error instanceof ApiError && error.status === 422 ? [error.message] : undefined
  return (
    <section className="panel notice-panel spaced" aria-labelledby="review-heading" data-testid="access-review">
      <h2 id="review-heading">
        Access review <AccessReviewBadge />
      </h2>
      <p>
        This person's roles or employment changed. Check their users, tokens, working groups and grants, then mark the access
        as reviewed. The note goes to the ledger.
      </p>
      {can('access:review') ? (
        <form onSubmit={submit} noValidate>
          {error !== undefined && noteErrors === undefined && <ErrorBox error={error} />}
          <div className="field">
            <label htmlFor="field-note">Note</label>
            <textarea id="field-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={noteErrors ? true : undefined} />
            {noteErrors && (
              <p className="field-error" data-testid="error-note">
                {noteErrors.join(' ')}
              </p>
            )}
          </div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy} data-testid="mark-reviewed">
              {busy ? 'Saving…' : 'Mark access reviewed'}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted">Someone holding the access:review permission marks the review.</p>
      )}
    </section>
  )
}

export function PersonPage({ id }: { id?: string }) {
  const loaded = useApi<Person>(id === undefined ? null : `/api/v1/persons/${encodeURIComponent(id)}`)
  const roles = useApi<Items<Role>>('/api/v1/roles')
  const [saved, setSaved] = useState<Person>()
  const [message, setMessage] = useState<string>()
  const back = <Link to="/people">← People</Link>

  if (roles.error !== undefined || (loaded.error !== undefined && !loaded.data)) {
    return (
      <>
        <PageHeader title="Person" back={back} />
        <ErrorBox error={loaded.error ?? roles.error} onRetry={() => (loaded.error ? loaded.reload() : roles.reload())} />
      </>
    )
  }
  if (!roles.data || (id !== undefined && !loaded.data)) return <Loading />
  const roleList = itemsOf(roles.data)
  if (id === undefined) {
    return (
      <>
        <PageHeader title="New person" back={back} />
        <PersonForm roles={roleList} onSaved={(p) => navigate(`/people/${encodeURIComponent(p.id)}`)} />
      </>
    )
  }
  const person = saved && loaded.data && (saved.version ?? 0) >= (loaded.data.version ?? 0) ? saved : loaded.data
  if (!person) return <Loading />
  return (
    <>
      <PageHeader
        title={person.name}
        back={back}
        subtitle={
          <>
            {person.job_title || 'Person'}
            {person.employment_status === 'ended' && <span className="tag">employment ended</span>}
          </>
        }
      />
      {message && (
        <div className="success" role="status" data-testid="flash">
          {message}
        </div>
      )}
      <AccessReview
        person={person}
        onReviewed={(p) => {
          setSaved(p)
          setMessage('Access marked as reviewed.')
        }}
      />
      <PersonForm
        key={String(person.version)}
        person={person}
        roles={roleList}
        onSaved={(p) => {
          setSaved(p)
          setMessage('Person saved.')
        }}
      />
    </>
  )
}
