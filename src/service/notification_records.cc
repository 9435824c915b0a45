#include "service/notification_records.h"

namespace isms::notify_internal {
namespace {

std::string password_place() {
  return sealed_associated_data("op_records", "notification_settings.smtp.password",
                                kNotificationSettingsId);
}

std::string secret_place(const std::string& webhook_id) {
  return sealed_associated_data("op_records", "webhook.secret", webhook_id);
}

}  // namespace

Result<std::pair<NotificationSettings, int64_t>> load_settings(StoreTx& tx) {
  auto r = tx.get_op_record(kNotificationSettingsKind, kNotificationSettingsId);
  if (!r.ok()) {
    if (r.error().code == ErrorCode::kNotFound) {
      return std::make_pair(NotificationSettings{}, int64_t{0});
    }
    return r.error();
  }
  ISMS_ASSIGN(Json body, parse_json(r->body));
  ISMS_ASSIGN(NotificationSettings s, settings_from_body(body));
  return std::make_pair(std::move(s), r->version);
}

Result<std::string> open_password(const ServiceContext& ctx, const NotificationSettings& s) {
  if (s.smtp.password_sealed.empty()) return std::string();
  return ctx.keyring->open(s.smtp.password_sealed, password_place());
}

std::string seal_password(const ServiceContext& ctx, const std::string& password) {
  if (password.empty()) return "";
  return ctx.keyring->seal(password, password_place());
}

namespace {

Result<Webhook> webhook_of(const OpRecord& r) {
  ISMS_ASSIGN(Json body, parse_json(r.body));
  ISMS_ASSIGN(Webhook w, webhook_from_body(body));
  w.id = r.id;
  w.active = r.status == "active";
  w.version = r.version;
  w.created_at = r.created_at;
  w.updated_at = r.updated_at;
  return w;
}

}  // namespace

Result<Webhook> load_webhook(StoreTx& tx, const std::string& id) {
  auto r = tx.get_op_record(kWebhookKind, id);
  if ((!r.ok() && r.error().code == ErrorCode::kNotFound) || (r.ok() && r->archived)) {
    return Error::not_found("webhook " + id + " not found");
  }
  if (!r.ok()) return r.error();
  return webhook_of(*r);
}

Result<std::vector<Webhook>> list_webhooks(StoreTx& tx) {
  OpRecordQuery q;
  q.kind = kWebhookKind;
  ISMS_ASSIGN(std::vector<OpRecord> records, tx.list_op_records(q));
  std::vector<Webhook> out;
  for (const auto& r : records) {
    ISMS_ASSIGN(Webhook w, webhook_of(r));
    out.push_back(std::move(w));
  }
  return out;
}

OpRecord webhook_record(const Webhook& w) {
  OpRecord r;
  r.kind = kWebhookKind;
  r.id = w.id;
  r.status = w.active ? "active" : "disabled";
  r.body = dump_json(webhook_to_body(w));
  r.version = w.version;
  r.created_at = w.created_at;
  r.updated_at = w.updated_at;
  return r;
}

Result<std::string> open_secret(const ServiceContext& ctx, const Webhook& w) {
  return ctx.keyring->open(w.secret_sealed, secret_place(w.id));
}

std::string seal_secret(const ServiceContext& ctx, const std::string& webhook_id,
                        const std::string& secret) {
  return ctx.keyring->seal(secret, secret_place(webhook_id));
}

Result<Delivery> delivery_of(const OpRecord& r) {
  ISMS_ASSIGN(Json body, parse_json(r.body));
  ISMS_ASSIGN(Delivery d, delivery_from_body(body));
  d.id = r.id;
  d.person_id = r.owner_id;
  auto status = parse_delivery_status(r.status);
  if (!status) return Error::corruption("delivery " + r.id + ": unknown status " + r.status);
  d.status = *status;
  d.next_attempt_at = r.due_at;
  d.version = r.version;
  d.created_at = r.created_at;
  d.updated_at = r.updated_at;
  return d;
}

OpRecord delivery_record(const Delivery& d) {
  OpRecord r;
  r.kind = kDeliveryKind;
  r.id = d.id;
  r.status = std::string(delivery_status_name(d.status));
  r.owner_id = d.person_id;
  r.due_at = d.next_attempt_at;
  r.body = dump_json(delivery_to_body(d));
  r.version = d.version;
  r.created_at = d.created_at;
  r.updated_at = d.updated_at;
  return r;
}

Result<Delivery> load_delivery(StoreTx& tx, const std::string& id) {
  auto r = tx.get_op_record(kDeliveryKind, id);
  if (!r.ok() && r.error().code == ErrorCode::kNotFound) {
    return Error::not_found("delivery " + id + " not found");
  }
  if (!r.ok()) return r.error();
  return delivery_of(*r);
}

Status check_version(const std::string& what, int64_t stored, int64_t expected) {
  if (stored == expected) return ok_status();
  return Error::conflict(what + " has changed: it is at version " + std::to_string(stored) +
                         ", your change is based on version " + std::to_string(expected) +
                         " (reload and try again)");
}

}  // namespace isms::notify_internal
