// Pages of the exceptions module, spread into App.tsx's route table ("new" and literal
// segments before ":id"). /reviews ("needs review") lives here too.
import type { PageRoute } from '../router/pageRoute'
import { ExceptionPage } from './ExceptionPage'
import { ExceptionsPage } from './ExceptionsPage'
import { NewExceptionPage } from './NewExceptionPage'
import { ReviewsPage } from './ReviewsPage'

export const exceptionsRoutes: PageRoute[] = [
  { pattern: '/exceptions', render: () => <ExceptionsPage /> },
  { pattern: '/exceptions/new', render: () => <NewExceptionPage /> },
  { pattern: '/exceptions/:id', render: (p) => <ExceptionPage key={p.id} id={p.id} /> },
  { pattern: '/reviews', render: () => <ReviewsPage /> },
]
