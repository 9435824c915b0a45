// AuditService: audit programmes and audits with their checklists (the findings and
// corrective actions are in audit_findings.cc, the report in audit_report_service.cc).
#include "service/audit_service.h"

#include <algorithm>

#include "base/crypto.h"
#include "domain/audit_json.h"
#include "service/admin_common.h"
#include "service/audit_support.h"
#include "service/ledger_recorder.h"

namespace isms {

using namespace audit_internal;

namespace {

constexpr const char* kRead = "audits:read";
constexpr const char* kWrite = "audits:write";

struct ProgrammeFields {
  std::optional<int64_t> year;
  std::optional<std::string> title, objectives, owner_id;
  std::optional<int64_t> version;
};

Result<ProgrammeFields> programme_fields(const Json& body, bool create) {
  audit_json::Reader in(body);
  ProgrammeFields f;
  if (create) {
    f.year = in.integer("year", 2000, 2999, true);
  } else {
    in.read_only({"year"});
    f.version = in.integer("version", 1, INT64_MAX, false);
  }
  f.title = in.text("title", kAuditTitleMax, false, create);
  f.objectives = in.text("objectives", kAuditTextMax, true, false);
  f.owner_id = in.text("owner_id", kAuditIdMax, false, false);
  in.read_only({"id", "ref", "status", "approved_by", "approved_by_person_id", "approved_at",
                "created_at", "updated_at", "audits"});
  ISMS_TRY(in.finish());
  return f;
}

struct AuditFields {
  std::optional<std::string> title, type, scope, lead_auditor_id, start_on, end_on, programme_id,
      conclusion;
  std::optional<std::vector<std::string>> criteria, auditor_ids;
  std::optional<int64_t> version;
};

Result<AuditFields> audit_fields(const Json& body, bool create) {
  audit_json::Reader in(body);
  AuditFields f;
  f.title = in.text("title", kAuditTitleMax, false, create);
  f.type = in.choice("type", audit_type_names(), false);
  f.scope = in.text("scope", kAuditTextMax, true, create);
  f.criteria = in.strings("criteria", kAuditCriteriaMax, kAuditIdMax, create);
  f.lead_auditor_id = in.text("lead_auditor_id", kAuditIdMax, false, create);
  f.auditor_ids = in.strings("auditor_ids", kAuditAuditorsMax, kAuditIdMax, false);
  f.start_on = in.date("start_on", create);
  f.end_on = in.date("end_on", create);
  if (create) {
    if (const Json* v = in.raw("programme_id"); v && !v->is_null()) {
      if (v->is_string() && v->get<std::string>().size() <= kAuditIdMax) {
        f.programme_id = v->get<std::string>();
      } else {
        in.add("programme_id", "must be an audit programme's id or null");
      }
    }
    in.read_only({"conclusion", "version"});
  } else {
    in.read_only({"programme_id"});
    f.conclusion = in.text("conclusion", kAuditTextMax, true, false);
    f.version = in.integer("version", 1, INT64_MAX, false);
  }
  in.read_only({"id", "ref", "status", "checklist", "checklist_totals", "started_at",
                "completed_at", "cancelled_at", "cancel_reason", "created_at", "updated_at"});
  ISMS_TRY(in.finish());
  return f;
}

void apply(const AuditFields& f, Audit* a) {
  if (f.title) a->title = *f.title;
  if (f.type) a->type = *parse_audit_type(*f.type);
  if (f.scope) a->scope = *f.scope;
  if (f.criteria) a->criteria = *f.criteria;
  if (f.lead_auditor_id) a->lead_auditor_id = *f.lead_auditor_id;
  if (f.auditor_ids) a->auditor_ids = admin::sorted_unique(*f.auditor_ids);
  if (f.start_on) a->start_on = *f.start_on;
  if (f.end_on) a->end_on = *f.end_on;
  if (f.conclusion) a->conclusion = *f.conclusion;
}

// Field rules, persons, the programme's year and the criteria against the catalogue;
// regenerates the checklist when the criteria changed.
Status check_and_plan(StoreTx& tx, Audit* a, const Audit* before) {
  auto errors = validate_audit(*a);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  if (!before || before->lead_auditor_id != a->lead_auditor_id) {
    ISMS_TRY(check_person(tx, errors, "lead_auditor_id", a->lead_auditor_id));
  }
  for (size_t i = 0; i < a->auditor_ids.size(); ++i) {
    if (before &&
        std::count(before->auditor_ids.begin(), before->auditor_ids.end(), a->auditor_ids[i])) {
      continue;
    }
    ISMS_TRY(check_person(tx, errors, "auditor_ids[" + std::to_string(i) + "]", a->auditor_ids[i]));
  }
  if (!a->programme_id.empty()) {
    auto prog = load_programme(tx, a->programme_id);
    if (auto e = admin::unless_not_found(prog)) return *e;
    if (!prog) {
      errors.push_back({"programme_id", "no audit programme with id \"" + a->programme_id + "\""});
    } else if (a->start_on.substr(0, 4) != std::to_string(prog->year)) {
      errors.push_back(
          {"start_on", "must fall in the programme's year " + std::to_string(prog->year)});
    }
  }
  if (!before || before->criteria != a->criteria) {
    std::map<std::string, std::string> titles;
    ISMS_TRY(check_requirements(tx, errors, "criteria", a->criteria, &titles));
    if (errors.empty()) {
      a->checklist = checklist_for(before ? before->checklist : std::vector<ChecklistItem>{},
                                   a->criteria, titles);
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

Result<ProgrammeView> programme_view(StoreTx& tx, AuditProgramme p) {
  OpRecordQuery q;
  q.kind = kAuditKind;
  q.parent_id = p.id;
  ISMS_ASSIGN(auto rows, tx.list_op_records(q));
  ProgrammeView v;
  for (const auto& r : rows) {
    ISMS_ASSIGN(Audit a, audit_from_record(r));
    v.audits.push_back(std::move(a));
  }
  std::stable_sort(v.audits.begin(), v.audits.end(),
                   [](const Audit& a, const Audit& b) { return a.start_on < b.start_on; });
  v.programme = std::move(p);
  return v;
}

}  // namespace

Result<std::string> AuditService::today() const {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return today_in(ctx_, *tx);
}

// --- programmes ---

Result<std::vector<AuditProgramme>> AuditService::list_programmes(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, kRead));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  OpRecordQuery q;
  q.kind = kProgrammeKind;
  q.order = OpRecordOrder::kRef;
  q.descending = true;  // newest year first
  ISMS_ASSIGN(auto rows, tx->list_op_records(q));
  std::vector<AuditProgramme> out;
  for (const auto& r : rows) {
    ISMS_ASSIGN(AuditProgramme prog, programme_from_record(r));
    out.push_back(std::move(prog));
  }
  return out;
}

Result<ProgrammeView> AuditService::get_programme(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, kRead));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(AuditProgramme prog, load_programme(*tx, id));
  return programme_view(*tx, std::move(prog));
}

Result<ProgrammeView> AuditService::create_programme(const Principal& p, const Json& body) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(ProgrammeFields f, programme_fields(body, true));
  AuditProgramme prog;
  prog.id = new_id();
  prog.year = static_cast<int>(*f.year);
  prog.title = *f.title;
  prog.objectives = f.objectives.value_or("");
  prog.owner_id = f.owner_id.value_or("");
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  std::vector<FieldError> errors;
  ISMS_TRY(check_person(*tx, errors, "owner_id", prog.owner_id));
  if (!errors.empty()) return Error::invalid(std::move(errors));
  OpRecordQuery q;
  q.kind = kProgrammeKind;
  q.archived = ArchivedFilter::kAll;
  ISMS_ASSIGN(auto existing, tx->list_op_records(q));
  for (const auto& r : existing) {
    if (r.ref == programme_ref(prog.year)) {
      return Error::conflict("the audit programme for " + std::to_string(prog.year) +
                             " exists already (" + r.ref + ")");
    }
  }
  prog.created_at = prog.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->insert_op_record(programme_to_record(prog)));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("audit_programme.create", std::string(kProgrammeKind), prog.id,
                         programme_ledger(prog)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(ProgrammeView v, programme_view(*tx, prog));
  ISMS_TRY(tx->commit());
  return v;
}

Result<ProgrammeView> AuditService::update_programme(const Principal& p, const std::string& id,
                                                     const Json& body) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(ProgrammeFields f, programme_fields(body, false));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(AuditProgramme before, load_programme(*tx, id));
  ISMS_TRY(
      check_version("audit programme " + programme_ref(before.year), before.version, f.version));
  AuditProgramme after = before;
  if (f.title) after.title = *f.title;
  if (f.objectives) after.objectives = *f.objectives;
  if (f.owner_id) after.owner_id = *f.owner_id;
  std::vector<FieldError> errors;
  if (after.owner_id != before.owner_id) {
    ISMS_TRY(check_person(*tx, errors, "owner_id", after.owner_id));
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  Json diff = admin::json_diff(programme_ledger(before), programme_ledger(after));
  if (diff.empty()) return programme_view(*tx, std::move(before));
  // A changed plan needs approving again.
  if (after.status == ProgrammeStatus::kApproved) {
    after.status = ProgrammeStatus::kDraft;
    after.approved_by.clear();
    after.approved_by_person_id.clear();
    after.approved_at.clear();
    diff["status"] = Json{{"from", "approved"}, {"to", "draft"}};
  }
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_op_record(programme_to_record(after), before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("audit_programme.update", std::string(kProgrammeKind), id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(ProgrammeView v, programme_view(*tx, after));
  ISMS_TRY(tx->commit());
  return v;
}

Result<ProgrammeView> AuditService::approve_programme(const Principal& p, const std::string& id,
                                                      int64_t version) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(AuditProgramme prog, load_programme(*tx, id));
  ISMS_TRY(check_version("audit programme " + programme_ref(prog.year), prog.version, version));
  if (prog.status == ProgrammeStatus::kApproved) {
    return Error::conflict("audit programme " + programme_ref(prog.year) + " is approved already");
  }
  int64_t before = prog.version;
  prog.status = ProgrammeStatus::kApproved;
  prog.approved_by = p.actor;
  prog.approved_by_person_id = p.person_id;
  prog.approved_at = prog.updated_at = ctx_.clock->now_utc();
  prog.version = before + 1;
  ISMS_TRY(tx->update_op_record(programme_to_record(prog), before));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("audit_programme.approve", std::string(kProgrammeKind), id,
                         Json{{"approved_at", prog.approved_at},
                              {"approved_by_person_id", prog.approved_by_person_id}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(ProgrammeView v, programme_view(*tx, prog));
  ISMS_TRY(tx->commit());
  return v;
}

// --- audits ---

Result<std::vector<Audit>> AuditService::list_audits(const Principal& p,
                                                     const AuditFilter& f) const {
  ISMS_TRY(admin::require_permission(p, kRead));
  for (const auto& s : f.statuses) {
    if (!parse_audit_status(s)) {
      return Error::invalid("status", "must be planned, in_progress, completed or cancelled");
    }
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  OpRecordQuery q;
  q.kind = kAuditKind;
  q.statuses = f.statuses;
  q.parent_id = f.programme_id;
  q.order = OpRecordOrder::kRef;
  ISMS_ASSIGN(auto rows, tx->list_op_records(q));
  std::vector<Audit> out;
  for (const auto& r : rows) {
    ISMS_ASSIGN(Audit a, audit_from_record(r));
    if (f.year && a.start_on.substr(0, 4) != std::to_string(*f.year)) continue;
    out.push_back(std::move(a));
  }
  return out;
}

Result<Audit> AuditService::get_audit(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, kRead));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return load_audit(*tx, id);
}

Result<Audit> AuditService::create_audit(const Principal& p, const Json& body) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(AuditFields f, audit_fields(body, true));
  Audit a;
  a.id = new_id();
  a.programme_id = f.programme_id.value_or("");
  apply(f, &a);
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_TRY(check_and_plan(*tx, &a, nullptr));
  ISMS_ASSIGN(a.ref, next_ref(*tx, "audit", "AUD"));
  a.created_at = a.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->insert_op_record(audit_to_record(a)));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("audit.create", std::string(kAuditKind), a.id, audit_ledger(a)));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return a;
}

Result<Audit> AuditService::update_audit(const Principal& p, const std::string& id,
                                         const Json& body) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(AuditFields f, audit_fields(body, false));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Audit before, load_audit(*tx, id));
  ISMS_TRY(check_version("audit " + before.ref, before.version, f.version));
  if (audit_is_final(before)) {
    return Error::conflict("audit " + before.ref + " is " +
                           std::string(audit_status_name(before.status)) + " and cannot change");
  }
  Audit after = before;
  apply(f, &after);
  ISMS_TRY(check_and_plan(*tx, &after, &before));
  Json diff = admin::json_diff(audit_ledger(before), audit_ledger(after));
  if (diff.empty()) return before;
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_op_record(audit_to_record(after), before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("audit.update", std::string(kAuditKind), id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return after;
}

namespace {

// One state change of an audit: version check, transition rule, `change` applied, entry.
template <typename F>
Result<Audit> transition(const ServiceContext& ctx, const Principal& p, const std::string& id,
                         int64_t version, AuditStatus to, const char* action, F change) {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(auto tx, ctx.store->begin_write());
  ISMS_ASSIGN(Audit a, load_audit(*tx, id));
  ISMS_TRY(check_version("audit " + a.ref, a.version, version));
  ISMS_TRY(check_audit_transition(a, to));
  int64_t before = a.version;
  std::string now = ctx.clock->now_utc();
  Json entry = Json{{"from", audit_status_name(a.status)}, {"to", audit_status_name(to)}};
  ISMS_TRY(change(a, now, entry));
  a.status = to;
  a.version = before + 1;
  a.updated_at = now;
  ISMS_TRY(tx->update_op_record(audit_to_record(a), before));
  LedgerRecorder ledger(ctx, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record(action, std::string(kAuditKind), id, entry));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return a;
}

}  // namespace

Result<Audit> AuditService::start_audit(const Principal& p, const std::string& id,
                                        int64_t version) const {
  return transition(ctx_, p, id, version, AuditStatus::kInProgress, "audit.start",
                    [](Audit& a, const std::string& now, Json&) -> Status {
                      a.started_at = now;
                      return ok_status();
                    });
}

Result<Audit> AuditService::complete_audit(const Principal& p, const std::string& id,
                                           int64_t version,
                                           const std::optional<std::string>& conclusion) const {
  if (conclusion) {
    const Json conclusion_body{{"conclusion", *conclusion}};
    audit_json::Reader in(conclusion_body);
    in.text("conclusion", kAuditTextMax, true, false);
    ISMS_TRY(in.finish());
  }
  return transition(ctx_, p, id, version, AuditStatus::kCompleted, "audit.complete",
                    [&](Audit& a, const std::string& now, Json& entry) -> Status {
                      if (conclusion) a.conclusion = *conclusion;
                      auto problems = completion_problems(a);
                      if (!problems.empty()) return Error::invalid(std::move(problems));
                      a.completed_at = now;
                      entry["conclusion"] = a.conclusion;
                      return ok_status();
                    });
}

Result<Audit> AuditService::cancel_audit(const Principal& p, const std::string& id, int64_t version,
                                         const std::string& reason) const {
  const Json reason_body{{"reason", reason}};
  audit_json::Reader in(reason_body);
  in.text("reason", kAuditNoteMax, true, true);
  ISMS_TRY(in.finish());
  return transition(ctx_, p, id, version, AuditStatus::kCancelled, "audit.cancel",
                    [&](Audit& a, const std::string& now, Json& entry) -> Status {
                      a.cancelled_at = now;
                      a.cancel_reason = reason;
                      entry["reason"] = reason;
                      return ok_status();
                    });
}

}  // namespace isms
