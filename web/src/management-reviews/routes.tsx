// Pages of the reviews module, spread into App.tsx's route table ("new" and literal
// segments before ":id").
import type { PageRoute } from '../router/pageRoute'

export const reviewsRoutes: PageRoute[] = []
