// "Access" on an object's detail page: its working groups and the persons granted it
// explicitly (GET {object}/grants), with grant and remove. The grants part shows only
// when the API answers 200: who may not manage grants gets 403/404 and sees nothing.
import { useState } from 'react'
import { api } from '../api/client'
import type { Items, ObjectGrant } from '../api/types'
import { useApi } from '../api/useApi'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ErrorBox } from '../components/ErrorBox'
import { Link } from '../router'
import { useReferenceOptions } from '../register/references'
import { When } from './bits'
import { grantsHidden, itemsOf } from './format'
import { PersonSelect } from './PersonSelect'

function GroupNames({ ids }: { ids: string[] }) {
  const { options, error } = useReferenceOptions(ids.length > 0 ? 'groups' : undefined)
  if (ids.length === 0) return <p className="muted">Assigned to no working group.</p>
  const names = new Map(options.map((o) => [o.id, o.label]))
  return (
    <ul className="inline-list" data-testid="object-groups">
      {ids.map((id) => (
        <li key={id}>{error === undefined ? <Link to={`/groups/${encodeURIComponent(id)}`}>{names.get(id) ?? id}</Link> : id}</li>
      ))}
    </ul>
  )
}

interface Props {
  /** the object's API path, e.g. /api/v1/assets/<id> */
  objectPath: string
  /** working_group_ids of the object, when the detail fields do not show them already */
  groupIds?: string[]
}

export function AccessPanel({ objectPath, groupIds }: Props) {
  const grants = useApi<Items<ObjectGrant>>(`${objectPath}/grants`)
  const [personId, setPersonId] = useState('')
  const [busy, setBusy] = useState(false)
  const [addError, setAddError] = useState<unknown>(undefined)
  const [removing, setRemoving] = useState<ObjectGrant>()

  const hidden = grants.error !== undefined && grantsHidden(grants.error)
  if (hidden && groupIds === undefined) return null
  const items = itemsOf(grants.data)

  const add = async () => {
    if (personId === '') return
    setBusy(true)
    setAddError(undefined)
    try {
      await api<ObjectGrant>(`${objectPath}/grants`, { method: 'POST', body: { person_id: personId } })
      setPersonId('')
      grants.reload()
    } catch (e) {
      setAddError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel" aria-labelledby="access-heading" data-testid="access-panel">
      <h2 id="access-heading">Access</h2>
      {groupIds !== undefined && (
        <>
          <h3>Working groups</h3>
          <GroupNames ids={groupIds} />
        </>
      )}
      {!hidden && (
        <>
          <h3>Granted to</h3>
          {grants.error !== undefined && <ErrorBox error={grants.error} onRetry={grants.reload} />}
          {grants.data && items.length === 0 && <p className="muted">No one is granted this object personally.</p>}
          {items.length > 0 && (
            <ul className="plain" data-testid="grants">
              {items.map((g) => (
                <li key={g.person_id} className="grant-row">
                  <span>
                    <Link to={`/people/${encodeURIComponent(g.person_id)}`}>{g.person_name}</Link>{' '}
                    <span className="muted small">
                      by {g.granted_by}, <When at={g.granted_at} />
                    </span>
                  </span>
                  <button type="button" className="danger small-button" onClick={() => setRemoving(g)} data-testid={`remove-grant-${g.person_id}`}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          {grants.data && (
            <div className="grant-add">
              <PersonSelect
                name="grant_person_id"
                label="Grant access to"
                value={personId}
                onChange={setPersonId}
                exclude={items.map((g) => g.person_id)}
              />
              <button type="button" className="primary" disabled={busy || personId === ''} onClick={() => void add()} data-testid="add-grant">
                {busy ? 'Granting…' : 'Grant'}
              </button>
            </div>
          )}
          {addError !== undefined && <ErrorBox title="Access was not granted" error={addError} />}
        </>
      )}
      <ConfirmDialog
        open={removing !== undefined}
        title="Remove access"
        confirmLabel="Remove"
        onClose={() => setRemoving(undefined)}
        onConfirm={async () => {
          if (!removing) return
          await api(`${objectPath}/grants/${encodeURIComponent(removing.person_id)}`, { method: 'DELETE' })
          grants.reload()
        }}
      >
        <p>
          Remove the grant of <strong>{removing?.person_name}</strong>? Unless a role, ownership or working group lets them,
          they can no longer read this object.
        </p>
      </ConfirmDialog>
    </section>
  )
}
