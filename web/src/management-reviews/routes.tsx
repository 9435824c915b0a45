// Pages of the reviews module, spread into App.tsx's route table ("new" and literal
// segments before ":id").
import type { PageRoute } from '../router/pageRoute'
import { NewReviewPage } from './NewReviewPage'
import { ReviewPage } from './ReviewPage'
import { ReviewsPage } from './ReviewsPage'

export const reviewsRoutes: PageRoute[] = [
  { pattern: '/management-reviews', render: () => <ReviewsPage /> },
  { pattern: '/management-reviews/new', render: () => <NewReviewPage /> },
  { pattern: '/management-reviews/:id', render: (p) => <ReviewPage key={p.id} id={p.id} /> },
]
