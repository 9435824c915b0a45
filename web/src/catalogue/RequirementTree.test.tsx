import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { Requirement } from '../api/types'
import { RequirementTree } from './RequirementTree'
import { buildTree } from './tree'

const req = (ref_id: string, parent_ref_id = ''): Requirement => ({ key: `iso27001-2022:${ref_id}`, framework_id: 'iso27001-2022', ref_id, parent_ref_id, title: `T ${ref_id}` })
const tree = buildTree([req('A'), req('A.5', 'A'), req('A.5.1', 'A.5'), req('A.5.2', 'A.5'), req('4')])
const render = (expanded: string[]) =>
  renderToStaticMarkup(<RequirementTree tree={tree} frameworkId="iso27001-2022" expanded={new Set(expanded)} onToggle={() => {}} />)

describe('RequirementTree', () => {
  it('renders nodes with stable test ids, links and disclosure buttons', () => {
    const html = render(['A'])
    expect(html).toContain('data-testid="tree-node-A"')
    expect(html).toContain('data-testid="tree-node-A.5"')
    expect(html).not.toContain('data-testid="tree-node-A.5.1"')
    expect(html).toContain('href="/catalogue/iso27001-2022/A.5"')
    expect(html).toMatch(/aria-expanded="true"[^>]*aria-label="Collapse A"/)
    expect(html).toMatch(/aria-expanded="false"[^>]*aria-label="Expand A.5"/)
    expect(html).toContain('2 below')
    // a leaf has no toggle
    expect(html).not.toContain('aria-label="Expand 4"')
  })

  it('shows every node when all branches are open', () => {
    const html = render(['A', 'A.5'])
    for (const ref of ['A', 'A.5', 'A.5.1', 'A.5.2', '4']) expect(html).toContain(`data-testid="tree-node-${ref}"`)
  })
})
