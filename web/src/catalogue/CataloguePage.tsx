// The requirements catalogue (/catalogue): frameworks with their provider, source,
// version and size, a search across all of them, the OSCAL export of each and, for
// catalogue:manage, the library import.
import './catalogue.css'
import type { Framework, Items } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { formatDateTime } from '../register/display'
import { Link } from '../router'
import { CatalogueSearch } from './CatalogueSearch'
import { ImportPanel } from './ImportPanel'
import { frameworkHref, oscalExportHref } from './keys'

const sourceLabels: Record<string, string> = {
  builtin: 'Built in',
  'ciso-assistant': 'CISO Assistant',
  oscal: 'OSCAL',
}

export function CataloguePage() {
  const frameworks = useApi<Items<Framework>>('/api/v1/catalogue/frameworks')
  const { can } = useAuth()
  const items = frameworks.data?.items ?? []
  return (
    <>
      <PageHeader
        title="Requirements catalogue"
        subtitle="Frameworks, their requirements and the mappings between them."
        actions={
          <Link to="/traceability" className="button">
            Gap report
          </Link>
        }
      />
      <CatalogueSearch frameworks={items} />
      {frameworks.error !== undefined && <ErrorBox error={frameworks.error} onRetry={frameworks.reload} />}
      <div className="table-wrap">
        <table className="grid" aria-busy={frameworks.loading} data-testid="frameworks-table">
          <thead>
            <tr>
              <th scope="col">Framework</th>
              <th scope="col">Provider</th>
              <th scope="col">Source</th>
              <th scope="col" className="num">
                Requirements
              </th>
              <th scope="col">Version</th>
              <th scope="col">Updated</th>
              <th scope="col">Export</th>
            </tr>
          </thead>
          <tbody>
            {items.map((f) => (
              <tr key={f.id} data-testid={`framework-${f.id}`}>
                <td>
                  <Link to={frameworkHref(f.id)}>{f.name}</Link>
                  <div className="muted small">
                    <code>{f.id}</code>
                    {f.ref_id && f.ref_id !== f.name ? ` · ${f.ref_id}` : ''}
                  </div>
                </td>
                <td>{f.provider || '—'}</td>
                <td>{sourceLabels[f.source ?? ''] ?? f.source ?? '—'}</td>
                <td className="num">{f.requirement_count ?? '—'}</td>
                <td>{f.version || '—'}</td>
                <td className="nowrap">{formatDateTime(f.updated_at)}</td>
                <td>
                  <a href={oscalExportHref(f.id)} download data-testid={`oscal-export-${f.id}`}>
                    OSCAL JSON
                  </a>
                </td>
              </tr>
            ))}
            {frameworks.data && items.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  The catalogue is empty.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {can('catalogue:manage') && <ImportPanel onImported={frameworks.reload} />}
    </>
  )
}
