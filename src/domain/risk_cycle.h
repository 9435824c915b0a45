// RiskCycle: one sitting of the Risk Management Forum (policy section 5: a risk assessment
// every quarter). It opens on a date, collects a review of each risk (confirmed or
// changed, by whom, with the rating before and after), records attendees and decisions,
// and closes into an immutable snapshot of the register. Two closed cycles (or a closed
// cycle and the live register) can be compared. The next cycle is due
// `interval_months` (default 3) after the last one opened. Pure; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "domain/risk.h"

namespace isms {

inline constexpr size_t kCycleTitleMax = 200;
inline constexpr size_t kCycleTextMax = 10000;
inline constexpr size_t kCycleDecisionsMax = 500;
inline constexpr size_t kCycleAttendeesMax = 200;

enum class CycleStatus { kOpen, kClosed };
std::string_view cycle_status_name(CycleStatus s);  // "open" | "closed"

enum class ReviewOutcome { kConfirmed, kChanged };
std::string_view review_outcome_name(ReviewOutcome o);  // "confirmed" | "changed"
std::optional<ReviewOutcome> parse_review_outcome(std::string_view s);

struct RiskReview {
  std::string cycle_id;
  std::string risk_id;
  std::string risk_ref;    // read-only, joined
  std::string risk_title;  // read-only, joined
  ReviewOutcome outcome = ReviewOutcome::kConfirmed;
  std::string reviewed_by;       // person id
  std::string reviewed_by_name;  // read-only, joined
  std::string reviewed_at;
  std::string note;
  int inherent_level_before = 0, residual_level_before = 0;
  int inherent_level_after = 0, residual_level_after = 0;
};

struct CycleDecision {
  std::string text;
  std::string owner_id;  // person who carries it out, may be empty
  std::optional<std::string> due_on;
  bool operator==(const CycleDecision&) const = default;
};

// One risk as the cycle saw it when it closed.
struct RiskSnapshotEntry {
  std::string risk_id;
  std::string ref;
  std::string title;
  std::string owner_name;
  int64_t method_number = 1;
  int inherent_likelihood = 0, inherent_impact = 0, inherent_level = 0;
  int residual_likelihood = 0, residual_impact = 0, residual_level = 0;
  std::string treatment;
  bool archived = false;
  bool operator==(const RiskSnapshotEntry&) const = default;
};

struct RiskCycle {
  std::string id;
  std::string title;      // "2026 Q4 Risk Management Forum"
  std::string opened_on;  // YYYY-MM-DD
  std::optional<std::string> closed_at;
  CycleStatus status = CycleStatus::kOpen;
  int64_t method_number = 1;
  std::vector<std::string> attendee_ids;  // persons, sorted unique
  std::vector<CycleDecision> decisions;
  std::string minutes;  // notes of the sitting
  int interval_months = 3;
  int reviewed_count = 0;  // read-only: reviews recorded
  int risk_count = 0;      // read-only: risks not archived (open) / in the snapshot (closed)
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

// YYYY-MM-DD: opened_on + interval_months (end-of-month clamped: Nov 30 + 3 = Feb 28/29).
std::string cycle_next_due(const RiskCycle& c);
// "due" when today >= next due - 14 days, "overdue" when today > next due, else "scheduled";
// "open" while a cycle is open.
std::string cycle_schedule_state(const RiskCycle& last, std::string_view today);

struct CycleComparison {
  std::vector<RiskSnapshotEntry> added;    // in b, not in a (or archived in a)
  std::vector<RiskSnapshotEntry> removed;  // in a, archived or missing in b
  std::vector<std::pair<RiskSnapshotEntry, RiskSnapshotEntry>> raised;   // residual level up
  std::vector<std::pair<RiskSnapshotEntry, RiskSnapshotEntry>> lowered;  // residual level down
  int unchanged = 0;
};
// REQUIRES: both sorted by risk_id.
CycleComparison compare_snapshots(const std::vector<RiskSnapshotEntry>& a,
                                  const std::vector<RiskSnapshotEntry>& b);
RiskSnapshotEntry snapshot_of(const Risk& r);

std::vector<FieldError> validate_risk_cycle(const RiskCycle& c);
Json risk_cycle_to_json(const RiskCycle& c, std::string_view today);
Json risk_review_to_json(const RiskReview& r);
Json cycle_comparison_to_json(const CycleComparison& c);

}  // namespace isms
