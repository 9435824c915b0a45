// Internal to the notification service: reading and writing its operational records
// (settings, webhooks, deliveries) and sealing the SMTP password and webhook secrets.
#pragma once

#include <string>
#include <vector>

#include "domain/notification.h"
#include "service/context.h"

namespace isms::notify_internal {

// The settings and the stored record's version (0 and the defaults when never saved).
Result<std::pair<NotificationSettings, int64_t>> load_settings(StoreTx& tx);
// The SMTP password in clear ("" when none).
Result<std::string> open_password(const ServiceContext& ctx, const NotificationSettings& s);
std::string seal_password(const ServiceContext& ctx, const std::string& password);

Result<Webhook> load_webhook(StoreTx& tx, const std::string& id);  // kNotFound when archived
Result<std::vector<Webhook>> list_webhooks(StoreTx& tx);           // not archived
OpRecord webhook_record(const Webhook& w);
Result<std::string> open_secret(const ServiceContext& ctx, const Webhook& w);
std::string seal_secret(const ServiceContext& ctx, const std::string& webhook_id,
                        const std::string& secret);

Result<Delivery> delivery_of(const OpRecord& r);
OpRecord delivery_record(const Delivery& d);
Result<Delivery> load_delivery(StoreTx& tx, const std::string& id);

// kConflict naming both versions unless they match.
Status check_version(const std::string& what, int64_t stored, int64_t expected);

}  // namespace isms::notify_internal
