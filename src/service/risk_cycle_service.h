// RiskCycleService: quarterly sittings of the Risk Management Forum (domain/risk_cycle.h;
// docs/api.md "Risk cycles"). Ledger entries "risk_cycle.open|update|review|close".
// Permissions: reads "risks:read", writes "risks:write". Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/risk_cycle.h"
#include "service/context.h"
#include "service/risk_service.h"

namespace isms {

struct CycleView {
  RiskCycle cycle;
  std::vector<RiskReview> reviews;
  std::string next_due;        // cycle_next_due
  std::string schedule_state;  // cycle_schedule_state (for the newest cycle)
};

struct CycleFields {
  std::optional<std::string> title, opened_on, minutes;
  std::optional<std::vector<std::string>> attendee_ids;
  std::optional<std::vector<CycleDecision>> decisions;
  std::optional<int> interval_months;
  std::optional<int64_t> version;
};
Result<CycleFields> cycle_fields_from_json(const Json& body);

// A review of one risk: confirmed as is, or changed with the new ratings/treatment applied
// to the risk in the same transaction (its own "risk.update" entry).
struct ReviewRequest {
  std::string risk_id;
  ReviewOutcome outcome = ReviewOutcome::kConfirmed;
  std::string note;
  std::optional<RiskPatch> change;  // required when outcome is changed
};
Result<ReviewRequest> review_request_from_json(const Json& body);

struct ScheduleStatus {
  std::optional<RiskCycle> last;  // newest cycle
  std::string next_due;           // "" when there is no cycle yet
  std::string state;              // "open", "scheduled", "due", "overdue", "none"
};

class RiskCycleService {
 public:
  explicit RiskCycleService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<std::vector<RiskCycle>> list(const Principal& p) const;
  Result<CycleView> get(const Principal& p, const std::string& id) const;
  Result<ScheduleStatus> schedule(const Principal& p) const;
  // kConflict when a cycle is open. opened_on default today; title default "<year> Q<n>
  // Risk Management Forum".
  Result<CycleView> open(const Principal& p, const CycleFields& fields) const;
  Result<CycleView> update(const Principal& p, const std::string& id,
                           const CycleFields& fields) const;  // open cycles only
  // The reviewer is the caller's person (the operator: kInvalid unless reviewer_person_id
  // is given through the CLI's --reviewer).
  Result<CycleView> review(const Principal& p, const std::string& cycle_id,
                           const ReviewRequest& request,
                           const std::optional<std::string>& reviewer_person_id) const;
  // Freezes the register into the snapshot; kConflict when stale or closed. Risks not
  // reviewed are allowed but listed in the ledger entry ("unreviewed").
  Result<CycleView> close(const Principal& p, const std::string& id,
                          int64_t expected_version) const;
  // a and b are cycle ids; b may be "live" (the register now). a must be closed.
  Result<CycleComparison> compare(const Principal& p, const std::string& a,
                                  const std::string& b) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
