// Pages of the objectives module, spread into App.tsx's route table ("new" and literal
// segments before ":id").
import type { PageRoute } from '../router/pageRoute'
import { ObjectivePage } from './ObjectivePage'
import { ObjectivesPage } from './ObjectivesPage'

export const objectivesRoutes: PageRoute[] = [
  { pattern: '/objectives', render: () => <ObjectivesPage /> },
  { pattern: '/objectives/:id', render: (p) => <ObjectivePage id={p.id} /> },
]
