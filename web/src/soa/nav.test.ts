import { describe, expect, it } from 'vitest'
import { matchPath } from '../router'
import { comingSoon, navSections, visibleNav } from '../config/nav'

describe('controls and SoA navigation', () => {
  it('shows controls and the SoA by their read permissions', () => {
    const entries = (p: string[]) => visibleNav(navSections, p).flatMap((s) => s.items.map((i) => i.to))
    expect(entries(['controls:read'])).toContain('/controls')
    expect(entries(['controls:read'])).not.toContain('/soa')
    expect(entries(['soa:read'])).toContain('/soa')
    expect(entries(['risks:read'])).not.toContain('/controls')
    expect(comingSoon).not.toContain('Controls')
    expect(comingSoon).not.toContain('Statement of Applicability')
  })

  it('routes literal SoA pages apart from version ids', () => {
    expect(matchPath('/soa/versions/:id', '/soa/versions/abc')).toEqual({ id: 'abc' })
    expect(matchPath('/controls/:id/edit', '/controls/c1/edit')).toEqual({ id: 'c1' })
  })
})
