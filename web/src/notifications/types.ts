// Wire shapes of /api/v1/notifications (docs/parts/notifications.md "API").

export type StartTls = 'none' | 'opportunistic' | 'required'
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'abandoned'
export type WebhookEvent = 'reminder' | 'overdue' | 'digest'

export interface NotificationSettings {
  smtp: { url: string; from: string; username: string; password_set: boolean; starttls: StartTls }
  offsets: number[]
  overdue_notice: boolean
  digest: { enabled: boolean; weekday: number; hour: number }
  channels: { email: boolean; webhook: boolean }
  version: number
}

export interface Webhook {
  id: string
  url: string
  events: WebhookEvent[]
  description: string
  active: boolean
  version: number
  created_at: string
  updated_at: string
}

export interface CreatedWebhook extends Webhook {
  secret: string
}

export interface DeliveryAttempt {
  at: string
  outcome: string
  error: string
}

export interface Delivery {
  id: string
  channel: 'email' | 'webhook'
  target: string
  event: string
  person_id: string
  subject: string
  status: DeliveryStatus
  attempts: number
  last_error: string
  next_attempt_at: string | null
  history: DeliveryAttempt[]
  created_at: string
  updated_at: string
  version: number
}

export interface DeliveryPage {
  items: Delivery[]
  next_cursor: string | null
}

export interface RunReport {
  planned: number
  sent: number
  failed: number
  abandoned: number
  skipped: number
}
