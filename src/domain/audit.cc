#include "domain/audit.h"

#include <array>
#include <set>

#include "domain/audit_json.h"
#include "domain/catalogue.h"
#include "domain/risk_common.h"

namespace isms {
namespace {

constexpr std::array<std::string_view, 2> kProgrammeStatuses = {"draft", "approved"};
constexpr std::array<std::string_view, 4> kTypes = {"internal", "external", "supplier",
                                                    "certification"};
constexpr std::array<std::string_view, 4> kStatuses = {"planned", "in_progress", "completed",
                                                       "cancelled"};
constexpr std::array<std::string_view, 5> kResults = {"not_checked", "conform", "nonconform",
                                                      "observation", "not_applicable"};

template <typename E, size_t N>
std::optional<E> parse_named(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

template <size_t N>
std::vector<std::string_view> all_names(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

// Times and actors written by the service: bounded text, never from a request.
constexpr size_t kStampMax = 200;

}  // namespace

std::string_view programme_status_name(ProgrammeStatus s) {
  return kProgrammeStatuses[static_cast<size_t>(s)];
}
std::string_view audit_type_name(AuditType t) { return kTypes[static_cast<size_t>(t)]; }
std::string_view audit_status_name(AuditStatus s) { return kStatuses[static_cast<size_t>(s)]; }
std::string_view check_result_name(CheckResult r) { return kResults[static_cast<size_t>(r)]; }
std::optional<ProgrammeStatus> parse_programme_status(std::string_view s) {
  return parse_named<ProgrammeStatus>(kProgrammeStatuses, s);
}
std::optional<AuditType> parse_audit_type(std::string_view s) {
  return parse_named<AuditType>(kTypes, s);
}
std::optional<AuditStatus> parse_audit_status(std::string_view s) {
  return parse_named<AuditStatus>(kStatuses, s);
}
std::optional<CheckResult> parse_check_result(std::string_view s) {
  return parse_named<CheckResult>(kResults, s);
}
std::vector<std::string_view> audit_type_names() { return all_names(kTypes); }
std::vector<std::string_view> check_result_names() { return all_names(kResults); }

std::string programme_ref(int year) { return "AP-" + std::to_string(year); }

std::vector<FieldError> validate_audit(const Audit& a) {
  std::vector<FieldError> e;
  risk_detail::check_text(e, "title", a.title, kAuditTitleMax, false, true);
  risk_detail::check_text(e, "scope", a.scope, kAuditTextMax, true, true);
  risk_detail::check_text(e, "conclusion", a.conclusion, kAuditTextMax, true, false);
  if (a.criteria.empty()) e.push_back({"criteria", "must name at least one requirement"});
  if (a.criteria.size() > kAuditCriteriaMax) {
    e.push_back(
        {"criteria", "must name at most " + std::to_string(kAuditCriteriaMax) + " requirements"});
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < a.criteria.size(); ++i) {
    std::string field = "criteria[" + std::to_string(i) + "]";
    if (a.criteria[i].size() > kAuditIdMax || !split_requirement_key(a.criteria[i])) {
      e.push_back({field, "must be a requirement key \"framework:ref\""});
    } else if (!seen.insert(a.criteria[i]).second) {
      e.push_back({field, "is listed twice"});
    }
  }
  if (a.lead_auditor_id.empty()) e.push_back({"lead_auditor_id", "is required"});
  if (a.auditor_ids.size() > kAuditAuditorsMax) {
    e.push_back({"auditor_ids", "must list at most " + std::to_string(kAuditAuditorsMax)});
  }
  if (!risk_detail::is_valid_date(a.start_on)) {
    e.push_back({"start_on", "must be a date YYYY-MM-DD"});
  }
  if (!risk_detail::is_valid_date(a.end_on)) {
    e.push_back({"end_on", "must be a date YYYY-MM-DD"});
  } else if (risk_detail::is_valid_date(a.start_on) && a.end_on < a.start_on) {
    e.push_back({"end_on", "must not be before start_on (" + a.start_on + ")"});
  }
  return e;
}

std::string default_question(const std::string& key, const std::string& title) {
  return "Is " + key + (title.empty() ? "" : " (" + title + ")") +
         " implemented and effective, with evidence?";
}

std::vector<ChecklistItem> checklist_for(const std::vector<ChecklistItem>& before,
                                         const std::vector<std::string>& criteria,
                                         const std::map<std::string, std::string>& titles) {
  std::vector<ChecklistItem> out;
  for (const std::string& key : criteria) {
    const ChecklistItem* kept = nullptr;
    for (const ChecklistItem& item : before) {
      if (item.requirement_key == key) kept = &item;
    }
    if (kept) {
      out.push_back(*kept);
      continue;
    }
    ChecklistItem item;
    item.requirement_key = key;
    auto t = titles.find(key);
    if (t != titles.end()) item.requirement_title = t->second;
    item.question = default_question(key, item.requirement_title);
    out.push_back(std::move(item));
  }
  return out;
}

bool audit_is_final(const Audit& a) {
  return a.status == AuditStatus::kCompleted || a.status == AuditStatus::kCancelled;
}

Status check_audit_transition(const Audit& a, AuditStatus to) {
  bool allowed = false;
  switch (to) {
    case AuditStatus::kInProgress:
      allowed = a.status == AuditStatus::kPlanned;
      break;
    case AuditStatus::kCompleted:
      allowed = a.status == AuditStatus::kInProgress;
      break;
    case AuditStatus::kCancelled:
      allowed = a.status == AuditStatus::kPlanned || a.status == AuditStatus::kInProgress;
      break;
    case AuditStatus::kPlanned:
      break;
  }
  if (allowed) return ok_status();
  return Error::conflict("audit " + a.ref + " is " + std::string(audit_status_name(a.status)) +
                         " and cannot become " + std::string(audit_status_name(to)));
}

std::vector<FieldError> completion_problems(const Audit& a) {
  std::vector<FieldError> e;
  for (size_t i = 0; i < a.checklist.size(); ++i) {
    if (a.checklist[i].result == CheckResult::kNotChecked) {
      e.push_back({"checklist[" + std::to_string(i) + "].result",
                   a.checklist[i].requirement_key + " is not checked yet"});
    }
  }
  if (risk_detail::is_blank(a.conclusion)) {
    e.push_back({"conclusion", "is required to complete the audit"});
  }
  return e;
}

// --- records ---

OpRecord programme_to_record(const AuditProgramme& p) {
  OpRecord r;
  r.kind = kProgrammeKind;
  r.id = p.id;
  r.ref = programme_ref(p.year);
  r.status = programme_status_name(p.status);
  r.owner_id = p.owner_id;
  r.due_at = std::to_string(p.year) + "-12-31";
  r.body = dump_json(Json{{"year", p.year},
                          {"title", p.title},
                          {"objectives", p.objectives},
                          {"approved_by", p.approved_by},
                          {"approved_by_person_id", p.approved_by_person_id},
                          {"approved_at", p.approved_at}});
  r.version = p.version;
  r.created_at = p.created_at;
  r.updated_at = p.updated_at;
  return r;
}

Result<AuditProgramme> programme_from_record(const OpRecord& r) {
  ISMS_ASSIGN(Json body, parse_json(r.body));
  AuditProgramme p;
  audit_json::Reader in(body, "", "audit_programme " + r.id);
  p.id = r.id;
  p.year = static_cast<int>(in.integer("year", 2000, 2999, true).value_or(0));
  p.title = in.text("title", kAuditTitleMax, false, true).value_or("");
  p.objectives = in.text("objectives", kAuditTextMax, true, false).value_or("");
  p.approved_by = in.text("approved_by", kStampMax, false, false).value_or("");
  p.approved_by_person_id = in.text("approved_by_person_id", kStampMax, false, false).value_or("");
  p.approved_at = in.text("approved_at", kStampMax, false, false).value_or("");
  auto status = parse_programme_status(r.status);
  if (!status) in.add("status", "unknown programme status \"" + r.status + "\"");
  ISMS_TRY(in.finish());
  p.status = *status;
  p.owner_id = r.owner_id;
  p.version = r.version;
  p.created_at = r.created_at;
  p.updated_at = r.updated_at;
  return p;
}

namespace {

Json item_body(const ChecklistItem& i) {
  return Json{{"requirement_key", i.requirement_key},
              {"requirement_title", i.requirement_title},
              {"question", i.question},
              {"result", check_result_name(i.result)},
              {"notes", i.notes},
              {"evidence", i.evidence},
              {"checked_by", i.checked_by},
              {"checked_at", i.checked_at},
              {"version", i.version}};
}

std::optional<ChecklistItem> item_from_body(audit_json::Reader& outer, const Json& v,
                                            size_t index) {
  std::string prefix = "checklist[" + std::to_string(index) + "].";
  audit_json::Reader in(v, prefix, prefix);
  ChecklistItem i;
  i.requirement_key = in.text("requirement_key", kAuditIdMax, false, true).value_or("");
  i.requirement_title = in.text("requirement_title", 1000, false, false).value_or("");
  i.question = in.text("question", kAuditNoteMax, true, true).value_or("");
  auto result = in.choice("result", check_result_names(), true);
  if (result) i.result = *parse_check_result(*result);
  i.notes = in.text("notes", kAuditTextMax, true, false).value_or("");
  i.evidence = in.strings("evidence", kAuditEvidenceMax, kAuditIdMax, false)
                   .value_or(std::vector<std::string>{});
  i.checked_by = in.text("checked_by", kStampMax, false, false).value_or("");
  i.checked_at = in.text("checked_at", kStampMax, false, false).value_or("");
  i.version = in.integer("version", 1, INT64_MAX, true).value_or(1);
  Status s = in.finish();
  if (!s) {
    for (auto& e : s.error().details) outer.errors().push_back(e);
    return std::nullopt;
  }
  return i;
}

}  // namespace

OpRecord audit_to_record(const Audit& a) {
  OpRecord r;
  r.kind = kAuditKind;
  r.id = a.id;
  r.ref = a.ref;
  r.parent_id = a.programme_id;
  r.status = audit_status_name(a.status);
  r.owner_id = a.lead_auditor_id;
  r.due_at = a.end_on;
  Json checklist = Json::array();
  for (const ChecklistItem& i : a.checklist) checklist.push_back(item_body(i));
  r.body = dump_json(Json{{"title", a.title},
                          {"type", audit_type_name(a.type)},
                          {"scope", a.scope},
                          {"criteria", a.criteria},
                          {"auditor_ids", a.auditor_ids},
                          {"start_on", a.start_on},
                          {"end_on", a.end_on},
                          {"conclusion", a.conclusion},
                          {"started_at", a.started_at},
                          {"completed_at", a.completed_at},
                          {"cancelled_at", a.cancelled_at},
                          {"cancel_reason", a.cancel_reason},
                          {"checklist", std::move(checklist)}});
  r.version = a.version;
  r.created_at = a.created_at;
  r.updated_at = a.updated_at;
  return r;
}

Result<Audit> audit_from_record(const OpRecord& r) {
  ISMS_ASSIGN(Json body, parse_json(r.body));
  Audit a;
  audit_json::Reader in(body, "", "audit " + r.id);
  a.id = r.id;
  a.ref = r.ref;
  a.programme_id = r.parent_id;
  a.lead_auditor_id = r.owner_id;
  a.title = in.text("title", kAuditTitleMax, false, true).value_or("");
  auto type = in.choice("type", audit_type_names(), true);
  if (type) a.type = *parse_audit_type(*type);
  a.scope = in.text("scope", kAuditTextMax, true, true).value_or("");
  a.criteria = in.strings("criteria", kAuditCriteriaMax, kAuditIdMax, true)
                   .value_or(std::vector<std::string>{});
  a.auditor_ids = in.strings("auditor_ids", kAuditAuditorsMax, kAuditIdMax, true)
                      .value_or(std::vector<std::string>{});
  a.start_on = in.date("start_on", true).value_or("");
  a.end_on = in.date("end_on", true).value_or("");
  a.conclusion = in.text("conclusion", kAuditTextMax, true, false).value_or("");
  a.started_at = in.text("started_at", kStampMax, false, false).value_or("");
  a.completed_at = in.text("completed_at", kStampMax, false, false).value_or("");
  a.cancelled_at = in.text("cancelled_at", kStampMax, false, false).value_or("");
  a.cancel_reason = in.text("cancel_reason", kAuditNoteMax, true, false).value_or("");
  if (const Json* items = in.raw("checklist")) {
    if (!items->is_array() || items->size() > kAuditCriteriaMax) {
      in.add("checklist", "must be an array of at most " + std::to_string(kAuditCriteriaMax));
    } else {
      for (size_t i = 0; i < items->size(); ++i) {
        if (auto item = item_from_body(in, (*items)[i], i)) a.checklist.push_back(*item);
      }
    }
  } else {
    in.add("checklist", "is required");
  }
  auto status = parse_audit_status(r.status);
  if (!status) in.add("status", "unknown audit status \"" + r.status + "\"");
  ISMS_TRY(in.finish());
  a.status = *status;
  a.version = r.version;
  a.created_at = r.created_at;
  a.updated_at = r.updated_at;
  return a;
}

// --- API form ---

namespace {
Json or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
}  // namespace

Json programme_to_json(const AuditProgramme& p) {
  return Json{{"id", p.id},
              {"ref", programme_ref(p.year)},
              {"year", p.year},
              {"title", p.title},
              {"objectives", p.objectives},
              {"owner_id", or_null(p.owner_id)},
              {"status", programme_status_name(p.status)},
              {"approved_by", or_null(p.approved_by)},
              {"approved_by_person_id", or_null(p.approved_by_person_id)},
              {"approved_at", or_null(p.approved_at)},
              {"version", p.version},
              {"created_at", p.created_at},
              {"updated_at", p.updated_at}};
}

Json checklist_item_to_json(const ChecklistItem& i, size_t index) {
  Json j = item_body(i);
  j["index"] = static_cast<int64_t>(index);
  j["checked_by"] = or_null(i.checked_by);
  j["checked_at"] = or_null(i.checked_at);
  return j;
}

Json audit_to_json(const Audit& a) {
  Json checklist = Json::array();
  Json totals = Json::object();
  for (std::string_view name : kResults) totals[std::string(name)] = 0;
  for (size_t i = 0; i < a.checklist.size(); ++i) {
    checklist.push_back(checklist_item_to_json(a.checklist[i], i));
    auto& n = totals[std::string(check_result_name(a.checklist[i].result))];
    n = n.get<int64_t>() + 1;
  }
  return Json{{"id", a.id},
              {"ref", a.ref},
              {"programme_id", or_null(a.programme_id)},
              {"title", a.title},
              {"type", audit_type_name(a.type)},
              {"scope", a.scope},
              {"criteria", a.criteria},
              {"lead_auditor_id", a.lead_auditor_id},
              {"auditor_ids", a.auditor_ids},
              {"start_on", a.start_on},
              {"end_on", a.end_on},
              {"status", audit_status_name(a.status)},
              {"conclusion", a.conclusion},
              {"started_at", or_null(a.started_at)},
              {"completed_at", or_null(a.completed_at)},
              {"cancelled_at", or_null(a.cancelled_at)},
              {"cancel_reason", or_null(a.cancel_reason)},
              {"checklist", std::move(checklist)},
              {"checklist_totals", std::move(totals)},
              {"version", a.version},
              {"created_at", a.created_at},
              {"updated_at", a.updated_at}};
}

}  // namespace isms
