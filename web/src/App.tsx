// Routes. Register pages are generated from config/registers.ts, so a new register gets its
// list, detail, create and edit URLs without touching this file.
import { useEffect, useRef, type ReactNode } from 'react'
import { ErrorBoundary } from './components/ErrorBoundary'
import { OrganizationProvider } from './components/OrganizationContext'
import { Shell } from './components/Shell'
import { registers, type RegisterConfig } from './config/registers'
import { DashboardPage } from './pages/DashboardPage'
import { LedgerPage } from './pages/LedgerPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { RegisterDetailPage } from './register/RegisterDetail'
import { RegisterFormPage } from './register/RegisterForm'
import { RegisterListPage } from './register/RegisterList'
import { matchPath, useLocation } from './router'

interface Route {
  pattern: string
  render: (params: Record<string, string>) => ReactNode
}

function registerRoutes(config: RegisterConfig): Route[] {
  return [
    { pattern: config.route, render: () => <RegisterListPage config={config} /> },
    // "new" must be tried before ":id".
    { pattern: `${config.route}/new`, render: () => <RegisterFormPage config={config} /> },
    { pattern: `${config.route}/:id`, render: (p) => <RegisterDetailPage key={p.id} config={config} id={p.id} /> },
    {
      pattern: `${config.route}/:id/edit`,
      render: (p) => <RegisterFormPage key={p.id} config={config} id={p.id} />,
    },
  ]
}

const routes: Route[] = [
  { pattern: '/', render: () => <DashboardPage /> },
  ...registers.flatMap(registerRoutes),
  { pattern: '/ledger', render: () => <LedgerPage /> },
]

function CurrentPage() {
  const { pathname } = useLocation()
  for (const route of routes) {
    const params = matchPath(route.pattern, pathname)
    if (params) return <>{route.render(params)}</>
  }
  return <NotFoundPage />
}

/** After a client-side page change, move focus to the content, as a full page load would. */
function useFocusMainOnNavigation(pathname: string): void {
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    document.getElementById('main')?.focus({ preventScroll: true })
  }, [pathname])
}

export function App() {
  const { pathname } = useLocation()
  useFocusMainOnNavigation(pathname)
  return (
    <OrganizationProvider>
      <Shell>
        <ErrorBoundary resetKey={pathname}>
          <CurrentPage />
        </ErrorBoundary>
      </Shell>
    </OrganizationProvider>
  )
}
