// The ISMS dashboard: the registry at a glance, with counts that link into the filtered
// list. An empty registry offers the demo organization instead.
import { useState } from 'react'
import { api } from '../api/client'
import type { Dashboard, FieldDescriptor, Items, PendingAcknowledgement } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { useOrganization } from '../components/OrganizationContext'
import { PageHeader } from '../components/PageHeader'
import { assetsRegister } from '../config/registers'
import { MyAcknowledgements } from '../documents/MyAcknowledgements'
import { invalidateReferences } from '../register/references'
import { useDescriptor } from '../register/useDescriptor'
import { Link } from '../router'
import { DashboardOperationsPanel, type OperationsSummary } from '../operations/DashboardOperationsPanel'
import { DashboardRiskPanels } from '../risks/DashboardRiskPanels'
import type { RiskSummary } from '../risks/types'
import { DashboardSoaPanels } from '../soa/DashboardSoaPanels'
import type { SoaStatus } from '../soa/types'

function Breakdown({
  title,
  counts,
  field,
  param,
}: {
  title: string
  counts: Record<string, number>
  field?: FieldDescriptor
  param: string
}) {
  // Descriptor order (e.g. public < ... < customer_data) when known, else the server's.
  const keys = field?.options?.map((o) => String(o.value)) ?? Object.keys(counts)
  const extra = Object.keys(counts).filter((k) => !keys.includes(k))
  const all = [...keys, ...extra]
  const max = Math.max(1, ...Object.values(counts))
  const id = `breakdown-${param}`
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <table className="breakdown">
        <tbody>
          {all.map((key) => {
            const n = counts[key] ?? 0
            const label = field?.options?.find((o) => String(o.value) === key)?.label ?? key
            return (
              <tr key={key}>
                <th scope="row">
                  <Link to={`${assetsRegister.route}?${param}=${encodeURIComponent(key)}`}>{label}</Link>
                </th>
                <td className="num">{n}</td>
                <td className="bar-cell" aria-hidden="true">
                  <span className={`bar ${param === 'classification' ? `class-${key}` : ''}`} style={{ width: `${(n / max) * 100}%` }} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}

function DemoOffer({ onLoaded }: { onLoaded: () => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const load = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await api('/api/v1/demo', { method: 'POST', body: {} })
      invalidateReferences()
      onLoaded()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="panel cta" data-testid="demo-offer">
      <h2>The IT Systems Registry is empty</h2>
      <p>
        Start by <Link to={`${assetsRegister.route}/new`}>recording your first asset</Link>, or load a demo organization
        with people and assets to explore isms. Every demo object is recorded in the ledger like any other change.
      </p>
      <button type="button" className="primary" onClick={load} disabled={busy} data-testid="load-demo">
        {busy ? 'Loading demo…' : 'Load demo organization'}
      </button>
      {error !== undefined && <ErrorBox title="The demo organization was not loaded" error={error} />}
    </section>
  )
}

function Stat({ label, value, to, testId }: { label: string; value: string | number; to?: string; testId: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <span className="stat-value">{to ? <Link to={to}>{value}</Link> : value}</span>
      <span className="stat-label">{label}</span>
    </div>
  )
}

export function DashboardPage() {
  // "risks" is present for readers with risks:read (docs/api.md, "Risks").
  // "soa" is present for readers with soa:read (docs/api.md, "Statement of Applicability").
  const dashboard = useApi<Dashboard & { risks?: RiskSummary | null; soa?: SoaStatus | null; operations?: OperationsSummary | null }>('/api/v1/dashboard')
  const myAcks = useApi<Items<PendingAcknowledgement>>('/api/v1/me/acknowledgements')
  const org = useOrganization()
  const { descriptor } = useDescriptor(assetsRegister.name)
  const { can } = useAuth()
  const field = (name: string) => descriptor?.fields.find((f) => f.name === name)

  if (dashboard.error !== undefined && !dashboard.data) {
    return (
      <>
        <PageHeader title="ISMS Dashboard" />
        <ErrorBox error={dashboard.error} onRetry={dashboard.reload} />
      </>
    )
  }
  const d = dashboard.data
  if (!d) return <Loading />
  const headHash = d.ledger.head_hash ?? ''
  return (
    <>
      <PageHeader title="ISMS Dashboard" subtitle={d.organization?.name ?? org.data?.name} />
      {d.assets.total === 0 && can('demo:load') && (
        <DemoOffer
          onLoaded={() => {
            dashboard.reload()
            org.reload()
          }}
        />
      )}
      <div className="stats">
        <Stat label="Assets" value={d.assets.total} to={assetsRegister.route} testId="stat-assets" />
        <Stat label="Assets without owner" value={d.assets.without_owner} testId="stat-without-owner" />
        <Stat label="Persons" value={d.persons} testId="stat-persons" />
        <Stat label="Ledger entries" value={d.ledger.entries} to="/ledger" testId="stat-ledger" />
        {myAcks.data && (
          <Stat label="My pending acknowledgements" value={myAcks.data.items.length} testId="stat-my-acknowledgements" />
        )}
      </div>
      <MyAcknowledgements state={myAcks} />
      <DashboardOperationsPanel operations={d.operations} />
      {d.risks && <DashboardRiskPanels risks={d.risks} />}
      <DashboardSoaPanels soa={d.soa} coverage={d.coverage} />
      {d.assets.total > 0 && (
        <div className="grid-2">
          <Breakdown title="Assets by classification" counts={d.assets.by_classification} field={field('classification')} param="classification" />
          <Breakdown
            title="Assets by lifecycle status"
            counts={d.assets.by_lifecycle_status}
            field={field('lifecycle_status')}
            param="lifecycle_status"
          />
        </div>
      )}
      <p className="muted small">
        Ledger head <code className="hash" title={headHash} data-testid="head-hash">{headHash === '' ? '—' : headHash}</code>
      </p>
    </>
  )
}
