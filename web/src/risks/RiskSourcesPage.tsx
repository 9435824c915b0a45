// Threats (/threats) and vulnerabilities (/vulnerabilities): the catalogues a risk picks
// from. A list grouped by category with a search, add and edit in a dialog (the security
// properties each one typically affects), archive. Writes need risks:write.
import './risks.css'
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { Link } from '../router'
import { propertyLabels } from './method'
import { sourceApi } from './paths'
import type { RiskSource, RiskSourceKind } from './types'
import { securityProperties } from './types'

const words: Record<RiskSourceKind, { title: string; singular: string; help: string }> = {
  threat: { title: 'Threats', singular: 'threat', help: 'What could harm an asset: events, actors and failures.' },
  vulnerability: { title: 'Vulnerabilities', singular: 'vulnerability', help: 'Weaknesses a threat can exploit.' },
}

interface SourceForm {
  name: string
  category: string
  description: string
  properties: string[]
}

function SourceDialog({
  kind,
  source,
  open,
  onClose,
  onSaved,
}: {
  kind: RiskSourceKind
  source?: RiskSource
  open: boolean
  onClose: () => void
  onSaved: (s: RiskSource) => void
}) {
  const [form, setForm] = useState<SourceForm>(() => ({
    name: source?.name ?? '',
    category: source?.category ?? '',
    description: source?.description ?? '',
    properties: source?.properties ?? [],
  }))
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const shown = ['name', 'category', 'description', 'properties']
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    try {
      const saved = source
        ? await api<RiskSource>(`${sourceApi(kind)}/${encodeURIComponent(source.id)}`, { method: 'PATCH', body: { ...form, version: source.version } })
        : await api<RiskSource>(sourceApi(kind), { method: 'POST', body: form })
      onSaved(saved)
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setErrors(formErrorsFrom(err, shown))
      else setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  const fieldError = (name: string) =>
    errors.byField[name] ? (
      <div className="field-error" id={`error-${name}`} data-testid={`error-${name}`}>
        {errors.byField[name].join(' ')}
      </div>
    ) : null
  return (
    <Dialog open={open} title={source ? `Edit ${source.name}` : `New ${words[kind].singular}`} onClose={onClose}>
      <form onSubmit={submit} noValidate data-testid="source-form">
        <div className="field">
          <label htmlFor="field-name">Name</label>
          <input id="field-name" type="text" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} aria-invalid={!!errors.byField.name || undefined} />
          {fieldError('name')}
        </div>
        <div className="field">
          <label htmlFor="field-category">Category</label>
          <input id="field-category" type="text" value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })} />
          {fieldError('category')}
        </div>
        <div className="field">
          <label htmlFor="field-description">Description</label>
          <textarea id="field-description" rows={3} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
          {fieldError('description')}
        </div>
        <fieldset className="multi" id="field-properties">
          <legend>Security properties it typically affects</legend>
          {securityProperties.map((p) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                checked={form.properties.includes(p)}
                onChange={(e) => setForm({ ...form, properties: e.target.checked ? [...form.properties, p] : form.properties.filter((x) => x !== p) })}
              />
              {propertyLabels[p]}
            </label>
          ))}
          {fieldError('properties')}
        </fieldset>
        {errors.summary.filter((s) => !s.field).map((s, i) => (
          <p key={i} className="field-error">
            {s.message}
          </p>
        ))}
        {failure !== undefined && <ErrorBox error={failure} title={failure instanceof ApiError && failure.status === 409 ? 'Not saved: a duplicate name, or changed by someone else' : undefined} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="source-save">
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

export function RiskSourcesPage({ kind }: { kind: RiskSourceKind }) {
  const [showArchived, setShowArchived] = useState(false)
  const list = useApi<{ items: RiskSource[] }>(`${sourceApi(kind)}?archived=${showArchived ? 'all' : 'false'}`)
  const { can } = useAuth()
  const write = can('risks:write')
  const [filter, setFilter] = useState('')
  const [editing, setEditing] = useState<RiskSource | 'new' | undefined>()
  const [archiving, setArchiving] = useState<RiskSource>()
  const [message, setMessage] = useState<string>()
  const w = words[kind]
  const needle = filter.trim().toLowerCase()
  const items = (list.data?.items ?? []).filter(
    (s) => needle === '' || `${s.name} ${s.category} ${s.description}`.toLowerCase().includes(needle),
  )
  const otherRoute = kind === 'threat' ? '/vulnerabilities' : '/threats'

  return (
    <>
      <PageHeader
        title={w.title}
        subtitle={
          <>
            {w.help} See also <Link to={otherRoute}>{kind === 'threat' ? 'vulnerabilities' : 'threats'}</Link>.
          </>
        }
        actions={
          write && (
            <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="new-source">
              New {w.singular}
            </button>
          )
        }
      />
      {message && (
        <p className="success" role="status">
          {message}
        </p>
      )}
      <div className="toolbar" role="search">
        <div className="filter search">
          <label htmlFor="source-search">Search</label>
          <input id="source-search" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Name, category…" />
        </div>
        <label className="toggle">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} data-testid="include-archived" />
          Include archived
        </label>
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={list.loading} data-testid={`${kind}-table`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Category</th>
              <th scope="col">Affects</th>
              <th scope="col">Description</th>
              {write && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id} className={s.archived ? 'archived' : undefined} data-testid="source-row">
                <td>
                  {s.name}
                  {s.archived && <span className="tag">archived</span>}
                </td>
                <td>{s.category || '—'}</td>
                <td className="small">{s.properties.map((p) => propertyLabels[p] ?? p).join(', ') || '—'}</td>
                <td className="small clamp-cell" title={s.description}>
                  {s.description}
                </td>
                {write && (
                  <td className="nowrap">
                    {!s.archived && (
                      <>
                        <button type="button" className="small-button" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
                          Edit
                        </button>{' '}
                        <button type="button" className="small-button danger" onClick={() => setArchiving(s)} aria-label={`Archive ${s.name}`}>
                          Archive
                        </button>
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
            {list.data && items.length === 0 && (
              <tr>
                <td colSpan={write ? 5 : 4} className="empty">
                  Nothing found.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {editing !== undefined && (
        <SourceDialog
          key={editing === 'new' ? 'new' : editing.id}
          kind={kind}
          source={editing === 'new' ? undefined : editing}
          open
          onClose={() => setEditing(undefined)}
          onSaved={(s) => {
            setEditing(undefined)
            setMessage(`${s.name} saved.`)
            list.reload()
          }}
        />
      )}
      <ConfirmDialog
        open={archiving !== undefined}
        title={`Archive ${archiving?.name ?? ''}`}
        confirmLabel="Archive"
        onClose={() => setArchiving(undefined)}
        onConfirm={async () => {
          if (!archiving) return
          await api(`${sourceApi(kind)}/${encodeURIComponent(archiving.id)}/archive`, { method: 'POST', body: { version: archiving.version } })
          setMessage(`${archiving.name} archived.`)
          list.reload()
        }}
      >
        <p>New risks can no longer pick it; risks that name it keep it.</p>
      </ConfirmDialog>
    </>
  )
}
