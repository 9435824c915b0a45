// Fuzz target: request and stored bodies of the ISMS calendar (domain/calendar.h) and of
// its reminders by e-mail and webhook (domain/notification.h).
//
// Feeds the bytes to parse_json; when they parse, the value (and its "cadence" member) to
// cadence_from_json, completion_from_json (complete and skip), activity_from_body,
// settings_patch_from_json, settings_from_body, webhook_patch_from_json (create and
// change), webhook_from_body and delivery_from_body. Beyond "no crash, no leak, no uncaught
// exception" it checks:
//  - an accepted cadence written back (cadence_to_json) reads back to the same cadence,
//    whatever the anchor date;
//  - an accepted completion or skip written back as its request body reads back the same;
//  - an activity body that activity_from_body accepts writes back (activity_body) to a
//    body that reads back to itself; for a valid activity, activity_to_json can go into
//    the ledger, and the occurrences over the body's "from".."to" (as the agenda query
//    gives them: valid dates, at most 400 days) are valid dates, ascending, inside the
//    range and not before the anchor, each is_occurrence_date, the first one is
//    next_occurrence_on_or_after(from); its iCalendar export (ics_calendar) is valid UTF-8
//    of CRLF lines of at most 75 octets, holds one VEVENT, and unfolds and unescapes back
//    to the title and description (newlines as "\n");
//  - every day of an ISO week has the week's iso_week_key, the next week another;
//  - an accepted settings patch applied to the default settings, or an accepted webhook
//    patch applied to a webhook, is stored (*_to_body) and read back (*_from_body) to the
//    same body; its API form can go into the ledger; that API form sent back as a request
//    (read-only members left out) is accepted and changes nothing;
//  - settings, webhook and delivery bodies that *_from_body accepts write back to bodies
//    that read back to themselves.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/time_zone.h"
#include "domain/calendar.h"
#include "domain/calendar_fields.h"
#include "domain/calendar_ics.h"
#include "domain/notification.h"
#include "op_body_check.h"

namespace {

using isms::Json;
using isms::fuzz::check_ledger_safe;
using isms::fuzz::check_same;
using isms::fuzz::member;
using isms::fuzz::member_or;

// --- calendar ---

void check_cadence(const Json& j, const std::string& anchor) {
  auto c = isms::cadence_from_json(j, "cadence", anchor);
  if (!c.ok()) return;
  Json written = isms::cadence_to_json(*c);
  check_ledger_safe(written);
  // Written cadences are explicit: the anchor no longer matters.
  for (const std::string& a : {anchor, std::string("2000-02-29"), std::string()}) {
    auto back = isms::cadence_from_json(written, "cadence", a);
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(*back == *c);
  }
  FUZZ_CHECK(!isms::describe_cadence(*c, anchor).empty());
}

void check_completion(const Json& body, bool skip) {
  auto c = isms::completion_from_json(body, skip);
  if (!c.ok()) return;
  Json written =
      skip ? Json{{"reason", c->reason}}
           : Json{{"notes", c->notes}, {"evidence", c->evidence}, {"decision", c->decision}};
  check_ledger_safe(written);
  auto back = isms::completion_from_json(written, skip);
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(back->notes == c->notes && back->evidence == c->evidence &&
             back->decision == c->decision && back->reason == c->reason);
  isms::Activity a;
  a.title = "Review the firewall rules";
  a.requires_fields = {"notes", "evidence", "decision"};
  (void)isms::check_requirements(a, *c);
}

void check_occurrences(const isms::Activity& a, const Json& body) {
  std::string from = member_or(body, "from", a.anchor_on);
  std::string to = member_or(body, "to", "");
  if (!isms::is_valid_date(from)) return;
  if (to.empty()) {
    auto t = isms::add_days(from, isms::kCalendarRangeMaxDays);
    to = t.ok() ? *t : "9999-12-31";
  }
  auto span = isms::days_between(from, to);
  if (!span.ok() || *span < 0 || *span > isms::kCalendarRangeMaxDays) return;

  auto dates = isms::occurrence_dates(a, from, to);
  FUZZ_CHECK(dates.size() <= isms::kOccurrencesPerCallMax);
  for (size_t i = 0; i < dates.size(); ++i) {
    const std::string& d = dates[i];
    FUZZ_CHECK(isms::is_valid_date(d));
    FUZZ_CHECK(d >= from && d <= to);
    FUZZ_CHECK(d >= a.anchor_on);
    if (i > 0) FUZZ_CHECK(dates[i - 1] < d);
    if (i < 8) FUZZ_CHECK(isms::is_occurrence_date(a, d));
  }
  std::string next = isms::next_occurrence_on_or_after(a, from);
  FUZZ_CHECK(next.empty() || (isms::is_valid_date(next) && next >= from));
  if (!dates.empty()) {
    FUZZ_CHECK(next == dates.front());
    std::string state = isms::occurrence_state(dates.front(), std::string(isms::fuzz::kToday),
                                               a.due_window_days, false);
    FUZZ_CHECK(state == "overdue" || state == "due" || state == "upcoming");
  } else {
    FUZZ_CHECK(next.empty() || next > to);
  }
}

// RFC 5545 TEXT unescaping (3.3.11), the inverse of ics_escape for text without controls.
std::string ics_unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      char next = text[++i];
      out += next == 'n' || next == 'N' ? '\n' : next;
    } else {
      out += text[i];
    }
  }
  return out;
}

// What ics_escape keeps of a multi-line text: CRLF and lone CR become LF.
std::string ics_newlines(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += '\n';
    } else {
      out += text[i];
    }
  }
  return out;
}

void check_ics(const isms::Activity& a, const std::string& date) {
  isms::IcsEvent e{"act-1-" + date + "@isms", date, a.title, a.description, "", "CONFIRMED"};
  std::string ics = isms::ics_calendar({e}, "2026-06-15T12:00:00.123456Z", a.title);
  FUZZ_CHECK(isms::is_valid_utf8(ics));
  std::vector<std::string> lines;  // logical lines, unfolded
  for (size_t pos = 0; pos < ics.size();) {
    size_t eol = ics.find("\r\n", pos);
    FUZZ_CHECK(eol != std::string::npos);
    std::string_view line(ics.data() + pos, eol - pos);
    FUZZ_CHECK(line.size() <= 75);
    FUZZ_CHECK(line.find_first_of("\r\n") == std::string_view::npos);
    if (!line.empty() && line[0] == ' ') {
      FUZZ_CHECK(!lines.empty());
      lines.back().append(line.substr(1));
    } else {
      lines.emplace_back(line);
    }
    pos = eol + 2;
  }
  size_t events = 0;
  bool summary = false;
  for (const std::string& l : lines) {
    events += l == "BEGIN:VEVENT" ? 1 : 0;
    if (l.rfind("SUMMARY:", 0) == 0) {
      summary = true;
      FUZZ_CHECK(ics_unescape(std::string_view(l).substr(8)) == a.title);
    } else if (l.rfind("X-WR-CALNAME:", 0) == 0) {
      FUZZ_CHECK(ics_unescape(std::string_view(l).substr(13)) == a.title);
    } else if (l.rfind("DESCRIPTION:", 0) == 0) {
      FUZZ_CHECK(ics_unescape(std::string_view(l).substr(12)) == ics_newlines(a.description));
    }
  }
  FUZZ_CHECK(events == 1 && summary);
}

void check_week_key(const std::string& date) {
  auto wd = isms::iso_weekday(date);
  if (!wd.ok()) return;
  auto key = isms::iso_week_key(date);
  auto monday = isms::add_days(date, -*wd);
  auto sunday = isms::add_days(date, 6 - *wd);
  auto next = isms::add_days(date, 7);
  if (!key.ok() || !monday.ok() || !sunday.ok() || !next.ok()) return;
  auto first = isms::iso_week_key(*monday);
  auto last = isms::iso_week_key(*sunday);
  auto other = isms::iso_week_key(*next);
  FUZZ_CHECK(first.ok() && *first == *key);
  FUZZ_CHECK(last.ok() && *last == *key);
  FUZZ_CHECK(!other.ok() || *other != *key);
}

void check_activity(const Json& body) {
  isms::Activity a;
  a.id = "act-1";
  if (!isms::activity_from_body(body, &a).ok()) return;
  Json stored = isms::activity_body(a);
  isms::Activity back;
  back.id = a.id;
  FUZZ_CHECK(isms::activity_from_body(stored, &back).ok());
  check_same(stored, isms::activity_body(back), "activity body");
  if (!isms::validate_activity(a).empty()) return;
  a.ref = "ACT-0001";
  a.owner_id = "person-1";
  a.version = 2;
  a.created_at = "2026-01-05T10:00:00Z";
  a.updated_at = "2026-02-01T09:30:00Z";
  check_ledger_safe(isms::activity_to_json(a));
  check_occurrences(a, body);
  check_ics(a, a.anchor_on);
  check_week_key(a.anchor_on);
}

// --- notifications ---

void check_settings_patch(const Json& body) {
  auto p = isms::settings_patch_from_json(body);
  if (!p.ok()) return;
  isms::NotificationSettings s;
  if (!isms::apply_settings_patch(*p, &s).ok()) return;
  // The service seals a new password with the content keyring; any text stands in here.
  if (p->smtp_password && !p->smtp_password->empty()) s.smtp.password_sealed = "sealed:v1:x";
  Json stored = isms::settings_to_body(s);
  auto back = isms::settings_from_body(stored);
  FUZZ_CHECK(back.ok());
  check_same(stored, isms::settings_to_body(*back), "notification settings body");
  Json wire = isms::settings_to_json(s, p->version.value_or(1));
  check_ledger_safe(wire);
  // What GET returns, PUT accepts (without the read-only "password_set") and keeps as it is.
  Json echo = wire;
  echo["smtp"].erase("password_set");
  auto again = isms::settings_patch_from_json(echo);
  FUZZ_CHECK(again.ok());
  isms::NotificationSettings t = s;
  FUZZ_CHECK(isms::apply_settings_patch(*again, &t).ok());
  check_same(stored, isms::settings_to_body(t), "settings after sending back their API form");
}

void check_webhook_patch(const Json& body, bool creating) {
  auto p = isms::webhook_patch_from_json(body, creating);
  if (!p.ok()) return;
  isms::Webhook w;
  w.id = "wh-1";
  w.secret_sealed = "sealed:v1:secret";
  w.created_at = "2026-01-05T10:00:00Z";
  w.updated_at = "2026-01-05T10:00:00Z";
  if (!creating) {
    w.url = "https://hooks.example.com/isms";
    w.events = {"overdue", "reminder"};
    w.description = "Chat channel";
    w.version = 4;
  }
  if (!isms::apply_webhook_patch(*p, &w).ok()) return;
  Json stored = isms::webhook_to_body(w);
  auto back = isms::webhook_from_body(stored);
  FUZZ_CHECK(back.ok());
  check_same(stored, isms::webhook_to_body(*back), "webhook body");
  Json wire = isms::webhook_to_json(w);
  check_ledger_safe(wire);
  Json echo = wire;
  for (const char* k : {"id", "created_at", "updated_at"}) echo.erase(k);
  auto again = isms::webhook_patch_from_json(echo, /*creating=*/false);
  FUZZ_CHECK(again.ok());
  isms::Webhook x = w;
  FUZZ_CHECK(isms::apply_webhook_patch(*again, &x).ok());
  check_same(wire, isms::webhook_to_json(x), "webhook after sending back its API form");
}

void check_stored_notification_bodies(const Json& body) {
  if (auto s = isms::settings_from_body(body); s.ok()) {
    Json once = isms::settings_to_body(*s);
    auto again = isms::settings_from_body(once);
    FUZZ_CHECK(again.ok());
    check_same(once, isms::settings_to_body(*again), "stored settings body");
  }
  if (auto w = isms::webhook_from_body(body); w.ok()) {
    Json once = isms::webhook_to_body(*w);
    auto again = isms::webhook_from_body(once);
    FUZZ_CHECK(again.ok());
    check_same(once, isms::webhook_to_body(*again), "stored webhook body");
  }
  if (auto d = isms::delivery_from_body(body); d.ok()) {
    Json once = isms::delivery_to_body(*d);
    auto again = isms::delivery_from_body(once);
    FUZZ_CHECK(again.ok());
    check_same(once, isms::delivery_to_body(*again), "stored delivery body");
    (void)isms::delivery_to_json(*d);
  }
}

// An activity create/change body (domain/calendar_fields.h): what is accepted is what the
// ledger can record, "requires" comes back in the canonical order without repeats, and
// the limits hold.
void check_activity_fields(const Json& body) {
  auto f = isms::activity_fields_from_json(body);
  if (!f.ok()) return;
  Json written = Json::object();
  if (f->title) written["title"] = *f->title;
  if (f->description) written["description"] = *f->description;
  if (f->anchor_on) written["anchor_on"] = *f->anchor_on;
  if (f->owner_id) written["owner_id"] = *f->owner_id;
  if (f->policy_ref) written["policy_ref"] = *f->policy_ref;
  if (f->cadence) written["cadence"] = *f->cadence;
  if (f->subject) written["subject"] = Json{f->subject->register_name, f->subject->object_id};
  if (f->requires_fields) {
    written["requires"] = *f->requires_fields;
    size_t next = 0;
    for (const auto& name : *f->requires_fields) {
      bool found = false;
      for (; next < std::size(isms::kRequirementNames); ++next) {
        if (isms::kRequirementNames[next] == name) {
          found = true;
          ++next;
          break;
        }
      }
      FUZZ_CHECK(found);  // a known name, after the one before it
    }
  }
  if (f->due_window_days) {
    FUZZ_CHECK(*f->due_window_days >= 0 && *f->due_window_days <= isms::kDueWindowMax);
  }
  if (f->version) FUZZ_CHECK(*f->version >= 1);
  check_ledger_safe(written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = isms::parse_json(text);
  if (!parsed.ok()) return 0;
  const Json& body = *parsed;

  std::string anchor = member_or(body, "anchor_on", "2026-01-31");
  check_cadence(body, anchor);
  if (const Json* c = member(body, "cadence")) check_cadence(*c, anchor);
  check_completion(body, /*skip=*/false);
  check_completion(body, /*skip=*/true);
  check_activity(body);
  check_activity_fields(body);

  check_settings_patch(body);
  check_webhook_patch(body, /*creating=*/true);
  check_webhook_patch(body, /*creating=*/false);
  check_stored_notification_bodies(body);
  return 0;
}
