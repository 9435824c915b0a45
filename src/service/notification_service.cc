// Settings, webhooks and the delivery log (notification_run.cc holds the run and sending).
#include "service/notification_service.h"

#include "base/crypto.h"
#include "service/admin_common.h"
#include "service/ledger_recorder.h"
#include "service/notification_records.h"

namespace isms {

using namespace notify_internal;

namespace {

constexpr const char* kPermission = "notifications:manage";

// The settings as the ledger shows them: no password, only whether one is set.
Json settings_change_view(const NotificationSettings& s) {
  Json j = settings_to_json(s, 0);
  j.erase("version");
  return j;
}

Json webhook_change_view(const Webhook& w) {
  return Json{
      {"url", w.url}, {"events", w.events}, {"description", w.description}, {"active", w.active}};
}

std::string encode_cursor(const Delivery& d) {
  return base64url_encode(d.created_at + "\n" + d.id);
}

Result<std::pair<std::string, std::string>> decode_cursor(const std::string& cursor) {
  std::string raw;
  size_t nl = std::string::npos;
  if (!base64url_decode(cursor, &raw) || (nl = raw.find('\n')) == std::string::npos) {
    return Error::malformed("cursor: not a cursor of this list", "cursor");
  }
  return std::make_pair(raw.substr(0, nl), raw.substr(nl + 1));
}

}  // namespace

Json run_report_to_json(const RunReport& r) {
  return Json{{"planned", r.planned},
              {"sent", r.sent},
              {"failed", r.failed},
              {"abandoned", r.abandoned},
              {"skipped", r.skipped}};
}

NotificationService::NotificationService(const ServiceContext& ctx,
                                         const DeliveryTransport* transport)
    : ctx_(ctx), transport_(transport) {
  if (transport_ == nullptr) {
    static const CurlTransport curl;
    transport_ = &curl;
  }
}

Result<SettingsView> NotificationService::settings(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, kPermission));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(auto loaded, load_settings(*tx));
  return SettingsView{std::move(loaded.first), loaded.second};
}

Result<SettingsView> NotificationService::update_settings(const Principal& p,
                                                          const SettingsPatch& patch) const {
  ISMS_TRY(admin::require_permission(p, kPermission));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(auto loaded, load_settings(*tx));
  auto& [before, version] = loaded;
  if (patch.version && version != 0) {
    ISMS_TRY(check_version("the notification settings", version, *patch.version));
  }
  NotificationSettings after = before;
  ISMS_TRY(apply_settings_patch(patch, &after));
  if (patch.smtp_password) after.smtp.password_sealed = seal_password(ctx_, *patch.smtp_password);
  Json diff = admin::json_diff(settings_change_view(before), settings_change_view(after));
  if (patch.smtp_password) {
    diff["smtp.password"] = patch.smtp_password->empty() ? "removed" : "changed";
  }
  if (diff.empty() && version != 0) return SettingsView{before, version};
  std::string now = ctx_.clock->now_utc();
  OpRecord r;
  r.kind = kNotificationSettingsKind;
  r.id = kNotificationSettingsId;
  r.body = dump_json(settings_to_body(after));
  r.updated_at = now;
  if (version == 0) {
    r.version = 1;
    r.created_at = now;
    ISMS_TRY(tx->insert_op_record(r));
  } else {
    ISMS_ASSIGN(OpRecord stored,
                tx->get_op_record(kNotificationSettingsKind, kNotificationSettingsId));
    r.created_at = stored.created_at;
    r.version = version + 1;
    ISMS_TRY(tx->update_op_record(r, version));
  }
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("notification_settings.update", kNotificationSettingsKind,
                         kNotificationSettingsId, diff));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return SettingsView{std::move(after), r.version};
}

Result<std::vector<Webhook>> NotificationService::list_webhooks(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, kPermission));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return notify_internal::list_webhooks(*tx);
}

Result<CreatedWebhook> NotificationService::create_webhook(const Principal& p,
                                                           const WebhookPatch& patch) const {
  ISMS_TRY(admin::require_permission(p, kPermission));
  if (!patch.url) return Error::invalid("url", "is required");
  Webhook w;
  w.id = new_id();
  ISMS_TRY(apply_webhook_patch(patch, &w));
  // Shown once; the receiver uses this text as the HMAC key.
  std::string secret = "whsec_" + hex_encode(random_bytes(32));
  w.secret_sealed = seal_secret(ctx_, w.id, secret);
  w.active = true;
  w.version = 1;
  w.created_at = w.updated_at = ctx_.clock->now_utc();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_TRY(tx->insert_op_record(webhook_record(w)));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("webhook.create", kWebhookKind, w.id, webhook_change_view(w)));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return CreatedWebhook{std::move(w), std::move(secret)};
}

Result<Webhook> NotificationService::update_webhook(const Principal& p, const std::string& id,
                                                    const WebhookPatch& patch) const {
  ISMS_TRY(admin::require_permission(p, kPermission));
  if (!patch.version) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Webhook before, load_webhook(*tx, id));
  ISMS_TRY(check_version("webhook " + id, before.version, *patch.version));
  Webhook after = before;
  ISMS_TRY(apply_webhook_patch(patch, &after));
  Json diff = admin::json_diff(webhook_change_view(before), webhook_change_view(after));
  if (diff.empty()) return before;
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_op_record(webhook_record(after), before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("webhook.update", kWebhookKind, id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return after;
}

Status NotificationService::delete_webhook(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, kPermission));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Webhook w, load_webhook(*tx, id));
  OpRecord r = webhook_record(w);
  r.archived = true;
  r.status = "disabled";
  r.version = w.version + 1;
  r.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_op_record(r, w.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("webhook.delete", kWebhookKind, id, Json{{"url", w.url}}));
  ISMS_TRY(ledger.finish());
  return tx->commit();
}

Result<DeliveryPage> NotificationService::deliveries(const Principal& p,
                                                     const DeliveryQuery& q) const {
  ISMS_TRY(admin::require_permission(p, kPermission));
  if (q.limit < 1 || q.limit > 500) {
    return Error::invalid("limit", "must be an integer from 1 to 500");
  }
  if (!q.channel.empty() && q.channel != "email" && q.channel != "webhook") {
    return Error::invalid("channel", "must be email or webhook");
  }
  OpRecordQuery query;
  query.kind = kDeliveryKind;
  if (q.status) query.statuses = {std::string(delivery_status_name(*q.status))};
  query.order = OpRecordOrder::kCreated;
  query.descending = true;
  if (!q.cursor.empty()) {
    ISMS_ASSIGN(auto after, decode_cursor(q.cursor));
    query.after_key = after.first;
    query.after_id = after.second;
  }
  // The channel lives in the body: read batches until the page is full (or the end).
  query.limit = std::max(100, q.limit * 2);
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  DeliveryPage page;
  bool more = false;
  while (true) {
    ISMS_ASSIGN(std::vector<OpRecord> batch, tx->list_op_records(query));
    for (const auto& r : batch) {
      ISMS_ASSIGN(Delivery d, delivery_of(r));
      if (!q.channel.empty() && d.channel != q.channel) continue;
      if (static_cast<int>(page.items.size()) == q.limit) {
        more = true;
        break;
      }
      page.items.push_back(std::move(d));
    }
    if (more || static_cast<int>(batch.size()) < query.limit) break;
    query.after_key = batch.back().created_at;
    query.after_id = batch.back().id;
  }
  if (more) page.next_cursor = encode_cursor(page.items.back());
  return page;
}

Result<Delivery> NotificationService::delivery(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, kPermission));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return load_delivery(*tx, id);
}

Result<Delivery> NotificationService::retry(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, kPermission));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Delivery d, load_delivery(*tx, id));
  if (d.status != DeliveryStatus::kFailed && d.status != DeliveryStatus::kAbandoned) {
    return Error::conflict("delivery " + id + " is " + std::string(delivery_status_name(d.status)) +
                           ": only failed or abandoned deliveries can be retried");
  }
  std::string now = ctx_.clock->now_utc();
  std::string from(delivery_status_name(d.status));
  d.status = DeliveryStatus::kPending;
  d.next_attempt_at = now;
  d.history.push_back({now, "retry", ""});
  int64_t expected = d.version;
  d.version = expected + 1;
  d.updated_at = now;
  ISMS_TRY(tx->update_op_record(delivery_record(d), expected));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record(
      "delivery.retry", kDeliveryKind, id,
      Json{{"status", {{"from", from}, {"to", "pending"}}}, {"attempts", d.attempts}}));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return d;
}

}  // namespace isms
