// The reporting clocks of a security incident (docs/nis2-reporting.md has the sources):
//   early_warning  Directive (EU) 2022/2555 Art. 23(4)(a): within 24 hours of becoming aware
//                  of a significant incident;
//   notification   Art. 23(4)(b): within 72 hours of becoming aware;
//   intermediate   Art. 23(4)(c): only when the CSIRT/authority requests one, due when it says;
//   final          Art. 23(4)(d): no later than one month after the notification was
//                  submitted; when the incident is still ongoing then, Art. 23(4)(e): a
//   progress       report is due at that time instead and the final report within one month
//                  of the incident being handled;
//   gdpr_breach    Regulation (EU) 2016/679 Art. 33(1): within 72 hours of becoming aware
//                  of a personal data breach (independent of NIS2 significance).
// Hour periods are exact elapsed time from aware_at (the conservative reading; Regulation
// 1182/71 Art. 3(1) would start them at the next full hour). Month periods follow 1182/71
// Art. 3(1)/(2)(c): they end at the end of the day, in the organization's time zone, with
// the same date in the following month (its last day when it has none). A report is on time
// when submitted at or before due_at; one microsecond later it is late. Pure; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms {

inline constexpr int64_t kNis2MicrosPerSecond = 1000000;
inline constexpr int64_t kNis2MicrosPerHour = 3600LL * kNis2MicrosPerSecond;
inline constexpr int64_t kEarlyWarningHours = 24;
inline constexpr int64_t kNotificationHours = 72;
inline constexpr int64_t kGdprBreachHours = 72;

// Report types in clock order; "early_warning", "notification", "intermediate", "final",
// "progress", "gdpr_breach".
enum class ReportType {
  kEarlyWarning,
  kNotification,
  kIntermediate,
  kFinal,
  kProgress,
  kGdprBreach
};
std::string_view report_type_name(ReportType t);
std::optional<ReportType> parse_report_type(std::string_view s);
const std::vector<ReportType>& all_report_types();

enum class ClockState { kPending, kDueSoon, kOverdue, kSubmitted, kSubmittedLate, kNotRequired };
// "pending" | "due_soon" | "overdue" | "submitted" | "submitted_late" | "not_required"
std::string_view clock_state_name(ClockState s);

// A request by the authority for an intermediate report (Art. 23(4)(c)).
struct IntermediateRequest {
  int64_t requested_at = 0;
  int64_t due_at = 0;
  std::string by;  // who asked ("CERT-SE")
};

// A filed report as the clocks see it.
struct FiledReport {
  ReportType type = ReportType::kEarlyWarning;
  int64_t submitted_at = 0;
};

struct ClockInputs {
  int64_t aware_at = 0;  // when the entity became aware (micros, UTC)
  bool significant = false;
  bool personal_data = false;
  // When the incident was handled (resolved); nullopt while it is ongoing.
  std::optional<int64_t> handled_at;
  std::vector<FiledReport> reports;                 // any order
  std::optional<IntermediateRequest> intermediate;  // the latest request
  std::string zone = "UTC";                         // the organization's IANA time zone
  int64_t now = 0;
};

struct ReportClock {
  ReportType type = ReportType::kEarlyWarning;
  std::string basis;  // "Directive (EU) 2022/2555 Art. 23(4)(a)"
  ClockState state = ClockState::kNotRequired;
  std::optional<int64_t> start_at;  // when the period began (due_soon is measured on it)
  std::optional<int64_t> due_at;    // nullopt: not required, or not yet known
  std::optional<int64_t> submitted_at;
  // floor((due_at - now) / 1 s); negative when past; nullopt without due_at.
  std::optional<int64_t> remaining_seconds;
  std::string note;  // why the clock has this state ("due one month after handling ...")
};

// The end of the month period of 1182/71 that starts with the event at `from`: the last
// microsecond of the local day one month after from's local date (end-of-month clamp).
Result<int64_t> month_period_end(int64_t from, const std::string& zone);

// State of one deadline: submitted / submitted_late when a report exists, else overdue
// when now > due, due_soon when less than 25% of (due - start) is left, else pending.
ClockState deadline_state(int64_t start, int64_t due, std::optional<int64_t> submitted,
                          int64_t now);

// All six clocks, in all_report_types() order. kInvalid naming "zone" for an unknown zone.
Result<std::vector<ReportClock>> compute_clocks(const ClockInputs& in);

// The earliest due_at of a clock that is pending, due_soon or overdue; nullopt when none.
std::optional<int64_t> earliest_unmet_deadline(const std::vector<ReportClock>& clocks);

// {"type","basis","state","start_at","due_at","due_local","submitted_at",
//  "remaining_seconds","note"} with instants as RFC 3339 UTC and due_local in the zone.
Json clock_to_json(const ReportClock& c, const std::string& zone);

}  // namespace isms
