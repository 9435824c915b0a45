// One requirement (/catalogue/:framework/:ref): where it sits (ancestors), what it says,
// what is below it, how it maps to other frameworks in both directions, and which
// published document sections cite it. Document citations link here.
import './catalogue.css'
import type { Framework, RequirementDetail } from '../api/types'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { Field } from '../access/bits'
import { Link } from '../router'
import { groupByDocument, sectionLabel } from './citedBy'
import { citationHref, frameworkHref, keyHref, keyLabel, requirementApiPath, requirementHref } from './keys'
import { relationshipLabel, splitMappings, type MappingRow } from './mappings'

function MappingTable({ rows, direction, testId }: { rows: MappingRow[]; direction: 'outgoing' | 'incoming'; testId: string }) {
  if (rows.length === 0) return <p className="muted">None.</p>
  return (
    <div className="table-wrap">
      <table className="grid" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Relationship</th>
            <th scope="col">{direction === 'outgoing' ? 'Target' : 'Source'}</th>
            <th scope="col">Origin</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => {
            const href = keyHref(m.other)
            return (
              <tr key={`${m.other}|${m.relationship}|${m.origin}`}>
                <td className="nowrap">{relationshipLabel(m.relationship, direction)}</td>
                <td>
                  {href ? <Link to={href}>{keyLabel(m.other)}</Link> : m.other}
                  {m.otherTitle && <span className="muted"> · {m.otherTitle}</span>}
                  {m.notes && <div className="muted small">{m.notes}</div>}
                </td>
                <td className="small">{m.origin || '—'}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

export function RequirementPage({ frameworkId, refId }: { frameworkId: string; refId: string }) {
  const detail = useApi<RequirementDetail>(requirementApiPath(frameworkId, refId))
  const framework = useApi<Framework>(`/api/v1/catalogue/frameworks/${encodeURIComponent(frameworkId)}`)
  const frameworkName = framework.data?.name ?? frameworkId
  const back = <Link to={frameworkHref(frameworkId)}>← {frameworkName}</Link>
  if (detail.error !== undefined && !detail.data) {
    return (
      <>
        <PageHeader title={`${frameworkId} ${refId}`} back={back} />
        <ErrorBox error={detail.error} onRetry={detail.reload} />
      </>
    )
  }
  const d = detail.data
  if (!d) return <Loading />
  const r = d.requirement
  const key = r.key || `${r.framework_id}:${r.ref_id}`
  const { outgoing, incoming } = splitMappings(key, d.mappings ?? [])
  const citing = groupByDocument(d.citations ?? [])
  return (
    <>
      <nav className="breadcrumb small" aria-label="Breadcrumb" data-testid="breadcrumb">
        <ol>
          <li>
            <Link to="/catalogue">Catalogue</Link>
          </li>
          <li>
            <Link to={frameworkHref(frameworkId)}>{frameworkName}</Link>
          </li>
          {d.ancestors.map((a) => (
            <li key={a.ref_id}>
              <Link to={requirementHref(a.framework_id || frameworkId, a.ref_id)}>
                {a.ref_id}
                {a.title ? ` ${a.title}` : ''}
              </Link>
            </li>
          ))}
          <li aria-current="page">{r.ref_id}</li>
        </ol>
      </nav>
      <PageHeader title={`${r.ref_id} ${r.title}`.trim()} subtitle={<>{frameworkName}</>} />
      <div className="detail-layout">
        <div className="stack">
          <section className="panel" aria-labelledby="req-details">
            <h2 id="req-details">Requirement</h2>
            <dl className="fields" data-testid="requirement-fields">
              <Field label="Number" name="ref_id">
                <code>{r.ref_id}</code>
              </Field>
              <Field label="Title" name="title">
                {r.title || '—'}
              </Field>
              <Field label="Kind" name="kind">
                {r.kind || '—'}
                {r.assessable === false && <span className="tag">heading only</span>}
              </Field>
              <Field label="Key" name="key">
                <code>{key}</code>
              </Field>
              {r.urn && (
                <Field label="URN" name="urn">
                  <code>{r.urn}</code>
                </Field>
              )}
            </dl>
            {r.description && (
              <>
                <h3>Description</h3>
                <div className="prose" data-testid="requirement-description">
                  {r.description}
                </div>
              </>
            )}
            {r.notes && (
              <>
                <h3>Notes</h3>
                <div className="prose muted">{r.notes}</div>
              </>
            )}
          </section>
          <section className="panel" aria-labelledby="req-children">
            <h2 id="req-children">Below this requirement ({d.children.length})</h2>
            {d.children.length === 0 ? (
              <p className="muted">Nothing below.</p>
            ) : (
              <ul className="plain" data-testid="requirement-children">
                {d.children.map((c) => (
                  <li key={c.ref_id}>
                    <Link to={requirementHref(c.framework_id || frameworkId, c.ref_id)} className="req-ref">
                      {c.ref_id}
                    </Link>{' '}
                    {c.title}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="req-mappings">
            <h2 id="req-mappings">Mappings</h2>
            <h3>This requirement → other frameworks ({outgoing.length})</h3>
            <MappingTable rows={outgoing} direction="outgoing" testId="mappings-outgoing" />
            <h3>Other frameworks → this requirement ({incoming.length})</h3>
            <MappingTable rows={incoming} direction="incoming" testId="mappings-incoming" />
          </section>
        </div>
        <section className="panel" aria-labelledby="req-cited-by">
          <h2 id="req-cited-by">Cited by ({citing.length})</h2>
          {citing.length === 0 ? (
            <p className="muted" data-testid="cited-by-none">
              No published document cites this requirement.
            </p>
          ) : (
            <ul className="plain cited-by" data-testid="cited-by">
              {citing.map((doc) => (
                <li key={doc.documentId}>
                  <Link to={citationHref(doc.documentId)}>{doc.title}</Link>
                  {doc.kind && <span className="tag">{doc.kind}</span>}
                  {doc.versionLabel && <span className="muted small"> version {doc.versionLabel}</span>}
                  <ul>
                    {doc.sections.map((s) => (
                      <li key={s.anchor}>
                        <Link to={citationHref(doc.documentId, s.anchor)}>{sectionLabel(s)}</Link>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  )
}
