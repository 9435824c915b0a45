// The ISMS calendar (issue 6 "The ISMS calendar"): recurring activities (duties such as the
// quarterly risk assessment) and the occurrences their cadence generates. Occurrence dates
// are computed from the cadence and the anchor date, never stored; only what happened to an
// occurrence (completed or skipped, by whom, with what) is recorded. The state of an
// occurrence on a given day is derived: done, overdue (its date has passed), due (inside the
// activity's due window before its date, or today) or upcoming. Pure; no I/O. Dates are
// "YYYY-MM-DD" calendar days of the organization's time zone, so daylight-saving changes
// never move them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms {

inline constexpr size_t kActivityTitleMax = 200;
inline constexpr size_t kActivityTextMax = 10000;
inline constexpr size_t kPolicyRefMax = 200;
inline constexpr int kDueWindowMax = 90;
inline constexpr int kDueWindowDefault = 14;
inline constexpr int kCalendarRangeMaxDays = 400;       // one generation call spans at most this
inline constexpr size_t kOccurrencesPerCallMax = 1000;  // ... and yields at most this many
inline constexpr size_t kEvidenceItemsMax = 50;
inline constexpr size_t kCompletionEvidenceMax = 2000;

enum class CadenceKind { kWeekly, kMonthly, kQuarterly, kYearly, kCustom };
enum class CadenceUnit { kDays, kWeeks, kMonths, kYears };

struct Cadence {
  CadenceKind kind = CadenceKind::kYearly;
  int weekday = 0;                          // weekly: 0 = Monday .. 6 = Sunday (ISO order)
  int day_of_month = 1;                     // monthly: 1..31, clamped to the month's last day
  int every = 1;                            // custom: 1..365
  CadenceUnit unit = CadenceUnit::kMonths;  // custom
  bool operator==(const Cadence&) const = default;
};

// What completing an occurrence must record.
inline constexpr std::string_view kRequirementNames[] = {"notes", "evidence", "decision"};
// The registers an activity may concern.
inline constexpr std::string_view kSubjectRegisters[] = {
    "risks",           "documents",  "access_rights",     "suppliers",       "backups", "logging",
    "vulnerabilities", "objectives", "management_review", "audit_programme", "isms",    "assets",
    "controls",        "other"};

struct Subject {
  std::string register_name = "isms";  // one of kSubjectRegisters ("register" on the wire)
  std::string object_id;               // optional: the object inside that register
  bool operator==(const Subject&) const = default;
};

enum class ActivityStatus { kActive, kPaused };
std::string_view activity_status_name(ActivityStatus s);  // "active" | "paused"
std::optional<ActivityStatus> parse_activity_status(std::string_view s);

struct Activity {
  std::string id;
  std::string ref;  // ACT-0001
  std::string title;
  std::string description;
  Cadence cadence;
  std::string anchor_on;  // the first occurrence's date (weekly/monthly: on or after it)
  std::string owner_id;   // person; "" = unassigned
  Subject subject;
  std::vector<std::string> requires_fields;  // subset of kRequirementNames, in that order
  int due_window_days = kDueWindowDefault;
  std::string policy_ref;   // "Policy 5", "ISO 27001 9.3"
  std::string default_key;  // set for the policy's default activities; "" otherwise
  ActivityStatus status = ActivityStatus::kActive;
  bool archived = false;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

// Cadence on the wire: {"kind":"weekly","weekday":"monday"}, {"kind":"monthly",
// "day_of_month":31}, {"kind":"quarterly"}, {"kind":"yearly"}, {"kind":"custom","every":2,
// "unit":"weeks"}. Missing weekday / day_of_month default to the anchor date's.
Json cadence_to_json(const Cadence& c);
// Strict: unknown keys and members of another kind are refused, errors name
// "<field>.<member>".
Result<Cadence> cadence_from_json(const Json& j, const std::string& field,
                                  const std::string& anchor_on);
// "Every quarter from 2026-01-15", "Every month on day 31", "Every 2 weeks", ...
std::string describe_cadence(const Cadence& c, const std::string& anchor_on);

// Occurrence dates in [from, to] (inclusive) in ascending order, at most `limit`. None
// before the anchor. REQUIRES: valid dates (returns none otherwise).
std::vector<std::string> occurrence_dates(const Activity& a, const std::string& from,
                                          const std::string& to,
                                          size_t limit = kOccurrencesPerCallMax);
// True when `date` is one of the activity's occurrences.
bool is_occurrence_date(const Activity& a, const std::string& date);
// The first occurrence on or after `date`, "" when none within 100 years.
std::string next_occurrence_on_or_after(const Activity& a, const std::string& date);

// "done" when recorded; otherwise "overdue" (date < today), "due" (today >= date -
// window), else "upcoming".
std::string occurrence_state(const std::string& date, const std::string& today, int window_days,
                             bool recorded);

// Validation of a whole activity (title, texts, dates, window, subject, requires);
// field names as on the wire.
std::vector<FieldError> validate_activity(const Activity& a);

// The stored body (kind "activity"): title, description, cadence, anchor_on, subject,
// requires, due_window_days, policy_ref, default_key. ref, owner, status, version live in
// the record's columns.
Json activity_body(const Activity& a);
// Reads a stored body back (lenient about nothing: a malformed body is kCorruption).
Status activity_from_body(const Json& body, Activity* a);
// The wire form: the body plus id, ref, owner_id, status, archived, version, timestamps and
// the derived "cadence_text".
Json activity_to_json(const Activity& a);

// What completing an occurrence records.
struct Completion {
  std::string notes;
  std::vector<std::string> evidence;  // evidence ids or https URLs
  std::string decision;
  std::string reason;  // skips: why
};
// Strict reader of {"notes","evidence","decision"} (complete) or {"reason"} (skip).
Result<Completion> completion_from_json(const Json& body, bool skip);
// kInvalid naming each field `requires` lists that is empty.
Status check_requirements(const Activity& a, const Completion& c);
// True for "https://..." without blanks or control characters.
bool is_https_url(std::string_view s);

}  // namespace isms
