#include "domain/objective.h"

#include <algorithm>
#include <cstdlib>

#include "domain/risk_common.h"

namespace isms {

using risk_detail::check_text;

namespace {

__int128 pow10_128(int n) {
  __int128 r = 1;
  while (n-- > 0) r *= 10;
  return r;
}

}  // namespace

// --- Decimal ---

std::string Decimal::text() const {
  bool negative = mantissa < 0;
  std::string digits = std::to_string(negative ? -mantissa : mantissa);
  if (scale > 0) {
    if (digits.size() <= static_cast<size_t>(scale)) {
      digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  }
  return negative ? "-" + digits : digits;
}

int Decimal::compare(const Decimal& other) const {
  // Both mantissas have at most 15 digits and scales differ by at most 15: the scaled
  // values stay below 10^30, well inside 128 bits.
  int common = std::max(scale, other.scale);
  __int128 a = static_cast<__int128>(mantissa) * pow10_128(common - scale);
  __int128 b = static_cast<__int128>(other.mantissa) * pow10_128(common - other.scale);
  return a < b ? -1 : (a > b ? 1 : 0);
}

std::optional<Decimal> parse_decimal(std::string_view text, std::string* why) {
  auto fail = [&](const char* message) -> std::optional<Decimal> {
    if (why) *why = message;
    return std::nullopt;
  };
  const char* shape = "must be a decimal number like \"99.95\" (digits, optional '-' and '.')";
  if (text.empty() || text.size() > 40) return fail(shape);
  size_t pos = 0;
  bool negative = false;
  if (text[0] == '-') {
    negative = true;
    pos = 1;
  }
  std::string digits;
  int scale = 0;
  bool seen_point = false, seen_digit = false, digit_after_point = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (seen_point) {
        ++scale;
        digit_after_point = true;
      }
      digits.push_back(c);
    } else if (c == '.' && !seen_point && seen_digit) {
      seen_point = true;
    } else {
      return fail(shape);
    }
  }
  if (!seen_digit || (seen_point && !digit_after_point)) return fail(shape);
  if (scale > kDecimalDigitsMax) {
    return fail("has too many digits after the point (at most 15 significant digits)");
  }
  size_t first = digits.find_first_not_of('0');
  std::string significant = first == std::string::npos ? "" : digits.substr(first);
  if (significant.size() > static_cast<size_t>(kDecimalDigitsMax)) {
    return fail("has too many digits (at most 15 significant digits)");
  }
  Decimal d;
  d.scale = scale;
  d.mantissa = significant.empty() ? 0 : std::stoll(significant);
  if (negative) d.mantissa = -d.mantissa;
  return d;
}

std::optional<Decimal> decimal_from_json(const Json& v, const std::string& field,
                                         std::vector<FieldError>& errors) {
  if (v.is_string()) {
    std::string why;
    auto d = parse_decimal(v.get_ref<const std::string&>(), &why);
    if (!d) errors.push_back({field, why});
    return d;
  }
  if (v.is_number_integer()) {
    std::string why;
    std::string text = v.is_number_unsigned() ? std::to_string(v.get<uint64_t>())
                                              : std::to_string(v.get<int64_t>());
    auto d = parse_decimal(text, &why);
    if (!d) errors.push_back({field, why});
    return d;
  }
  if (v.is_number_float()) {
    errors.push_back({field,
                      "must be a decimal string like \"99.95\" (floating point numbers "
                      "are not exact)"});
  } else {
    errors.push_back({field, "must be a decimal string like \"99.95\""});
  }
  return std::nullopt;
}

// --- enumerations ---

std::string_view objective_status_name(ObjectiveStatus s) {
  switch (s) {
    case ObjectiveStatus::kActive:
      return "active";
    case ObjectiveStatus::kAchieved:
      return "achieved";
    case ObjectiveStatus::kWithdrawn:
      return "withdrawn";
  }
  return "active";
}

std::optional<ObjectiveStatus> parse_objective_status(std::string_view s) {
  for (auto v :
       {ObjectiveStatus::kActive, ObjectiveStatus::kAchieved, ObjectiveStatus::kWithdrawn}) {
    if (objective_status_name(v) == s) return v;
  }
  return std::nullopt;
}

std::string_view objective_review_outcome_name(ObjectiveReviewOutcome o) {
  return o == ObjectiveReviewOutcome::kChanged ? "changed" : "kept";
}

std::optional<ObjectiveReviewOutcome> parse_objective_review_outcome(std::string_view s) {
  if (s == "kept") return ObjectiveReviewOutcome::kKept;
  if (s == "changed") return ObjectiveReviewOutcome::kChanged;
  return std::nullopt;
}

std::string_view indicator_direction_name(IndicatorDirection d) {
  switch (d) {
    case IndicatorDirection::kHigherIsBetter:
      return "higher_is_better";
    case IndicatorDirection::kLowerIsBetter:
      return "lower_is_better";
    case IndicatorDirection::kTargetRange:
      return "target_range";
  }
  return "higher_is_better";
}

std::optional<IndicatorDirection> parse_indicator_direction(std::string_view s) {
  for (auto v : {IndicatorDirection::kHigherIsBetter, IndicatorDirection::kLowerIsBetter,
                 IndicatorDirection::kTargetRange}) {
    if (indicator_direction_name(v) == s) return v;
  }
  return std::nullopt;
}

std::string_view indicator_frequency_name(IndicatorFrequency f) {
  switch (f) {
    case IndicatorFrequency::kMonthly:
      return "monthly";
    case IndicatorFrequency::kQuarterly:
      return "quarterly";
    case IndicatorFrequency::kYearly:
      return "yearly";
  }
  return "quarterly";
}

std::optional<IndicatorFrequency> parse_indicator_frequency(std::string_view s) {
  for (auto v : {IndicatorFrequency::kMonthly, IndicatorFrequency::kQuarterly,
                 IndicatorFrequency::kYearly}) {
    if (indicator_frequency_name(v) == s) return v;
  }
  return std::nullopt;
}

int frequency_months(IndicatorFrequency f) {
  switch (f) {
    case IndicatorFrequency::kMonthly:
      return 1;
    case IndicatorFrequency::kQuarterly:
      return 3;
    case IndicatorFrequency::kYearly:
      return 12;
  }
  return 3;
}

std::string_view indicator_status_name(IndicatorStatus s) {
  return s == IndicatorStatus::kRetired ? "retired" : "active";
}

std::optional<IndicatorStatus> parse_indicator_status(std::string_view s) {
  if (s == "active") return IndicatorStatus::kActive;
  if (s == "retired") return IndicatorStatus::kRetired;
  return std::nullopt;
}

// --- rules ---

std::optional<bool> measurement_on_target(const Indicator& i, const Decimal& value) {
  switch (i.direction) {
    case IndicatorDirection::kHigherIsBetter:
      if (!i.target) return std::nullopt;
      return i.target->compare(value) <= 0;
    case IndicatorDirection::kLowerIsBetter:
      if (!i.target) return std::nullopt;
      return value.compare(*i.target) <= 0;
    case IndicatorDirection::kTargetRange:
      if (!i.target_min || !i.target_max) return std::nullopt;
      return i.target_min->compare(value) <= 0 && value.compare(*i.target_max) <= 0;
  }
  return std::nullopt;
}

std::string indicator_next_due(const Indicator& i) {
  if (!i.last_measured_on) return risk_detail::is_valid_date(i.created_on) ? i.created_on : "";
  auto d = risk_detail::parse_date(*i.last_measured_on);
  if (!d) return "";
  return risk_detail::format_date(risk_detail::add_months(*d, frequency_months(i.frequency)));
}

bool indicator_overdue(const Indicator& i, std::string_view today) {
  return i.status == IndicatorStatus::kActive && !i.next_due_on.empty() && i.next_due_on < today;
}

bool objective_review_overdue(const Objective& o, std::string_view today) {
  return o.status == ObjectiveStatus::kActive && !o.next_review_on.empty() &&
         o.next_review_on < today;
}

void sort_measurements(std::vector<Measurement>* ms) {
  std::sort(ms->begin(), ms->end(), [](const Measurement& a, const Measurement& b) {
    if (a.measured_on != b.measured_on) return a.measured_on < b.measured_on;
    if (a.created_at != b.created_at) return a.created_at < b.created_at;
    return a.id < b.id;
  });
}

namespace {

// How far a value is from the target band in the "better" sense: larger is better.
// Returned as a comparison of a against b: 1 when a is better, -1 when worse, 0 when equal.
int better(const Indicator& i, const Decimal& a, const Decimal& b) {
  switch (i.direction) {
    case IndicatorDirection::kHigherIsBetter:
      return a.compare(b);
    case IndicatorDirection::kLowerIsBetter:
      return b.compare(a);
    case IndicatorDirection::kTargetRange: {
      if (!i.target_min || !i.target_max) return 0;
      // Distance outside the band as a scaled integer at a common scale (at most 10^31).
      auto distance = [&](const Decimal& v) -> __int128 {
        int s = std::max({v.scale, i.target_min->scale, i.target_max->scale});
        __int128 x = static_cast<__int128>(v.mantissa) * pow10_128(s - v.scale);
        __int128 lo =
            static_cast<__int128>(i.target_min->mantissa) * pow10_128(s - i.target_min->scale);
        __int128 hi =
            static_cast<__int128>(i.target_max->mantissa) * pow10_128(s - i.target_max->scale);
        __int128 d = x < lo ? lo - x : (x > hi ? x - hi : 0);
        // Bring to a fixed scale of 15 so both distances compare.
        return d * pow10_128(kDecimalDigitsMax - s);
      };
      __int128 da = distance(a), db = distance(b);
      return da < db ? 1 : (da > db ? -1 : 0);
    }
  }
  return 0;
}

}  // namespace

std::optional<std::string> indicator_trend(const Indicator& i,
                                           const std::vector<Measurement>& sorted) {
  if (sorted.size() < 2) return std::nullopt;
  size_t first = sorted.size() >= 3 ? sorted.size() - 3 : 0;
  int b = better(i, sorted.back().value, sorted[first].value);
  if (b > 0) return "improving";
  if (b < 0) return "worsening";
  return "steady";
}

// --- validation ---

namespace {

void check_date(std::vector<FieldError>& errors, const std::string& field, const std::string& value,
                bool required) {
  if (value.empty() && !required) return;
  if (!risk_detail::is_valid_date(value)) errors.push_back({field, "must be a date YYYY-MM-DD"});
}

}  // namespace

std::vector<FieldError> validate_objective(const Objective& o) {
  std::vector<FieldError> errors;
  check_text(errors, "title", o.title, kObjectiveTitleMax, false, true);
  check_text(errors, "description", o.description, kObjectiveTextMax, true, false);
  check_text(errors, "policy_section", o.policy_section, 40, false, false);
  if (o.review_interval_months < 1 || o.review_interval_months > 36) {
    errors.push_back({"review_interval_months", "must be 1 to 36"});
  }
  check_date(errors, "next_review_on", o.next_review_on, true);
  if (o.last_reviewed_on) check_date(errors, "last_reviewed_on", *o.last_reviewed_on, true);
  if (o.reviews.size() > kObjectiveReviewsMax) {
    errors.push_back({"reviews", "at most " + std::to_string(kObjectiveReviewsMax) + " reviews"});
  }
  return errors;
}

std::vector<FieldError> validate_indicator(const Indicator& i) {
  std::vector<FieldError> errors;
  check_text(errors, "name", i.name, kObjectiveTitleMax, false, true);
  check_text(errors, "description", i.description, kObjectiveTextMax, true, false);
  check_text(errors, "unit", i.unit, kIndicatorUnitMax, false, false);
  if (i.direction == IndicatorDirection::kTargetRange) {
    if (i.target) {
      errors.push_back({"target", "a target_range indicator takes [min, max], not one value"});
    } else if (!i.target_min || !i.target_max) {
      errors.push_back({"target", "is required: [min, max] for a target_range indicator"});
    } else if (i.target_max->compare(*i.target_min) < 0) {
      errors.push_back({"target", "min must not be greater than max"});
    }
  } else {
    if (i.target_min || i.target_max) {
      errors.push_back({"target", "a " + std::string(indicator_direction_name(i.direction)) +
                                      " indicator takes one value, not a range"});
    } else if (!i.target) {
      errors.push_back({"target", "is required"});
    }
  }
  check_date(errors, "created_on", i.created_on, true);
  if (i.last_measured_on) check_date(errors, "last_measured_on", *i.last_measured_on, true);
  return errors;
}

std::vector<FieldError> validate_measurement(const Measurement& m) {
  std::vector<FieldError> errors;
  check_date(errors, "measured_on", m.measured_on, true);
  check_text(errors, "period", m.period, kMeasurementPeriodMax, false, false);
  check_text(errors, "note", m.note, kObjectiveNoteMax, true, false);
  return errors;
}

}  // namespace isms
