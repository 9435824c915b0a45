// Generic detail view: every field with its label, references as links, the archive
// action and the object's ledger history.
import { useEffect, useState } from 'react'
import type { FieldDescriptor, RegisterDescriptor, RegisterRecord } from '../api/types'
import { useApi } from '../api/useApi'
import { AccessPanel } from '../access/AccessPanel'
import { ErrorBox } from '../components/ErrorBox'
import { clearFlash, peekFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import type { RegisterConfig } from '../config/registers'
import { Link } from '../router'
import { ArchiveDialog } from './ArchiveDialog'
import { FieldValue } from './Cell'
import { displayOnlyFields, EMPTY, formatDateTime } from './display'
import { History } from './History'
import { referenceHref, useReferenceOptions } from './references'
import { WithDescriptor } from './WithDescriptor'

export function RegisterDetailPage({ config, id }: { config: RegisterConfig; id: string }) {
  return (
    <WithDescriptor name={config.name}>{(d) => <RegisterDetail config={config} descriptor={d} id={id} />}</WithDescriptor>
  )
}

function ReferenceList({ field, ids }: { field: FieldDescriptor; ids: string[] }) {
  const { options } = useReferenceOptions(ids.length > 0 ? field.reference : undefined)
  if (ids.length === 0) return <>{EMPTY}</>
  const labels = new Map(options.map((o) => [o.id, o.label]))
  return (
    <ul className="inline-list">
      {ids.map((refId) => {
        const href = referenceHref(field.reference, refId)
        const label = labels.get(refId) ?? refId
        return <li key={refId}>{href ? <Link to={href}>{label}</Link> : label}</li>
      })}
    </ul>
  )
}

function DetailValue({ field, record }: { field: FieldDescriptor; record: RegisterRecord }) {
  const value = record[field.name]
  if (field.type === 'reference_list') return <ReferenceList field={field} ids={Array.isArray(value) ? value.map(String) : []} />
  if (field.type === 'text' && typeof value === 'string' && value !== '') return <div className="prose">{value}</div>
  return <FieldValue field={field} record={record} />
}

/** working_group_ids for the Access panel, unless the descriptor shows them as a field already. */
function shownGroupIds(descriptor: RegisterDescriptor, record: RegisterRecord): string[] | undefined {
  if (descriptor.fields.some((f) => f.name === 'working_group_ids')) return undefined
  const ids = record.working_group_ids
  return Array.isArray(ids) ? ids.map(String) : undefined
}

interface Props {
  config: RegisterConfig
  descriptor: RegisterDescriptor
  id: string
}

export function RegisterDetail({ config, descriptor, id }: Props) {
  const object = useApi<RegisterRecord>(`${descriptor.path}/${encodeURIComponent(id)}`)
  const [archiving, setArchiving] = useState(false)
  const [justArchived, setJustArchived] = useState<RegisterRecord | undefined>(undefined)
  const [flash, setFlashShown] = useState(peekFlash)
  useEffect(() => clearFlash(), [])

  if (object.error !== undefined && !object.data) {
    return (
      <>
        <PageHeader title={descriptor.singular} back={<Link to={config.route}>← {descriptor.title}</Link>} />
        <ErrorBox error={object.error} onRetry={object.reload} />
      </>
    )
  }
  const record = justArchived ?? object.data
  if (!record) return <Loading />

  const hidden = displayOnlyFields(descriptor)
  // Read-only fields without a value (archived_at on a live object) and the archived flag
  // (shown as a badge) would only add noise.
  const fields = descriptor.fields.filter(
    (f) =>
      !hidden.has(f.name) &&
      f.name !== config.titleField &&
      f.name !== 'archived' &&
      !(f.read_only && (record[f.name] === null || record[f.name] === undefined || record[f.name] === '')),
  )
  const archived = record.archived === true || !!record.archived_at
  const title = String(record[config.titleField] ?? record.id)

  return (
    <>
      <PageHeader
        title={title}
        back={<Link to={config.route}>← {descriptor.title}</Link>}
        subtitle={
          <>
            {descriptor.singular}
            {archived && (
              <span className="tag" data-testid="archived-badge">
                archived
              </span>
            )}
          </>
        }
        actions={
          !archived && (
            <>
              <Link to={`${config.route}/${encodeURIComponent(record.id)}/edit`} className="button primary" data-testid="edit">
                Edit
              </Link>
              <button type="button" className="danger" onClick={() => setArchiving(true)} data-testid="archive">
                Archive
              </button>
            </>
          )
        }
      />
      {flash && (
        <div className="success" role="status" data-testid="flash">
          {flash}
        </div>
      )}
      {archived && (
        <div className="notice" role="status" data-testid="archived-notice">
          Archived {formatDateTime(record.archived_at)}
          {record.archive_reason ? <>: “{String(record.archive_reason)}”</> : null}. Archived objects cannot be edited.
        </div>
      )}
      <div className="detail-layout">
        <div className="stack">
        <section aria-labelledby="fields-heading" className="panel">
          <h2 id="fields-heading">Details</h2>
          <dl className="fields" data-testid="detail-fields">
            {fields.map((field) => (
              <div key={field.name} className="field-row">
                <dt>{field.label}</dt>
                <dd data-field={field.name}>
                  <DetailValue field={field} record={record} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
        {config.grants && (
          <AccessPanel
            objectPath={`${descriptor.path}/${encodeURIComponent(record.id)}`}
            groupIds={shownGroupIds(descriptor, record)}
          />
        )}
        </div>
        <section aria-labelledby="history-heading" className="panel">
          <h2 id="history-heading">History</h2>
          <History objectId={record.id} descriptor={descriptor} version={record.version} />
        </section>
      </div>
      <ArchiveDialog
        open={archiving}
        descriptor={descriptor}
        record={record}
        onClose={() => setArchiving(false)}
        onArchived={(updated) => {
          setJustArchived(updated)
          setArchiving(false)
          setFlashShown(`${descriptor.singular} archived.`)
        }}
        onConflict={() => {
          setArchiving(false)
          setJustArchived(undefined)
          object.reload()
        }}
      />
    </>
  )
}
