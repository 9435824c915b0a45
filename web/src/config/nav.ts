// Left navigation: what exists today, then the registers that are planned (shown disabled
// so users see where the ISMS is going).

export interface NavItem {
  label: string
  to?: string
}

export const navItems: NavItem[] = [
  { label: 'Dashboard', to: '/' },
  { label: 'IT Systems Registry', to: '/assets' },
  { label: 'Ledger', to: '/ledger' },
]

export const comingSoon: string[] = [
  'Roles & Responsibility',
  'Policies & Documents',
  'Requirements',
  'Statement of Applicability',
  'Risks',
  'Controls',
  'Objectives',
  'Audits',
  'Incidents',
  'Suppliers',
  'Access Reviews',
]

/** Whether a nav entry is the current section ("/" only matches exactly). */
export function isActive(to: string, pathname: string): boolean {
  if (to === '/') return pathname === '/'
  return pathname === to || pathname.startsWith(`${to}/`)
}
