// RiskService: the threat and vulnerability catalogues.
#include "base/crypto.h"
#include "service/admin_common.h"
#include "service/risk_service.h"
#include "service/risk_support.h"

namespace isms {

namespace {

Error source_not_found(const std::string& id) {
  return Error::not_found("threat or vulnerability " + id + " not found");
}

Result<RiskSource> load_source(StoreTx& tx, const std::string& id) {
  auto s = tx.get_risk_source(id);
  if (!s && s.error().code == ErrorCode::kNotFound) return source_not_found(id);
  return s;
}

Status check_source(const RiskSource& s) {
  auto errors = validate_risk_source(s);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

}  // namespace

Result<std::vector<RiskSource>> RiskService::sources(const Principal& p, RiskSourceKind kind,
                                                     ArchivedFilter archived) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_risk_sources(kind, archived);
}

Result<RiskSource> RiskService::source(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return load_source(*tx, id);
}

Result<RiskSource> RiskService::create_source(const Principal& p, RiskSourceKind kind,
                                              const RiskSourceFields& fields) const {
  ISMS_TRY(admin::require_permission(p, "risks:write"));
  if (!fields.name) return Error::invalid("name", "is required");
  RiskSource s;
  s.id = new_id();
  s.kind = kind;
  apply_risk_source_fields(fields, &s);
  ISMS_TRY(check_source(s));
  s.version = 1;
  s.created_at = s.updated_at = ctx_.clock->now_utc();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_TRY(tx->insert_risk_source(s));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("risk_source.create", "risk_source", s.id, risk_source_to_json(s)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskSource stored, tx->get_risk_source(s.id));
  ISMS_TRY(tx->commit());
  return stored;
}

Result<RiskSource> RiskService::update_source(const Principal& p, const std::string& id,
                                              const RiskSourceFields& fields) const {
  ISMS_TRY(admin::require_permission(p, "risks:write"));
  if (!fields.version) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(RiskSource before, load_source(*tx, id));
  ISMS_TRY(risk_internal::check_version(std::string(risk_source_kind_name(before.kind)) + " " + id,
                                        before.version, *fields.version));
  if (before.archived_at) {
    return Error::conflict(std::string(risk_source_kind_name(before.kind)) + " \"" + before.name +
                           "\" is archived");
  }
  RiskSource after = before;
  apply_risk_source_fields(fields, &after);
  ISMS_TRY(check_source(after));
  Json diff = admin::json_diff(risk_source_to_json(before), risk_source_to_json(after));
  if (diff.empty()) return before;
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_risk_source(after, before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("risk_source.update", "risk_source", id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskSource stored, tx->get_risk_source(id));
  ISMS_TRY(tx->commit());
  return stored;
}

Result<RiskSource> RiskService::archive_source(const Principal& p, const std::string& id,
                                               int64_t expected_version) const {
  ISMS_TRY(admin::require_permission(p, "risks:write"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(RiskSource before, load_source(*tx, id));
  ISMS_TRY(risk_internal::check_version(std::string(risk_source_kind_name(before.kind)) + " " + id,
                                        before.version, expected_version));
  if (before.archived_at) {
    return Error::conflict(std::string(risk_source_kind_name(before.kind)) + " \"" + before.name +
                           "\" is already archived");
  }
  RiskSource after = before;
  after.archived_at = ctx_.clock->now_utc();
  after.updated_at = *after.archived_at;
  after.version = before.version + 1;
  ISMS_TRY(tx->update_risk_source(after, before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(
      ledger.record("risk_source.archive", "risk_source", id,
                    admin::json_diff(risk_source_to_json(before), risk_source_to_json(after))));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskSource stored, tx->get_risk_source(id));
  ISMS_TRY(tx->commit());
  return stored;
}

}  // namespace isms
