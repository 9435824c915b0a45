// Findings: intake (record_finding_in_tx of service/finding_intake.h, for this module and
// every other source), lists, reading, changing and closing.
#include <algorithm>

#include "base/crypto.h"
#include "domain/audit_json.h"
#include "domain/risk_common.h"
#include "service/admin_common.h"
#include "service/audit_intake.h"
#include "service/audit_service.h"
#include "service/audit_support.h"
#include "service/finding_intake.h"
#include "service/ledger_recorder.h"

namespace isms {

using namespace audit_internal;

namespace {
constexpr const char* kRead = "audits:read";
constexpr const char* kWrite = "audits:write";
}  // namespace

namespace audit_internal {

Result<FindingIntakeResult> record_finding(StoreTx& tx, LedgerRecorder& ledger,
                                           const FindingIntake& intake,
                                           std::optional<int64_t> checklist_index,
                                           const std::string& now) {
  std::vector<FieldError> errors;
  Finding f;
  auto source = parse_finding_source(intake.source);
  if (!source) {
    errors.push_back({"source",
                      "must be audit, incident, management_review, risk_cycle or "
                      "self_assessment"});
  } else {
    f.source = *source;
  }
  auto grade = parse_finding_grade(intake.grade);
  if (!grade) {
    errors.push_back({"grade",
                      "must be major_nonconformity, minor_nonconformity, observation "
                      "or opportunity"});
  } else {
    f.grade = *grade;
  }
  f.source_id = intake.source_id;
  f.checklist_index = checklist_index;
  f.title = intake.title;
  f.description = intake.description;
  f.requirement_keys = intake.requirement_keys;
  f.owner_id = intake.owner_id;
  if (source) {
    for (auto& e : validate_finding(f)) errors.push_back(std::move(e));
  } else {
    risk_detail::check_text(errors, "title", f.title, kAuditTitleMax, false, true);
  }
  if (errors.empty() && !f.source_id.empty()) {
    std::string_view kind = source_record_kind(f.source);
    bool found = false;
    if (!kind.empty()) {
      auto r = tx.get_op_record(std::string(kind), f.source_id);
      if (auto e = admin::unless_not_found(r)) return *e;
      found = r.ok();
      if (r && f.source == FindingSource::kAudit && r->status == "cancelled") {
        return Error::conflict("audit " + r->ref + " is cancelled: it raises no findings");
      }
    } else {
      auto c = tx.get_risk_cycle(f.source_id);
      if (auto e = admin::unless_not_found(c)) return *e;
      found = c.ok();
    }
    if (!found) {
      errors.push_back({"source_id", "no " + std::string(finding_source_name(f.source)) +
                                         " with id \"" + f.source_id + "\""});
    }
  }
  ISMS_TRY(check_requirements(tx, errors, "requirement_keys", f.requirement_keys, nullptr));
  ISMS_TRY(check_person(tx, errors, "owner_id", f.owner_id));
  std::optional<CorrectiveAction> action;
  if (intake.action) {
    CorrectiveAction a;
    a.title = intake.action->title;
    a.root_cause = intake.action->root_cause;
    a.owner_id = intake.action->owner_id;
    a.due_on = intake.action->due_on;
    for (auto& e : validate_action(a)) errors.push_back({"action." + e.field, e.message});
    ISMS_TRY(check_person(tx, errors, "action.owner_id", a.owner_id));
    action = std::move(a);
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));

  FindingIntakeResult out;
  f.id = new_id();
  ISMS_ASSIGN(f.ref, next_ref(tx, "finding", "F"));
  f.created_at = f.updated_at = now;
  ISMS_TRY(tx.insert_op_record(finding_to_record(f)));
  ISMS_TRY(ledger.record("finding.create", std::string(kFindingKind), f.id, finding_ledger(f)));
  out.finding_id = f.id;
  out.finding_ref = f.ref;
  if (action) {
    action->id = new_id();
    action->finding_id = f.id;
    ISMS_ASSIGN(action->ref, next_ref(tx, "corrective_action", "CA"));
    action->created_at = action->updated_at = now;
    ISMS_TRY(tx.insert_op_record(action_to_record(*action)));
    ISMS_TRY(ledger.record("corrective_action.create", std::string(kActionKind), action->id,
                           action_ledger(*action)));
    out.action_id = action->id;
    out.action_ref = action->ref;
  }
  return out;
}

}  // namespace audit_internal

Result<FindingIntakeResult> record_finding_in_tx(StoreTx& tx, LedgerRecorder& ledger,
                                                 const FindingIntake& intake,
                                                 const std::string& now) {
  return record_finding(tx, ledger, intake, std::nullopt, now);
}

Result<std::vector<FindingView>> AuditService::list_findings(const Principal& p,
                                                             const FindingFilter& f) const {
  ISMS_TRY(admin::require_permission(p, kRead));
  std::vector<FieldError> errors;
  if (f.source && !parse_finding_source(*f.source)) {
    errors.push_back({"source",
                      "must be audit, incident, management_review, risk_cycle or "
                      "self_assessment"});
  }
  if (f.grade && !parse_finding_grade(*f.grade)) {
    errors.push_back({"grade",
                      "must be major_nonconformity, minor_nonconformity, observation "
                      "or opportunity"});
  }
  for (const auto& s : f.statuses) {
    if (!parse_finding_status(s)) errors.push_back({"status", "must be open or closed"});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::string day, today_in(ctx_, *tx));
  OpRecordQuery q;
  q.kind = kFindingKind;
  q.statuses = f.statuses;
  q.parent_id = f.source_id;
  q.owner_id = f.owner_id;
  q.order = OpRecordOrder::kRef;
  ISMS_ASSIGN(auto rows, tx->list_op_records(q));
  ISMS_ASSIGN(auto actions, actions_by_finding(*tx));
  std::vector<FindingView> out;
  for (const auto& r : rows) {
    ISMS_ASSIGN(Finding finding, finding_from_record(r));
    if (f.source && finding_source_name(finding.source) != *f.source) continue;
    if (f.grade && finding_grade_name(finding.grade) != *f.grade) continue;
    std::vector<CorrectiveAction> mine;
    if (auto it = actions.find(finding.id); it != actions.end()) mine = it->second;
    ISMS_ASSIGN(FindingView v, finding_view_with(*tx, std::move(finding), std::move(mine), day));
    if (f.overdue && v.overdue != *f.overdue) continue;
    out.push_back(std::move(v));
  }
  return out;
}

Result<FindingView> AuditService::get_finding(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, kRead));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::string day, today_in(ctx_, *tx));
  ISMS_ASSIGN(Finding f, load_finding(*tx, id));
  return finding_view(*tx, std::move(f), day);
}

Result<FindingView> AuditService::create_finding(const Principal& p, const Json& body) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(FindingIntake intake, finding_intake_from_json(body, true));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_ASSIGN(FindingIntakeResult r,
              record_finding(*tx, ledger, intake, std::nullopt, ctx_.clock->now_utc()));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(std::string day, today_in(ctx_, *tx));
  ISMS_ASSIGN(Finding f, load_finding(*tx, r.finding_id));
  ISMS_ASSIGN(FindingView v, finding_view(*tx, std::move(f), day));
  ISMS_TRY(tx->commit());
  return v;
}

Result<FindingView> AuditService::update_finding(const Principal& p, const std::string& id,
                                                 const Json& body) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  audit_json::Reader in(body);
  auto version = in.integer("version", 1, INT64_MAX, false);
  auto grade = in.choice("grade", finding_grade_names(), false);
  auto title = in.text("title", kAuditTitleMax, false, false);
  auto description = in.text("description", kAuditTextMax, true, false);
  auto keys = in.strings("requirement_keys", kFindingRequirementsMax, kAuditIdMax, false);
  std::optional<std::string> owner;
  if (const Json* v = in.raw("owner_id")) {
    if (v->is_null()) {
      owner = "";
    } else if (v->is_string() && v->get<std::string>().size() <= kAuditIdMax) {
      owner = v->get<std::string>();
    } else {
      in.add("owner_id", "must be a person's id or null");
    }
  }
  in.read_only({"id", "ref", "source", "source_id", "checklist_index", "status", "closed_at",
                "closed_by", "close_note", "created_at", "updated_at", "actions", "overdue"});
  ISMS_TRY(in.finish());
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Finding before, load_finding(*tx, id));
  ISMS_TRY(check_version("finding " + before.ref, before.version, version));
  ISMS_TRY(check_finding_open(before));
  Finding after = before;
  if (grade) after.grade = *parse_finding_grade(*grade);
  if (title) after.title = *title;
  if (description) after.description = *description;
  if (keys) after.requirement_keys = *keys;
  if (owner) after.owner_id = *owner;
  auto errors = validate_finding(after);
  if (keys && *keys != before.requirement_keys) {
    ISMS_TRY(check_requirements(*tx, errors, "requirement_keys", after.requirement_keys, nullptr));
  }
  if (after.owner_id != before.owner_id) {
    ISMS_TRY(check_person(*tx, errors, "owner_id", after.owner_id));
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ISMS_ASSIGN(std::string day, today_in(ctx_, *tx));
  Json diff = admin::json_diff(finding_ledger(before), finding_ledger(after));
  if (diff.empty()) return finding_view(*tx, std::move(before), day);
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_op_record(finding_to_record(after), before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("finding.update", std::string(kFindingKind), id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(FindingView v, finding_view(*tx, std::move(after), day));
  ISMS_TRY(tx->commit());
  return v;
}

Result<FindingView> AuditService::close_finding(const Principal& p, const std::string& id,
                                                int64_t version, const std::string& note) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  const Json note_body{{"note", note}};
  audit_json::Reader in(note_body);
  in.text("note", kAuditTextMax, true, false);
  ISMS_TRY(in.finish());
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Finding f, load_finding(*tx, id));
  ISMS_TRY(check_version("finding " + f.ref, f.version, version));
  ISMS_ASSIGN(auto actions, actions_of(*tx, id));
  ISMS_TRY(check_finding_closable(f, actions, note));
  int64_t before = f.version;
  f.status = FindingStatus::kClosed;
  f.closed_at = f.updated_at = ctx_.clock->now_utc();
  f.closed_by = p.actor;
  f.close_note = note;
  f.version = before + 1;
  ISMS_TRY(tx->update_op_record(finding_to_record(f), before));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("finding.close", std::string(kFindingKind), id,
                         Json{{"closed_at", f.closed_at}, {"note", note}, {"automatic", false}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(std::string day, today_in(ctx_, *tx));
  ISMS_ASSIGN(FindingView v, finding_view_with(*tx, std::move(f), std::move(actions), day));
  ISMS_TRY(tx->commit());
  return v;
}

}  // namespace isms
