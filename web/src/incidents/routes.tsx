// Pages of the incidents module, spread into App.tsx's route table ("new" and literal
// segments before ":id").
import type { PageRoute } from '../router/pageRoute'
import { EventsPage } from './EventsPage'
import { IncidentPage } from './IncidentPage'
import { IncidentsPage } from './IncidentsPage'
import { ReportEventPage } from './ReportEventPage'

export const incidentsRoutes: PageRoute[] = [
  { pattern: '/events/new', render: () => <ReportEventPage /> },
  { pattern: '/events', render: () => <EventsPage /> },
  { pattern: '/incidents', render: () => <IncidentsPage /> },
  { pattern: '/incidents/:id', render: (p) => <IncidentPage key={p.id} id={p.id} /> },
]
