// Corrective actions: lists, adding one to an open finding, changing it while open,
// recording its implementation and its effectiveness verification. A verification that
// satisfies the closing rule (domain/finding.h) closes a nonconformity in the same write.
#include "base/crypto.h"
#include "domain/audit_json.h"
#include "domain/risk_common.h"
#include "service/admin_common.h"
#include "service/audit_service.h"
#include "service/audit_support.h"
#include "service/ledger_recorder.h"

namespace isms {

using namespace audit_internal;

namespace {

constexpr const char* kRead = "audits:read";
constexpr const char* kWrite = "audits:write";

struct ActionFields {
  std::optional<std::string> title, root_cause, action, owner_id, due_on;
  std::optional<int64_t> version;
};

Result<ActionFields> action_fields(const Json& body, bool create) {
  audit_json::Reader in(body);
  ActionFields f;
  f.title = in.text("title", kAuditTitleMax, false, create);
  f.root_cause = in.text("root_cause", kAuditTextMax, true, false);
  f.action = in.text("action", kAuditTextMax, true, false);
  f.owner_id = in.text("owner_id", kAuditIdMax, false, create);
  f.due_on = in.date("due_on", create);
  if (create) {
    in.read_only({"version"});
  } else {
    f.version = in.integer("version", 1, INT64_MAX, false);
  }
  in.read_only({"id", "ref", "finding_id", "status", "overdue", "implemented_on", "implemented_by",
                "implementation_note", "verified_on", "verified_by", "effective",
                "verification_note", "created_at", "updated_at"});
  ISMS_TRY(in.finish());
  return f;
}

void apply(const ActionFields& f, CorrectiveAction* a) {
  if (f.title) a->title = *f.title;
  if (f.root_cause) a->root_cause = *f.root_cause;
  if (f.action) a->action = *f.action;
  if (f.owner_id) a->owner_id = *f.owner_id;
  if (f.due_on) a->due_on = *f.due_on;
}

Status check_action(StoreTx& tx, const CorrectiveAction& a, const CorrectiveAction* before) {
  auto errors = validate_action(a);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  if (!before || before->owner_id != a.owner_id) {
    ISMS_TRY(check_person(tx, errors, "owner_id", a.owner_id));
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

}  // namespace

Result<std::vector<CorrectiveAction>> AuditService::list_actions(const Principal& p,
                                                                 const ActionFilter& f) const {
  ISMS_TRY(admin::require_permission(p, kRead));
  for (const auto& s : f.statuses) {
    if (!parse_action_status(s)) {
      return Error::invalid("status", "must be open, implemented, verified or ineffective");
    }
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::string day, today_in(ctx_, *tx));
  OpRecordQuery q;
  q.kind = kActionKind;
  q.statuses = f.statuses;
  q.owner_id = f.owner_id;
  q.parent_id = f.finding_id;
  q.order = OpRecordOrder::kDue;
  ISMS_ASSIGN(auto rows, tx->list_op_records(q));
  std::vector<CorrectiveAction> out;
  for (const auto& r : rows) {
    ISMS_ASSIGN(CorrectiveAction a, action_from_record(r));
    if (f.overdue && action_overdue(a, day) != *f.overdue) continue;
    out.push_back(std::move(a));
  }
  return out;
}

Result<CorrectiveAction> AuditService::get_action(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, kRead));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return load_action(*tx, id);
}

Result<CorrectiveAction> AuditService::add_action(const Principal& p, const std::string& finding_id,
                                                  const Json& body) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(ActionFields f, action_fields(body, true));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Finding finding, load_finding(*tx, finding_id));
  ISMS_TRY(check_finding_open(finding));
  CorrectiveAction a;
  a.id = new_id();
  a.finding_id = finding.id;
  apply(f, &a);
  ISMS_TRY(check_action(*tx, a, nullptr));
  ISMS_ASSIGN(a.ref, next_ref(*tx, "corrective_action", "CA"));
  a.created_at = a.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->insert_op_record(action_to_record(a)));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(
      ledger.record("corrective_action.create", std::string(kActionKind), a.id, action_ledger(a)));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return a;
}

Result<CorrectiveAction> AuditService::update_action(const Principal& p, const std::string& id,
                                                     const Json& body) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(ActionFields f, action_fields(body, false));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(CorrectiveAction before, load_action(*tx, id));
  ISMS_TRY(check_version("corrective action " + before.ref, before.version, f.version));
  if (before.status != ActionStatus::kOpen) {
    return Error::conflict("corrective action " + before.ref + " is " +
                           std::string(action_status_name(before.status)) + " and cannot change");
  }
  CorrectiveAction after = before;
  apply(f, &after);
  ISMS_TRY(check_action(*tx, after, &before));
  Json diff = admin::json_diff(action_ledger(before), action_ledger(after));
  if (diff.empty()) return before;
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_op_record(action_to_record(after), before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("corrective_action.update", std::string(kActionKind), id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return after;
}

Result<CorrectiveAction> AuditService::implement_action(const Principal& p, const std::string& id,
                                                        const Json& body) const {
  audit_json::Reader in(body);
  auto version = in.integer("version", 1, INT64_MAX, false);
  auto on = in.date("implemented_on", false);
  auto note = in.text("note", kAuditTextMax, true, false);
  ISMS_TRY(in.finish());
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(CorrectiveAction a, load_action(*tx, id));
  // The owner records the implementation of their own action; anyone else needs
  // audits:write.
  bool owner = !p.person_id.empty() && p.person_id == a.owner_id;
  if (!owner) ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_TRY(check_version("corrective action " + a.ref, a.version, version));
  ISMS_TRY(check_implementable(a));
  ISMS_ASSIGN(std::string day, today_in(ctx_, *tx));
  std::string implemented_on = on.value_or(day);
  if (implemented_on > day) {
    return Error::invalid("implemented_on", "must not be in the future (today is " + day + ")");
  }
  int64_t before = a.version;
  a.status = ActionStatus::kImplemented;
  a.implemented_on = implemented_on;
  a.implemented_by = p.actor;
  a.implementation_note = note.value_or("");
  a.version = before + 1;
  a.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_op_record(action_to_record(a), before));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(
      ledger.record("corrective_action.implement", std::string(kActionKind), id,
                    Json{{"implemented_on", a.implemented_on}, {"note", a.implementation_note}}));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return a;
}

Result<CorrectiveAction> AuditService::verify_action(
    const Principal& p, const std::string& id, const Json& body,
    const std::optional<std::string>& verifier_person_id) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  audit_json::Reader in(body);
  auto version = in.integer("version", 1, INT64_MAX, false);
  auto effective = in.boolean("effective", true);
  auto on = in.date("verified_on", false);
  auto note = in.text("note", kAuditTextMax, true, false);
  ISMS_TRY(in.finish());
  if (!*effective && (!note || risk_detail::is_blank(*note))) {
    return Error::invalid("note", "say why the action was not effective");
  }
  std::string verifier = p.person_id;
  if (verifier.empty()) {
    if (!p.operator_access || !verifier_person_id || verifier_person_id->empty()) {
      return Error::invalid("verified_by",
                            "a verification is recorded for a person; the "
                            "operator names one (--by)");
    }
    verifier = *verifier_person_id;
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  if (verifier != p.person_id) {
    std::vector<FieldError> errors;
    ISMS_TRY(check_person(*tx, errors, "verified_by", verifier));
    if (!errors.empty()) return Error::invalid(std::move(errors));
  }
  ISMS_ASSIGN(CorrectiveAction a, load_action(*tx, id));
  ISMS_TRY(check_version("corrective action " + a.ref, a.version, version));
  ISMS_TRY(check_verifiable(a, verifier));
  ISMS_ASSIGN(std::string day, today_in(ctx_, *tx));
  std::string verified_on = on.value_or(day);
  if (verified_on > day) {
    return Error::invalid("verified_on", "must not be in the future (today is " + day + ")");
  }
  if (verified_on < a.implemented_on) {
    return Error::invalid("verified_on",
                          "must not be before the implementation (" + a.implemented_on + ")");
  }
  int64_t before = a.version;
  std::string now = ctx_.clock->now_utc();
  a.status = *effective ? ActionStatus::kVerified : ActionStatus::kIneffective;
  a.verified_on = verified_on;
  a.verified_by = verifier;
  a.effective = *effective;
  a.verification_note = note.value_or("");
  a.version = before + 1;
  a.updated_at = now;
  ISMS_TRY(tx->update_op_record(action_to_record(a), before));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("corrective_action.verify", std::string(kActionKind), id,
                         Json{{"verified_on", a.verified_on},
                              {"verified_by", a.verified_by},
                              {"effective", *effective},
                              {"note", a.verification_note}}));
  ISMS_ASSIGN(Finding f, load_finding(*tx, a.finding_id));
  ISMS_ASSIGN(auto actions, actions_of(*tx, f.id));
  if (nonconformity_resolved(f, actions)) {
    int64_t fv = f.version;
    f.status = FindingStatus::kClosed;
    f.closed_at = f.updated_at = now;
    f.closed_by = p.actor;
    f.close_note = "Closed by the effective verification of " + a.ref;
    f.version = fv + 1;
    ISMS_TRY(tx->update_op_record(finding_to_record(f), fv));
    ISMS_TRY(ledger.record("finding.close", std::string(kFindingKind), f.id,
                           Json{{"closed_at", f.closed_at},
                                {"note", f.close_note},
                                {"automatic", true},
                                {"action", a.ref}}));
  }
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return a;
}

}  // namespace isms
