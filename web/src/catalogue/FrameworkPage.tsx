// One framework (/catalogue/:framework): its requirements as a collapsible tree built from
// parent_ref_id, expand/collapse all, and a search within the framework whose results
// can be located in the tree.
import './catalogue.css'
import { useEffect, useMemo, useState } from 'react'
import type { Framework, Items, Requirement } from '../api/types'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { CatalogueSearch } from './CatalogueSearch'
import { oscalExportHref } from './keys'
import { RequirementTree } from './RequirementTree'
import { branchRefs, buildTree, nodeDomId, pathTo } from './tree'

export function FrameworkPage({ frameworkId }: { frameworkId: string }) {
  const base = `/api/v1/catalogue/frameworks/${encodeURIComponent(frameworkId)}`
  const framework = useApi<Framework>(base)
  const requirements = useApi<Items<Requirement>>(`${base}/requirements`)
  const frameworks = useMemo(() => (framework.data ? [framework.data] : []), [framework.data])
  const items = useMemo(() => requirements.data?.items ?? [], [requirements.data])
  const tree = useMemo(() => buildTree(items), [items])
  const branches = useMemo(() => branchRefs(tree), [tree])
  // The top level starts open; afterwards the reader decides.
  const [expanded, setExpanded] = useState<Set<string> | undefined>()
  const [located, setLocated] = useState<string>()
  const open = expanded ?? new Set(tree.filter((n) => n.children.length > 0).map((n) => n.requirement.ref_id))

  useEffect(() => {
    if (!located) return
    document.getElementById(nodeDomId(located))?.scrollIntoView({ block: 'center' })
  }, [located])

  const toggle = (refId: string) => {
    const next = new Set(open)
    if (next.has(refId)) next.delete(refId)
    else next.add(refId)
    setExpanded(next)
  }
  const locate = (refId: string) => {
    setExpanded(new Set([...open, ...pathTo(items, refId)]))
    setLocated(refId)
  }

  const back = <Link to="/catalogue">← Catalogue</Link>
  const failure = framework.error ?? requirements.error
  if (failure !== undefined && (!framework.data || !requirements.data)) {
    return (
      <>
        <PageHeader title="Framework" back={back} />
        <ErrorBox
          error={failure}
          onRetry={() => {
            framework.reload()
            requirements.reload()
          }}
        />
      </>
    )
  }
  const f = framework.data
  if (!f || !requirements.data) return <Loading />
  return (
    <>
      <PageHeader
        title={f.name}
        back={back}
        subtitle={
          <>
            {[f.ref_id, f.provider, f.version && `version ${f.version}`].filter(Boolean).join(' · ')}
          </>
        }
        actions={
          <>
            <Link to={`/traceability?framework=${encodeURIComponent(f.id)}`} className="button">
              Gaps
            </Link>
            <a href={oscalExportHref(f.id)} download className="button" data-testid="oscal-export">
              Export OSCAL
            </a>
          </>
        }
      />
      {f.description && <p className="prose">{f.description}</p>}
      {f.copyright && <p className="muted small">{f.copyright}</p>}
      <CatalogueSearch frameworkId={f.id} frameworks={frameworks} onLocate={locate} />
      <section className="panel" aria-labelledby="tree-heading">
        <h2 id="tree-heading">Requirements</h2>
        <div className="tree-actions">
          <button type="button" onClick={() => setExpanded(new Set(branches))} data-testid="expand-all">
            Expand all
          </button>
          <button type="button" onClick={() => setExpanded(new Set())} data-testid="collapse-all">
            Collapse all
          </button>
          <span className="muted small" data-testid="requirement-count">
            {items.length} requirements
          </span>
        </div>
        {tree.length === 0 ? (
          <p className="muted">This framework has no requirements.</p>
        ) : (
          <RequirementTree tree={tree} frameworkId={f.id} expanded={open} located={located} onToggle={toggle} />
        )}
      </section>
    </>
  )
}
