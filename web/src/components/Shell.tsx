// The ISMS Dashboard shell: header with the organization, left navigation, main content.
import type { ReactNode } from 'react'
import { comingSoon, isActive, navItems } from '../config/nav'
import { Link, useLocation } from '../router'
import { useOrganization } from './OrganizationContext'

export function Shell({ children }: { children: ReactNode }) {
  const { pathname } = useLocation()
  const org = useOrganization()
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span aria-hidden="true" className="brand-mark">◆</span> isms
        </Link>
        <span className="org" data-testid="org-name" title="Organization">
          {org.data?.name ?? (org.error ? 'Organization unavailable' : '…')}
        </span>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {navItems.map((item) => {
            const active = item.to !== undefined && isActive(item.to, pathname)
            return (
              <li key={item.label}>
                <Link to={item.to ?? '/'} aria-current={active ? 'page' : undefined} className={active ? 'active' : undefined}>
                  {item.label}
                </Link>
              </li>
            )
          })}
        </ul>
        <p className="nav-group" id="nav-soon">
          Registers to come
        </p>
        <ul aria-labelledby="nav-soon">
          {comingSoon.map((label) => (
            <li key={label}>
              <span className="disabled" aria-disabled="true">
                {label} <span className="soon">soon</span>
              </span>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  )
}
