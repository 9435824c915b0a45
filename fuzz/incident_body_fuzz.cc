// Fuzz target: security event and incident bodies, the significance facts of Implementing
// Regulation (EU) 2024/2690 (domain/significance.h, domain/incident.h), the NIS2/GDPR
// reporting clocks (domain/nis2_clock.h) and the organization's time zone
// (base/time_zone.h) they are computed in.
//
// Feeds the bytes to parse_json; when they parse, the value and its "facts" member to
// significance_facts_from_json, the value and its "assessment" member to
// assessment_from_json, the value to event_from_body, incident_from_body and
// timeline_from_body, and each member of "reports" to report_from_body. The incident read
// that way, its reports, the zone in "time_zone" (an IANA name, as PUT
// /calendar/settings takes it) and the instant in "now" (RFC 3339) drive compute_clocks
// as the incident service does; "date" and "seconds" a local wall time. Beyond "no crash,
// no leak, no uncaught exception" it checks:
//  - accepted facts written back read back equal; the assessment's JSON can go into the
//    ledger and significant == some criterion is met; a death always makes it significant;
//  - the lenient stored-body readers are idempotent: what they read writes back to a body
//    that reads back to itself; the API forms can go into the ledger exactly when the
//    free-form members they copy (incident review, report fields) can;
//  - clocks: compute_clocks fails for an unknown zone; otherwise six clocks in
//    all_report_types() order, 24 h / 72 h / 72 h after aware_at for the early warning,
//    notification and GDPR clocks when they run, a state of submitted(_late) exactly when
//    a report was filed, remaining_seconds the floor of the time left, and their JSON
//    can go into the ledger;
//  - time zones: a zone is known exactly when local_date accepts it; the local date is
//    the UTC date of the instant shifted by utc_offset_seconds; format_local_time starts
//    with it; a local wall time converts to an instant on that date (or the next day when
//    the whole day was skipped) and not after end_of_local_day; date arithmetic inverts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/time.h"
#include "base/time_zone.h"
#include "domain/incident.h"
#include "domain/nis2_clock.h"
#include "domain/significance.h"
#include "op_body_check.h"

namespace {

using isms::Json;
using isms::fuzz::check_ledger_safe;
using isms::fuzz::check_same;
using isms::fuzz::member;
using isms::fuzz::member_or;

constexpr int64_t kMicrosPerHour = isms::kNis2MicrosPerHour;

// --- significance ---

void check_facts(const Json& j) {
  auto f = isms::significance_facts_from_json(j);
  if (!f.ok()) return;
  Json written = isms::significance_facts_to_json(*f);
  check_ledger_safe(written);
  auto back = isms::significance_facts_from_json(written);
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(*back == *f);
  auto result = isms::assess_significance(*f);
  FUZZ_CHECK(result.significant == !result.criteria_met.empty());
  check_ledger_safe(isms::significance_result_to_json(result));
  isms::SignificanceFacts worse = *f;
  worse.death = true;
  FUZZ_CHECK(isms::assess_significance(worse).significant);
}

void check_assessment(const Json& j) {
  isms::SignificanceAssessment a = isms::assessment_from_json(j);
  Json once = isms::assessment_to_json(a);
  check_ledger_safe(once);
  check_same(once, isms::assessment_to_json(isms::assessment_from_json(once)), "stored assessment");
}

// --- stored bodies ---

void check_event(const Json& body) {
  isms::SecurityEvent e = isms::event_from_body(body);
  Json once = isms::event_body(e);
  check_same(once, isms::event_body(isms::event_from_body(once)), "stored event body");
  check_ledger_safe(isms::event_to_json(e));
  (void)isms::validate_event(e);
}

void check_timeline(const Json& body) {
  isms::TimelineEntry t = isms::timeline_from_body(body);
  Json once = isms::timeline_body(t);
  check_same(once, isms::timeline_body(isms::timeline_from_body(once)), "stored timeline body");
  check_ledger_safe(isms::timeline_to_json(t));
  (void)isms::is_timeline_kind(t.kind);
}

std::vector<isms::IncidentReport> check_reports(const Json& body) {
  std::vector<isms::IncidentReport> out;
  const Json* reports = member(body, "reports");
  if (!reports || !reports->is_array()) return out;
  for (const Json& r : *reports) {
    isms::IncidentReport rep = isms::report_from_body(r);
    Json once = isms::report_body(rep);
    check_same(once, isms::report_body(isms::report_from_body(once)), "stored report body");
    Json fields = rep.fields.is_null() ? Json::object() : rep.fields;
    FUZZ_CHECK(isms::ledger::is_canonicalizable(isms::report_to_json(rep)) ==
               isms::ledger::is_canonicalizable(fields));
    (void)isms::report_field_names(rep.type);
    out.push_back(std::move(rep));
  }
  return out;
}

isms::Incident check_incident(const Json& body) {
  isms::Incident i = isms::incident_from_body(body);
  Json once = isms::incident_body(i);
  check_same(once, isms::incident_body(isms::incident_from_body(once)), "stored incident body");
  FUZZ_CHECK(isms::ledger::is_canonicalizable(isms::incident_to_json(i)) ==
             isms::ledger::is_canonicalizable(i.review));
  (void)isms::validate_incident(i);
  (void)isms::incident_status_rank(i.status);
  return i;
}

// --- clocks (as service/incident_records.cc builds their inputs) ---

int64_t micros_of(const std::string& instant) {
  int64_t m = 0;
  isms::parse_utc_micros(instant, &m);
  return m;
}

void check_clocks(const isms::Incident& i, const std::vector<isms::IncidentReport>& reports,
                  const std::string& zone, int64_t now) {
  isms::ClockInputs in;
  in.aware_at = micros_of(i.aware_at);
  in.significant = i.significant();
  in.personal_data = i.personal_data;
  if (!i.resolved_at.empty()) in.handled_at = micros_of(i.resolved_at);
  for (const auto& r : reports) {
    if (auto t = isms::parse_report_type(r.type))
      in.reports.push_back({*t, micros_of(r.submitted_at)});
  }
  if (i.intermediate_request) {
    in.intermediate = isms::IntermediateRequest{micros_of(i.intermediate_request->requested_at),
                                                micros_of(i.intermediate_request->due_at),
                                                i.intermediate_request->by};
  }
  in.zone = zone;
  in.now = now;
  auto clocks = isms::compute_clocks(in);
  if (!isms::is_known_time_zone(zone)) FUZZ_CHECK(!clocks.ok());
  if (!clocks.ok()) return;
  FUZZ_CHECK(clocks->size() == isms::all_report_types().size());
  for (size_t k = 0; k < clocks->size(); ++k) {
    const isms::ReportClock& c = (*clocks)[k];
    FUZZ_CHECK(c.type == isms::all_report_types()[k]);
    bool filed =
        c.state == isms::ClockState::kSubmitted || c.state == isms::ClockState::kSubmittedLate;
    FUZZ_CHECK(filed == c.submitted_at.has_value());
    FUZZ_CHECK(c.due_at.has_value() == c.remaining_seconds.has_value());
    if (c.due_at) {
      int64_t left = *c.due_at - now;
      int64_t s = *c.remaining_seconds;
      FUZZ_CHECK(s * isms::kNis2MicrosPerSecond <= left &&
                 left < (s + 1) * isms::kNis2MicrosPerSecond);
    }
    check_ledger_safe(isms::clock_to_json(c, zone));
  }
  const auto& early = (*clocks)[0];
  const auto& notification = (*clocks)[1];
  const auto& gdpr = (*clocks)[5];
  if (in.significant) {
    FUZZ_CHECK(early.due_at && *early.due_at == in.aware_at + 24 * kMicrosPerHour);
    FUZZ_CHECK(notification.due_at && *notification.due_at == in.aware_at + 72 * kMicrosPerHour);
  }
  if (in.personal_data) {
    FUZZ_CHECK(gdpr.due_at && *gdpr.due_at == in.aware_at + 72 * kMicrosPerHour);
  }
  if (auto next = isms::earliest_unmet_deadline(*clocks)) {
    for (const auto& c : *clocks) {
      bool unmet = c.state == isms::ClockState::kPending || c.state == isms::ClockState::kDueSoon ||
                   c.state == isms::ClockState::kOverdue;
      if (unmet && c.due_at) FUZZ_CHECK(*next <= *c.due_at);
    }
  }
}

// --- time zones ---

void check_dates(const std::string& date, int64_t days) {
  if (!isms::is_valid_date(date)) {
    FUZZ_CHECK(!isms::add_days(date, days).ok() && !isms::iso_weekday(date).ok());
    return;
  }
  auto wd = isms::iso_weekday(date);
  FUZZ_CHECK(wd.ok() && *wd >= 0 && *wd <= 6);
  if (auto later = isms::add_days(date, days); later.ok()) {
    FUZZ_CHECK(isms::is_valid_date(*later));
    auto between = isms::days_between(date, *later);
    FUZZ_CHECK(between.ok() && *between == days);
    auto back = isms::add_days(*later, -days);
    FUZZ_CHECK(back.ok() && *back == date);
    if (days % 7 == 0)
      FUZZ_CHECK(isms::iso_weekday(*later).ok() && *isms::iso_weekday(*later) == *wd);
  }
  if (auto m = isms::add_months(date, days % 1200); m.ok()) {
    FUZZ_CHECK(isms::is_valid_date(*m));
    FUZZ_CHECK(m->substr(8) <= date.substr(8));  // the same day, or the month's last
  }
}

void check_time_zone(const Json& body, const std::string& zone, int64_t instant) {
  bool known = isms::is_known_time_zone(zone);
  auto day = isms::local_date(instant, zone);
  FUZZ_CHECK(day.ok() == known);
  if (!known) return;
  auto offset = isms::utc_offset_seconds(instant, zone);
  FUZZ_CHECK(offset.ok() && std::abs(*offset) < 86400);
  auto shifted = isms::local_date(instant + int64_t{*offset} * 1000000, "UTC");
  FUZZ_CHECK(shifted.ok() && *shifted == *day);
  auto text = isms::format_local_time(instant, zone);
  FUZZ_CHECK(text.ok() && text->substr(0, day->size()) == *day);

  std::string date = member_or(body, "date", *day);
  int seconds = 12 * 3600;
  if (const Json* s = member(body, "seconds"); s && s->is_number_integer()) {
    seconds = static_cast<int>(s->get<int64_t>() % 86400);
  }
  auto utc = isms::local_time_to_utc(date, seconds, zone);
  FUZZ_CHECK(utc.ok() == (isms::is_valid_date(date) && seconds >= 0));
  if (utc.ok()) {
    auto back = isms::local_date(*utc, zone);
    FUZZ_CHECK(back.ok());
    auto next_day = isms::add_days(date, 1);
    FUZZ_CHECK(*back == date || (next_day.ok() && *back == *next_day));
    if (*back == date) {
      if (auto end = isms::end_of_local_day(date, zone); end.ok()) {
        FUZZ_CHECK(*utc <= *end);
        auto last = isms::local_date(*end, zone);
        FUZZ_CHECK(last.ok() && *last == date);
      }
    }
  }
  if (auto end = isms::month_period_end(instant, zone); end.ok()) FUZZ_CHECK(*end > instant);
  int64_t days = 0;
  if (const Json* d = member(body, "days"); d && d->is_number_integer()) {
    days = d->get<int64_t>() % 4000000;
  }
  check_dates(date, days);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = isms::parse_json(text);
  if (!parsed.ok()) return 0;
  const Json& body = *parsed;

  check_facts(body);
  if (const Json* f = member(body, "facts")) check_facts(*f);
  check_assessment(body);
  if (const Json* a = member(body, "assessment")) check_assessment(*a);
  check_event(body);
  check_timeline(body);
  std::vector<isms::IncidentReport> reports = check_reports(body);
  isms::Incident incident = check_incident(body);

  std::string zone = member_or(body, "time_zone", "Europe/Stockholm");
  int64_t aware = micros_of(incident.aware_at);
  int64_t now = aware + kMicrosPerHour;
  if (auto n = member_or(body, "now", ""); !n.empty()) isms::parse_utc_micros(n, &now);
  check_clocks(incident, reports, zone, now);
  check_time_zone(body, zone, now);
  return 0;
}
