import { describe, expect, it } from 'vitest'
import { isActive, navItemVisible, navSections, visibleNav } from './nav'

const labels = (permissions: string[]) => visibleNav(navSections, permissions).flatMap((s) => s.items.map((i) => i.label))

describe('navigation by permission', () => {
  it('shows an administrator the administration pages, not the registry they may not write', () => {
    const admin = ['organization:read', 'assets:read', 'people:read', 'people:write', 'roles:read', 'roles:manage', 'groups:read', 'users:manage', 'settings:manage', 'tokens:manage_all', 'auth_events:read']
    const shown = labels(admin)
    expect(shown).toEqual(
      expect.arrayContaining(['Dashboard', 'IT Systems Registry', 'People', 'Users', 'Roles', 'Authentication events', 'Settings', 'API tokens']),
    )
    expect(shown).not.toContain('Ledger')
  })

  it('hides what a contractor may not open, and drops empty sections', () => {
    const sections = visibleNav(navSections, ['organization:read', 'assets:read'])
    expect(sections.flatMap((s) => s.items.map((i) => i.label))).toEqual(['Dashboard', 'IT Systems Registry', 'API tokens'])
    expect(sections.map((s) => s.label)).toEqual([undefined, 'People and access'])
  })

  it('shows entries without a permission to everyone and accepts any of several', () => {
    expect(navItemVisible({ label: 'x', to: '/x' }, [])).toBe(true)
    expect(navItemVisible({ label: 'x', to: '/x', permission: ['a:read', 'a:manage'] }, ['a:manage'])).toBe(true)
    expect(navItemVisible({ label: 'x', to: '/x', permission: 'a:read' }, ['b:read'])).toBe(false)
    expect(labels([])).toEqual(['API tokens'])
  })

  it('shows the compliance pages by catalogue and document permissions', () => {
    const ciso = ['organization:read', 'catalogue:read', 'catalogue:manage', 'documents:read', 'documents:write']
    expect(labels(ciso)).toEqual(expect.arrayContaining(['Documents', 'Catalogue', 'Gaps']))
    // a contractor reads documents but not the catalogue: no gap report either
    const contractor = labels(['organization:read', 'assets:read', 'documents:read'])
    expect(contractor).toContain('Documents')
    expect(contractor).not.toContain('Catalogue')
    expect(contractor).not.toContain('Gaps')
    expect(labels(['catalogue:read'])).not.toContain('Gaps')
  })

  it('marks the current section', () => {
    expect(isActive('/', '/')).toBe(true)
    expect(isActive('/', '/assets')).toBe(false)
    expect(isActive('/admin/users', '/admin/users/u1')).toBe(true)
    expect(isActive('/people', '/peoplex')).toBe(false)
  })
})
