// ObjectiveService: information security objectives, their indicators and measurements
// (domain/objective.h; docs/api.md "Objectives and indicators"). Reads need
// "objectives:read", writes "objectives:write". Every write is one transaction with its
// ledger entries: objective.create|update|review|withdraw, indicator.create|update|retire,
// measurement.record|supersede. Days (today, measured_on, review dates) are the
// organization's (service/time_zone_setting.h). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/objective.h"
#include "domain/objective_input.h"
#include "service/context.h"

namespace isms {

// An indicator with what the dashboard shows of it.
struct IndicatorSummary {
  Indicator indicator;
  std::optional<Measurement> latest;
  std::vector<Measurement> trend;          // the last (up to) three, oldest first
  std::optional<std::string> trend_state;  // improving | worsening | steady
  std::optional<bool> on_target;           // of the latest measurement
  bool overdue = false;                    // measurement_overdue
};

struct ObjectiveView {
  Objective objective;
  std::string owner_name;                    // "" when no owner
  std::vector<IndicatorSummary> indicators;  // by ref, retired ones last
  std::string today;                         // the organization's day the view was made
};

struct IndicatorView {
  Indicator indicator;
  std::string objective_ref, objective_title;
  std::string owner_name;
  std::vector<Measurement> measurements;  // chart order; superseded ones only when asked
  IndicatorSummary summary;
  std::string today;
};

struct ObjectivesSummary {
  int64_t objectives = 0, objectives_active = 0, objectives_achieved = 0, reviews_overdue = 0;
  int64_t indicators = 0, on_target = 0, off_target = 0, not_measured = 0, measurements_overdue = 0;
  std::vector<ObjectiveView> items;  // objectives not withdrawn, by ref
  std::string today;
};

struct RecordedMeasurement {
  Measurement measurement;
  std::optional<Measurement> superseded;  // the corrected one (supersede)
  Indicator indicator;                    // after the write
  std::string today;
};

class ObjectiveService {
 public:
  explicit ObjectiveService(const ServiceContext& ctx) : ctx_(ctx) {}

  // By ref; withdrawn objectives only when include_withdrawn.
  Result<std::vector<ObjectiveView>> list(const Principal& p, bool include_withdrawn) const;
  Result<ObjectiveView> get(const Principal& p, const std::string& id) const;
  Result<ObjectivesSummary> summary(const Principal& p) const;
  // title required; next review one interval after today unless next_review_on is given.
  Result<ObjectiveView> create(const Principal& p, const ObjectiveFields& fields) const;
  // version required (kConflict when stale). status withdrawn archives the record.
  Result<ObjectiveView> update(const Principal& p, const std::string& id,
                               const ObjectiveFields& fields) const;
  Result<ObjectiveView> withdraw(const Principal& p, const std::string& id,
                                 int64_t expected_version) const;
  // Appends the review (today, the caller's person) and moves the next review to today +
  // the interval. kConflict for a withdrawn objective or a stale version (when given).
  Result<ObjectiveView> review(const Principal& p, const std::string& id,
                               const ObjectiveReviewInput& input) const;

  // target and name required; frequency default quarterly; first measurement due today.
  Result<IndicatorView> add_indicator(const Principal& p, const std::string& objective_id,
                                      const IndicatorFields& fields) const;
  Result<IndicatorView> get_indicator(const Principal& p, const std::string& id,
                                      bool include_superseded) const;
  Result<IndicatorView> update_indicator(const Principal& p, const std::string& id,
                                         const IndicatorFields& fields) const;
  Result<IndicatorView> retire_indicator(const Principal& p, const std::string& id,
                                         int64_t expected_version) const;
  // measured_on must not be after today; kConflict for a retired indicator.
  Result<RecordedMeasurement> record_measurement(const Principal& p,
                                                 const std::string& indicator_id,
                                                 const MeasurementInput& input) const;
  // A new measurement replacing `id` (which is kept, marked superseded); kConflict when it
  // is already superseded.
  Result<RecordedMeasurement> supersede_measurement(const Principal& p, const std::string& id,
                                                    const MeasurementInput& input) const;
  // Every measurement of the indicator, superseded ones included, in chart order.
  Result<std::string> measurements_csv(const Principal& p, const std::string& indicator_id,
                                       std::string* file_name) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
