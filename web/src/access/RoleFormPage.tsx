// A role (/admin/roles/new, /admin/roles/:id): built-in roles are shown read-only; custom
// roles are edited with a permission checklist (roles:manage).
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import type { Items, Role } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ErrorBox } from '../components/ErrorBox'
import { setFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { TextField } from '../components/TextField'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { Link, navigate } from '../router'
import { itemsOf } from './format'
import { PermissionChecklist } from './PermissionChecklist'

const FIELDS = ['key', 'name', 'description', 'permissions']

function RoleForm({ role, readOnly }: { role?: Role; readOnly: boolean }) {
  const [key, setKey] = useState(role?.key ?? '')
  const [name, setName] = useState(role?.name ?? '')
  const [description, setDescription] = useState(role?.description ?? '')
  const [permissions, setPermissions] = useState<string[]>(role?.permissions ?? [])
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>(undefined)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (readOnly) return
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    try {
      if (role) {
        await api<Role>(`/api/v1/roles/${encodeURIComponent(role.id)}`, {
          method: 'PATCH',
          body: { name, description, permissions },
        })
      } else {
        await api<Role>('/api/v1/roles', { method: 'POST', body: { key, name, description, permissions } })
      }
      setFlash(`Role ${name} ${role ? 'saved' : 'created'}.`)
      navigate('/admin/roles')
    } catch (e) {
      setBusy(false)
      if (e instanceof ApiError && e.status === 422) {
        const placed = formErrorsFrom(e, FIELDS)
        setErrors(placed)
        if (placed.summary.some((s) => s.field === undefined)) setFailure(e)
      } else setFailure(e)
    }
  }

  return (
    <form className="panel" onSubmit={submit} noValidate data-testid="role-form">
      {failure !== undefined && <ErrorBox title="The role was not saved" error={failure} />}
      {readOnly && role?.builtin && (
        <div className="notice">Built-in roles follow the information security policy; their permissions cannot change.</div>
      )}
      <div className="form-row">
        <TextField
          name="key"
          label="Key"
          value={key}
          onChange={setKey}
          errors={errors.byField.key}
          disabled={readOnly || role !== undefined}
          help={role ? undefined : 'Lower-case letters, digits and _, starting with a letter; cannot change later.'}
        />
        <TextField name="name" label="Name" value={name} onChange={setName} errors={errors.byField.name} disabled={readOnly} />
      </div>
      <TextField
        name="description"
        label="Description"
        value={description}
        onChange={setDescription}
        errors={errors.byField.description}
        disabled={readOnly}
      />
      <PermissionChecklist value={permissions} onChange={setPermissions} disabled={readOnly} errors={errors.byField.permissions} />
      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="save">
            {busy ? 'Saving…' : role ? 'Save role' : 'Create role'}
          </button>
          <Link to="/admin/roles" className="button">
            Cancel
          </Link>
        </div>
      )}
    </form>
  )
}

export function RoleFormPage({ id }: { id?: string }) {
  const { can } = useAuth()
  const roles = useApi<Items<Role>>(id === undefined ? null : '/api/v1/roles')
  const manage = can('roles:manage')
  const back = <Link to="/admin/roles">← Roles</Link>
  if (id === undefined) {
    return (
      <>
        <PageHeader title="New role" back={back} />
        <RoleForm readOnly={!manage} />
      </>
    )
  }
  if (roles.error !== undefined) {
    return (
      <>
        <PageHeader title="Role" back={back} />
        <ErrorBox error={roles.error} onRetry={roles.reload} />
      </>
    )
  }
  if (!roles.data) return <Loading />
  const role = itemsOf(roles.data).find((r) => r.id === id)
  if (!role) {
    return (
      <>
        <PageHeader title="Role" back={back} />
        <ErrorBox error={new ApiError({ status: 404, code: 'not_found', message: 'There is no role with this id.' })} />
      </>
    )
  }
  return (
    <>
      <PageHeader title={role.name} subtitle={role.builtin ? 'Built-in role' : 'Custom role'} back={back} />
      <RoleForm role={role} readOnly={role.builtin || !manage} />
    </>
  )
}
