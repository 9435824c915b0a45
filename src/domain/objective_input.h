// Request bodies of the objectives module (docs/api.md "Objectives and indicators"),
// parsed strictly: every problem is collected into one kInvalid naming the fields
// (unknown members, wrong types, read-only members, malformed decimals and dates).
// What exists in the store (owners, parents) is the service's business. Pure.
#pragma once

#include <optional>
#include <string>

#include "base/error.h"
#include "base/json.h"
#include "domain/objective.h"

namespace isms {

// POST /objectives and PATCH /objectives/{id}. owner_id null clears the owner.
struct ObjectiveFields {
  std::optional<std::string> title, description, policy_section, owner_id, next_review_on;
  std::optional<ObjectiveStatus> status;
  std::optional<int> review_interval_months;
  std::optional<int64_t> version;
};
Result<ObjectiveFields> objective_fields_from_json(const Json& body);

// POST /objectives/{id}/review.
struct ObjectiveReviewInput {
  std::string note;
  ObjectiveReviewOutcome outcome = ObjectiveReviewOutcome::kKept;
  std::optional<int64_t> version;
};
Result<ObjectiveReviewInput> objective_review_from_json(const Json& body);

// POST /objectives/{id}/indicators and PATCH /indicators/{id}. "target" is a decimal for
// higher/lower_is_better and [min, max] for target_range; baseline and owner_id null clear.
struct IndicatorFields {
  std::optional<std::string> name, description, unit, owner_id;
  std::optional<IndicatorDirection> direction;
  std::optional<IndicatorFrequency> frequency;
  std::optional<IndicatorStatus> status;
  bool target_given = false;
  std::optional<Decimal> target;                  // a single target
  std::optional<Decimal> target_min, target_max;  // a range
  std::optional<std::optional<Decimal>> baseline;
  std::optional<int64_t> version;
};
Result<IndicatorFields> indicator_fields_from_json(const Json& body);
// Applies the fields to *i. A new direction without a new target keeps the old target only
// when its shape still fits (validate_indicator reports it otherwise).
void apply_indicator_fields(const IndicatorFields& f, Indicator* i);

// POST /indicators/{id}/measurements and POST /measurements/{id}/supersede (value
// required; measured_on defaults to today, or to the superseded measurement's date).
struct MeasurementInput {
  Decimal value;
  std::optional<std::string> measured_on;
  std::string period, note;
};
Result<MeasurementInput> measurement_input_from_json(const Json& body);

}  // namespace isms
