// Information security objectives and their indicators (policy section 6; ISO 27001 6.2):
// an objective is reviewed every review_interval_months (default 12); each indicator
// measures it with a unit, a direction (higher is better, lower is better, or a target
// range), a target and a frequency; measurements are recorded over time and never edited:
// a correction supersedes the old measurement with a new one.
//
// Numbers are exact decimals (Decimal below): "99.95" on the wire, in stored bodies and in
// the ledger, never floating point. Derived facts (on target, overdue, trend) are computed
// here from dates and values, never stored. Pure; no I/O. Stored as operational records
// (src/store/README.md "Operational records": kinds objective, indicator, measurement).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms {

inline constexpr const char* kObjectiveKind = "objective";
inline constexpr const char* kIndicatorKind = "indicator";
inline constexpr const char* kMeasurementKind = "measurement";

inline constexpr size_t kObjectiveTitleMax = 200;
inline constexpr size_t kObjectiveTextMax = 10000;
inline constexpr size_t kObjectiveNoteMax = 2000;
inline constexpr size_t kObjectiveReviewsMax = 500;  // review history kept per objective
inline constexpr size_t kIndicatorUnitMax = 20;
inline constexpr size_t kMeasurementPeriodMax = 40;
inline constexpr int kDecimalDigitsMax = 15;  // significant digits of a Decimal

// An exact decimal number: mantissa * 10^-scale with at most 15 significant digits and at
// most 15 digits after the point. Text form "-12.50" (the scale as given is kept, so
// "12.50" stays "12.50"; leading zeros are dropped; "-0" reads as "0").
struct Decimal {
  int64_t mantissa = 0;
  int scale = 0;
  std::string text() const;
  // Numeric comparison (12.5 == 12.50).
  int compare(const Decimal& other) const;
  bool operator==(const Decimal& other) const { return compare(other) == 0; }
  bool operator<(const Decimal& other) const { return compare(other) < 0; }
  bool operator<=(const Decimal& other) const { return compare(other) <= 0; }
};
// "99.95", "-3", "0.001": optional '-', digits, optional '.' and digits. No exponent, no
// '+', no blanks, no NaN/Infinity. nullopt with *why set when malformed or too precise.
std::optional<Decimal> parse_decimal(std::string_view text, std::string* why);
// A JSON member that holds a decimal: a string as parse_decimal reads it, or a JSON
// integer (exact). Floating point JSON numbers are refused (they are not exact). Appends
// a FieldError naming `field` and returns nullopt otherwise.
std::optional<Decimal> decimal_from_json(const Json& v, const std::string& field,
                                         std::vector<FieldError>& errors);

enum class ObjectiveStatus { kActive, kAchieved, kWithdrawn };
std::string_view objective_status_name(ObjectiveStatus s);  // active | achieved | withdrawn
std::optional<ObjectiveStatus> parse_objective_status(std::string_view s);

enum class ObjectiveReviewOutcome { kKept, kChanged };
std::string_view objective_review_outcome_name(ObjectiveReviewOutcome o);  // kept | changed
std::optional<ObjectiveReviewOutcome> parse_objective_review_outcome(std::string_view s);

enum class IndicatorDirection { kHigherIsBetter, kLowerIsBetter, kTargetRange };
// higher_is_better | lower_is_better | target_range
std::string_view indicator_direction_name(IndicatorDirection d);
std::optional<IndicatorDirection> parse_indicator_direction(std::string_view s);

enum class IndicatorFrequency { kMonthly, kQuarterly, kYearly };
std::string_view indicator_frequency_name(IndicatorFrequency f);  // monthly|quarterly|yearly
std::optional<IndicatorFrequency> parse_indicator_frequency(std::string_view s);
int frequency_months(IndicatorFrequency f);  // 1, 3, 12

enum class IndicatorStatus { kActive, kRetired };
std::string_view indicator_status_name(IndicatorStatus s);  // active | retired
std::optional<IndicatorStatus> parse_indicator_status(std::string_view s);

struct ObjectiveReview {
  std::string on;       // YYYY-MM-DD, the organization's day of the review
  std::string by;       // person id ("" for the local operator)
  std::string by_name;  // the person's name (or the operator's actor) when reviewed
  std::string note;
  ObjectiveReviewOutcome outcome = ObjectiveReviewOutcome::kKept;
};

struct Objective {
  std::string id;
  std::string ref;          // OBJ-01
  std::string default_key;  // the policy default it was created from; "" = user-made
  std::string title;
  std::string description;
  std::string policy_section;  // "6"
  std::string owner_id;        // person; "" = none
  ObjectiveStatus status = ObjectiveStatus::kActive;
  int review_interval_months = 12;  // 1..36
  std::string next_review_on;       // YYYY-MM-DD (the record's due_at)
  std::optional<std::string> last_reviewed_on;
  std::vector<ObjectiveReview> reviews;  // oldest first
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct Indicator {
  std::string id;
  std::string ref;           // IND-0001
  std::string objective_id;  // the record's parent_id
  std::string name;
  std::string description;
  std::string unit;  // at most 20 characters; may be empty
  IndicatorDirection direction = IndicatorDirection::kHigherIsBetter;
  std::optional<Decimal> target;                  // higher/lower is better
  std::optional<Decimal> target_min, target_max;  // target_range
  std::optional<Decimal> baseline;
  IndicatorFrequency frequency = IndicatorFrequency::kQuarterly;
  std::string owner_id;
  IndicatorStatus status = IndicatorStatus::kActive;
  std::string created_on;  // YYYY-MM-DD: the first measurement is due then
  std::optional<std::string> last_measured_on;
  std::string next_due_on;  // indicator_next_due (the record's due_at)
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct Measurement {
  std::string id;
  std::string indicator_id;  // the record's parent_id
  Decimal value;
  std::string measured_on;  // YYYY-MM-DD (the record's due_at)
  std::string period;       // "2026-Q3", optional label
  std::string note;
  std::string recorded_by;       // person id ("" for the local operator)
  std::string recorded_by_name;  // the person's name (or the operator's actor)
  std::string supersedes;        // the measurement this one corrects; "" = none
  std::string superseded_by;     // set when corrected (the record is then archived)
  int64_t version = 1;
  std::string created_at;
};

// --- rules ---

// The measured value against the indicator's target: higher_is_better value >= target,
// lower_is_better value <= target, target_range min <= value <= max. nullopt when the
// indicator has no usable target.
std::optional<bool> measurement_on_target(const Indicator& indicator, const Decimal& value);
// created_on when never measured, else last_measured_on + the frequency's months
// (end-of-month clamped). "" when a date is malformed.
std::string indicator_next_due(const Indicator& indicator);
// today > next_due_on for an active indicator (due today is not yet overdue).
bool indicator_overdue(const Indicator& indicator, std::string_view today);
// today > next_review_on for an active objective.
bool objective_review_overdue(const Objective& objective, std::string_view today);
// Measurements in chart order: measured_on, then created_at, then id.
void sort_measurements(std::vector<Measurement>* measurements);
// Of the last (up to) three measurements in chart order: "improving" / "worsening" when the
// newest is better / worse than the oldest of them by the direction (for a range: nearer to
// / farther from the band), "steady" when equal, nullopt with fewer than two.
std::optional<std::string> indicator_trend(const Indicator& indicator,
                                           const std::vector<Measurement>& sorted);

// Problems with the fields (kinds' limits, dates, target shape for the direction).
std::vector<FieldError> validate_objective(const Objective& o);
std::vector<FieldError> validate_indicator(const Indicator& i);
std::vector<FieldError> validate_measurement(const Measurement& m);

// --- stored bodies (the record's JSON body; columns such as ref and status are not in it) ---

Json objective_body(const Objective& o);
// Reads a stored body into *o (strict: unknown keys and wrong types are kCorruption).
Status objective_from_body(const Json& body, Objective* o);
Json indicator_body(const Indicator& i);
Status indicator_from_body(const Json& body, Indicator* i);
Json measurement_body(const Measurement& m);
Status measurement_from_body(const Json& body, Measurement* m);

// --- wire forms (docs/api.md "Objectives and indicators") ---

Json objective_to_json(const Objective& o, std::string_view today);
// "target": the decimal text, or [min, max] for a range.
Json indicator_target_json(const Indicator& i);
Json indicator_to_json(const Indicator& i, std::string_view today);
Json measurement_to_json(const Measurement& m, const Indicator& indicator);

// Measurements as CSV (RFC 4180, CRLF, header row), in the order given. Text cells that
// a spreadsheet would read as a formula are prefixed with an apostrophe.
std::string measurements_csv(const Indicator& indicator, const std::vector<Measurement>& all);

}  // namespace isms
