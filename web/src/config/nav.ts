// Left navigation: what exists today, grouped, each entry shown only to users who hold its
// permission (SessionInfo.permissions), then the registers that are planned (shown
// disabled so users see where the ISMS is going).

export interface NavItem {
  label: string
  to: string
  /** shown when the user holds this permission (or any of these); always when absent */
  permission?: string | readonly string[]
  /** and also every one of these */
  alsoRequires?: readonly string[]
}

export interface NavSection {
  /** heading above the section; the first section has none */
  label?: string
  items: NavItem[]
}

export const navSections: NavSection[] = [
  {
    items: [
      { label: 'Dashboard', to: '/', permission: 'organization:read' },
      { label: 'IT Systems Registry', to: '/assets', permission: 'assets:read' },
      { label: 'Ledger', to: '/ledger', permission: 'ledger:read' },
    ],
  },
  {
    label: 'Compliance',
    items: [
      { label: 'Documents', to: '/documents', permission: 'documents:read' },
      { label: 'Catalogue', to: '/catalogue', permission: 'catalogue:read' },
      { label: 'Gaps', to: '/traceability', permission: 'catalogue:read', alsoRequires: ['documents:read'] },
    ],
  },
  {
    label: 'Risk',
    items: [
      { label: 'Risks', to: '/risks', permission: 'risks:read' },
      { label: 'Risk cycles', to: '/risk-cycles', permission: 'risks:read' },
      { label: 'Threats', to: '/threats', permission: 'risks:read' },
      { label: 'Vulnerabilities', to: '/vulnerabilities', permission: 'risks:read' },
      { label: 'Risk method', to: '/risk-method', permission: 'risks:read' },
    ],
  },
  {
    label: 'Controls',
    items: [
      { label: 'Controls', to: '/controls', permission: 'controls:read' },
      { label: 'Statement of Applicability', to: '/soa', permission: 'soa:read' },
    ],
  },
  {
    label: 'Running the ISMS',
    items: [
      { label: 'Calendar', to: '/calendar', permission: 'calendar:read' },
      { label: 'Needs review', to: '/reviews', permission: ['documents:read', 'risks:read', 'controls:read'] },
      { label: 'Objectives', to: '/objectives', permission: 'objectives:read' },
      { label: 'Audits', to: '/audits', permission: 'audits:read' },
      { label: 'Findings', to: '/findings', permission: 'audits:read' },
      { label: 'Management reviews', to: '/management-reviews', permission: 'reviews:read' },
      { label: 'Exceptions', to: '/exceptions', permission: ['exceptions:read', 'exceptions:request'] },
      { label: 'Incidents', to: '/incidents', permission: 'incidents:read' },
      { label: 'Report an event', to: '/events/new', permission: 'events:report' },
    ],
  },
  {
    label: 'People and access',
    items: [
      { label: 'People', to: '/people', permission: 'people:read' },
      { label: 'Working groups', to: '/groups', permission: 'groups:read' },
      { label: 'API tokens', to: '/tokens' },
    ],
  },
  {
    label: 'Administration',
    items: [
      { label: 'Users', to: '/admin/users', permission: 'users:manage' },
      { label: 'Roles', to: '/admin/roles', permission: ['roles:read', 'roles:manage'] },
      { label: 'Authentication events', to: '/admin/auth-events', permission: 'auth_events:read' },
      { label: 'Settings', to: '/admin/settings', permission: 'settings:manage' },
      { label: 'Notifications', to: '/admin/notifications', permission: 'notifications:manage' },
    ],
  },
]

export const comingSoon: string[] = [
  'Roles & Responsibility',
  'Suppliers',
  'Access Reviews',
]

export function navItemVisible(item: NavItem, permissions: readonly string[]): boolean {
  if (item.alsoRequires && !item.alsoRequires.every((p) => permissions.includes(p))) return false
  if (item.permission === undefined) return true
  const wanted = typeof item.permission === 'string' ? [item.permission] : item.permission
  return wanted.some((p) => permissions.includes(p))
}

/** The sections as this user sees them: entries without permission dropped, then empty sections. */
export function visibleNav(sections: readonly NavSection[], permissions: readonly string[]): NavSection[] {
  return sections
    .map((s) => ({ ...s, items: s.items.filter((i) => navItemVisible(i, permissions)) }))
    .filter((s) => s.items.length > 0)
}

/** Whether a nav entry is the current section ("/" only matches exactly). */
export function isActive(to: string, pathname: string): boolean {
  if (to === '/') return pathname === '/'
  return pathname === to || pathname.startsWith(`${to}/`)
}
