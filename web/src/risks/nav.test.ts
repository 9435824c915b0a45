import { describe, expect, it } from 'vitest'
import { comingSoon, navSections, visibleNav } from '../config/nav'

describe('risk navigation', () => {
  it('shows the risk section to risk readers only', () => {
    const labels = (p: string[]) => visibleNav(navSections, p).flatMap((s) => s.items.map((i) => i.to))
    expect(labels(['risks:read'])).toEqual(expect.arrayContaining(['/risks', '/risk-cycles', '/threats', '/vulnerabilities', '/risk-method']))
    expect(labels(['assets:read'])).not.toContain('/risks')
    expect(comingSoon).not.toContain('Risks')
  })
})
