// The ISMS Dashboard shell: header with the organization and the signed-in user, left
// navigation (only what the user may open), main content.
import type { ReactNode } from 'react'
import { logout } from '../auth/actions'
import { useAuth } from '../auth/store'
import { comingSoon, isActive, navSections, visibleNav } from '../config/nav'
import { Link, useLocation } from '../router'
import { useOrganization } from './OrganizationContext'

export function Shell({ children }: { children: ReactNode }) {
  const { pathname } = useLocation()
  const org = useOrganization()
  const { session } = useAuth()
  const sections = visibleNav(navSections, session.permissions)
  const who = session.user.person_name || session.user.username
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
        <span className="user-menu">
          <span className="user-name" data-testid="user-name" title={`Signed in as ${session.user.username}`}>
            {who}
          </span>
          <Link to="/me" data-testid="my-access" aria-current={pathname === '/me' ? 'page' : undefined}>
            My access
          </Link>
          <button type="button" className="topbar-button" onClick={() => void logout()} data-testid="logout">
            Log out
          </button>
        </span>
      </header>
      <nav className="sidenav" aria-label="Main">
        {sections.map((section, i) => {
          const headingId = `nav-section-${i}`
          return (
            <div key={section.label ?? i}>
              {section.label && (
                <p className="nav-group" id={headingId}>
                  {section.label}
                </p>
              )}
              <ul aria-labelledby={section.label ? headingId : undefined}>
                {section.items.map((item) => {
                  const active = isActive(item.to, pathname)
                  return (
                    <li key={item.to}>
                      <Link to={item.to} aria-current={active ? 'page' : undefined} className={active ? 'active' : undefined}>
                        {item.label}
                      </Link>
                    </li>
                  )
                })}
              </ul>
            </div>
          )
        })}
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
