// /soa/compare?a=<version|working>&b=<version|working>: the lines that differ, each changed
// field shown before → after.
import './soa.css'
import type { Items } from '../api/types'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { getParam } from '../catalogue/urlState'
import { Link, useLocation } from '../router'
import { fieldText } from './labels'
import { soaApi, soaCompareApi } from './paths'
import type { Soa, SoaLineChange } from './types'
import { CompareForm } from './SoaVersionsPage'

export function SoaComparePage() {
  const { search } = useLocation()
  const a = getParam(search, 'a')
  const b = getParam(search, 'b') || 'working'
  const versions = useApi<Items<Soa>>(`${soaApi}/versions`)
  const result = useApi<Items<SoaLineChange>>(a === '' ? null : soaCompareApi(a, b))
  const name = (id: string) => (id === 'working' ? 'the working copy' : `version ${versions.data?.items.find((v) => v.id === id)?.number ?? id}`)
  const items = result.data?.items ?? []
  return (
    <>
      <PageHeader title="Compare SoA versions" back={<Link to="/soa/versions">← SoA versions</Link>} subtitle={a !== '' ? `From ${name(a)} to ${name(b)}` : undefined} />
      {versions.data && <CompareForm key={`${a}|${b}`} versions={versions.data.items} initialA={a || undefined} initialB={b} />}
      {a === '' && <p className="muted">Choose two versions.</p>}
      {result.error !== undefined && <ErrorBox error={result.error} onRetry={result.reload} />}
      {a !== '' && !result.data && result.error === undefined && <Loading />}
      {result.data && (
        <section className="panel" aria-label="Changes">
          <h2>
            {items.length} {items.length === 1 ? 'line differs' : 'lines differ'}
          </h2>
          {items.length > 0 && (
            <table className="soa" data-testid="soa-compare">
              <thead>
                <tr>
                  <th scope="col">Control</th>
                  <th scope="col">Changes</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={`${c.framework_id}|${c.ref_id}`} data-testid={`soa-change-${c.ref_id}`}>
                    <td>
                      <strong>{c.ref_id}</strong> {c.title}
                    </td>
                    <td>
                      <ul className="plain">
                        {c.changed_fields.map((f) => (
                          <li key={f} className="change-field" data-field={f}>
                            <strong>{f.replaceAll('_', ' ')}</strong>: <del>{fieldText(c.before, f)}</del> → <ins>{fieldText(c.after, f)}</ins>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  )
}
