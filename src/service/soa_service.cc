#include "service/soa_service.h"

#include "base/crypto.h"
#include "domain/catalogue.h"
#include "service/admin_common.h"
#include "service/ledger_recorder.h"
#include "service/soa_working.h"

namespace isms {

using namespace soa_detail;

namespace {

constexpr size_t kApproveNoteMax = 4000;
constexpr size_t kUndecidedListed = 20;

Json reasons_json(const std::vector<InclusionReason>& reasons) {
  Json out = Json::array();
  for (InclusionReason r : reasons) out.push_back(inclusion_reason_name(r));
  return out;
}

// The decision of a line as the ledger keeps it.
Json decision_json(const Applicability& a) {
  return Json{{"applicable", applicable_name(a.applicable)},
              {"reasons", reasons_json(a.reasons)},
              {"justification", a.justification},
              {"implementation", implementation_status_name(a.implementation)}};
}

Error version_not_found(const std::string& id) {
  return Error::not_found("SoA version " + id + " not found");
}

Result<Soa> load_version(StoreTx& tx, const std::string& id) {
  auto s = tx.get_soa(id);
  if (!s && s.error().code == ErrorCode::kNotFound) return version_not_found(id);
  return s;
}

// "working" or a version id -> its lines.
Result<std::vector<Applicability>> lines_of(StoreTx& tx, const std::string& which,
                                            const std::string& today) {
  if (which == "working") {
    ISMS_ASSIGN(std::vector<std::string> fws, scope_frameworks(tx, {}));
    return working_lines(tx, fws, today);
  }
  ISMS_ASSIGN(Soa s, load_version(tx, which));
  return std::move(s.lines);
}

}  // namespace

Result<SoaWorkingCopy> SoaService::working_copy(
    const Principal& p, const std::vector<std::string>& framework_ids) const {
  ISMS_TRY(admin::require_permission(p, "soa:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  SoaWorkingCopy w;
  ISMS_ASSIGN(w.framework_ids, scope_frameworks(*tx, framework_ids));
  ISMS_ASSIGN(w.lines, working_lines(*tx, w.framework_ids, today(ctx_)));
  w.totals = soa_totals(w.lines);
  ISMS_ASSIGN(std::vector<Soa> versions, tx->list_soas());
  if (!versions.empty()) {
    ISMS_ASSIGN(Soa last, tx->get_soa(versions.front().id));
    w.changed_since_approval = count_decision_changes(last.lines, w.lines);
    last.lines.clear();
    w.last_approved = std::move(last);
  } else {
    // Never approved: every decided line is a change still to approve.
    for (const Applicability& a : w.lines) w.changed_since_approval += a.version > 0 ? 1 : 0;
  }
  return w;
}

Result<Applicability> SoaService::line(const Principal& p, const std::string& framework_id,
                                       const std::string& ref_id) const {
  ISMS_TRY(admin::require_permission(p, "soa:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return working_line(*tx, framework_id, ref_id, today(ctx_));
}

Result<Applicability> SoaService::update_line(const Principal& p, const std::string& framework_id,
                                              const std::string& ref_id,
                                              const ApplicabilityFields& fields) const {
  ISMS_TRY(admin::require_permission(p, "soa:write"));
  if (!fields.version) {
    return Error::invalid("version",
                          "the version you last read is required (0 for a line never decided)");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Applicability before, working_line(*tx, framework_id, ref_id, today(ctx_)));
  if (*fields.version != before.version) {
    return Error::conflict("SoA line " + requirement_key(framework_id, ref_id) +
                           " was changed by someone else: version " +
                           std::to_string(before.version) + " is current, the request was for " +
                           std::to_string(*fields.version));
  }
  Applicability after = before;
  apply_applicability_fields(fields, &after);
  auto errors = validate_applicability(after);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  std::vector<std::string> changed = decision_changes(before, after);
  if (changed.empty()) return before;  // nothing changed: no new version, no ledger entry
  after.updated_by = p.actor;
  after.updated_at = ctx_.clock->now_utc();
  after.version = before.version + 1;
  ISMS_TRY(tx->put_applicability(after, before.version));
  Json from = decision_json(before), to = decision_json(after);
  Json diff = Json::object();
  for (const std::string& field : changed)
    diff[field] = Json{{"from", from[field]}, {"to", to[field]}};
  diff["version"] = after.version;
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(
      ledger.record("soa.line_update", "soa_line", requirement_key(framework_id, ref_id), diff));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return after;
}

Result<Soa> SoaService::approve(const Principal& p, const std::string& note) const {
  ISMS_TRY(admin::require_permission(p, "soa:approve"));
  if (p.person_id.empty()) {
    return Error::forbidden(
        "an approval is made by a person: sign in as the approving person (the operator has "
        "no person)");
  }
  std::vector<FieldError> errors;
  admin::check_text(errors, "note", note, 0, kApproveNoteMax, true);
  if (!errors.empty()) return Error::invalid(std::move(errors));

  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  Soa s;
  ISMS_ASSIGN(s.framework_ids, scope_frameworks(*tx, {}));
  ISMS_ASSIGN(s.lines, working_lines(*tx, s.framework_ids, today(ctx_)));
  std::vector<std::string> undecided;
  for (const Applicability& a : s.lines) {
    if (a.applicable == Applicable::kUndecided) {
      undecided.push_back(requirement_key(a.framework_id, a.ref_id));
    }
  }
  if (!undecided.empty()) {
    std::string listed;
    for (size_t i = 0; i < undecided.size() && i < kUndecidedListed; ++i) {
      listed += (i ? ", " : "") + undecided[i];
    }
    if (undecided.size() > kUndecidedListed) {
      listed += " and " + std::to_string(undecided.size() - kUndecidedListed) + " more";
    }
    return Error::invalid("lines", std::to_string(undecided.size()) +
                                       " lines are still undecided (decide each as applicable "
                                       "or not before approving): " +
                                       listed);
  }
  ISMS_ASSIGN(std::vector<Soa> versions, tx->list_soas());
  s.id = new_id();
  s.number = versions.empty() ? 1 : versions.front().number + 1;
  s.approved_by_person_id = p.person_id;
  s.approved_at = ctx_.clock->now_utc();
  s.note = note;
  s.totals = soa_totals(s.lines);
  ISMS_TRY(tx->insert_soa(s));
  // The frozen lines by a digest: the entry stays small and still pins what was approved.
  Json lines = Json::array();
  for (const Applicability& a : s.lines) lines.push_back(applicability_to_json(a));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("soa.approve", "soa", s.id,
                         Json{{"number", s.number},
                              {"framework_ids", s.framework_ids},
                              {"approved_by_person_id", s.approved_by_person_id},
                              {"note", s.note},
                              {"totals", totals_to_json(s.totals)},
                              {"lines_sha256", sha256_hex(dump_json(lines))}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Soa stored, tx->get_soa(s.id));
  ISMS_TRY(tx->commit());
  return stored;
}

Result<std::vector<Soa>> SoaService::versions(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "soa:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_soas();
}

Result<Soa> SoaService::version(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "soa:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return load_version(*tx, id);
}

Result<std::vector<SoaLineChange>> SoaService::compare(const Principal& p, const std::string& a,
                                                       const std::string& b) const {
  ISMS_TRY(admin::require_permission(p, "soa:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  std::string t = today(ctx_);
  ISMS_ASSIGN(std::vector<Applicability> la, lines_of(*tx, a, t));
  ISMS_ASSIGN(std::vector<Applicability> lb, lines_of(*tx, b, t));
  return compare_soa_lines(la, lb);
}

}  // namespace isms
