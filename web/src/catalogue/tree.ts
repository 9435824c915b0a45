// The requirement tree of a framework, built on the client from parent_ref_id (the API
// sends the requirements flat, in catalogue order). Robust against data that breaks the
// rules: a parent that does not exist, a requirement that is its own parent, or a cycle
// makes the requirement a root instead of hiding it.
import type { Requirement } from '../api/types'

export interface TreeNode {
  requirement: Requirement
  children: TreeNode[]
  depth: number
}

function parentOf(r: Requirement): string {
  return r.parent_ref_id ?? ''
}

/** Catalogue order: position when both have one, else the order received. */
function inCatalogueOrder(requirements: readonly Requirement[]): Requirement[] {
  return requirements
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const pa = a.r.position
      const pb = b.r.position
      if (pa !== undefined && pb !== undefined && pa !== pb) return pa - pb
      return a.i - b.i
    })
    .map((x) => x.r)
}

export function buildTree(requirements: readonly Requirement[]): TreeNode[] {
  const ordered = inCatalogueOrder(requirements)
  const nodes = new Map<string, TreeNode>()
  for (const r of ordered) {
    // A duplicate ref_id keeps the first one (the API promises uniqueness).
    if (!nodes.has(r.ref_id)) nodes.set(r.ref_id, { requirement: r, children: [], depth: 0 })
  }
  const roots: TreeNode[] = []
  const attached = new Set<string>()
  for (const r of ordered) {
    const node = nodes.get(r.ref_id)
    if (!node || node.requirement !== r || attached.has(r.ref_id)) continue
    attached.add(r.ref_id)
    const parent = nodes.get(parentOf(r))
    if (parentOf(r) === '' || !parent || parent === node) roots.push(node)
    else parent.children.push(node)
  }
  // Nodes in a cycle are reachable from no root: break the cycle at its first member.
  const reached = new Set<TreeNode>()
  const walk = (list: TreeNode[], depth: number) => {
    const stack = list.map((n) => ({ n, depth })).reverse()
    while (stack.length > 0) {
      const { n, depth: d } = stack.pop()!
      if (reached.has(n)) continue
      reached.add(n)
      n.depth = d
      for (let i = n.children.length - 1; i >= 0; i--) stack.push({ n: n.children[i], depth: d + 1 })
    }
  }
  walk(roots, 0)
  for (const r of ordered) {
    const node = nodes.get(r.ref_id)
    if (!node || reached.has(node)) continue
    // Detach it from its (cyclic) parent and make it a root.
    const parent = nodes.get(parentOf(r))
    if (parent) parent.children = parent.children.filter((c) => c !== node)
    roots.push(node)
    walk([node], 0)
  }
  return roots
}

/** Ref ids of every node that has children (what "expand all" opens). */
export function branchRefs(roots: readonly TreeNode[]): string[] {
  const out: string[] = []
  const visit = (list: readonly TreeNode[]) => {
    for (const n of list) {
      if (n.children.length > 0) {
        out.push(n.requirement.ref_id)
        visit(n.children)
      }
    }
  }
  visit(roots)
  return out
}

/** The ref ids from the root down to (not including) `refId`: what must be open to show it. */
export function pathTo(requirements: readonly Requirement[], refId: string): string[] {
  const byRef = new Map(requirements.map((r) => [r.ref_id, r]))
  const path: string[] = []
  const seen = new Set<string>([refId])
  let current = byRef.get(refId)
  while (current) {
    const parent = parentOf(current)
    if (parent === '' || seen.has(parent) || !byRef.has(parent)) break
    seen.add(parent)
    path.unshift(parent)
    current = byRef.get(parent)
  }
  return path
}

/** Number of requirements below a node. */
export function descendantCount(node: TreeNode): number {
  let n = 0
  const stack = [...node.children]
  while (stack.length > 0) {
    const c = stack.pop()!
    n++
    stack.push(...c.children)
  }
  return n
}

/** The nodes visible with `expanded` open, in display order (for keyboard-free rendering and tests). */
export function visibleNodes(roots: readonly TreeNode[], expanded: ReadonlySet<string>): TreeNode[] {
  const out: TreeNode[] = []
  const visit = (list: readonly TreeNode[]) => {
    for (const n of list) {
      out.push(n)
      if (expanded.has(n.requirement.ref_id)) visit(n.children)
    }
  }
  visit(roots)
  return out
}

/** DOM id of a node's row (for "show in tree" scrolling). */
export function nodeDomId(refId: string): string {
  return `req-${refId}`
}
