#include "domain/objective_input.h"

#include <cstdint>

#include "domain/risk_common.h"

namespace isms {

namespace {

using risk_detail::JsonFields;

bool is_read_only(const std::string& key) {
  for (const char* k : {"id", "ref", "created_at", "updated_at", "reviews", "last_reviewed_on",
                        "review_overdue", "default_key", "objective_id", "created_on",
                        "last_measured_on", "next_due_on", "measurement_overdue"}) {
    if (key == k) return true;
  }
  return false;
}

template <typename E>
std::optional<E> enum_member(JsonFields& d, const Json& v, const std::string& field,
                             std::optional<E> (*parse)(std::string_view), const char* allowed) {
  auto t = d.string(v, field);
  if (!t) return std::nullopt;
  auto e = parse(*t);
  if (!e) d.add(field, std::string("must be one of ") + allowed);
  return e;
}

std::optional<std::string> date_member(JsonFields& d, const Json& v, const std::string& field) {
  auto t = d.string(v, field);
  if (t && !risk_detail::is_valid_date(*t)) {
    d.add(field, "must be a date YYYY-MM-DD");
    return std::nullopt;
  }
  return t;
}

std::optional<int64_t> version_member(JsonFields& d, const Json& v) {
  return d.integer(v, "version", 1, INT64_MAX);
}

}  // namespace

Result<ObjectiveFields> objective_fields_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  ObjectiveFields f;
  JsonFields d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "title") {
      f.title = d.string(v, key);
    } else if (key == "description") {
      f.description = d.string(v, key);
    } else if (key == "policy_section") {
      f.policy_section = d.string(v, key);
    } else if (key == "owner_id") {
      if (auto o = d.nullable_string(v, key)) f.owner_id = o->value_or("");
    } else if (key == "status") {
      f.status = enum_member(d, v, key, &parse_objective_status, "active, achieved, withdrawn");
    } else if (key == "review_interval_months") {
      if (auto n = d.integer(v, key, 1, 36)) f.review_interval_months = static_cast<int>(*n);
    } else if (key == "next_review_on") {
      f.next_review_on = date_member(d, v, key);
    } else if (key == "version") {
      f.version = version_member(d, v);
    } else if (is_read_only(key)) {
      d.add(key, "is read-only");
    } else {
      d.add(key, "unknown field");
    }
  }
  ISMS_TRY(d.finish());
  return f;
}

Result<ObjectiveReviewInput> objective_review_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  ObjectiveReviewInput r;
  JsonFields d;
  bool has_outcome = false;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "note") {
      if (auto t = d.string(v, key)) r.note = *t;
    } else if (key == "outcome") {
      has_outcome = true;
      if (auto o = enum_member(d, v, key, &parse_objective_review_outcome, "kept, changed")) {
        r.outcome = *o;
      }
    } else if (key == "version") {
      r.version = version_member(d, v);
    } else {
      d.add(key, "unknown field");
    }
  }
  if (!has_outcome) d.add("outcome", "is required (kept or changed)");
  risk_detail::check_text(d.errors, "note", r.note, kObjectiveNoteMax, true, false);
  ISMS_TRY(d.finish());
  return r;
}

Result<IndicatorFields> indicator_fields_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  IndicatorFields f;
  JsonFields d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "name") {
      f.name = d.string(v, key);
    } else if (key == "description") {
      f.description = d.string(v, key);
    } else if (key == "unit") {
      f.unit = d.string(v, key);
    } else if (key == "owner_id") {
      if (auto o = d.nullable_string(v, key)) f.owner_id = o->value_or("");
    } else if (key == "direction") {
      f.direction = enum_member(d, v, key, &parse_indicator_direction,
                                "higher_is_better, lower_is_better, target_range");
    } else if (key == "frequency") {
      f.frequency =
          enum_member(d, v, key, &parse_indicator_frequency, "monthly, quarterly, yearly");
    } else if (key == "status") {
      f.status = enum_member(d, v, key, &parse_indicator_status, "active, retired");
    } else if (key == "target") {
      f.target_given = true;
      if (v.is_array()) {
        if (v.size() != 2) {
          d.add(key, "a range is [min, max]: two decimal strings");
          continue;
        }
        f.target_min = decimal_from_json(v[0], "target[0]", d.errors);
        f.target_max = decimal_from_json(v[1], "target[1]", d.errors);
      } else {
        f.target = decimal_from_json(v, key, d.errors);
      }
    } else if (key == "baseline") {
      if (v.is_null()) {
        f.baseline = std::optional<Decimal>();
      } else if (auto b = decimal_from_json(v, key, d.errors)) {
        f.baseline = b;
      }
    } else if (key == "version") {
      f.version = version_member(d, v);
    } else if (is_read_only(key)) {
      d.add(key, "is read-only");
    } else {
      d.add(key, "unknown field");
    }
  }
  ISMS_TRY(d.finish());
  return f;
}

void apply_indicator_fields(const IndicatorFields& f, Indicator* i) {
  if (f.name) i->name = *f.name;
  if (f.description) i->description = *f.description;
  if (f.unit) i->unit = *f.unit;
  if (f.owner_id) i->owner_id = *f.owner_id;
  if (f.frequency) i->frequency = *f.frequency;
  if (f.status) i->status = *f.status;
  if (f.baseline) i->baseline = *f.baseline;
  if (f.direction) i->direction = *f.direction;
  if (f.target_given) {
    i->target = f.target;
    i->target_min = f.target_min;
    i->target_max = f.target_max;
  }
}

Result<MeasurementInput> measurement_input_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  MeasurementInput m;
  JsonFields d;
  bool has_value = false;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "value") {
      has_value = true;
      if (v.is_null()) {
        d.add(key, "is required");
      } else if (auto x = decimal_from_json(v, key, d.errors)) {
        m.value = *x;
      }
    } else if (key == "measured_on") {
      m.measured_on = date_member(d, v, key);
    } else if (key == "period") {
      if (auto t = d.string(v, key)) m.period = *t;
    } else if (key == "note") {
      if (auto t = d.string(v, key)) m.note = *t;
    } else {
      d.add(key, "unknown field");
    }
  }
  if (!has_value) d.add("value", "is required (a decimal string like \"99.95\")");
  risk_detail::check_text(d.errors, "period", m.period, kMeasurementPeriodMax, false, false);
  risk_detail::check_text(d.errors, "note", m.note, kObjectiveNoteMax, true, false);
  ISMS_TRY(d.finish());
  return m;
}

}  // namespace isms
