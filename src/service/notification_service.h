// NotificationService: reminders by e-mail and webhook (domain/notification.h; docs/api.md
// "Notifications"). Settings, webhooks, the delivery log with manual retry, a test e-mail,
// and run_due(): plan what is due from the calendar's agenda, then send pending deliveries
// whose next attempt has come. Every use case needs "notifications:manage"; the reminder
// thread of `isms serve` runs as the system (run_due_as_system).
//
// Ledger: notification_settings.update, webhook.create|update|delete, delivery.plan|sent|
// failed|abandoned|retry (never message bodies, passwords or secrets).
// Sending happens outside any write transaction: plan in one transaction, send, then record
// each outcome in its own, so a slow SMTP server never holds the writer lock.
// Thread-safe (the transport must be too).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "domain/access.h"
#include "domain/notification.h"
#include "service/context.h"
#include "service/delivery_transport.h"

namespace isms {

struct SettingsView {
  NotificationSettings settings;
  int64_t version = 0;  // 0 while never saved (defaults)
};

struct CreatedWebhook {
  Webhook webhook;
  std::string secret;  // shown once
};

struct DeliveryQuery {
  std::optional<DeliveryStatus> status;
  std::string channel;  // "" | "email" | "webhook"
  int limit = 50;       // 1..500
  std::string cursor;   // next_cursor of the previous page
};

struct DeliveryPage {
  std::vector<Delivery> items;  // newest first
  std::string next_cursor;      // "" at the end
};

struct RunReport {
  int planned = 0;  // new deliveries
  int sent = 0;
  int failed = 0;
  int abandoned = 0;
  int skipped = 0;  // recipients without an e-mail address, channels off, ...
};
Json run_report_to_json(const RunReport& r);

class NotificationService {
 public:
  // transport: nullptr = CurlTransport.
  explicit NotificationService(const ServiceContext& ctx,
                               const DeliveryTransport* transport = nullptr);

  Result<SettingsView> settings(const Principal& p) const;
  // Merges the patch; kConflict when patch.version is given and stale.
  Result<SettingsView> update_settings(const Principal& p, const SettingsPatch& patch) const;

  Result<std::vector<Webhook>> list_webhooks(const Principal& p) const;
  Result<CreatedWebhook> create_webhook(const Principal& p, const WebhookPatch& patch) const;
  // Requires patch.version (kInvalid) and kConflict when stale.
  Result<Webhook> update_webhook(const Principal& p, const std::string& id,
                                 const WebhookPatch& patch) const;
  Status delete_webhook(const Principal& p, const std::string& id) const;  // archives it

  Result<DeliveryPage> deliveries(const Principal& p, const DeliveryQuery& q) const;
  Result<Delivery> delivery(const Principal& p, const std::string& id) const;
  // A failed or abandoned delivery goes back to pending, due now; kConflict otherwise.
  Result<Delivery> retry(const Principal& p, const std::string& id) const;

  // Sends a test e-mail now through the saved SMTP settings and returns its delivery
  // (status sent, or failed with the error; it is then retried like any other).
  Result<Delivery> test_email(const Principal& p, const std::string& to) const;

  // Plans what is due at the clock's now, then sends what is pending.
  Result<RunReport> run_due(const Principal& p) const;
  Result<RunReport> run_due_as_system() const;

 private:
  Result<RunReport> run(const Actor& actor) const;
  Status plan(const Actor& actor, RunReport* report) const;
  Status send_pending(const Actor& actor, RunReport* report) const;
  // Sends one delivery and records the outcome; the delivery as stored afterwards.
  Result<Delivery> attempt(const Actor& actor, const Delivery& d, RunReport* report) const;

  const ServiceContext& ctx_;
  const DeliveryTransport* transport_;
};

}  // namespace isms
