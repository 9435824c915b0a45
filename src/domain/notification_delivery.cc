// Deliveries and the planning rules of domain/notification.h: status names, stored bodies,
// deterministic ids, backoff, digest weeks and reminder offsets.
#include "base/crypto.h"
#include "base/time.h"
#include "base/time_zone.h"
#include "domain/notification.h"

namespace isms {

// --- deliveries ---

std::string_view delivery_status_name(DeliveryStatus s) {
  switch (s) {
    case DeliveryStatus::kPending:
      return "pending";
    case DeliveryStatus::kSent:
      return "sent";
    case DeliveryStatus::kFailed:
      return "failed";
    case DeliveryStatus::kAbandoned:
      return "abandoned";
  }
  return "pending";
}

std::optional<DeliveryStatus> parse_delivery_status(std::string_view s) {
  for (auto st : {DeliveryStatus::kPending, DeliveryStatus::kSent, DeliveryStatus::kFailed,
                  DeliveryStatus::kAbandoned}) {
    if (delivery_status_name(st) == s) return st;
  }
  return std::nullopt;
}

Json delivery_to_body(const Delivery& d) {
  Json history = Json::array();
  for (const auto& h : d.history) {
    history.push_back(Json{{"at", h.at}, {"outcome", h.outcome}, {"error", h.error}});
  }
  return Json{{"channel", d.channel},   {"target", d.target},
              {"event", d.event},       {"subject", d.subject},
              {"text", d.text},         {"payload", d.payload},
              {"attempts", d.attempts}, {"last_error", d.last_error},
              {"history", history},     {"key", d.key}};
}

Result<Delivery> delivery_from_body(const Json& body) {
  Delivery d;
  auto text = [&](const char* key, std::string* out) -> bool {
    if (!body.contains(key) || !body[key].is_string()) return false;
    *out = body[key].get<std::string>();
    return true;
  };
  if (!body.is_object() || !text("channel", &d.channel) || !text("target", &d.target) ||
      !text("event", &d.event) || !text("subject", &d.subject) || !text("text", &d.text) ||
      !text("last_error", &d.last_error) || !text("key", &d.key) || !body.contains("attempts") ||
      !body["attempts"].is_number_integer() || !body.contains("history") ||
      !body["history"].is_array()) {
    return Error::corruption("delivery: stored body is malformed");
  }
  d.attempts = body["attempts"].get<int>();
  if (body.contains("payload") && body["payload"].is_object()) d.payload = body["payload"];
  // Json::value(key, default) throws when the member is there but not a string (caught by
  // fuzz/calendar_body_fuzz.cc); such members read as "" like the missing ones.
  auto member_text = [](const Json& h, const char* key) {
    auto it = h.find(key);
    return it != h.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  for (const auto& h : body["history"]) {
    if (!h.is_object()) continue;
    d.history.push_back({member_text(h, "at"), member_text(h, "outcome"), member_text(h, "error")});
  }
  return d;
}

Json delivery_to_json(const Delivery& d) {
  Json j = delivery_to_body(d);
  j["id"] = d.id;
  j["person_id"] = d.person_id;
  j["status"] = delivery_status_name(d.status);
  j["next_attempt_at"] = d.next_attempt_at.empty() ? Json(nullptr) : Json(d.next_attempt_at);
  j["version"] = d.version;
  j["created_at"] = d.created_at;
  j["updated_at"] = d.updated_at;
  j.erase("key");
  return j;
}

std::string delivery_id_for_key(std::string_view key) {
  return "dlv-" + sha256_hex(key).substr(0, 32);
}

std::string reminder_key(std::string_view channel, std::string_view target, std::string_view source,
                         std::string_view object_id, std::string_view due_on, std::string_view kind,
                         int offset) {
  std::string key;
  for (std::string_view part : {channel, target, source, object_id, due_on, kind}) {
    key.append(part);
    key.push_back('|');
  }
  key.append(std::to_string(offset));
  return key;
}

std::optional<int64_t> retry_delay_seconds(int failed_attempts) {
  static constexpr int64_t kDelays[] = {60, 300, 1800, 7200, 43200};
  if (failed_attempts < 1) return kDelays[0];
  if (failed_attempts >= kMaxDeliveryAttempts) return std::nullopt;
  return kDelays[failed_attempts - 1];
}

void record_attempt(Delivery* d, int64_t now_micros, bool ok, const std::string& error) {
  std::string at = format_utc_micros(now_micros);
  if (ok) {
    d->status = DeliveryStatus::kSent;
    d->attempts += 1;
    d->last_error.clear();
    d->next_attempt_at.clear();
    d->history.push_back({at, "sent", ""});
  } else {
    d->attempts += 1;
    d->last_error = error.substr(0, kDeliveryErrorMax);
    if (d->last_error.empty()) d->last_error = "delivery failed";
    auto delay = retry_delay_seconds(d->attempts);
    if (delay) {
      d->status = DeliveryStatus::kFailed;
      d->next_attempt_at = format_utc_micros(now_micros + *delay * 1000000);
      d->history.push_back({at, "failed", d->last_error});
    } else {
      d->status = DeliveryStatus::kAbandoned;
      d->next_attempt_at.clear();
      d->history.push_back({at, "abandoned", d->last_error});
    }
  }
  // Keep the newest entries: a delivery retried by hand many times stays small.
  if (d->history.size() > kDeliveryHistoryMax) {
    d->history.erase(
        d->history.begin(),
        d->history.begin() + static_cast<std::ptrdiff_t>(d->history.size() - kDeliveryHistoryMax));
  }
}

std::optional<int> applicable_offset(const std::vector<int>& offsets, int64_t days_left) {
  if (days_left < 0) return std::nullopt;
  std::optional<int> best;
  for (int d : offsets) {
    if (d >= days_left && (!best || d < *best)) best = d;
  }
  return best;
}

Result<std::string> iso_week_key(const std::string& date) {
  ISMS_ASSIGN(int weekday, iso_weekday(date));  // 0 = Monday
  // The ISO year is the year of the week's Thursday.
  ISMS_ASSIGN(std::string thursday, add_days(date, 3 - weekday));
  std::string year = thursday.substr(0, 4);
  ISMS_ASSIGN(int64_t day_of_year, days_between(year + "-01-01", thursday));
  int week = static_cast<int>(day_of_year / 7) + 1;
  return year + "-W" + (week < 10 ? "0" : "") + std::to_string(week);
}

bool digest_due(const DigestSettings& d, int weekday, int local_hour) {
  if (!d.enabled) return false;
  if (weekday > d.weekday) return true;
  return weekday == d.weekday && local_hour >= d.hour;
}

}  // namespace isms
