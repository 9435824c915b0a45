// Audit checklists: deciding one item (optionally raising its finding in the same write)
// and raising a finding from an audit.
#include "domain/audit_json.h"
#include "service/admin_common.h"
#include "service/audit_intake.h"
#include "service/audit_service.h"
#include "service/audit_support.h"
#include "service/ledger_recorder.h"

namespace isms {

using namespace audit_internal;

namespace {

constexpr const char* kWrite = "audits:write";

// Fills what a finding raised from checklist item `index` of `a` takes from the item, and
// checks that the item may raise one.
Status prepare_item_finding(const Audit& a, int64_t index, FindingIntake* intake,
                            const std::string& field) {
  if (index < 0 || static_cast<size_t>(index) >= a.checklist.size()) {
    return Error::invalid(field, "audit " + a.ref + " has items 0 to " +
                                     std::to_string(static_cast<int64_t>(a.checklist.size()) - 1));
  }
  const ChecklistItem& item = a.checklist[static_cast<size_t>(index)];
  if (item.result != CheckResult::kNonconform && item.result != CheckResult::kObservation) {
    return Error::conflict("checklist item " + std::to_string(index) + " (" + item.requirement_key +
                           ") is " + std::string(check_result_name(item.result)) +
                           ": only a nonconform or observation item raises a finding");
  }
  if (intake->requirement_keys.empty()) intake->requirement_keys = {item.requirement_key};
  if (intake->title.empty()) {
    intake->title =
        item.requirement_key + (item.requirement_title.empty() ? "" : " " + item.requirement_title);
    if (intake->title.size() > kAuditTitleMax) intake->title.resize(kAuditTitleMax);
  }
  if (intake->description.empty()) intake->description = item.notes;
  return ok_status();
}

Status check_audit_raises(const Audit& a) {
  if (a.status == AuditStatus::kInProgress || a.status == AuditStatus::kCompleted) {
    return ok_status();
  }
  return Error::conflict("audit " + a.ref + " is " + std::string(audit_status_name(a.status)) +
                         ": findings are raised while it is in progress or completed");
}

}  // namespace

Result<CheckResultView> AuditService::check_item(const Principal& p, const std::string& audit_id,
                                                 int64_t index, const Json& body) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  audit_json::Reader in(body);
  auto version = in.integer("version", 1, INT64_MAX, false);
  auto question = in.text("question", kAuditNoteMax, true, false);
  auto result = in.choice("result", check_result_names(), false);
  auto notes = in.text("notes", kAuditTextMax, true, false);
  auto evidence = in.strings("evidence", kAuditEvidenceMax, kAuditIdMax, false);
  std::optional<FindingIntake> finding;
  if (const Json* v = in.raw("finding"); v && !v->is_null()) {
    auto intake = finding_intake_from_json(*v, false, "finding.");
    if (intake) {
      finding = std::move(*intake);
    } else {
      for (auto& e : intake.error().details) in.errors().push_back(e);
    }
  }
  in.read_only({"index", "requirement_key", "requirement_title", "checked_by", "checked_at"});
  ISMS_TRY(in.finish());
  if (!version) {
    return Error::invalid("version", "the item's version you last read is required");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Audit a, load_audit(*tx, audit_id));
  if (index < 0 || static_cast<size_t>(index) >= a.checklist.size()) {
    return Error::not_found("audit " + a.ref + " has no checklist item " + std::to_string(index));
  }
  if (audit_is_final(a)) {
    return Error::conflict("audit " + a.ref + " is " + std::string(audit_status_name(a.status)) +
                           ": its checklist cannot change");
  }
  ChecklistItem& item = a.checklist[static_cast<size_t>(index)];
  ISMS_TRY(check_version("checklist item " + std::to_string(index) + " of audit " + a.ref,
                         item.version, version));
  ChecklistItem before = item;
  std::string now = ctx_.clock->now_utc();
  if (question) item.question = *question;
  if (notes) item.notes = *notes;
  if (evidence) item.evidence = *evidence;
  if (result) {
    item.result = *parse_check_result(*result);
    if (item.result != CheckResult::kNotChecked && a.status != AuditStatus::kInProgress) {
      return Error::conflict("audit " + a.ref + " is " + std::string(audit_status_name(a.status)) +
                             ": start it before deciding checklist items");
    }
  }
  Json diff =
      admin::json_diff(checklist_item_to_json(before, index), checklist_item_to_json(item, index));
  diff.erase("checked_by");
  diff.erase("checked_at");
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  if (!diff.empty()) {
    if (result && before.result != item.result) {
      item.checked_by = p.actor;
      item.checked_at = now;
    }
    item.version = before.version + 1;
    int64_t audit_version = a.version;
    a.version = audit_version + 1;
    a.updated_at = now;
    ISMS_TRY(tx->update_op_record(audit_to_record(a), audit_version));
    ISMS_TRY(ledger.record(
        "audit.check", std::string(kAuditKind), a.id,
        Json{{"index", index}, {"requirement_key", item.requirement_key}, {"change", diff}}));
  }
  CheckResultView out;
  if (finding) {
    ISMS_TRY(check_audit_raises(a));
    finding->source = "audit";
    finding->source_id = a.id;
    ISMS_TRY(prepare_item_finding(a, index, &*finding, "finding"));
    ISMS_ASSIGN(FindingIntakeResult r, record_finding(*tx, ledger, *finding, index, now));
    ISMS_ASSIGN(std::string day, today_in(ctx_, *tx));
    ISMS_ASSIGN(Finding f, load_finding(*tx, r.finding_id));
    ISMS_ASSIGN(out.finding, finding_view(*tx, std::move(f), day));
  }
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  out.audit = std::move(a);
  return out;
}

Result<FindingView> AuditService::create_audit_finding(const Principal& p,
                                                       const std::string& audit_id,
                                                       const Json& body) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  std::optional<int64_t> index;
  Json rest = body;
  if (rest.is_object() && rest.contains("checklist_index")) {
    const Json& v = rest["checklist_index"];
    if (!v.is_null()) {
      if (!v.is_number_integer()) {
        return Error::invalid("checklist_index", "must be an integer or null");
      }
      index = v.get<int64_t>();
    }
    rest.erase("checklist_index");
  }
  ISMS_ASSIGN(FindingIntake intake, finding_intake_from_json(rest, false));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Audit a, load_audit(*tx, audit_id));
  ISMS_TRY(check_audit_raises(a));
  intake.source = "audit";
  intake.source_id = a.id;
  if (index) ISMS_TRY(prepare_item_finding(a, *index, &intake, "checklist_index"));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_ASSIGN(FindingIntakeResult r,
              record_finding(*tx, ledger, intake, index, ctx_.clock->now_utc()));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(std::string day, today_in(ctx_, *tx));
  ISMS_ASSIGN(Finding f, load_finding(*tx, r.finding_id));
  ISMS_ASSIGN(FindingView v, finding_view(*tx, std::move(f), day));
  ISMS_TRY(tx->commit());
  return v;
}

}  // namespace isms
