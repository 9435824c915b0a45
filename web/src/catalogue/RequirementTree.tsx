// The requirement tree as nested lists with disclosure buttons (aria-expanded): each node
// links to its requirement page; collapsed branches say how much is below them.
import { Link } from '../router'
import { requirementHref } from './keys'
import { descendantCount, nodeDomId, type TreeNode } from './tree'

interface NodeProps {
  node: TreeNode
  frameworkId: string
  expanded: ReadonlySet<string>
  located: string | undefined
  onToggle: (refId: string) => void
}

function TreeItem({ node, frameworkId, expanded, located, onToggle }: NodeProps) {
  const r = node.requirement
  const open = expanded.has(r.ref_id)
  const hasChildren = node.children.length > 0
  const groupId = `${nodeDomId(r.ref_id)}-children`
  return (
    <li data-testid={`tree-node-${r.ref_id}`} data-depth={node.depth}>
      <div className={`req-node-row${located === r.ref_id ? ' located' : ''}`} id={nodeDomId(r.ref_id)}>
        {hasChildren ? (
          <button
            type="button"
            className="tree-toggle"
            aria-expanded={open}
            aria-controls={open ? groupId : undefined}
            aria-label={`${open ? 'Collapse' : 'Expand'} ${r.ref_id}`}
            onClick={() => onToggle(r.ref_id)}
            data-testid={`tree-toggle-${r.ref_id}`}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="tree-spacer" aria-hidden="true" />
        )}
        <Link to={requirementHref(frameworkId, r.ref_id)} className="req-ref">
          {r.ref_id}
        </Link>
        <span className="req-title">{r.title || <span className="muted">(untitled)</span>}</span>
        {r.kind && <span className="tag">{r.kind}</span>}
        {hasChildren && !open && <span className="req-count">{descendantCount(node)} below</span>}
      </div>
      {hasChildren && open && (
        <ul id={groupId}>
          {node.children.map((c) => (
            <TreeItem key={c.requirement.ref_id} node={c} frameworkId={frameworkId} expanded={expanded} located={located} onToggle={onToggle} />
          ))}
        </ul>
      )}
    </li>
  )
}

interface TreeProps {
  tree: readonly TreeNode[]
  frameworkId: string
  expanded: ReadonlySet<string>
  located?: string
  onToggle: (refId: string) => void
}

export function RequirementTree({ tree, frameworkId, expanded, located, onToggle }: TreeProps) {
  return (
    <ul className="req-tree" data-testid="requirement-tree">
      {tree.map((n) => (
        <TreeItem key={n.requirement.ref_id} node={n} frameworkId={frameworkId} expanded={expanded} located={located} onToggle={onToggle} />
      ))}
    </ul>
  )
}
