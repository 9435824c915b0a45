#include "domain/finding.h"

#include <array>

#include "domain/audit.h"
#include "domain/audit_json.h"
#include "domain/catalogue.h"
#include "domain/risk_common.h"

namespace isms {
namespace {

constexpr std::array<std::string_view, 5> kSources = {"audit", "incident", "management_review",
                                                      "risk_cycle", "self_assessment"};
constexpr std::array<std::string_view, 4> kGrades = {"major_nonconformity", "minor_nonconformity",
                                                     "observation", "opportunity"};
constexpr std::array<std::string_view, 2> kFindingStatuses = {"open", "closed"};
constexpr std::array<std::string_view, 4> kActionStatuses = {"open", "implemented", "verified",
                                                             "ineffective"};
constexpr size_t kStampMax = 200;

template <typename E, size_t N>
std::optional<E> parse_named(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

Json or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

std::string_view finding_source_name(FindingSource s) { return kSources[static_cast<size_t>(s)]; }
std::string_view finding_grade_name(FindingGrade g) { return kGrades[static_cast<size_t>(g)]; }
std::string_view finding_status_name(FindingStatus s) {
  return kFindingStatuses[static_cast<size_t>(s)];
}
std::string_view action_status_name(ActionStatus s) {
  return kActionStatuses[static_cast<size_t>(s)];
}
std::optional<FindingSource> parse_finding_source(std::string_view s) {
  return parse_named<FindingSource>(kSources, s);
}
std::optional<FindingGrade> parse_finding_grade(std::string_view s) {
  return parse_named<FindingGrade>(kGrades, s);
}
std::optional<FindingStatus> parse_finding_status(std::string_view s) {
  return parse_named<FindingStatus>(kFindingStatuses, s);
}
std::optional<ActionStatus> parse_action_status(std::string_view s) {
  return parse_named<ActionStatus>(kActionStatuses, s);
}
std::vector<std::string_view> finding_source_names() { return {kSources.begin(), kSources.end()}; }
std::vector<std::string_view> finding_grade_names() { return {kGrades.begin(), kGrades.end()}; }
std::vector<std::string_view> action_status_names() {
  return {kActionStatuses.begin(), kActionStatuses.end()};
}

bool is_nonconformity(FindingGrade g) {
  return g == FindingGrade::kMajorNonconformity || g == FindingGrade::kMinorNonconformity;
}

std::string_view source_record_kind(FindingSource s) {
  switch (s) {
    case FindingSource::kAudit:
      return "audit";
    case FindingSource::kIncident:
      return "incident";
    case FindingSource::kManagementReview:
      return "management_review";
    case FindingSource::kRiskCycle:
    case FindingSource::kSelfAssessment:
      break;
  }
  return "";
}

std::vector<FieldError> validate_finding(const Finding& f) {
  std::vector<FieldError> e;
  risk_detail::check_text(e, "title", f.title, kAuditTitleMax, false, true);
  risk_detail::check_text(e, "description", f.description, kAuditTextMax, true, false);
  if (f.source == FindingSource::kSelfAssessment) {
    if (!f.source_id.empty()) e.push_back({"source_id", "a self-assessment has no source record"});
  } else if (f.source_id.empty()) {
    e.push_back({"source_id",
                 "is required for a finding from " + std::string(finding_source_name(f.source))});
  }
  if (f.checklist_index && f.source != FindingSource::kAudit) {
    e.push_back({"checklist_index", "only a finding from an audit names a checklist item"});
  }
  if (f.requirement_keys.size() > kFindingRequirementsMax) {
    e.push_back(
        {"requirement_keys", "must list at most " + std::to_string(kFindingRequirementsMax)});
  }
  for (size_t i = 0; i < f.requirement_keys.size(); ++i) {
    if (!split_requirement_key(f.requirement_keys[i])) {
      e.push_back({"requirement_keys[" + std::to_string(i) + "]",
                   "must be a requirement key \"framework:ref\""});
    }
  }
  return e;
}

std::vector<FieldError> validate_action(const CorrectiveAction& a) {
  std::vector<FieldError> e;
  risk_detail::check_text(e, "title", a.title, kAuditTitleMax, false, true);
  risk_detail::check_text(e, "root_cause", a.root_cause, kAuditTextMax, true, false);
  risk_detail::check_text(e, "action", a.action, kAuditTextMax, true, false);
  if (a.owner_id.empty()) e.push_back({"owner_id", "is required"});
  if (!risk_detail::is_valid_date(a.due_on)) e.push_back({"due_on", "must be a date YYYY-MM-DD"});
  return e;
}

bool action_overdue(const CorrectiveAction& a, std::string_view today) {
  return a.status == ActionStatus::kOpen && !a.due_on.empty() && a.due_on < today;
}

bool finding_overdue(const Finding& f, const std::vector<CorrectiveAction>& actions,
                     std::string_view today) {
  if (f.status != FindingStatus::kOpen) return false;
  for (const auto& a : actions) {
    if (action_overdue(a, today)) return true;
  }
  return false;
}

namespace {
// Pending: open or implemented (not yet verified).
size_t pending_count(const std::vector<CorrectiveAction>& actions) {
  size_t n = 0;
  for (const auto& a : actions) {
    if (a.status == ActionStatus::kOpen || a.status == ActionStatus::kImplemented) ++n;
  }
  return n;
}
size_t verified_count(const std::vector<CorrectiveAction>& actions) {
  size_t n = 0;
  for (const auto& a : actions) n += a.status == ActionStatus::kVerified ? 1 : 0;
  return n;
}
}  // namespace

bool nonconformity_resolved(const Finding& f, const std::vector<CorrectiveAction>& actions) {
  return f.status == FindingStatus::kOpen && is_nonconformity(f.grade) &&
         pending_count(actions) == 0 && verified_count(actions) > 0;
}

Status check_finding_open(const Finding& f) {
  if (f.status == FindingStatus::kOpen) return ok_status();
  return Error::conflict("finding " + f.ref + " is closed");
}

Status check_finding_closable(const Finding& f, const std::vector<CorrectiveAction>& actions,
                              const std::string& note) {
  ISMS_TRY(check_finding_open(f));
  if (size_t n = pending_count(actions); n > 0) {
    return Error::conflict("finding " + f.ref + " has " + std::to_string(n) +
                           " corrective action(s) not yet verified");
  }
  if (is_nonconformity(f.grade)) {
    if (actions.empty()) {
      return Error::conflict("finding " + f.ref +
                             " is a nonconformity: it needs at least one "
                             "corrective action verified effective before it closes");
    }
    if (verified_count(actions) == 0) {
      return Error::conflict("finding " + f.ref +
                             " has no corrective action verified "
                             "effective: add a new action");
    }
  } else if (risk_detail::is_blank(note)) {
    return Error::invalid("note", "a decision note is required to close an " +
                                      std::string(finding_grade_name(f.grade)));
  }
  return ok_status();
}

Status check_implementable(const CorrectiveAction& a) {
  if (a.status != ActionStatus::kOpen) {
    return Error::conflict("corrective action " + a.ref + " is " +
                           std::string(action_status_name(a.status)) +
                           "; only an open action records its implementation");
  }
  if (risk_detail::is_blank(a.root_cause)) {
    return Error::invalid("root_cause",
                          "record the root cause of " + a.ref + " before its implementation");
  }
  return ok_status();
}

Status check_verifiable(const CorrectiveAction& a, const std::string& verifier) {
  if (a.status != ActionStatus::kImplemented) {
    return Error::conflict("corrective action " + a.ref + " is " +
                           std::string(action_status_name(a.status)) +
                           "; only an implemented action is verified");
  }
  if (!verifier.empty() && verifier == a.owner_id) {
    return Error::forbidden("the owner of " + a.ref +
                            " may not verify its effectiveness; someone else must");
  }
  return ok_status();
}

// --- records ---

OpRecord finding_to_record(const Finding& f) {
  OpRecord r;
  r.kind = kFindingKind;
  r.id = f.id;
  r.ref = f.ref;
  r.parent_id = f.source_id;
  r.status = finding_status_name(f.status);
  r.owner_id = f.owner_id;
  r.body = dump_json(
      Json{{"source", finding_source_name(f.source)},
           {"source_id", f.source_id},
           {"checklist_index", f.checklist_index ? Json(*f.checklist_index) : Json(nullptr)},
           {"grade", finding_grade_name(f.grade)},
           {"title", f.title},
           {"description", f.description},
           {"requirement_keys", f.requirement_keys},
           {"closed_at", f.closed_at},
           {"closed_by", f.closed_by},
           {"close_note", f.close_note}});
  r.version = f.version;
  r.created_at = f.created_at;
  r.updated_at = f.updated_at;
  return r;
}

Result<Finding> finding_from_record(const OpRecord& r) {
  ISMS_ASSIGN(Json body, parse_json(r.body));
  audit_json::Reader in(body, "", "finding " + r.id);
  Finding f;
  f.id = r.id;
  f.ref = r.ref;
  f.owner_id = r.owner_id;
  if (auto s = in.choice("source", finding_source_names(), true)) {
    f.source = *parse_finding_source(*s);
  }
  f.source_id = in.text("source_id", kAuditIdMax, false, false).value_or("");
  if (const Json* idx = in.raw("checklist_index"); idx && !idx->is_null()) {
    if (idx->is_number_integer() && idx->get<int64_t>() >= 0) {
      f.checklist_index = idx->get<int64_t>();
    } else {
      in.add("checklist_index", "must be a non-negative integer or null");
    }
  }
  if (auto g = in.choice("grade", finding_grade_names(), true)) f.grade = *parse_finding_grade(*g);
  f.title = in.text("title", kAuditTitleMax, false, true).value_or("");
  f.description = in.text("description", kAuditTextMax, true, false).value_or("");
  f.requirement_keys = in.strings("requirement_keys", kFindingRequirementsMax, kAuditIdMax, true)
                           .value_or(std::vector<std::string>{});
  f.closed_at = in.text("closed_at", kStampMax, false, false).value_or("");
  f.closed_by = in.text("closed_by", kStampMax, false, false).value_or("");
  f.close_note = in.text("close_note", kAuditTextMax, true, false).value_or("");
  auto status = parse_finding_status(r.status);
  if (!status) in.add("status", "unknown finding status \"" + r.status + "\"");
  ISMS_TRY(in.finish());
  f.status = *status;
  f.version = r.version;
  f.created_at = r.created_at;
  f.updated_at = r.updated_at;
  return f;
}

OpRecord action_to_record(const CorrectiveAction& a) {
  OpRecord r;
  r.kind = kActionKind;
  r.id = a.id;
  r.ref = a.ref;
  r.parent_id = a.finding_id;
  r.status = action_status_name(a.status);
  r.owner_id = a.owner_id;
  r.due_at = a.due_on;
  r.body = dump_json(Json{{"title", a.title},
                          {"root_cause", a.root_cause},
                          {"action", a.action},
                          {"due_on", a.due_on},
                          // Dates not yet reached are null (the reader takes a date or null).
                          {"implemented_on", or_null(a.implemented_on)},
                          {"implemented_by", a.implemented_by},
                          {"implementation_note", a.implementation_note},
                          {"verified_on", or_null(a.verified_on)},
                          {"verified_by", a.verified_by},
                          {"effective", a.effective ? Json(*a.effective) : Json(nullptr)},
                          {"verification_note", a.verification_note}});
  r.version = a.version;
  r.created_at = a.created_at;
  r.updated_at = a.updated_at;
  return r;
}

Result<CorrectiveAction> action_from_record(const OpRecord& r) {
  ISMS_ASSIGN(Json body, parse_json(r.body));
  audit_json::Reader in(body, "", "corrective_action " + r.id);
  CorrectiveAction a;
  a.id = r.id;
  a.ref = r.ref;
  a.finding_id = r.parent_id;
  a.owner_id = r.owner_id;
  a.title = in.text("title", kAuditTitleMax, false, true).value_or("");
  a.root_cause = in.text("root_cause", kAuditTextMax, true, false).value_or("");
  a.action = in.text("action", kAuditTextMax, true, false).value_or("");
  a.due_on = in.date("due_on", true).value_or("");
  a.implemented_on = in.date("implemented_on", false, true).value_or("");
  a.implemented_by = in.text("implemented_by", kStampMax, false, false).value_or("");
  a.implementation_note = in.text("implementation_note", kAuditTextMax, true, false).value_or("");
  a.verified_on = in.date("verified_on", false, true).value_or("");
  a.verified_by = in.text("verified_by", kStampMax, false, false).value_or("");
  if (const Json* e = in.raw("effective"); e && !e->is_null()) {
    if (e->is_boolean()) {
      a.effective = e->get<bool>();
    } else {
      in.add("effective", "must be true, false or null");
    }
  }
  a.verification_note = in.text("verification_note", kAuditTextMax, true, false).value_or("");
  auto status = parse_action_status(r.status);
  if (!status) in.add("status", "unknown corrective action status \"" + r.status + "\"");
  ISMS_TRY(in.finish());
  a.status = *status;
  a.version = r.version;
  a.created_at = r.created_at;
  a.updated_at = r.updated_at;
  return a;
}

Json finding_to_json(const Finding& f) {
  return Json{{"id", f.id},
              {"ref", f.ref},
              {"source", finding_source_name(f.source)},
              {"source_id", or_null(f.source_id)},
              {"checklist_index", f.checklist_index ? Json(*f.checklist_index) : Json(nullptr)},
              {"grade", finding_grade_name(f.grade)},
              {"title", f.title},
              {"description", f.description},
              {"requirement_keys", f.requirement_keys},
              {"owner_id", or_null(f.owner_id)},
              {"status", finding_status_name(f.status)},
              {"closed_at", or_null(f.closed_at)},
              {"closed_by", or_null(f.closed_by)},
              {"close_note", or_null(f.close_note)},
              {"version", f.version},
              {"created_at", f.created_at},
              {"updated_at", f.updated_at}};
}

Json action_to_json(const CorrectiveAction& a, std::string_view today) {
  return Json{{"id", a.id},
              {"ref", a.ref},
              {"finding_id", a.finding_id},
              {"title", a.title},
              {"root_cause", a.root_cause},
              {"action", a.action},
              {"owner_id", a.owner_id},
              {"due_on", a.due_on},
              {"status", action_status_name(a.status)},
              {"overdue", action_overdue(a, today)},
              {"implemented_on", or_null(a.implemented_on)},
              {"implemented_by", or_null(a.implemented_by)},
              {"implementation_note", a.implementation_note},
              {"verified_on", or_null(a.verified_on)},
              {"verified_by", or_null(a.verified_by)},
              {"effective", a.effective ? Json(*a.effective) : Json(nullptr)},
              {"verification_note", a.verification_note},
              {"version", a.version},
              {"created_at", a.created_at},
              {"updated_at", a.updated_at}};
}

}  // namespace isms
