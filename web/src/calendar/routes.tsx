// Pages of the calendar module, spread into App.tsx's route table ("new" and literal
// segments before ":id").
import type { PageRoute } from '../router/pageRoute'
import { ActivitiesPage } from './ActivitiesPage'
import { ActivityFormPage } from './ActivityFormPage'
import { ActivityPage } from './ActivityPage'
import { CalendarPage } from './CalendarPage'

export const calendarRoutes: PageRoute[] = [
  { pattern: '/calendar', render: () => <CalendarPage /> },
  { pattern: '/calendar/activities', render: () => <ActivitiesPage /> },
  { pattern: '/calendar/activities/new', render: () => <ActivityFormPage /> },
  { pattern: '/calendar/activities/:id/edit', render: (p) => <ActivityFormPage id={p.id} /> },
  { pattern: '/calendar/activities/:id', render: (p) => <ActivityPage id={p.id} /> },
]
