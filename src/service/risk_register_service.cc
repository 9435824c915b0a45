// RiskService: the risk register (list, read, create, change, accept, revoke an
// acceptance, archive).
#include <algorithm>

#include "base/crypto.h"
#include "base/time_zone.h"
#include "domain/risk_common.h"
#include "service/admin_common.h"
#include "service/ledger_recorder.h"
#include "service/risk_cursor.h"
#include "service/risk_service.h"
#include "service/risk_support.h"
#include "service/time_zone_setting.h"

namespace isms {

using namespace risk_internal;

namespace {

constexpr int kAcceptanceMonthsMax = 36;

// The stored risk as the caller sees it, under the current method number.
Result<RiskView> stored_view(StoreTx& tx, const std::string& id, const std::string& day) {
  ISMS_ASSIGN(Risk r, load_risk(tx, id));
  ISMS_ASSIGN(RiskMethod current, risk_internal::current_method(tx));
  MethodCache methods(tx);
  methods.put(current);
  return view_of(methods, std::move(r), current.number, day);
}

// The expiry of a new acceptance: the given date (after today, at most 36 months ahead) or
// today + the method's validity.
Result<std::string> acceptance_expiry(const std::optional<std::string>& given, const RiskMethod& m,
                                      const std::string& day) {
  auto today = risk_detail::parse_date(day);
  if (!today) return Error::internal("clock date " + day + " is not a date");
  if (!given) {
    return risk_detail::format_date(risk_detail::add_months(*today, m.acceptance_validity_months));
  }
  if (!risk_detail::is_valid_date(*given)) {
    return Error::invalid("expires_on", "must be a date YYYY-MM-DD");
  }
  std::string limit =
      risk_detail::format_date(risk_detail::add_months(*today, kAcceptanceMonthsMax));
  if (*given <= day) return Error::invalid("expires_on", "must be after today (" + day + ")");
  if (*given > limit) {
    return Error::invalid("expires_on", "must be at most 36 months ahead (" + limit + ")");
  }
  return *given;
}

bool holds_role(const Principal& p, const std::string& role_key) {
  return std::find(p.role_keys.begin(), p.role_keys.end(), role_key) != p.role_keys.end();
}

}  // namespace

Result<RiskListResult> RiskService::list(const Principal& p, const RiskListRequest& request) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  RiskQuery query = request.query;
  query.after.reset();
  if (!request.cursor.empty()) {
    query.after = decode_risk_cursor(request.cursor, query.sort, query.descending);
    if (!query.after) {
      return Error::malformed("cursor is not valid for this list and sort order", "cursor");
    }
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(RiskMethod current, risk_internal::current_method(*tx));
  if (request.above_appetite) {
    query.min_residual_level =
        std::max(query.min_residual_level.value_or(0), current.appetite_rank + 1);
  }
  ISMS_ASSIGN(RiskPage page, tx->list_risks(query));
  MethodCache methods(*tx);
  methods.put(current);
  std::string day = today(ctx_);
  RiskListResult result;
  result.items.reserve(page.items.size());
  for (Risk& r : page.items) {
    ISMS_ASSIGN(RiskView v, view_of(methods, std::move(r), current.number, day));
    result.items.push_back(std::move(v));
  }
  if (page.next) result.next_cursor = encode_risk_cursor(*page.next, query.sort, query.descending);
  result.total = page.total;
  return result;
}

Result<RiskView> RiskService::get(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return stored_view(*tx, id, today(ctx_));
}

Result<RiskView> RiskService::create(const Principal& p, const RiskPatch& patch) const {
  ISMS_TRY(admin::require_permission(p, "risks:write"));
  std::vector<FieldError> missing;
  const RiskFields& f = patch.fields;
  if (!f.title) missing.push_back({"title", "is required"});
  if (!f.asset_ids) missing.push_back({"asset_ids", "is required (at least one asset)"});
  if (!f.threat_id) missing.push_back({"threat_id", "is required"});
  if (!f.vulnerability_id) missing.push_back({"vulnerability_id", "is required"});
  if (!f.inherent) missing.push_back({"inherent", "is required"});
  if (!missing.empty()) return Error::invalid(std::move(missing));

  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(RiskMethod current, risk_internal::current_method(*tx));
  Risk r;
  r.id = new_id();
  apply_risk_fields(f, &r);
  // Before treatment the residual risk is the inherent one.
  if (!f.residual) r.residual = r.inherent;
  r.method_number = current.number;
  auto errors = validate_risk(r, current);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  derive_levels(&r, current);
  ISMS_TRY(check_references(*tx, r, nullptr));
  r.version = 1;
  r.created_at = r.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->insert_risk(&r));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("risk.create", "risk", r.id, risk_ledger_record(r)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskView v, stored_view(*tx, r.id, today(ctx_)));
  ISMS_TRY(tx->commit());
  return v;
}

Result<RiskView> RiskService::update(const Principal& p, const std::string& id,
                                     const RiskPatch& patch) const {
  ISMS_TRY(admin::require_permission(p, "risks:write"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(update_risk_in_tx(ctx_, *tx, ledger, id, patch));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskView v, stored_view(*tx, id, today(ctx_)));
  ISMS_TRY(tx->commit());
  return v;
}

Result<RiskView> RiskService::accept(const Principal& p, const std::string& id,
                                     int64_t expected_version, const std::string& justification,
                                     const std::optional<std::string>& expires_on) const {
  // Who may accept depends on the level (check_acceptance_authority below).
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_TRY(check_reason("justification", justification, true));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Risk before, load_risk(*tx, id));
  ISMS_TRY(check_version("risk " + before.ref, before.version, expected_version));
  if (before.archived_at) return Error::conflict("risk " + before.ref + " is archived");
  MethodCache methods(*tx);
  ISMS_ASSIGN(const RiskMethod* m, methods.get(before.method_number));
  int level = before.residual_level;
  bool above = !within_appetite(*m, level);
  if (above && p.person_id.empty()) {
    return Error::forbidden(
        "a residual risk above the appetite is accepted by a person with the "
        "role \"" +
        m->acceptance_role_key + "\"; the operator has no person and cannot accept it");
  }
  bool is_owner = !p.person_id.empty() && before.owner_id == p.person_id;
  bool top = p.has("risks:accept") && holds_role(p, m->acceptance_role_key);
  ISMS_TRY(check_acceptance_authority(*m, level, is_owner, p.has("risks:write"),
                                      p.has("risks:accept"),
                                      holds_role(p, m->acceptance_role_key)));
  std::string day = today(ctx_);
  ISMS_ASSIGN(std::string expiry, acceptance_expiry(expires_on, *m, day));

  Risk after = before;
  RiskAcceptance a;
  a.accepted_by_person_id = p.person_id;
  a.accepted_by_role = above || (!is_owner && top) ? m->acceptance_role_key
                       : is_owner                  ? "owner"
                                                   : "risks:write";
  a.accepted_at = ctx_.clock->now_utc();
  a.expires_on = expiry;
  a.justification = justification;
  a.level_rank = level;
  a.method_number = before.method_number;
  after.acceptance = a;
  after.version = before.version + 1;
  after.updated_at = a.accepted_at;
  ISMS_TRY(tx->update_risk(after, before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("risk.accept", "risk", id, risk_diff(before, after)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskView v, stored_view(*tx, id, day));
  ISMS_TRY(tx->commit());
  return v;
}

Result<RiskView> RiskService::revoke_acceptance(const Principal& p, const std::string& id,
                                                int64_t expected_version,
                                                const std::string& reason) const {
  ISMS_TRY(admin::require_permission(p, "risks:write"));
  ISMS_TRY(check_reason("reason", reason, true));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Risk before, load_risk(*tx, id));
  ISMS_TRY(check_version("risk " + before.ref, before.version, expected_version));
  if (before.archived_at) return Error::conflict("risk " + before.ref + " is archived");
  if (!before.acceptance) return Error::conflict("risk " + before.ref + " has no acceptance");
  Risk after = before;
  after.acceptance.reset();
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_risk(after, before.version));
  Json diff = risk_diff(before, after);
  diff["reason"] = reason;
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("risk.revoke_acceptance", "risk", id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskView v, stored_view(*tx, id, today(ctx_)));
  ISMS_TRY(tx->commit());
  return v;
}

Result<RiskView> RiskService::archive(const Principal& p, const std::string& id,
                                      int64_t expected_version, const std::string& reason) const {
  ISMS_TRY(admin::require_permission(p, "risks:write"));
  ISMS_TRY(check_reason("reason", reason, true));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Risk before, load_risk(*tx, id));
  ISMS_TRY(check_version("risk " + before.ref, before.version, expected_version));
  if (before.archived_at) return Error::conflict("risk " + before.ref + " is already archived");
  Risk after = before;
  after.archived_at = ctx_.clock->now_utc();
  after.archive_reason = reason;
  after.updated_at = *after.archived_at;
  after.version = before.version + 1;
  ISMS_TRY(tx->update_risk(after, before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("risk.archive", "risk", id, risk_diff(before, after)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskView v, stored_view(*tx, id, today(ctx_)));
  ISMS_TRY(tx->commit());
  return v;
}

// --- periodic review (issue 6 "needs review")

Result<RiskView> RiskService::mark_reviewed(const Principal& p, const std::string& id,
                                            const std::string& note, int interval_months) const {
  ISMS_TRY(admin::require_permission(p, "risks:write"));
  if (interval_months < 1 || interval_months > 36) {
    return Error::invalid("interval_months", "must be 1 to 36");
  }
  ISMS_TRY(check_reason("note", note, false));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Risk before, load_risk(*tx, id));
  if (before.archived_at) return Error::conflict("risk " + before.ref + " is archived");
  ISMS_ASSIGN(std::string day, organization_today(ctx_, *tx));
  ISMS_ASSIGN(std::string next, add_months(day, interval_months));
  RiskPatch patch;
  patch.fields.next_review_on = std::optional<std::string>(next);
  patch.version = before.version;
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(update_risk_in_tx(ctx_, *tx, ledger, id, patch));
  ISMS_TRY(ledger.record("risk.review", "risk", id,
                         Json{{"reviewed_on", day}, {"next_review_on", next}, {"note", note}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskView v, stored_view(*tx, id, today(ctx_)));
  ISMS_TRY(tx->commit());
  return v;
}

}  // namespace isms
