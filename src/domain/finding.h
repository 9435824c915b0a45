// Findings and corrective actions (ISO/IEC 27001:2022 clause 10.2): a finding is graded
// (major or minor nonconformity, observation, opportunity for improvement), tied to its
// source (an audit, incident, management review, risk cycle, or a self-assessment) and to
// requirements; a corrective action names a root cause, an owner and a due date, records
// its implementation and then an effectiveness verification by someone other than its
// owner. Stored as operational records of kinds "finding" (parent = source record) and
// "corrective_action" (parent = finding); see store/README.md. Pure; no I/O.
//
// Closing rule: a nonconformity closes when it has at least one action, every action is
// verified or ineffective (none open or implemented), and at least one is verified
// effective: an ineffective action stays as history and a new action replaces it.
// Observations and opportunities close with a decision note once no action is pending.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "domain/op_record.h"

namespace isms {

inline constexpr std::string_view kFindingKind = "finding";
inline constexpr std::string_view kActionKind = "corrective_action";
inline constexpr size_t kFindingRequirementsMax = 100;

enum class FindingSource { kAudit, kIncident, kManagementReview, kRiskCycle, kSelfAssessment };
enum class FindingGrade { kMajorNonconformity, kMinorNonconformity, kObservation, kOpportunity };
enum class FindingStatus { kOpen, kClosed };
enum class ActionStatus { kOpen, kImplemented, kVerified, kIneffective };

// audit | incident | management_review | risk_cycle | self_assessment
std::string_view finding_source_name(FindingSource s);
// major_nonconformity | minor_nonconformity | observation | opportunity
std::string_view finding_grade_name(FindingGrade g);
std::string_view finding_status_name(FindingStatus s);  // open | closed
std::string_view action_status_name(ActionStatus s);  // open | implemented | verified | ineffective
std::optional<FindingSource> parse_finding_source(std::string_view s);
std::optional<FindingGrade> parse_finding_grade(std::string_view s);
std::optional<FindingStatus> parse_finding_status(std::string_view s);
std::optional<ActionStatus> parse_action_status(std::string_view s);
std::vector<std::string_view> finding_source_names();
std::vector<std::string_view> finding_grade_names();
std::vector<std::string_view> action_status_names();
bool is_nonconformity(FindingGrade g);
// The operational record kind of a source ("audit", "incident", "management_review");
// "" for risk_cycle (its own table) and self_assessment (no record).
std::string_view source_record_kind(FindingSource s);

struct Finding {
  std::string id;
  std::string ref;  // F-0001
  FindingSource source = FindingSource::kSelfAssessment;
  std::string source_id;                   // "" for a self-assessment
  std::optional<int64_t> checklist_index;  // the audit checklist item that raised it
  FindingGrade grade = FindingGrade::kObservation;
  std::string title;
  std::string description;
  std::vector<std::string> requirement_keys;
  std::string owner_id;  // person, "" = none yet
  FindingStatus status = FindingStatus::kOpen;
  std::string closed_at, closed_by, close_note;
  int64_t version = 1;
  std::string created_at, updated_at;
};

struct CorrectiveAction {
  std::string id;
  std::string ref;  // CA-0001
  std::string finding_id;
  std::string title;
  std::string root_cause;  // required before implementation is recorded
  std::string action;      // what is done about it
  std::string owner_id;    // person, required
  std::string due_on;      // YYYY-MM-DD
  ActionStatus status = ActionStatus::kOpen;
  std::string implemented_on, implemented_by, implementation_note;
  std::string verified_on, verified_by;  // verified_by: person id (not the owner)
  std::optional<bool> effective;
  std::string verification_note;
  int64_t version = 1;
  std::string created_at, updated_at;
};

std::vector<FieldError> validate_finding(const Finding& f);
std::vector<FieldError> validate_action(const CorrectiveAction& a);

// Open and past its due date (due_on < today). Implemented actions are not overdue: what
// waits then is the verification.
bool action_overdue(const CorrectiveAction& a, std::string_view today);
// Open with at least one overdue action.
bool finding_overdue(const Finding& f, const std::vector<CorrectiveAction>& actions,
                     std::string_view today);
// Whether the closing rule (top of file) holds; kConflict explaining what is missing.
// note: the decision note (required for observations and opportunities).
Status check_finding_closable(const Finding& f, const std::vector<CorrectiveAction>& actions,
                              const std::string& note);
// True when a nonconformity's actions now satisfy the closing rule (closes by itself).
bool nonconformity_resolved(const Finding& f, const std::vector<CorrectiveAction>& actions);
// Implementation may be recorded: the action is open and has a root cause.
Status check_implementable(const CorrectiveAction& a);
// Verification may be recorded by person `verifier`: the action is implemented and the
// verifier is not its owner (kForbidden then).
Status check_verifiable(const CorrectiveAction& a, const std::string& verifier);
// Actions may be added and the finding changed only while it is open.
Status check_finding_open(const Finding& f);

OpRecord finding_to_record(const Finding& f);
Result<Finding> finding_from_record(const OpRecord& r);
OpRecord action_to_record(const CorrectiveAction& a);
Result<CorrectiveAction> action_from_record(const OpRecord& r);

Json finding_to_json(const Finding& f);
// With "overdue".
Json action_to_json(const CorrectiveAction& a, std::string_view today);

}  // namespace isms
