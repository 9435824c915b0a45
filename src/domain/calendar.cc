#include "domain/calendar.h"

#include <algorithm>

#include "domain/risk_common.h"

namespace isms {

namespace {

using risk_detail::Date;

constexpr std::string_view kWeekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                          "friday", "saturday", "sunday"};
constexpr std::string_view kUnits[] = {"days", "weeks", "months", "years"};
constexpr int kCustomEveryMax = 365;

// Days since 1970-01-01 of a proleptic Gregorian date (era arithmetic: 400-year cycles).
int64_t day_number(const Date& d) {
  int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (d.month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date from_day_number(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  Date d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

// Months since year 0 (month index) and back, with the day clamped to the month's end.
int64_t month_index(const Date& d) { return int64_t{d.year} * 12 + (d.month - 1); }
Date date_in_month(int64_t index, int day) {
  Date d;
  d.year = static_cast<int>(index / 12);
  d.month = static_cast<int>(index % 12) + 1;
  d.day = std::min(day, risk_detail::days_in_month(d.year, d.month));
  return d;
}

// A cadence reduced to a step: either a number of days from the first occurrence, or a
// number of months from a month index with a fixed (clamped) day of month.
struct Step {
  bool by_months = false;
  int64_t first_day = 0;  // by days: day number of the first occurrence
  int64_t days = 1;
  int64_t first_month = 0;  // by months: month index of the first occurrence
  int months = 1;
  int day_of_month = 1;
};

std::optional<Step> step_of(const Activity& a) {
  auto anchor = risk_detail::parse_date(a.anchor_on);
  if (!anchor) return std::nullopt;
  const Cadence& c = a.cadence;
  Step s;
  auto months_from_anchor = [&](int months) {
    s.by_months = true;
    s.months = months;
    s.first_month = month_index(*anchor);
    s.day_of_month = anchor->day;
  };
  switch (c.kind) {
    case CadenceKind::kWeekly: {
      int64_t n = day_number(*anchor);
      int wd = static_cast<int>(((n + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday (3)
      s.first_day = n + ((c.weekday - wd) % 7 + 7) % 7;
      s.days = 7;
      return s;
    }
    case CadenceKind::kMonthly: {
      s.by_months = true;
      s.months = 1;
      s.day_of_month = c.day_of_month;
      s.first_month = month_index(*anchor);
      if (risk_detail::format_date(date_in_month(s.first_month, s.day_of_month)) < a.anchor_on) {
        ++s.first_month;
      }
      return s;
    }
    case CadenceKind::kQuarterly:
      months_from_anchor(3);
      return s;
    case CadenceKind::kYearly:
      months_from_anchor(12);
      return s;
    case CadenceKind::kCustom:
      if (c.every < 1) return std::nullopt;
      if (c.unit == CadenceUnit::kMonths || c.unit == CadenceUnit::kYears) {
        months_from_anchor(c.every * (c.unit == CadenceUnit::kYears ? 12 : 1));
      } else {
        s.first_day = day_number(*anchor);
        s.days = int64_t{c.every} * (c.unit == CadenceUnit::kWeeks ? 7 : 1);
      }
      return s;
  }
  return std::nullopt;
}

// The k-th occurrence (k >= 0).
Date nth(const Step& s, int64_t k) {
  if (s.by_months) return date_in_month(s.first_month + k * s.months, s.day_of_month);
  return from_day_number(s.first_day + k * s.days);
}

// Dates are "YYYY-MM-DD": an occurrence after year 9999 has no such form ("10000-01-01"
// compares before "9999-12-31" as text), so it ends every series (caught by
// fuzz/calendar_body_fuzz.cc: occurrence_dates returned such dates, and searching from a
// day in 9999 after the last occurrence stepped through ~90 000 years).
constexpr int kLastYear = 9999;

// The smallest k whose occurrence is on or after `from` (k >= 0), or the first past
// kLastYear.
int64_t first_index_from(const Step& s, const Date& from) {
  int64_t k = 0;
  if (s.by_months) {
    int64_t diff = month_index(from) - s.first_month;
    if (diff > 0) k = std::max<int64_t>(0, diff / s.months - 1);
  } else {
    int64_t diff = day_number(from) - s.first_day;
    if (diff > 0) k = diff / s.days;
  }
  std::string from_text = risk_detail::format_date(from);
  while (true) {
    Date d = nth(s, k);
    if (d.year > kLastYear || risk_detail::format_date(d) >= from_text) return k;
    ++k;
  }
}

template <typename T, size_t N>
int index_of(const T (&names)[N], std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

std::string join_names(const std::string_view* names, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  return out;
}

std::string ordinal_unit(CadenceUnit u, int every) {
  std::string unit(kUnits[static_cast<int>(u)]);
  if (every == 1) unit.pop_back();  // "days" -> "day"
  return unit;
}

}  // namespace

std::string_view activity_status_name(ActivityStatus s) {
  return s == ActivityStatus::kActive ? "active" : "paused";
}

std::optional<ActivityStatus> parse_activity_status(std::string_view s) {
  if (s == "active") return ActivityStatus::kActive;
  if (s == "paused") return ActivityStatus::kPaused;
  return std::nullopt;
}

Json cadence_to_json(const Cadence& c) {
  switch (c.kind) {
    case CadenceKind::kWeekly:
      return Json{{"kind", "weekly"}, {"weekday", std::string(kWeekdays[c.weekday])}};
    case CadenceKind::kMonthly:
      return Json{{"kind", "monthly"}, {"day_of_month", c.day_of_month}};
    case CadenceKind::kQuarterly:
      return Json{{"kind", "quarterly"}};
    case CadenceKind::kYearly:
      return Json{{"kind", "yearly"}};
    case CadenceKind::kCustom:
      return Json{{"kind", "custom"},
                  {"every", c.every},
                  {"unit", std::string(kUnits[static_cast<int>(c.unit)])}};
  }
  return Json::object();
}

Result<Cadence> cadence_from_json(const Json& j, const std::string& field,
                                  const std::string& anchor_on) {
  if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) {
    return Error::invalid(field,
                          "must be an object with \"kind\": weekly, monthly, quarterly, "
                          "yearly or custom");
  }
  std::string kind = j["kind"].get<std::string>();
  Cadence c;
  std::vector<std::string> allowed;
  if (kind == "weekly") {
    c.kind = CadenceKind::kWeekly;
    allowed = {"weekday"};
  } else if (kind == "monthly") {
    c.kind = CadenceKind::kMonthly;
    allowed = {"day_of_month"};
  } else if (kind == "quarterly") {
    c.kind = CadenceKind::kQuarterly;
  } else if (kind == "yearly") {
    c.kind = CadenceKind::kYearly;
  } else if (kind == "custom") {
    c.kind = CadenceKind::kCustom;
    allowed = {"every", "unit"};
  } else {
    return Error::invalid(
        field + ".kind",
        "must be weekly, monthly, quarterly, yearly or custom, not \"" + kind.substr(0, 40) + "\"");
  }
  std::vector<FieldError> errors;
  auto anchor = risk_detail::parse_date(anchor_on);
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "kind") continue;
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
      errors.push_back({field + "." + it.key(), "is not a member of a " + kind + " cadence"});
    }
  }
  if (c.kind == CadenceKind::kWeekly) {
    if (j.contains("weekday")) {
      const Json& v = j["weekday"];
      int wd = v.is_string() ? index_of(kWeekdays, v.get<std::string>()) : -1;
      if (wd < 0) {
        errors.push_back({field + ".weekday", "must be one of " + join_names(kWeekdays, 7)});
      } else {
        c.weekday = wd;
      }
    } else if (anchor) {
      int64_t n = day_number(*anchor);
      c.weekday = static_cast<int>(((n + 3) % 7 + 7) % 7);
    }
  }
  if (c.kind == CadenceKind::kMonthly) {
    if (j.contains("day_of_month")) {
      const Json& v = j["day_of_month"];
      if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > 31) {
        errors.push_back({field + ".day_of_month", "must be an integer 1..31"});
      } else {
        c.day_of_month = static_cast<int>(v.get<int64_t>());
      }
    } else if (anchor) {
      c.day_of_month = anchor->day;
    }
  }
  if (c.kind == CadenceKind::kCustom) {
    if (!j.contains("every") || !j["every"].is_number_integer() || j["every"].get<int64_t>() < 1 ||
        j["every"].get<int64_t>() > kCustomEveryMax) {
      errors.push_back(
          {field + ".every", "is required: an integer 1.." + std::to_string(kCustomEveryMax)});
    } else {
      c.every = static_cast<int>(j["every"].get<int64_t>());
    }
    int unit = j.contains("unit") && j["unit"].is_string()
                   ? index_of(kUnits, j["unit"].get<std::string>())
                   : -1;
    if (unit < 0) {
      errors.push_back({field + ".unit", "is required: days, weeks, months or years"});
    } else {
      c.unit = static_cast<CadenceUnit>(unit);
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return c;
}

std::string describe_cadence(const Cadence& c, const std::string& anchor_on) {
  std::string from = anchor_on.empty() ? "" : " from " + anchor_on;
  switch (c.kind) {
    case CadenceKind::kWeekly: {
      std::string day(kWeekdays[c.weekday]);
      day[0] = static_cast<char>(day[0] - 'a' + 'A');
      return "Every week on " + day + from;
    }
    case CadenceKind::kMonthly:
      return "Every month on day " + std::to_string(c.day_of_month) +
             (c.day_of_month > 28 ? " (or the month's last day)" : "") + from;
    case CadenceKind::kQuarterly:
      return "Every quarter" + from;
    case CadenceKind::kYearly:
      return "Every year" + from;
    case CadenceKind::kCustom:
      if (c.every == 1) return "Every " + ordinal_unit(c.unit, 1) + from;
      return "Every " + std::to_string(c.every) + " " + ordinal_unit(c.unit, c.every) + from;
  }
  return "";
}

std::vector<std::string> occurrence_dates(const Activity& a, const std::string& from,
                                          const std::string& to, size_t limit) {
  std::vector<std::string> out;
  auto step = step_of(a);
  auto f = risk_detail::parse_date(from);
  if (!step || !f || !risk_detail::is_valid_date(to) || to < from) return out;
  for (int64_t k = first_index_from(*step, *f); out.size() < limit; ++k) {
    Date n = nth(*step, k);
    if (n.year > kLastYear) break;
    std::string d = risk_detail::format_date(n);
    if (d > to) break;
    out.push_back(std::move(d));
  }
  return out;
}

bool is_occurrence_date(const Activity& a, const std::string& date) {
  auto dates = occurrence_dates(a, date, date, 1);
  return !dates.empty();
}

std::string next_occurrence_on_or_after(const Activity& a, const std::string& date) {
  auto step = step_of(a);
  auto d = risk_detail::parse_date(date);
  if (!step || !d) return "";
  Date next = nth(*step, first_index_from(*step, *d));
  if (next.year > d->year + 100 || next.year > kLastYear) return "";
  return risk_detail::format_date(next);
}

std::string occurrence_state(const std::string& date, const std::string& today, int window_days,
                             bool recorded) {
  if (recorded) return "done";
  if (date < today) return "overdue";
  auto d = risk_detail::parse_date(date);
  if (d && today >= risk_detail::format_date(risk_detail::add_days(*d, -window_days))) {
    return "due";
  }
  return "upcoming";
}

std::vector<FieldError> validate_activity(const Activity& a) {
  std::vector<FieldError> errors;
  risk_detail::check_text(errors, "title", a.title, kActivityTitleMax, false, true);
  risk_detail::check_text(errors, "description", a.description, kActivityTextMax, true, false);
  risk_detail::check_text(errors, "policy_ref", a.policy_ref, kPolicyRefMax, false, false);
  if (!risk_detail::is_valid_date(a.anchor_on)) {
    errors.push_back({"anchor_on", "is required: a date YYYY-MM-DD"});
  }
  if (a.due_window_days < 0 || a.due_window_days > kDueWindowMax) {
    errors.push_back({"due_window_days", "must be 0.." + std::to_string(kDueWindowMax)});
  }
  if (index_of(kSubjectRegisters, a.subject.register_name) < 0) {
    errors.push_back(
        {"subject.register",
         "must be one of " + join_names(kSubjectRegisters, std::size(kSubjectRegisters))});
  }
  risk_detail::check_text(errors, "subject.object_id", a.subject.object_id, 100, false, false);
  for (const auto& r : a.requires_fields) {
    if (index_of(kRequirementNames, r) < 0) {
      errors.push_back(
          {"requires", "\"" + r.substr(0, 40) + "\" is not notes, evidence or decision"});
    }
  }
  return errors;
}

Json activity_body(const Activity& a) {
  Json subject{{"register", a.subject.register_name}};
  subject["object_id"] = a.subject.object_id.empty() ? Json(nullptr) : Json(a.subject.object_id);
  return Json{{"title", a.title},
              {"description", a.description},
              {"cadence", cadence_to_json(a.cadence)},
              {"anchor_on", a.anchor_on},
              {"subject", std::move(subject)},
              {"requires", a.requires_fields},
              {"due_window_days", a.due_window_days},
              {"policy_ref", a.policy_ref},
              {"default_key", a.default_key}};
}

Status activity_from_body(const Json& body, Activity* a) {
  auto bad = [&](const std::string& what) {
    return Error::corruption("activity " + a->id + ": stored body has a bad " + what);
  };
  if (!body.is_object()) return bad("body");
  auto text = [&](const char* key, std::string* out) -> bool {
    if (!body.contains(key)) return true;
    if (!body[key].is_string()) return false;
    *out = body[key].get<std::string>();
    return true;
  };
  if (!text("title", &a->title) || !text("description", &a->description) ||
      !text("anchor_on", &a->anchor_on) || !text("policy_ref", &a->policy_ref) ||
      !text("default_key", &a->default_key)) {
    return bad("text member");
  }
  auto cadence = cadence_from_json(body.value("cadence", Json()), "cadence", a->anchor_on);
  if (!cadence) return bad("cadence");
  a->cadence = *cadence;
  if (body.contains("subject")) {
    const Json& s = body["subject"];
    if (!s.is_object() || !s.contains("register") || !s["register"].is_string()) {
      return bad("subject");
    }
    a->subject.register_name = s["register"].get<std::string>();
    a->subject.object_id = s.contains("object_id") && s["object_id"].is_string()
                               ? s["object_id"].get<std::string>()
                               : "";
  }
  a->requires_fields.clear();
  if (body.contains("requires")) {
    if (!body["requires"].is_array()) return bad("requires");
    for (const auto& r : body["requires"]) {
      if (!r.is_string()) return bad("requires");
      a->requires_fields.push_back(r.get<std::string>());
    }
  }
  if (body.contains("due_window_days")) {
    if (!body["due_window_days"].is_number_integer()) return bad("due_window_days");
    a->due_window_days = body["due_window_days"].get<int>();
  }
  return ok_status();
}

Json activity_to_json(const Activity& a) {
  Json j = activity_body(a);
  j["id"] = a.id;
  j["ref"] = a.ref;
  j["owner_id"] = a.owner_id.empty() ? Json(nullptr) : Json(a.owner_id);
  j["status"] = std::string(activity_status_name(a.status));
  j["archived"] = a.archived;
  j["cadence_text"] = describe_cadence(a.cadence, a.anchor_on);
  j["version"] = a.version;
  j["created_at"] = a.created_at;
  j["updated_at"] = a.updated_at;
  if (a.default_key.empty()) j["default_key"] = nullptr;
  return j;
}

bool is_https_url(std::string_view s) {
  if (s.size() <= 8 || s.substr(0, 8) != "https://" || s.size() > kCompletionEvidenceMax)
    return false;
  for (unsigned char ch : s) {
    if (ch <= 0x20 || ch == 0x7f) return false;
  }
  return true;
}

Result<Completion> completion_from_json(const Json& body, bool skip) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  Completion c;
  risk_detail::JsonFields d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (skip && key == "reason") {
      if (auto t = d.string(v, key)) c.reason = *t;
    } else if (!skip && (key == "notes" || key == "decision")) {
      if (v.is_null()) continue;
      if (auto t = d.string(v, key)) (key == "notes" ? c.notes : c.decision) = *t;
    } else if (!skip && key == "evidence") {
      if (v.is_null()) continue;
      if (auto list = d.strings(v, key, kEvidenceItemsMax)) c.evidence = *list;
    } else {
      d.add(key, skip ? "unknown field (a skip takes \"reason\")"
                      : "unknown field (a completion takes notes, evidence, decision)");
    }
  }
  risk_detail::check_text(d.errors, "notes", c.notes, kActivityTextMax, true, false);
  risk_detail::check_text(d.errors, "decision", c.decision, kActivityTextMax, true, false);
  risk_detail::check_text(d.errors, "reason", c.reason, kActivityTextMax, true, skip);
  for (size_t i = 0; i < c.evidence.size(); ++i) {
    const std::string& e = c.evidence[i];
    if (e.empty() || e.size() > kCompletionEvidenceMax) {
      d.add("evidence[" + std::to_string(i) + "]", "must be an evidence id or an https URL");
    } else if (e.rfind("http", 0) == 0 && !is_https_url(e)) {
      d.add("evidence[" + std::to_string(i) + "]", "a URL must be https:// without blanks");
    }
  }
  ISMS_TRY(d.finish());
  return c;
}

Status check_requirements(const Activity& a, const Completion& c) {
  std::vector<FieldError> errors;
  for (const auto& r : a.requires_fields) {
    bool missing = (r == "notes" && risk_detail::is_blank(c.notes)) ||
                   (r == "evidence" && c.evidence.empty()) ||
                   (r == "decision" && risk_detail::is_blank(c.decision));
    if (missing) errors.push_back({r, "is required to complete \"" + a.title + "\""});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

}  // namespace isms
