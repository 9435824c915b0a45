// ExceptionService reads, requests and changes of open requests (decisions and renewals:
// exception_decisions.cc).
#include "service/exception_service.h"

#include <algorithm>
#include <cstdio>

#include "base/crypto.h"
#include "domain/risk_common.h"
#include "service/admin_common.h"
#include "service/exception_support.h"
#include "service/ledger_recorder.h"
#include "service/time_zone_setting.h"

namespace isms {

using namespace exception_internal;

Result<ExceptionList> ExceptionService::list(const Principal& p,
                                             const ExceptionListQuery& query) const {
  if (!p.has("exceptions:read") && !p.has("exceptions:request")) {
    return Error::forbidden(
        "reading exceptions needs exceptions:read (or exceptions:request "
        "for one's own)");
  }
  if (!query.state.empty() && query.state != "active" && query.state != "expiring" &&
      query.state != "expired") {
    return Error::invalid("state", "must be active, expiring or expired");
  }
  for (const auto& s : query.statuses) {
    if (!parse_exception_status(s)) {
      return Error::invalid("status",
                            "must be requested, approved, rejected, withdrawn or revoked");
    }
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ExceptionList out;
  ISMS_ASSIGN(out.today, organization_today(ctx_, *tx));
  OpRecordQuery q;
  q.kind = kExceptionKind;
  q.statuses = query.statuses;
  if (!query.state.empty()) q.statuses = {"approved"};
  q.order = OpRecordOrder::kRef;
  q.descending = true;
  if (query.mine || !p.has("exceptions:read")) {
    // Only one's own: nobody's when the principal is no person.
    if (p.person_id.empty()) return out;
    q.owner_id = p.person_id;
  }
  ISMS_ASSIGN(auto records, tx->list_op_records(q));
  std::map<std::string, std::string> names;
  for (const auto& r : records) {
    ISMS_ASSIGN(PolicyException e, from_record(r));
    if (!query.state.empty() && exception_state(e, out.today) != query.state) continue;
    ISMS_TRY(join_names(*tx, &e, &names));
    out.items.push_back(std::move(e));
  }
  return out;
}

Result<ExceptionResult> ExceptionService::get(const Principal& p, const std::string& id) const {
  if (!p.has("exceptions:read") && !p.has("exceptions:request")) {
    return Error::forbidden(
        "reading exceptions needs exceptions:read (or exceptions:request "
        "for one's own)");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ExceptionResult out;
  ISMS_ASSIGN(out.exception, load(*tx, id));
  // Somebody else's exception does not exist for a reader without exceptions:read.
  if (!can_read(p, out.exception)) return Error::not_found("exception " + id + " not found");
  std::map<std::string, std::string> names;
  ISMS_TRY(join_names(*tx, &out.exception, &names));
  ISMS_ASSIGN(out.today, organization_today(ctx_, *tx));
  return out;
}

Result<ExceptionResult> ExceptionService::request(
    const Principal& p, const ExceptionFields& fields,
    const std::optional<std::string>& as_person) const {
  ISMS_TRY(admin::require_permission(p, "exceptions:request"));
  if (fields.version) return Error::invalid("version", "not accepted when requesting");
  PolicyException e;
  apply_exception_fields(fields, &e);
  auto errors = validate_exception(e);
  if (!errors.empty()) return Error::invalid(std::move(errors));

  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ExceptionResult out;
  ISMS_ASSIGN(out.today, organization_today(ctx_, *tx));
  if (!e.requested_expires_on.empty()) {
    ISMS_TRY(check_exception_expiry("requested_expires_on", e.requested_expires_on, out.today));
  }
  ISMS_ASSIGN(e.requester_id, acting_person(p, *tx, as_person));
  ISMS_TRY(check_references(*tx, e));
  ISMS_ASSIGN(int64_t number, tx->next_op_number(kExceptionKind));
  char ref[32];
  std::snprintf(ref, sizeof ref, "EX-%04lld", static_cast<long long>(number));
  e.id = new_id();
  e.ref = ref;
  e.status = ExceptionStatus::kRequested;
  e.created_at = e.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->insert_op_record(to_record(e)));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("exception.request", kExceptionKind, e.id, ledger_record(e)));
  ISMS_TRY(ledger.finish());
  std::map<std::string, std::string> names;
  ISMS_TRY(join_names(*tx, &e, &names));
  ISMS_TRY(tx->commit());
  out.exception = std::move(e);
  return out;
}

Result<ExceptionResult> ExceptionService::update(
    const Principal& p, const std::string& id, const ExceptionFields& fields,
    const std::optional<std::string>& as_person) const {
  ISMS_TRY(admin::require_permission(p, "exceptions:request"));
  if (!fields.version) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or "
                          "\"version\")");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ExceptionResult out;
  ISMS_ASSIGN(out.today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(PolicyException before, load(*tx, id));
  if (!can_read(p, before)) return Error::not_found("exception " + id + " not found");
  ISMS_ASSIGN(std::string person, acting_person(p, *tx, as_person));
  if (person != before.requester_id) {
    return Error::forbidden("only the requester changes an exception request");
  }
  ISMS_TRY(check_exception_transition(before.status, ExceptionAction::kUpdate));
  ISMS_TRY(check_expected(before, fields.version));
  PolicyException after = before;
  apply_exception_fields(fields, &after);
  auto errors = validate_exception(after);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  if (fields.requested_expires_on && !after.requested_expires_on.empty()) {
    ISMS_TRY(check_exception_expiry("requested_expires_on", after.requested_expires_on, out.today));
  }
  ISMS_TRY(check_references(*tx, after));
  Json diff = admin::json_diff(ledger_record(before), ledger_record(after));
  if (!diff.empty()) {
    after.updated_at = ctx_.clock->now_utc();
    ISMS_TRY(store_update(*tx, &after, before.version));
    LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
    ISMS_TRY(ledger.record("exception.update", kExceptionKind, id, diff));
    ISMS_TRY(ledger.finish());
  }
  std::map<std::string, std::string> names;
  ISMS_TRY(join_names(*tx, &after, &names));
  ISMS_TRY(tx->commit());
  out.exception = std::move(after);
  return out;
}

Result<std::vector<PolicyException>> ExceptionService::expiring_before(
    const Principal& p, StoreTx& tx, const std::string& due_before) const {
  std::vector<PolicyException> out;
  if (!p.has("exceptions:read") && (p.person_id.empty() || !p.has("exceptions:request"))) {
    return out;
  }
  OpRecordQuery q;
  q.kind = kExceptionKind;
  q.statuses = {"approved"};
  q.due_before = due_before;
  q.order = OpRecordOrder::kDue;
  if (!p.has("exceptions:read")) q.owner_id = p.person_id;
  ISMS_ASSIGN(auto records, tx.list_op_records(q));
  std::map<std::string, std::string> names;
  for (const auto& r : records) {
    ISMS_ASSIGN(PolicyException e, from_record(r));
    ISMS_TRY(join_names(tx, &e, &names));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace isms
