// Fuzz target: request and stored bodies of objectives, indicators and measurements
// (domain/objective_input.h, domain/objective.h), whose numbers are exact decimals.
//
// Feeds the bytes to parse_json; when they parse, the value to objective_fields_from_json,
// objective_review_from_json, indicator_fields_from_json, measurement_input_from_json and
// the stored-body readers objective_from_body, indicator_from_body and
// measurement_from_body. Beyond "no crash, no leak, no uncaught exception" it checks:
//  - decimals: an accepted value's text() parses back to the same mantissa and scale and
//    the same text; a decimal sent as a string keeps its digits after the point ("12.50"
//    stays "12.50"), drops only leading zeros and the sign of zero; a JSON integer reads
//    as its own digits; compare() is antisymmetric and agrees with on_target;
//  - accepted objective and indicator fields applied to a stored objective / indicator
//    (both indicator shapes: one target, a target range) that then validates: the stored
//    body reads back to the same body, the API form can go into the ledger, and that API
//    form sent back as a PATCH (read-only members left out) is accepted and changes
//    nothing;
//  - an accepted review or measurement written back as its request body reads back the
//    same; a valid measurement's stored body reads back the same and its API form can go
//    into the ledger;
//  - stored bodies that *_from_body accepts write back to bodies that read back to
//    themselves.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "domain/objective.h"
#include "domain/objective_input.h"
#include "op_body_check.h"

namespace {

using isms::Decimal;
using isms::Json;
using isms::fuzz::check_ledger_safe;
using isms::fuzz::check_same;
using isms::fuzz::kToday;
using isms::fuzz::member;

// --- decimals ---

// What Decimal::text() must give for a decimal string that parse_decimal accepted: the same
// digits after the point, leading zeros of the whole part dropped, no sign on zero.
std::string normalized_decimal(std::string_view s) {
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  size_t point = s.find('.');
  std::string whole(s.substr(0, point));
  std::string fraction = point == std::string_view::npos ? "" : std::string(s.substr(point));
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
  if (whole.empty()) whole = "0";
  std::string out = whole + fraction;
  if (out.find_first_not_of("0.") == std::string::npos) negative = false;
  return negative ? "-" + out : out;
}

void check_decimal(const Decimal& d) {
  std::string text = d.text();
  std::string why;
  auto back = isms::parse_decimal(text, &why);
  FUZZ_CHECK(back.has_value());
  FUZZ_CHECK(back->mantissa == d.mantissa && back->scale == d.scale);
  FUZZ_CHECK(back->text() == text);
  FUZZ_CHECK(d.compare(*back) == 0);
}

// A decimal member as the client sent it: its text is kept exactly (up to normalization).
void check_decimal_member(const Json& sent, const Decimal& d) {
  check_decimal(d);
  if (sent.is_string()) {
    FUZZ_CHECK(d.text() == normalized_decimal(sent.get<std::string>()));
  } else if (sent.is_number_integer()) {
    FUZZ_CHECK(d.text() == normalized_decimal(isms::dump_json(sent)));
  }
}

void check_order(const Decimal& a, const Decimal& b) {
  int ab = a.compare(b), ba = b.compare(a);
  FUZZ_CHECK(ab == -ba);
  FUZZ_CHECK((ab == 0) == (a == b));
  FUZZ_CHECK((ab < 0) == (a < b));
}

// --- objectives ---

void apply_objective_fields(const isms::ObjectiveFields& f, isms::Objective* o) {
  // As ObjectiveService does (service/objective_service.cc).
  if (f.title) o->title = *f.title;
  if (f.description) o->description = *f.description;
  if (f.policy_section) o->policy_section = *f.policy_section;
  if (f.owner_id) o->owner_id = *f.owner_id;
  if (f.status) o->status = *f.status;
  if (f.review_interval_months) o->review_interval_months = *f.review_interval_months;
  if (f.next_review_on) o->next_review_on = *f.next_review_on;
}

isms::Objective stored_objective() {
  isms::Objective o;
  o.id = "obj-1";
  o.ref = "OBJ-01";
  o.default_key = "availability";
  o.title = "Keep the services available";
  o.description = "Availability of customer-facing services.";
  o.policy_section = "6";
  o.owner_id = "person-1";
  o.next_review_on = "2026-12-31";
  o.last_reviewed_on = "2025-12-15";
  o.reviews.push_back({"2025-12-15", "person-1", "Ada Owner", "Still right", {}});
  o.version = 3;
  o.created_at = "2025-01-10T08:00:00Z";
  o.updated_at = "2025-12-15T09:00:00Z";
  return o;
}

void check_objective_fields(const Json& body) {
  auto f = isms::objective_fields_from_json(body);
  if (!f.ok()) return;
  isms::Objective o = stored_objective();
  apply_objective_fields(*f, &o);
  if (!isms::validate_objective(o).empty()) return;
  Json stored = isms::objective_body(o);
  isms::Objective back;
  FUZZ_CHECK(isms::objective_from_body(stored, &back).ok());
  check_same(stored, isms::objective_body(back), "objective body");
  Json wire = isms::objective_to_json(o, kToday);
  check_ledger_safe(wire);
  Json echo = wire;
  for (const char* k : {"id", "ref", "default_key", "last_reviewed_on", "review_overdue", "reviews",
                        "created_at", "updated_at"}) {
    echo.erase(k);
  }
  auto again = isms::objective_fields_from_json(echo);
  FUZZ_CHECK(again.ok());
  isms::Objective p = o;
  apply_objective_fields(*again, &p);
  check_same(wire, isms::objective_to_json(p, kToday), "objective after sending back its API form");
}

void check_objective_review(const Json& body) {
  auto r = isms::objective_review_from_json(body);
  if (!r.ok()) return;
  Json written{{"note", r->note},
               {"outcome", std::string(isms::objective_review_outcome_name(r->outcome))}};
  if (r->version) written["version"] = *r->version;
  check_ledger_safe(written);
  auto back = isms::objective_review_from_json(written);
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(back->note == r->note && back->outcome == r->outcome && back->version == r->version);
}

// --- indicators ---

isms::Indicator stored_indicator(bool range) {
  isms::Indicator i;
  i.id = "ind-1";
  i.ref = "IND-0001";
  i.objective_id = "obj-1";
  i.name = range ? "Server room temperature" : "Patch latency";
  i.unit = range ? "C" : "days";
  i.frequency = isms::IndicatorFrequency::kMonthly;
  if (range) {
    i.direction = isms::IndicatorDirection::kTargetRange;
    i.target_min = Decimal{180, 1};
    i.target_max = Decimal{2500, 2};
  } else {
    i.direction = isms::IndicatorDirection::kLowerIsBetter;
    i.target = Decimal{14, 0};
    i.baseline = Decimal{215, 1};
  }
  i.owner_id = "person-1";
  i.created_on = "2026-01-01";
  i.last_measured_on = "2026-05-31";
  i.next_due_on = isms::indicator_next_due(i);
  i.version = 2;
  i.created_at = "2026-01-01T08:00:00Z";
  i.updated_at = "2026-05-31T08:00:00Z";
  return i;
}

void check_indicator_decimals(const Json& body, const isms::IndicatorFields& f) {
  const Json* target = member(body, "target");
  if (f.target && target) check_decimal_member(*target, *f.target);
  if (f.target_min && f.target_max && target && target->is_array()) {
    check_decimal_member((*target)[0], *f.target_min);
    check_decimal_member((*target)[1], *f.target_max);
    check_order(*f.target_min, *f.target_max);
  }
  if (f.baseline && *f.baseline) {
    check_decimal_member(*member(body, "baseline"), **f.baseline);
    if (f.target) check_order(**f.baseline, *f.target);
  }
}

void check_indicator_fields(const Json& body) {
  auto f = isms::indicator_fields_from_json(body);
  if (!f.ok()) return;
  check_indicator_decimals(body, *f);
  for (bool range : {false, true}) {
    isms::Indicator i = stored_indicator(range);
    isms::apply_indicator_fields(*f, &i);
    if (!isms::validate_indicator(i).empty()) continue;
    Json stored = isms::indicator_body(i);
    isms::Indicator back;
    FUZZ_CHECK(isms::indicator_from_body(stored, &back).ok());
    check_same(stored, isms::indicator_body(back), "indicator body");
    Json wire = isms::indicator_to_json(i, kToday);
    check_ledger_safe(wire);
    Json echo = wire;
    for (const char* k : {"id", "ref", "objective_id", "created_on", "last_measured_on",
                          "next_due_on", "measurement_overdue", "created_at", "updated_at"}) {
      echo.erase(k);
    }
    auto again = isms::indicator_fields_from_json(echo);
    FUZZ_CHECK(again.ok());
    isms::Indicator j = i;
    isms::apply_indicator_fields(*again, &j);
    check_same(wire, isms::indicator_to_json(j, kToday),
               "indicator after sending back its API form");
    // A measurement of the target itself is on target in every direction.
    Decimal at = i.target ? *i.target : *i.target_min;
    auto on = isms::measurement_on_target(i, at);
    FUZZ_CHECK(on.has_value() && *on);
  }
}

// --- measurements ---

void check_measurement_input(const Json& body) {
  auto m = isms::measurement_input_from_json(body);
  if (!m.ok()) return;
  check_decimal_member(*member(body, "value"), m->value);

  Json written{{"value", m->value.text()}, {"period", m->period}, {"note", m->note}};
  if (m->measured_on) written["measured_on"] = *m->measured_on;
  auto back = isms::measurement_input_from_json(written);
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(back->value.mantissa == m->value.mantissa && back->value.scale == m->value.scale);
  FUZZ_CHECK(back->measured_on == m->measured_on && back->period == m->period &&
             back->note == m->note);

  isms::Measurement meas;
  meas.id = "msr-1";
  meas.indicator_id = "ind-1";
  meas.value = m->value;
  meas.measured_on = m->measured_on.value_or(std::string(kToday));
  meas.period = m->period;
  meas.note = m->note;
  meas.recorded_by = "person-1";
  meas.recorded_by_name = "Ada Owner";
  meas.created_at = "2026-06-15T12:00:00Z";
  if (!isms::validate_measurement(meas).empty()) return;
  Json stored = isms::measurement_body(meas);
  isms::Measurement stored_back;
  FUZZ_CHECK(isms::measurement_from_body(stored, &stored_back).ok());
  check_same(stored, isms::measurement_body(stored_back), "measurement body");
  for (bool range : {false, true}) {
    isms::Indicator i = stored_indicator(range);
    check_ledger_safe(isms::measurement_to_json(meas, i));
    auto on = isms::measurement_on_target(i, meas.value);
    FUZZ_CHECK(on.has_value());
    if (range) {
      check_order(meas.value, *i.target_min);
      FUZZ_CHECK(*on == (*i.target_min <= meas.value && meas.value <= *i.target_max));
    } else {
      check_order(meas.value, *i.target);
      FUZZ_CHECK(*on == (meas.value <= *i.target));
    }
    std::vector<isms::Measurement> series{meas, meas};
    series[1].id = "msr-2";
    series[1].value = i.target_max ? *i.target_max : *i.target;
    isms::sort_measurements(&series);
    (void)isms::indicator_trend(i, series);
    (void)isms::measurements_csv(i, series);
  }
}

// --- stored bodies ---

void check_stored_bodies(const Json& body) {
  isms::Objective o;
  if (isms::objective_from_body(body, &o).ok()) {
    Json once = isms::objective_body(o);
    isms::Objective again;
    FUZZ_CHECK(isms::objective_from_body(once, &again).ok());
    check_same(once, isms::objective_body(again), "stored objective body");
  }
  isms::Indicator i;
  if (isms::indicator_from_body(body, &i).ok()) {
    Json once = isms::indicator_body(i);
    isms::Indicator again;
    FUZZ_CHECK(isms::indicator_from_body(once, &again).ok());
    check_same(once, isms::indicator_body(again), "stored indicator body");
  }
  isms::Measurement m;
  if (isms::measurement_from_body(body, &m).ok()) {
    check_decimal(m.value);
    Json once = isms::measurement_body(m);
    isms::Measurement again;
    FUZZ_CHECK(isms::measurement_from_body(once, &again).ok());
    check_same(once, isms::measurement_body(again), "stored measurement body");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = isms::parse_json(text);
  if (!parsed.ok()) return 0;
  const Json& body = *parsed;
  check_objective_fields(body);
  check_objective_review(body);
  check_indicator_fields(body);
  check_measurement_input(body);
  check_stored_bodies(body);
  return 0;
}
