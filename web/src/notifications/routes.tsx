// Pages of the notifications module, spread into App.tsx's route table ("new" and literal
// segments before ":id").
import type { PageRoute } from '../router/pageRoute'
import { NotificationsPage } from './NotificationsPage'

export const notificationsRoutes: PageRoute[] = [{ pattern: '/admin/notifications', render: () => <NotificationsPage /> }]
