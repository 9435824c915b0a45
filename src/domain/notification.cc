#include "domain/notification.h"

#include <algorithm>
#include <set>

#include "base/crypto.h"

namespace isms {
namespace {

// Collects every problem of a JSON object so one kInvalid lists all bad members.
struct Fields {
  std::vector<FieldError> errors;
  void add(const std::string& field, const std::string& message) {
    errors.push_back({field, message});
  }
  std::optional<std::string> text(const Json& v, const std::string& field, size_t max) {
    if (!v.is_string()) {
      add(field, "must be a string");
      return std::nullopt;
    }
    std::string s = v.get<std::string>();
    if (s.size() > max) {
      add(field, "must be at most " + std::to_string(max) + " characters");
      return std::nullopt;
    }
    if (!is_valid_utf8(s) || std::any_of(s.begin(), s.end(), [](char c) {
          return static_cast<unsigned char>(c) < 0x20;
        })) {
      add(field, "must be UTF-8 text without control characters");
      return std::nullopt;
    }
    return s;
  }
  std::optional<bool> boolean(const Json& v, const std::string& field) {
    if (!v.is_boolean()) {
      add(field, "must be true or false");
      return std::nullopt;
    }
    return v.get<bool>();
  }
  std::optional<int64_t> integer(const Json& v, const std::string& field, int64_t min,
                                 int64_t max) {
    if (!v.is_number_integer() || v.get<int64_t>() < min || v.get<int64_t>() > max) {
      add(field, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
      return std::nullopt;
    }
    return v.get<int64_t>();
  }
  Status finish() {
    if (errors.empty()) return ok_status();
    return Error::invalid(std::move(errors));
  }
};

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

// "" when `authority` is host[:port] with a DNS name, IPv4 or [IPv6] host.
std::string check_authority(std::string_view authority) {
  if (authority.empty()) return "must name a host";
  if (authority.find('@') != std::string_view::npos) {
    return "must not carry a user name or password (use the username and password fields)";
  }
  std::string_view host = authority, port;
  if (authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return "has an unclosed [IPv6] host";
    host = authority.substr(1, close - 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return "has text after the [IPv6] host";
      port = rest.substr(1);
    }
    if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string::npos) {
      return "has a malformed IPv6 host";
    }
  } else {
    size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      if (port.empty()) return "has an empty port";
    }
    if (host.empty() || !std::all_of(host.begin(), host.end(), is_host_char)) {
      return "has a malformed host name";
    }
  }
  if (!port.empty()) {
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos) {
      return "has a malformed port";
    }
    int n = std::stoi(std::string(port));
    if (n < 1 || n > 65535) return "has a port outside 1-65535";
  }
  return "";
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::optional<std::vector<int>> parse_offsets(Fields& f, const Json& v) {
  if (!v.is_array() || v.size() > kOffsetsMax) {
    f.add("offsets", "must be an array of at most " + std::to_string(kOffsetsMax) +
                         " whole numbers of days (0-" + std::to_string(kOffsetMaxDays) + ")");
    return std::nullopt;
  }
  std::vector<int> out;
  std::set<int> seen;
  size_t before = f.errors.size();
  for (size_t i = 0; i < v.size(); ++i) {
    std::string field = "offsets[" + std::to_string(i) + "]";
    auto n = f.integer(v[i], field, 0, kOffsetMaxDays);
    if (!n) continue;
    if (!seen.insert(static_cast<int>(*n)).second) {
      f.add(field, "repeats " + std::to_string(*n) + " (offsets must be unique)");
      continue;
    }
    out.push_back(static_cast<int>(*n));
  }
  if (f.errors.size() != before) return std::nullopt;
  std::sort(out.rbegin(), out.rend());
  return out;
}

std::optional<std::vector<std::string>> parse_events(Fields& f, const Json& v) {
  const auto& names = webhook_event_names();
  if (!v.is_array() || v.size() > names.size() * 2) {
    f.add("events", "must be an array of reminder, overdue, digest");
    return std::nullopt;
  }
  std::vector<std::string> out;
  size_t before = f.errors.size();
  for (size_t i = 0; i < v.size(); ++i) {
    std::string field = "events[" + std::to_string(i) + "]";
    auto s = f.text(v[i], field, 20);
    if (!s) continue;
    if (std::find(names.begin(), names.end(), *s) == names.end()) {
      f.add(field, "must be reminder, overdue or digest");
      continue;
    }
    out.push_back(*s);
  }
  if (f.errors.size() != before) return std::nullopt;
  out = sorted_unique(std::move(out));
  if (out.empty()) f.add("events", "must name at least one event");
  return out;
}

}  // namespace

std::string_view starttls_name(StartTls s) {
  switch (s) {
    case StartTls::kNone:
      return "none";
    case StartTls::kOpportunistic:
      return "opportunistic";
    case StartTls::kRequired:
      return "required";
  }
  return "opportunistic";
}

std::optional<StartTls> parse_starttls(std::string_view s) {
  if (s == "none") return StartTls::kNone;
  if (s == "opportunistic") return StartTls::kOpportunistic;
  if (s == "required") return StartTls::kRequired;
  return std::nullopt;
}

std::string check_smtp_url(std::string_view url) {
  if (url.size() > kUrlMax) return "must be at most " + std::to_string(kUrlMax) + " characters";
  std::string_view rest;
  if (url.substr(0, 7) == "smtp://") {
    rest = url.substr(7);
  } else if (url.substr(0, 8) == "smtps://") {
    rest = url.substr(8);
  } else {
    return "must start with smtp:// or smtps://";
  }
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find_first_of("/?#") != std::string_view::npos) {
    return "must be smtp://host:port without a path";
  }
  return check_authority(rest);
}

std::string check_webhook_url(std::string_view url) {
  if (url.size() > kUrlMax) return "must be at most " + std::to_string(kUrlMax) + " characters";
  std::string_view rest;
  if (url.substr(0, 7) == "http://") {
    rest = url.substr(7);
  } else if (url.substr(0, 8) == "https://") {
    rest = url.substr(8);
  } else {
    return "must start with http:// or https://";
  }
  if (std::any_of(url.begin(), url.end(), [](char c) {
        return static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f;
      })) {
    return "must not contain spaces or control characters";
  }
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  return check_authority(authority);
}

bool is_email_address(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  size_t at = a.rfind('@');
  if (at == 0 || at == std::string_view::npos || at + 1 >= a.size()) return false;
  for (char c : a) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == ',' || c == '"' ||
        c == '\\' || c == 0x7f) {
      return false;
    }
  }
  std::string_view domain = a.substr(at + 1);
  return domain.find('@') == std::string_view::npos && domain.front() != '.' &&
         domain.back() != '.';
}

Result<SettingsPatch> settings_patch_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  SettingsPatch p;
  Fields f;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "smtp") {
      if (!v.is_object()) {
        f.add(key, "must be an object {url, from, username, password, starttls}");
        continue;
      }
      for (auto s = v.begin(); s != v.end(); ++s) {
        std::string field = "smtp." + s.key();
        if (s.key() == "url") {
          p.smtp_url = f.text(s.value(), field, kUrlMax);
        } else if (s.key() == "from") {
          p.smtp_from = f.text(s.value(), field, 254);
        } else if (s.key() == "username") {
          p.smtp_username = f.text(s.value(), field, 256);
        } else if (s.key() == "password") {
          // null removes the password; a string replaces it.
          if (s.value().is_null()) {
            p.smtp_password = "";
          } else {
            p.smtp_password = f.text(s.value(), field, 1024);
          }
        } else if (s.key() == "starttls") {
          auto t = f.text(s.value(), field, 20);
          if (!t) continue;
          p.starttls = parse_starttls(*t);
          if (!p.starttls) f.add(field, "must be none, opportunistic or required");
        } else if (s.key() == "password_set") {
          f.add(field, "is read-only (send password to change it)");
        } else {
          f.add(field, "unknown field");
        }
      }
    } else if (key == "offsets") {
      p.offsets = parse_offsets(f, v);
    } else if (key == "overdue_notice") {
      p.overdue_notice = f.boolean(v, key);
    } else if (key == "digest") {
      if (!v.is_object()) {
        f.add(key, "must be an object {enabled, weekday, hour}");
        continue;
      }
      for (auto s = v.begin(); s != v.end(); ++s) {
        std::string field = "digest." + s.key();
        if (s.key() == "enabled") {
          p.digest_enabled = f.boolean(s.value(), field);
        } else if (s.key() == "weekday") {
          if (auto n = f.integer(s.value(), field, 1, 7)) p.digest_weekday = static_cast<int>(*n);
        } else if (s.key() == "hour") {
          if (auto n = f.integer(s.value(), field, 0, 23)) p.digest_hour = static_cast<int>(*n);
        } else {
          f.add(field, "unknown field");
        }
      }
    } else if (key == "channels") {
      if (!v.is_object()) {
        f.add(key, "must be an object {email, webhook}");
        continue;
      }
      for (auto s = v.begin(); s != v.end(); ++s) {
        std::string field = "channels." + s.key();
        if (s.key() == "email") {
          p.email_enabled = f.boolean(s.value(), field);
        } else if (s.key() == "webhook") {
          p.webhook_enabled = f.boolean(s.value(), field);
        } else {
          f.add(field, "unknown field");
        }
      }
    } else if (key == "version") {
      p.version = f.integer(v, key, 1, INT64_MAX);
    } else {
      f.add(key, "unknown field");
    }
  }
  ISMS_TRY(f.finish());
  return p;
}

std::vector<FieldError> validate_settings(const NotificationSettings& s) {
  std::vector<FieldError> errors;
  if (!s.smtp.url.empty()) {
    std::string why = check_smtp_url(s.smtp.url);
    if (!why.empty()) errors.push_back({"smtp.url", why});
    if (s.smtp.from.empty()) errors.push_back({"smtp.from", "is required with an SMTP URL"});
  }
  if (!s.smtp.from.empty() && !is_email_address(s.smtp.from)) {
    errors.push_back({"smtp.from", "must be an e-mail address such as isms@example.com"});
  }
  if (s.smtp.url.rfind("smtps://", 0) == 0 && s.smtp.starttls == StartTls::kNone) {
    // smtps is TLS from the first byte; "none" would read as if it were not.
    errors.push_back({"smtp.starttls", "cannot be none with smtps:// (TLS is implicit)"});
  }
  if (s.offsets.size() > kOffsetsMax) {
    errors.push_back({"offsets", "must hold at most " + std::to_string(kOffsetsMax) + " values"});
  }
  if (s.digest.weekday < 1 || s.digest.weekday > 7) {
    errors.push_back({"digest.weekday", "must be an integer from 1 to 7"});
  }
  if (s.digest.hour < 0 || s.digest.hour > 23) {
    errors.push_back({"digest.hour", "must be an integer from 0 to 23"});
  }
  return errors;
}

Status apply_settings_patch(const SettingsPatch& p, NotificationSettings* s) {
  if (p.smtp_url) s->smtp.url = *p.smtp_url;
  if (p.smtp_from) s->smtp.from = *p.smtp_from;
  if (p.smtp_username) s->smtp.username = *p.smtp_username;
  if (p.starttls) s->smtp.starttls = *p.starttls;
  if (p.offsets) s->offsets = *p.offsets;
  if (p.overdue_notice) s->overdue_notice = *p.overdue_notice;
  if (p.digest_enabled) s->digest.enabled = *p.digest_enabled;
  if (p.digest_weekday) s->digest.weekday = *p.digest_weekday;
  if (p.digest_hour) s->digest.hour = *p.digest_hour;
  if (p.email_enabled) s->email_enabled = *p.email_enabled;
  if (p.webhook_enabled) s->webhook_enabled = *p.webhook_enabled;
  auto errors = validate_settings(*s);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

Json settings_to_body(const NotificationSettings& s) {
  return Json{
      {"smtp",
       {{"url", s.smtp.url},
        {"from", s.smtp.from},
        {"username", s.smtp.username},
        {"password_sealed", s.smtp.password_sealed},
        {"starttls", starttls_name(s.smtp.starttls)}}},
      {"offsets", s.offsets},
      {"overdue_notice", s.overdue_notice},
      {"digest",
       {{"enabled", s.digest.enabled}, {"weekday", s.digest.weekday}, {"hour", s.digest.hour}}},
      {"channels", {{"email", s.email_enabled}, {"webhook", s.webhook_enabled}}}};
}

Result<NotificationSettings> settings_from_body(const Json& body) {
  // The stored body is the client's shape plus password_sealed; read it back through the
  // same strict parser so a damaged record is reported, not half-read.
  if (!body.is_object()) return Error::corruption("notification settings: body is not an object");
  Json client = body;
  std::string sealed;
  if (client.contains("smtp") && client["smtp"].is_object()) {
    Json& smtp = client["smtp"];
    if (smtp.contains("password_sealed") && smtp["password_sealed"].is_string()) {
      sealed = smtp["password_sealed"].get<std::string>();
    }
    smtp.erase("password_sealed");
  }
  auto patch = settings_patch_from_json(client);
  if (!patch) {
    return Error::corruption("notification settings: stored body is malformed: " +
                             patch.error().message);
  }
  NotificationSettings s;
  auto applied = apply_settings_patch(*patch, &s);
  if (!applied) {
    return Error::corruption("notification settings: stored body is invalid: " +
                             applied.error().message);
  }
  s.smtp.password_sealed = sealed;
  return s;
}

Json settings_to_json(const NotificationSettings& s, int64_t version) {
  Json j = settings_to_body(s);
  j["smtp"].erase("password_sealed");
  j["smtp"]["password_set"] = !s.smtp.password_sealed.empty();
  j["version"] = version;
  return j;
}

// --- webhooks ---

Result<WebhookPatch> webhook_patch_from_json(const Json& body, bool creating) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  WebhookPatch p;
  Fields f;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "url") {
      p.url = f.text(v, key, kUrlMax);
      if (p.url) {
        std::string why = check_webhook_url(*p.url);
        if (!why.empty()) f.add(key, why);
      }
    } else if (key == "events") {
      p.events = parse_events(f, v);
    } else if (key == "description") {
      p.description = f.text(v, key, 200);
    } else if (key == "active" && !creating) {
      p.active = f.boolean(v, key);
    } else if (key == "version" && !creating) {
      p.version = f.integer(v, key, 1, INT64_MAX);
    } else if (key == "id" || key == "secret" || key == "created_at" || key == "updated_at" ||
               key == "active" || key == "version") {
      f.add(key, creating ? "is not accepted when creating" : "is read-only");
    } else {
      f.add(key, "unknown field");
    }
  }
  if (creating && !body.contains("url")) f.add("url", "is required");
  ISMS_TRY(f.finish());
  return p;
}

Status apply_webhook_patch(const WebhookPatch& p, Webhook* w) {
  if (p.url) w->url = *p.url;
  if (p.events) w->events = *p.events;
  if (p.description) w->description = *p.description;
  if (p.active) w->active = *p.active;
  if (w->events.empty()) w->events = webhook_event_names();
  w->events = sorted_unique(w->events);
  std::string why = check_webhook_url(w->url);
  if (!why.empty()) return Error::invalid("url", why);
  return ok_status();
}

Json webhook_to_body(const Webhook& w) {
  return Json{{"url", w.url},
              {"events", w.events},
              {"description", w.description},
              {"secret_sealed", w.secret_sealed}};
}

Result<Webhook> webhook_from_body(const Json& body) {
  Webhook w;
  if (!body.is_object() || !body.contains("url") || !body["url"].is_string() ||
      !body.contains("events") || !body["events"].is_array() || !body.contains("secret_sealed") ||
      !body["secret_sealed"].is_string()) {
    return Error::corruption("webhook: stored body is malformed");
  }
  w.url = body["url"].get<std::string>();
  for (const auto& e : body["events"]) {
    if (e.is_string()) w.events.push_back(e.get<std::string>());
  }
  if (body.contains("description") && body["description"].is_string()) {
    w.description = body["description"].get<std::string>();
  }
  w.secret_sealed = body["secret_sealed"].get<std::string>();
  return w;
}

Json webhook_to_json(const Webhook& w) {
  return Json{{"id", w.id},
              {"url", w.url},
              {"events", w.events},
              {"description", w.description},
              {"active", w.active},
              {"version", w.version},
              {"created_at", w.created_at},
              {"updated_at", w.updated_at}};
}

}  // namespace isms
