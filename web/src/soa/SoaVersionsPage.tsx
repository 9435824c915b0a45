// Approved SoA versions (/soa/versions): number, approver, date, note and totals, each
// viewable and exportable, and a form to compare two versions or a version with the
// working copy.
import './soa.css'
import { useState } from 'react'
import type { Items } from '../api/types'
import { useApi } from '../api/useApi'
import { When } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { Link, navigate } from '../router'
import { ExportButtons } from './bits'
import { soaApi, soaCompareRoute, soaVersionRoute } from './paths'
import type { Soa } from './types'

export function CompareForm({ versions, initialA, initialB }: { versions: readonly Soa[]; initialA?: string; initialB?: string }) {
  const [a, setA] = useState(initialA ?? versions[0]?.id ?? '')
  const [b, setB] = useState(initialB ?? 'working')
  const options = [{ id: 'working', label: 'Working copy' }, ...versions.map((v) => ({ id: v.id, label: `Version ${v.number}` }))]
  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        e.preventDefault()
        navigate(soaCompareRoute(a, b))
      }}
      data-testid="soa-compare-form"
    >
      <div className="filter">
        <label htmlFor="compare-a">Before</label>
        <select id="compare-a" value={a} onChange={(e) => setA(e.target.value)} data-testid="soa-compare-a">
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="compare-b">After</label>
        <select id="compare-b" value={b} onChange={(e) => setB(e.target.value)} data-testid="soa-compare-b">
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={a === '' || a === b} data-testid="soa-compare-submit">
        Compare
      </button>
    </form>
  )
}

export function SoaVersionsPage() {
  const list = useApi<Items<Soa>>(`${soaApi}/versions`)
  const items = list.data?.items ?? []
  return (
    <>
      <PageHeader title="SoA versions" subtitle="Every approved Statement of Applicability, frozen as it was approved." back={<Link to="/soa">← Statement of Applicability</Link>} />
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {!list.data && list.error === undefined && <Loading />}
      {list.data && (
        <>
          {items.length > 0 && (
            <section className="panel" aria-label="Compare" style={{ marginBottom: '1rem' }}>
              <h2>Compare</h2>
              <CompareForm versions={items} />
            </section>
          )}
          <table className="grid" data-testid="soa-versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Approved</th>
                <th scope="col">By</th>
                <th scope="col">Note</th>
                <th scope="col">Applicable</th>
                <th scope="col">Implemented</th>
                <th scope="col">Export</th>
              </tr>
            </thead>
            <tbody>
              {items.map((v) => (
                <tr key={v.id} data-testid="soa-version-row" data-number={v.number}>
                  <td>
                    <Link to={soaVersionRoute(v.id)}>Version {v.number}</Link>
                  </td>
                  <td className="nowrap">
                    <When at={v.approved_at} />
                  </td>
                  <td>{v.approved_by_name || v.approved_by_person_id}</td>
                  <td className="small">{v.note || <span className="muted">—</span>}</td>
                  <td className="nowrap">
                    {v.totals.applicable} of {v.totals.lines}
                  </td>
                  <td className="nowrap">
                    {v.totals.implemented} ({v.totals.partial} partial)
                  </td>
                  <td className="nowrap">
                    <ExportButtons version={v.id} />
                  </td>
                </tr>
              ))}
              {items.length === 0 && (
                <tr>
                  <td colSpan={7} className="empty">
                    No version approved yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      )}
    </>
  )
}
