// Pages of the audits module, spread into App.tsx's route table ("new" and literal
// segments before ":id").
import type { PageRoute } from '../router/pageRoute'
import { AuditPage } from './AuditPage'
import { AuditsPage } from './AuditsPage'
import { CorrectiveActionsPage } from './CorrectiveActionsPage'
import { FindingPage } from './FindingPage'
import { FindingsPage } from './FindingsPage'

export const auditsRoutes: PageRoute[] = [
  { pattern: '/audits', render: () => <AuditsPage /> },
  { pattern: '/audits/:id', render: (p) => <AuditPage id={p.id} /> },
  { pattern: '/findings', render: () => <FindingsPage /> },
  { pattern: '/findings/:id', render: (p) => <FindingPage id={p.id} /> },
  { pattern: '/corrective-actions', render: () => <CorrectiveActionsPage /> },
]
