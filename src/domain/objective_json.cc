// Stored bodies, wire forms and the CSV export of objectives, indicators and measurements
// (domain/objective.h). Stored bodies are read strictly: a key this build does not know or
// a value of the wrong type is kCorruption naming the key, so a damaged record is reported
// rather than silently half-read.
#include <functional>
#include <map>

#include "domain/objective.h"

namespace isms {

namespace {

// Reads the members of a stored body, each by its own reader; unknown keys fail.
class BodyIn {
 public:
  BodyIn(const Json& body, std::string kind) : body_(body), kind_(std::move(kind)) {}

  using Reader = std::function<bool(const Json&)>;
  Status read(const std::map<std::string, Reader>& readers) {
    if (!body_.is_object()) return Error::corruption(kind_ + " body is not a JSON object");
    for (auto it = body_.begin(); it != body_.end(); ++it) {
      auto r = readers.find(it.key());
      if (r == readers.end()) {
        return Error::corruption(kind_ + " body has an unknown key \"" + it.key() + "\"");
      }
      if (!r->second(it.value())) {
        return Error::corruption(kind_ + " body key \"" + it.key() + "\" has a bad value");
      }
    }
    return ok_status();
  }

 private:
  const Json& body_;
  std::string kind_;
};

BodyIn::Reader str(std::string* out) {
  return [out](const Json& v) {
    if (!v.is_string()) return false;
    *out = v.get<std::string>();
    return true;
  };
}

BodyIn::Reader opt_str(std::optional<std::string>* out) {
  return [out](const Json& v) {
    if (v.is_null()) {
      out->reset();
      return true;
    }
    if (!v.is_string()) return false;
    *out = v.get<std::string>();
    return true;
  };
}

BodyIn::Reader opt_dec(std::optional<Decimal>* out) {
  return [out](const Json& v) {
    if (v.is_null()) {
      out->reset();
      return true;
    }
    if (!v.is_string()) return false;
    *out = parse_decimal(v.get<std::string>(), nullptr);
    return out->has_value();
  };
}

template <typename E>
BodyIn::Reader enum_of(E* out, std::optional<E> (*parse)(std::string_view)) {
  return [out, parse](const Json& v) {
    if (!v.is_string()) return false;
    auto e = parse(v.get<std::string>());
    if (!e) return false;
    *out = *e;
    return true;
  };
}

Json opt_json(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }
Json opt_json(const std::optional<Decimal>& v) { return v ? Json(v->text()) : Json(nullptr); }

Json review_json(const ObjectiveReview& r) {
  return Json{{"on", r.on},
              {"by", r.by},
              {"by_name", r.by_name},
              {"note", r.note},
              {"outcome", objective_review_outcome_name(r.outcome)}};
}

bool review_from_json(const Json& v, ObjectiveReview* r) {
  if (!v.is_object()) return false;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const Json& x = it.value();
    if (it.key() == "outcome") {
      if (!x.is_string()) return false;
      auto o = parse_objective_review_outcome(x.get<std::string>());
      if (!o) return false;
      r->outcome = *o;
      continue;
    }
    std::string* target = it.key() == "on"        ? &r->on
                          : it.key() == "by"      ? &r->by
                          : it.key() == "by_name" ? &r->by_name
                          : it.key() == "note"    ? &r->note
                                                  : nullptr;
    if (!target || !x.is_string()) return false;
    *target = x.get<std::string>();
  }
  return true;
}

}  // namespace

// --- objective ---

Json objective_body(const Objective& o) {
  Json reviews = Json::array();
  for (const auto& r : o.reviews) reviews.push_back(review_json(r));
  return Json{{"title", o.title},
              {"description", o.description},
              {"policy_section", o.policy_section},
              {"default_key", o.default_key},
              {"review_interval_months", o.review_interval_months},
              {"last_reviewed_on", opt_json(o.last_reviewed_on)},
              {"reviews", std::move(reviews)}};
}

Status objective_from_body(const Json& body, Objective* o) {
  BodyIn in(body, "objective");
  return in.read({
      {"title", str(&o->title)},
      {"description", str(&o->description)},
      {"policy_section", str(&o->policy_section)},
      {"default_key", str(&o->default_key)},
      {"review_interval_months",
       [o](const Json& v) {
         if (!v.is_number_integer()) return false;
         o->review_interval_months = v.get<int>();
         return true;
       }},
      {"last_reviewed_on", opt_str(&o->last_reviewed_on)},
      {"reviews",
       [o](const Json& v) {
         if (!v.is_array()) return false;
         o->reviews.clear();
         for (const Json& r : v) {
           ObjectiveReview review;
           if (!review_from_json(r, &review)) return false;
           o->reviews.push_back(std::move(review));
         }
         return true;
       }},
  });
}

Json objective_to_json(const Objective& o, std::string_view today) {
  Json reviews = Json::array();
  for (const auto& r : o.reviews) reviews.push_back(review_json(r));
  return Json{{"id", o.id},
              {"ref", o.ref},
              {"title", o.title},
              {"description", o.description},
              {"policy_section", o.policy_section},
              {"default_key", o.default_key.empty() ? Json(nullptr) : Json(o.default_key)},
              {"owner_id", o.owner_id.empty() ? Json(nullptr) : Json(o.owner_id)},
              {"status", objective_status_name(o.status)},
              {"review_interval_months", o.review_interval_months},
              {"next_review_on", o.next_review_on},
              {"last_reviewed_on", opt_json(o.last_reviewed_on)},
              {"review_overdue", objective_review_overdue(o, today)},
              {"reviews", std::move(reviews)},
              {"version", o.version},
              {"created_at", o.created_at},
              {"updated_at", o.updated_at}};
}

// --- indicator ---

Json indicator_target_json(const Indicator& i) {
  if (i.direction == IndicatorDirection::kTargetRange) {
    if (!i.target_min || !i.target_max) return nullptr;
    return Json::array({i.target_min->text(), i.target_max->text()});
  }
  return opt_json(i.target);
}

Json indicator_body(const Indicator& i) {
  return Json{{"name", i.name},
              {"description", i.description},
              {"unit", i.unit},
              {"direction", indicator_direction_name(i.direction)},
              {"target", indicator_target_json(i)},
              {"baseline", opt_json(i.baseline)},
              {"frequency", indicator_frequency_name(i.frequency)},
              {"created_on", i.created_on},
              {"last_measured_on", opt_json(i.last_measured_on)}};
}

Status indicator_from_body(const Json& body, Indicator* i) {
  BodyIn in(body, "indicator");
  ISMS_TRY(in.read({
      {"name", str(&i->name)},
      {"description", str(&i->description)},
      {"unit", str(&i->unit)},
      {"direction", enum_of(&i->direction, &parse_indicator_direction)},
      // Read after the loop: its shape depends on the direction.
      {"target", [](const Json&) { return true; }},
      {"baseline", opt_dec(&i->baseline)},
      {"frequency", enum_of(&i->frequency, &parse_indicator_frequency)},
      {"created_on", str(&i->created_on)},
      {"last_measured_on", opt_str(&i->last_measured_on)},
  }));
  i->target.reset();
  i->target_min.reset();
  i->target_max.reset();
  const Json& t = body.contains("target") ? body["target"] : Json(nullptr);
  if (t.is_array() && t.size() == 2 && t[0].is_string() && t[1].is_string()) {
    i->target_min = parse_decimal(t[0].get<std::string>(), nullptr);
    i->target_max = parse_decimal(t[1].get<std::string>(), nullptr);
    if (!i->target_min || !i->target_max) {
      return Error::corruption("indicator body key \"target\" has a bad value");
    }
  } else if (t.is_string()) {
    i->target = parse_decimal(t.get<std::string>(), nullptr);
    if (!i->target) return Error::corruption("indicator body key \"target\" has a bad value");
  } else if (!t.is_null()) {
    return Error::corruption("indicator body key \"target\" has a bad value");
  }
  return ok_status();
}

Json indicator_to_json(const Indicator& i, std::string_view today) {
  return Json{{"id", i.id},
              {"ref", i.ref},
              {"objective_id", i.objective_id},
              {"name", i.name},
              {"description", i.description},
              {"unit", i.unit},
              {"direction", indicator_direction_name(i.direction)},
              {"target", indicator_target_json(i)},
              {"baseline", opt_json(i.baseline)},
              {"frequency", indicator_frequency_name(i.frequency)},
              {"owner_id", i.owner_id.empty() ? Json(nullptr) : Json(i.owner_id)},
              {"status", indicator_status_name(i.status)},
              {"created_on", i.created_on},
              {"last_measured_on", opt_json(i.last_measured_on)},
              {"next_due_on", i.next_due_on},
              {"measurement_overdue", indicator_overdue(i, today)},
              {"version", i.version},
              {"created_at", i.created_at},
              {"updated_at", i.updated_at}};
}

// --- measurement ---

Json measurement_body(const Measurement& m) {
  return Json{{"value", m.value.text()},
              {"period", m.period},
              {"note", m.note},
              {"recorded_by_name", m.recorded_by_name},
              {"supersedes", m.supersedes},
              {"superseded_by", m.superseded_by}};
}

Status measurement_from_body(const Json& body, Measurement* m) {
  BodyIn in(body, "measurement");
  return in.read({
      {"value",
       [m](const Json& v) {
         if (!v.is_string()) return false;
         auto d = parse_decimal(v.get<std::string>(), nullptr);
         if (!d) return false;
         m->value = *d;
         return true;
       }},
      {"period", str(&m->period)},
      {"note", str(&m->note)},
      {"recorded_by_name", str(&m->recorded_by_name)},
      {"supersedes", str(&m->supersedes)},
      {"superseded_by", str(&m->superseded_by)},
  });
}

Json measurement_to_json(const Measurement& m, const Indicator& indicator) {
  auto on_target = measurement_on_target(indicator, m.value);
  return Json{{"id", m.id},
              {"indicator_id", m.indicator_id},
              {"value", m.value.text()},
              {"measured_on", m.measured_on},
              {"period", m.period},
              {"note", m.note},
              {"recorded_by", m.recorded_by.empty() ? Json(nullptr) : Json(m.recorded_by)},
              {"recorded_by_name", m.recorded_by_name},
              {"on_target", on_target ? Json(*on_target) : Json(nullptr)},
              {"supersedes", m.supersedes.empty() ? Json(nullptr) : Json(m.supersedes)},
              {"superseded_by", m.superseded_by.empty() ? Json(nullptr) : Json(m.superseded_by)},
              {"superseded", !m.superseded_by.empty()},
              {"created_at", m.created_at}};
}

// --- CSV ---

namespace {

std::string csv_cell(const std::string& text, bool is_number) {
  std::string v = text;
  // A text cell starting like a formula would run in a spreadsheet; numbers are ours.
  if (!is_number && !v.empty() &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r')) {
    v.insert(0, "'");
  }
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string measurements_csv(const Indicator& indicator, const std::vector<Measurement>& all) {
  std::string out =
      "indicator,measured_on,value,unit,on_target,period,note,recorded_by,recorded_at,"
      "superseded_by\r\n";
  for (const Measurement& m : all) {
    auto on = measurement_on_target(indicator, m.value);
    out += csv_cell(indicator.ref, false) + "," + m.measured_on + "," + m.value.text() + "," +
           csv_cell(indicator.unit, false) + "," + (on ? (*on ? "yes" : "no") : "") + "," +
           csv_cell(m.period, false) + "," + csv_cell(m.note, false) + "," +
           csv_cell(m.recorded_by_name, false) + "," + m.created_at + "," + m.superseded_by +
           "\r\n";
  }
  return out;
}

}  // namespace isms
