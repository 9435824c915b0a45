// Reminders by e-mail and webhook (issue 6): the settings, webhook and delivery records
// and the pure rules of sending — which reminder offset applies on a day, when the weekly
// digest is due, how failures back off, and the deterministic identity of a delivery that
// keeps every reminder from being sent twice. Pure; no I/O. The service
// (service/notification_service.h) stores these as operational records
// (store/README.md "Operational records": kinds notification_settings, webhook, delivery).
//
// Stored bodies (JSON, parsed strictly by the *_from_body functions):
//   notification_settings: {"smtp":{"url","from","username","password_sealed","starttls"},
//     "offsets":[30,7,1],"overdue_notice":true,
//     "digest":{"enabled":true,"weekday":1,"hour":7},"channels":{"email":true,"webhook":true}}
//   webhook: {"url","events":["reminder",...],"secret_sealed","description"}
//   delivery: {"channel","target","event","subject","text","payload","attempts",
//     "last_error","history":[{"at","outcome","error"}],"key"}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms {

inline constexpr char kNotificationSettingsKind[] = "notification_settings";
inline constexpr char kNotificationSettingsId[] = "notification-settings";
inline constexpr char kWebhookKind[] = "webhook";
inline constexpr char kDeliveryKind[] = "delivery";

inline constexpr size_t kUrlMax = 2048;
inline constexpr size_t kOffsetsMax = 10;
inline constexpr int kOffsetMaxDays = 365;
inline constexpr int kMaxDeliveryAttempts = 6;
inline constexpr size_t kDeliveryErrorMax = 1000;
inline constexpr size_t kDeliveryHistoryMax = 20;

enum class StartTls { kNone, kOpportunistic, kRequired };
std::string_view starttls_name(StartTls s);  // "none" | "opportunistic" | "required"
std::optional<StartTls> parse_starttls(std::string_view s);

struct SmtpSettings {
  std::string url;              // smtp://host[:port] or smtps://host[:port]; "" = not configured
  std::string from;             // sender address
  std::string username;         // "" = no authentication
  std::string password_sealed;  // ContentKeyring-sealed; "" = none
  StartTls starttls = StartTls::kOpportunistic;
};

struct DigestSettings {
  bool enabled = true;
  int weekday = 1;  // ISO: 1 = Monday .. 7 = Sunday
  int hour = 7;     // 0..23 in the organization's time zone
};

struct NotificationSettings {
  SmtpSettings smtp;
  std::vector<int> offsets{30, 7, 1};  // days before the due date; sorted descending, unique
  bool overdue_notice = true;
  DigestSettings digest;
  bool email_enabled = true;
  bool webhook_enabled = true;
};

// A change of the settings as a client sends it (PUT: members absent stay as they are).
// password: nullopt = unchanged, "" = remove, else the new password (sealed by the service).
struct SettingsPatch {
  std::optional<std::string> smtp_url, smtp_from, smtp_username, smtp_password;
  std::optional<StartTls> starttls;
  std::optional<std::vector<int>> offsets;
  std::optional<bool> overdue_notice, digest_enabled, email_enabled, webhook_enabled;
  std::optional<int> digest_weekday, digest_hour;
  std::optional<int64_t> version;
};

// Strict: unknown members, wrong types and bad values are kInvalid naming each field
// ("smtp.url", "offsets[2]", "digest.hour", ...).
Result<SettingsPatch> settings_patch_from_json(const Json& body);
// Applies the patch (password excepted: the service seals it) and validates the result.
Status apply_settings_patch(const SettingsPatch& patch, NotificationSettings* s);
std::vector<FieldError> validate_settings(const NotificationSettings& s);

Json settings_to_body(const NotificationSettings& s);
Result<NotificationSettings> settings_from_body(const Json& body);
// What clients see: no password, only "password_set".
Json settings_to_json(const NotificationSettings& s, int64_t version);

// "" when url is an acceptable smtp:// or smtps:// URL (host, optional port, no path beyond
// "/", no user info), else why not.
std::string check_smtp_url(std::string_view url);
// "" when url is an acceptable http:// or https:// URL of at most kUrlMax characters.
std::string check_webhook_url(std::string_view url);
// A plausible e-mail address (local@domain, no spaces or angle brackets, at most 254).
bool is_email_address(std::string_view address);

// --- webhooks ---

inline const std::vector<std::string>& webhook_event_names() {
  static const std::vector<std::string> names{"reminder", "overdue", "digest"};
  return names;
}

struct Webhook {
  std::string id;
  std::string url;
  std::vector<std::string> events;  // subset of webhook_event_names(), sorted unique
  std::string description;
  std::string secret_sealed;
  bool active = true;
  int64_t version = 1;
  std::string created_at, updated_at;
};

struct WebhookPatch {
  std::optional<std::string> url, description;
  std::optional<std::vector<std::string>> events;
  std::optional<bool> active;
  std::optional<int64_t> version;
};
// creating: url is required and "active"/"version" are refused.
Result<WebhookPatch> webhook_patch_from_json(const Json& body, bool creating);
Status apply_webhook_patch(const WebhookPatch& patch, Webhook* w);

Json webhook_to_body(const Webhook& w);
Result<Webhook> webhook_from_body(const Json& body);  // fills url, events, description, secret
Json webhook_to_json(const Webhook& w);               // no secret

// --- deliveries ---

enum class DeliveryStatus { kPending, kSent, kFailed, kAbandoned };
std::string_view delivery_status_name(DeliveryStatus s);
std::optional<DeliveryStatus> parse_delivery_status(std::string_view s);

struct DeliveryAttempt {
  std::string at;       // RFC 3339 UTC
  std::string outcome;  // "sent" | "failed" | "abandoned" | "retry"
  std::string error;
};

struct Delivery {
  std::string id;
  std::string channel;    // "email" | "webhook"
  std::string target;     // e-mail address or webhook id
  std::string event;      // "reminder" | "overdue" | "digest" | "test"
  std::string person_id;  // recipient (owner of the items); "" for tests
  std::string subject;
  std::string text;
  Json payload = Json::object();  // the webhook body's data (event, items, person)
  int attempts = 0;
  std::string last_error;
  std::vector<DeliveryAttempt> history;
  std::string key;
  DeliveryStatus status = DeliveryStatus::kPending;
  std::string next_attempt_at;  // RFC 3339; "" once sent or abandoned
  int64_t version = 1;
  std::string created_at, updated_at;
};

Json delivery_to_body(const Delivery& d);
Result<Delivery> delivery_from_body(const Json& body);  // the body's members only
// What clients see (the payload too; bodies never go to the ledger).
Json delivery_to_json(const Delivery& d);

// The delivery's id: "dlv-" + 32 hex of SHA-256 of its key. The same reminder planned twice
// gets the same id, which is how a reminder is never sent twice.
std::string delivery_id_for_key(std::string_view key);
// "<channel>|<target>|<source>|<object_id>|<due_on>|<kind>|<offset>"
std::string reminder_key(std::string_view channel, std::string_view target, std::string_view source,
                         std::string_view object_id, std::string_view due_on, std::string_view kind,
                         int offset);

// Seconds to wait after the n-th failed attempt (1 -> 60, 2 -> 300, 3 -> 1800, 4 -> 7200,
// 5 -> 43200); nullopt from kMaxDeliveryAttempts on (the delivery is abandoned).
std::optional<int64_t> retry_delay_seconds(int failed_attempts);

// Records one attempt's outcome: sent, or failed (attempts + 1, next attempt after the
// backoff) or abandoned after kMaxDeliveryAttempts. error is cut to kDeliveryErrorMax.
void record_attempt(Delivery* d, int64_t now_micros, bool ok, const std::string& error);

// --- planning rules ---

// The reminder offset that applies to an item `days_left` days before its due date: the
// smallest configured offset >= days_left (the most recent reminder day that has come),
// nullopt when none has come yet or the item is past due. A reminder whose day passed
// while nobody ran (or before the item existed) is thus sent late, once; older ones are
// skipped.
std::optional<int> applicable_offset(const std::vector<int>& offsets, int64_t days_left);

// "2026-W48": the ISO week of a date (weeks start on Monday; week 1 holds the first Thursday).
Result<std::string> iso_week_key(const std::string& date);

// Whether the weekly digest is due at local date/hour: on the configured weekday from the
// configured hour, or later the same ISO week (a missed run catches up).
bool digest_due(const DigestSettings& d, int iso_weekday /*1..7*/, int local_hour);

}  // namespace isms
