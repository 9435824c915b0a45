// A working group (/groups/new, /groups/:id): name, description and members; editing
// (groups:manage) sends the version shown.
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import type { FieldDescriptor, WorkingGroup } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { TextField } from '../components/TextField'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { MultiReferenceInput } from '../register/MultiReferenceInput'
import { invalidateReferences, useReferenceOptions } from '../register/references'
import { Link, navigate } from '../router'

const FIELDS = ['name', 'description', 'member_ids']
const membersField: FieldDescriptor = { name: 'member_ids', label: 'Members', type: 'reference_list', reference: 'persons' }

function MemberNames({ ids }: { ids: string[] }) {
  const { options } = useReferenceOptions(ids.length > 0 ? 'persons' : undefined)
  if (ids.length === 0) return <p className="muted">No members.</p>
  const names = new Map(options.map((o) => [o.id, o.label]))
  return (
    <ul className="plain" data-testid="members">
      {ids.map((id) => (
        <li key={id}>
          <Link to={`/people/${encodeURIComponent(id)}`}>{names.get(id) ?? id}</Link>
        </li>
      ))}
    </ul>
  )
}

function GroupForm({ group, onSaved }: { group?: WorkingGroup; onSaved: (g: WorkingGroup) => void }) {
  const [name, setName] = useState(group?.name ?? '')
  const [description, setDescription] = useState(group?.description ?? '')
  const [members, setMembers] = useState<string[]>(group?.member_ids ?? [])
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>(undefined)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    try {
      const body = { name, description, member_ids: members }
      const saved = group
        ? await api<WorkingGroup>(`/api/v1/groups/${encodeURIComponent(group.id)}`, {
            method: 'PATCH',
            body: { ...body, version: group.version },
          })
        : await api<WorkingGroup>('/api/v1/groups', { method: 'POST', body })
      invalidateReferences()
      onSaved(saved)
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        const placed = formErrorsFrom(e, FIELDS)
        setErrors(placed)
        if (placed.summary.some((s) => s.field === undefined)) setFailure(e)
      } else setFailure(e)
    } finally {
      setBusy(false)
    }
  }
  const conflict = failure instanceof ApiError && failure.status === 409
  return (
    <form className="panel" onSubmit={submit} noValidate data-testid="group-form">
      {failure !== undefined && (
        <ErrorBox
          title={conflict ? 'Changed by someone else: reload the page to edit the latest version' : 'The working group was not saved'}
          error={failure}
        />
      )}
      <TextField name="name" label="Name" value={name} onChange={setName} errors={errors.byField.name} />
      <TextField name="description" label="Description" value={description} onChange={setDescription} errors={errors.byField.description} />
      <div className="spaced">
        <MultiReferenceInput
          field={membersField}
          value={members}
          onChange={(v) => setMembers(Array.isArray(v) ? v : [])}
          errors={errors.byField.member_ids ?? []}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="save">
          {busy ? 'Saving…' : group ? 'Save changes' : 'Create working group'}
        </button>
        <Link to="/groups" className="button">
          Cancel
        </Link>
      </div>
    </form>
  )
}

export function GroupPage({ id }: { id?: string }) {
  const { can } = useAuth()
  const manage = can('groups:manage')
  const loaded = useApi<WorkingGroup>(id === undefined ? null : `/api/v1/groups/${encodeURIComponent(id)}`)
  const [saved, setSaved] = useState<WorkingGroup>()
  const back = <Link to="/groups">← Working groups</Link>
  if (id === undefined) {
    return (
      <>
        <PageHeader title="New working group" back={back} />
        <GroupForm onSaved={(g) => navigate(`/groups/${encodeURIComponent(g.id)}`)} />
      </>
    )
  }
  if (loaded.error !== undefined && !loaded.data) {
    return (
      <>
        <PageHeader title="Working group" back={back} />
        <ErrorBox error={loaded.error} onRetry={loaded.reload} />
      </>
    )
  }
  const group = saved && loaded.data && saved.version >= loaded.data.version ? saved : loaded.data
  if (!group) return <Loading />
  return (
    <>
      <PageHeader title={group.name} subtitle={group.description || 'Working group'} back={back} />
      {saved && (
        <div className="success" role="status" data-testid="flash">
          Working group saved.
        </div>
      )}
      {manage ? (
        <GroupForm key={group.version} group={group} onSaved={setSaved} />
      ) : (
        <section className="panel">
          <h2>Members</h2>
          <MemberNames ids={group.member_ids} />
        </section>
      )}
    </>
  )
}
