// Internal and external audits (ISO/IEC 27001:2022 clause 9.2): the yearly audit
// programme, and audits with their scope, criteria (catalogue requirement keys), auditors,
// dates and a checklist of one item per criterion. Findings and corrective actions are in
// domain/finding.h. Each is stored as an operational record (store/README.md
// "Operational records": kinds audit_programme and audit); this file fixes the record's
// columns and body, the state rules, and the API form. Pure; no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "domain/op_record.h"

namespace isms {

inline constexpr size_t kAuditTitleMax = 200;
inline constexpr size_t kAuditTextMax = 20000;
inline constexpr size_t kAuditNoteMax = 5000;
inline constexpr size_t kAuditCriteriaMax = 300;
inline constexpr size_t kAuditAuditorsMax = 50;
inline constexpr size_t kAuditEvidenceMax = 50;
inline constexpr size_t kAuditIdMax = 200;  // ids, requirement keys, evidence references

inline constexpr std::string_view kProgrammeKind = "audit_programme";
inline constexpr std::string_view kAuditKind = "audit";

enum class ProgrammeStatus { kDraft, kApproved };
enum class AuditType { kInternal, kExternal, kSupplier, kCertification };
enum class AuditStatus { kPlanned, kInProgress, kCompleted, kCancelled };
enum class CheckResult { kNotChecked, kConform, kNonconform, kObservation, kNotApplicable };

std::string_view programme_status_name(ProgrammeStatus s);  // draft | approved
std::string_view audit_type_name(AuditType t);  // internal | external | supplier | certification
std::string_view audit_status_name(AuditStatus s);  // planned | in_progress | completed | cancelled
// not_checked | conform | nonconform | observation | not_applicable
std::string_view check_result_name(CheckResult r);
std::optional<ProgrammeStatus> parse_programme_status(std::string_view s);
std::optional<AuditType> parse_audit_type(std::string_view s);
std::optional<AuditStatus> parse_audit_status(std::string_view s);
std::optional<CheckResult> parse_check_result(std::string_view s);
std::vector<std::string_view> audit_type_names();
std::vector<std::string_view> check_result_names();

// The plan of a year's audits (ref "AP-<year>", one per year). Approval is by a holder
// of audits:write and is recorded; a change to an approved programme returns it to draft.
struct AuditProgramme {
  std::string id;
  int year = 0;  // 2000..2999
  std::string title;
  std::string objectives;
  std::string owner_id;  // person, "" = none
  ProgrammeStatus status = ProgrammeStatus::kDraft;
  std::string approved_by;  // ledger actor ("user:..."), "" while draft
  std::string approved_by_person_id;
  std::string approved_at;
  int64_t version = 1;
  std::string created_at, updated_at;
};
std::string programme_ref(int year);  // "AP-2026"

struct ChecklistItem {
  std::string requirement_key;  // "iso27001-2022:A.5.15"
  std::string requirement_title;
  std::string question;
  CheckResult result = CheckResult::kNotChecked;
  std::string notes;
  std::vector<std::string> evidence;  // references: evidence ids, document refs, URLs
  std::string checked_by;             // ledger actor of the last decision
  std::string checked_at;
  int64_t version = 1;  // of this item: PATCHes of different items do not collide
};

struct Audit {
  std::string id;
  std::string ref;           // AUD-0001
  std::string programme_id;  // "" = outside a programme
  std::string title;
  AuditType type = AuditType::kInternal;
  std::string scope;
  std::vector<std::string> criteria;  // requirement keys, in the order given
  std::string lead_auditor_id;        // person (owner column)
  std::vector<std::string> auditor_ids;
  std::string start_on, end_on;  // YYYY-MM-DD; due_at = end_on
  AuditStatus status = AuditStatus::kPlanned;
  std::string conclusion;
  std::string started_at, completed_at, cancelled_at;
  std::string cancel_reason;
  std::vector<ChecklistItem> checklist;
  int64_t version = 1;
  std::string created_at, updated_at;
};

// Field problems of an audit as written (sizes, dates in order, criteria well-formed).
std::vector<FieldError> validate_audit(const Audit& a);
// The question an item starts with.
std::string default_question(const std::string& key, const std::string& title);
// The checklist for `criteria`: an existing item for a key is kept as it is, a new key
// gets a fresh item (title from `titles`), a key no longer listed is dropped.
std::vector<ChecklistItem> checklist_for(const std::vector<ChecklistItem>& before,
                                         const std::vector<std::string>& criteria,
                                         const std::map<std::string, std::string>& titles);
// kConflict explaining why `a` cannot go to `to` (planned -> in_progress -> completed;
// planned or in_progress -> cancelled; completed and cancelled are final).
Status check_audit_transition(const Audit& a, AuditStatus to);
// What stops completion: every item undecided ("checklist[i].result") and a blank
// conclusion. Empty = may complete.
std::vector<FieldError> completion_problems(const Audit& a);
bool audit_is_final(const Audit& a);

// Records: the columns of store/README.md and a strictly parsed body.
OpRecord programme_to_record(const AuditProgramme& p);
Result<AuditProgramme> programme_from_record(const OpRecord& r);
OpRecord audit_to_record(const Audit& a);
Result<Audit> audit_from_record(const OpRecord& r);

// The API's form (docs/api.md "Audits").
Json programme_to_json(const AuditProgramme& p);
Json checklist_item_to_json(const ChecklistItem& item, size_t index);
// With "checklist" and "checklist_totals" ({"not_checked":n,...}).
Json audit_to_json(const Audit& a);

}  // namespace isms
