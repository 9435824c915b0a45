// Routes. Register pages are generated from config/registers.ts, so a new register gets its
// list, detail, create and edit URLs without touching this file. Everything is behind the
// auth gate: without an active session only the sign-in steps are reachable.
import { useEffect, useRef, type ReactNode } from 'react'
import { AuthEventsPage } from './access/AuthEventsPage'
import { GroupPage } from './access/GroupPage'
import { GroupsPage } from './access/GroupsPage'
import { MyAccessPage } from './access/MyAccessPage'
import { PeoplePage } from './access/PeoplePage'
import { PersonPage } from './access/PersonPage'
import { RoleFormPage } from './access/RoleFormPage'
import { RolesPage } from './access/RolesPage'
import { SettingsPage } from './access/SettingsPage'
import { TokensPage } from './access/TokensPage'
import { UserDetailPage } from './access/UserDetailPage'
import { UserNewPage } from './access/UserNewPage'
import { UsersPage } from './access/UsersPage'
import { AuthGate } from './auth/AuthGate'
import { CataloguePage } from './catalogue/CataloguePage'
import { FrameworkPage } from './catalogue/FrameworkPage'
import { RequirementPage } from './catalogue/RequirementPage'
import { ErrorBoundary } from './components/ErrorBoundary'
import { ControlDetailPage } from './controls/ControlDetailPage'
import { ControlFormPage } from './controls/ControlFormPage'
import { ControlListPage } from './controls/ControlListPage'
import { OrganizationProvider } from './components/OrganizationContext'
import { Shell } from './components/Shell'
import { registers, type RegisterConfig } from './config/registers'
import { DocumentEditorPage } from './documents/DocumentEditorPage'
import { DocumentPage } from './documents/DocumentPage'
import { DocumentsPage } from './documents/DocumentsPage'
import { DashboardPage } from './pages/DashboardPage'
import { LedgerPage } from './pages/LedgerPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { RegisterDetailPage } from './register/RegisterDetail'
import { RegisterFormPage } from './register/RegisterForm'
import { RegisterListPage } from './register/RegisterList'
import { CycleComparePage } from './risk-cycles/CycleComparePage'
import { RiskCyclePage } from './risk-cycles/RiskCyclePage'
import { RiskCyclesPage } from './risk-cycles/RiskCyclesPage'
import { RiskMethodEditPage } from './risk-method/RiskMethodEditPage'
import { RiskMethodPage, RiskMethodVersionPage } from './risk-method/RiskMethodPage'
import { HeatMapPage } from './risks/HeatMapPage'
import { RiskDetailPage } from './risks/RiskDetailPage'
import { RiskFormPage } from './risks/RiskFormPage'
import { RiskListPage } from './risks/RiskListPage'
import { RiskSourcesPage } from './risks/RiskSourcesPage'
import { matchPath, useLocation } from './router'
import { SoaComparePage } from './soa/SoaComparePage'
import { SoaImportPage } from './soa/SoaImportPage'
import { SoaPage } from './soa/SoaPage'
import { SoaVersionPage } from './soa/SoaVersionPage'
import { SoaVersionsPage } from './soa/SoaVersionsPage'
import { TraceabilityPage } from './traceability/TraceabilityPage'
import { calendarRoutes } from './calendar/routes'
import { notificationsRoutes } from './notifications/routes'
import { objectivesRoutes } from './objectives/routes'
import { auditsRoutes } from './audits/routes'
import { reviewsRoutes } from './management-reviews/routes'
import { exceptionsRoutes } from './exceptions/routes'
import { incidentsRoutes } from './incidents/routes'

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
  { pattern: '/catalogue', render: () => <CataloguePage /> },
  { pattern: '/catalogue/:framework', render: (p) => <FrameworkPage key={p.framework} frameworkId={p.framework} /> },
  {
    pattern: '/catalogue/:framework/:ref',
    render: (p) => <RequirementPage key={`${p.framework}:${p.ref}`} frameworkId={p.framework} refId={p.ref} />,
  },
  { pattern: '/documents', render: () => <DocumentsPage /> },
  // "new" must be tried before ":id".
  { pattern: '/documents/new', render: () => <DocumentEditorPage /> },
  { pattern: '/documents/:id', render: (p) => <DocumentPage key={p.id} id={p.id} /> },
  { pattern: '/documents/:id/edit', render: (p) => <DocumentEditorPage key={p.id} id={p.id} /> },
  { pattern: '/traceability', render: () => <TraceabilityPage /> },
  // Risks ("new" and "heat-map" before ":id"; "compare" before the cycle ":id").
  { pattern: '/risks', render: () => <RiskListPage /> },
  { pattern: '/risks/new', render: () => <RiskFormPage /> },
  { pattern: '/risks/heat-map', render: () => <HeatMapPage /> },
  { pattern: '/risks/:id', render: (p) => <RiskDetailPage key={p.id} id={p.id} /> },
  { pattern: '/risks/:id/edit', render: (p) => <RiskFormPage key={p.id} id={p.id} /> },
  { pattern: '/threats', render: () => <RiskSourcesPage key="threat" kind="threat" /> },
  { pattern: '/vulnerabilities', render: () => <RiskSourcesPage key="vulnerability" kind="vulnerability" /> },
  { pattern: '/risk-method', render: () => <RiskMethodPage /> },
  { pattern: '/risk-method/edit', render: () => <RiskMethodEditPage /> },
  { pattern: '/risk-method/versions/:number', render: (p) => <RiskMethodVersionPage key={p.number} number={Number(p.number)} /> },
  { pattern: '/risk-cycles', render: () => <RiskCyclesPage /> },
  { pattern: '/risk-cycles/compare', render: () => <CycleComparePage /> },
  { pattern: '/risk-cycles/:id', render: (p) => <RiskCyclePage key={p.id} id={p.id} /> },
  // Controls and the SoA ("new" before ":id"; "versions", "compare", "import" are literal).
  { pattern: '/controls', render: () => <ControlListPage /> },
  { pattern: '/controls/new', render: () => <ControlFormPage /> },
  { pattern: '/controls/:id', render: (p) => <ControlDetailPage key={p.id} id={p.id} /> },
  { pattern: '/controls/:id/edit', render: (p) => <ControlFormPage key={p.id} id={p.id} /> },
  { pattern: '/soa', render: () => <SoaPage /> },
  { pattern: '/soa/versions', render: () => <SoaVersionsPage /> },
  { pattern: '/soa/versions/:id', render: (p) => <SoaVersionPage key={p.id} id={p.id} /> },
  { pattern: '/soa/compare', render: () => <SoaComparePage /> },
  { pattern: '/soa/import', render: () => <SoaImportPage /> },
  // Issue 6: each module's own route table.
  ...calendarRoutes,
  ...notificationsRoutes,
  ...objectivesRoutes,
  ...auditsRoutes,
  ...reviewsRoutes,
  ...exceptionsRoutes,
  ...incidentsRoutes,
  { pattern: '/me', render: () => <MyAccessPage /> },
  { pattern: '/tokens', render: () => <TokensPage /> },
  { pattern: '/people', render: () => <PeoplePage /> },
  { pattern: '/people/new', render: () => <PersonPage /> },
  { pattern: '/people/:id', render: (p) => <PersonPage key={p.id} id={p.id} /> },
  { pattern: '/groups', render: () => <GroupsPage /> },
  { pattern: '/groups/new', render: () => <GroupPage /> },
  { pattern: '/groups/:id', render: (p) => <GroupPage key={p.id} id={p.id} /> },
  { pattern: '/admin/users', render: () => <UsersPage /> },
  { pattern: '/admin/users/new', render: () => <UserNewPage /> },
  { pattern: '/admin/users/:id', render: (p) => <UserDetailPage key={p.id} id={p.id} /> },
  { pattern: '/admin/roles', render: () => <RolesPage /> },
  { pattern: '/admin/roles/new', render: () => <RoleFormPage /> },
  { pattern: '/admin/roles/:id', render: (p) => <RoleFormPage key={p.id} id={p.id} /> },
  { pattern: '/admin/auth-events', render: () => <AuthEventsPage /> },
  { pattern: '/admin/settings', render: () => <SettingsPage /> },
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
    <AuthGate>
      <OrganizationProvider>
        <Shell>
          <ErrorBoundary resetKey={pathname}>
            <CurrentPage />
          </ErrorBoundary>
        </Shell>
      </OrganizationProvider>
    </AuthGate>
  )
}
