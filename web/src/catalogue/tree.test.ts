import { describe, expect, it } from 'vitest'
import type { Requirement } from '../api/types'
import { branchRefs, buildTree, descendantCount, pathTo, visibleNodes, type TreeNode } from './tree'

const req = (ref_id: string, parent_ref_id = '', position?: number): Requirement => ({
  key: `fw:${ref_id}`,
  framework_id: 'fw',
  ref_id,
  parent_ref_id,
  title: `Title ${ref_id}`,
  position,
})

const shape = (nodes: TreeNode[]): unknown =>
  nodes.map((n) => (n.children.length > 0 ? { [n.requirement.ref_id]: shape(n.children) } : n.requirement.ref_id))

describe('buildTree', () => {
  it('nests requirements by parent_ref_id in catalogue order', () => {
    const tree = buildTree([req('4'), req('4.1', '4'), req('4.2', '4'), req('A'), req('A.5', 'A'), req('A.5.1', 'A.5'), req('A.5.2', 'A.5')])
    expect(shape(tree)).toEqual([{ '4': ['4.1', '4.2'] }, { A: [{ 'A.5': ['A.5.1', 'A.5.2'] }] }])
    expect(tree[1].children[0].children[1].depth).toBe(2)
  })

  it('accepts children before their parents and orders by position', () => {
    const tree = buildTree([req('1.1', '1', 1), req('1.2', '1', 2), req('1', '', 0), req('2', null as unknown as string, 3)])
    expect(shape(tree)).toEqual([{ '1': ['1.1', '1.2'] }, '2'])
  })

  it('keeps requirements whose parent is missing, themselves, or in a cycle, as roots', () => {
    const tree = buildTree([req('x', 'missing'), req('self', 'self'), req('a', 'b'), req('b', 'a')])
    const refs = visibleNodes(tree, new Set(branchRefs(tree))).map((n) => n.requirement.ref_id)
    expect(refs.sort()).toEqual(['a', 'b', 'self', 'x'])
    expect(tree.map((n) => n.requirement.ref_id)).toEqual(['x', 'self', 'a'])
    expect(shape(tree)).toEqual(['x', 'self', { a: ['b'] }])
  })

  it('keeps the first of duplicate ref ids', () => {
    const tree = buildTree([req('1'), { ...req('1'), title: 'again' }])
    expect(tree).toHaveLength(1)
    expect(tree[0].requirement.title).toBe('Title 1')
  })

  it('handles deep chains without recursion limits', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => req(`n${i}`, i === 0 ? '' : `n${i - 1}`))
    const tree = buildTree(chain)
    expect(tree).toHaveLength(1)
    expect(descendantCount(tree[0])).toBe(4999)
    expect(pathTo(chain, 'n3')).toEqual(['n0', 'n1', 'n2'])
  })
})

describe('tree helpers', () => {
  const items = [req('A'), req('A.5', 'A'), req('A.5.1', 'A.5'), req('A.6', 'A'), req('4')]
  const tree = buildTree(items)

  it('lists the branches expand-all opens', () => {
    expect(branchRefs(tree)).toEqual(['A', 'A.5'])
  })

  it('shows children only of expanded nodes', () => {
    expect(visibleNodes(tree, new Set()).map((n) => n.requirement.ref_id)).toEqual(['A', '4'])
    expect(visibleNodes(tree, new Set(['A'])).map((n) => n.requirement.ref_id)).toEqual(['A', 'A.5', 'A.6', '4'])
    expect(visibleNodes(tree, new Set(['A', 'A.5'])).map((n) => n.requirement.ref_id)).toEqual(['A', 'A.5', 'A.5.1', 'A.6', '4'])
  })

  it('finds the path to open for a requirement', () => {
    expect(pathTo(items, 'A.5.1')).toEqual(['A', 'A.5'])
    expect(pathTo(items, '4')).toEqual([])
    expect(pathTo(items, 'unknown')).toEqual([])
    expect(pathTo([req('a', 'b'), req('b', 'a')], 'a')).toEqual(['b'])
  })

  it('counts descendants', () => {
    expect(descendantCount(tree[0])).toBe(3)
    expect(descendantCount(tree[1])).toBe(0)
  })
})
