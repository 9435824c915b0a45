// ExceptionService decisions (approve, reject, revoke), withdrawal and renewal.
#include <cstdio>

#include "base/crypto.h"
#include "domain/risk_common.h"
#include "service/admin_common.h"
#include "service/exception_service.h"
#include "service/exception_support.h"
#include "service/ledger_recorder.h"
#include "service/time_zone_setting.h"

namespace isms {

using namespace exception_internal;

namespace {

const char* ledger_action(ExceptionAction a) {
  switch (a) {
    case ExceptionAction::kApprove:
      return "exception.approve";
    case ExceptionAction::kReject:
      return "exception.reject";
    case ExceptionAction::kRevoke:
      return "exception.revoke";
    case ExceptionAction::kWithdraw:
      return "exception.withdraw";
    case ExceptionAction::kRenew:
      return "exception.renew";
    case ExceptionAction::kUpdate:
      break;
  }
  return "exception.update";
}

}  // namespace

Result<ExceptionResult> ExceptionService::approve(
    const Principal& p, const std::string& id, const ExceptionDecision& d,
    const std::optional<std::string>& as_person) const {
  return decide(p, id, ExceptionAction::kApprove, d, as_person);
}

Result<ExceptionResult> ExceptionService::reject(
    const Principal& p, const std::string& id, const ExceptionDecision& d,
    const std::optional<std::string>& as_person) const {
  return decide(p, id, ExceptionAction::kReject, d, as_person);
}

Result<ExceptionResult> ExceptionService::revoke(
    const Principal& p, const std::string& id, const ExceptionDecision& d,
    const std::optional<std::string>& as_person) const {
  return decide(p, id, ExceptionAction::kRevoke, d, as_person);
}

Result<ExceptionResult> ExceptionService::withdraw(
    const Principal& p, const std::string& id, const std::optional<int64_t>& version,
    const std::optional<std::string>& as_person) const {
  ExceptionDecision d;
  d.version = version;
  return decide(p, id, ExceptionAction::kWithdraw, d, as_person);
}

Result<ExceptionResult> ExceptionService::decide(
    const Principal& p, const std::string& id, ExceptionAction action, const ExceptionDecision& d,
    const std::optional<std::string>& as_person) const {
  const bool by_requester = action == ExceptionAction::kWithdraw;
  ISMS_TRY(
      admin::require_permission(p, by_requester ? "exceptions:request" : "exceptions:approve"));
  if ((action == ExceptionAction::kReject || action == ExceptionAction::kRevoke) &&
      risk_detail::is_blank(d.note)) {
    return Error::invalid("note", std::string("is required to ") +
                                      std::string(exception_action_name(action)) + " an exception");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ExceptionResult out;
  ISMS_ASSIGN(out.today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(PolicyException before, load(*tx, id));
  if (!can_read(p, before)) return Error::not_found("exception " + id + " not found");
  ISMS_ASSIGN(std::string person, acting_person(p, *tx, as_person));
  if (by_requester && person != before.requester_id) {
    return Error::forbidden("only the requester withdraws an exception request");
  }
  if (action == ExceptionAction::kApprove || action == ExceptionAction::kReject) {
    if (person == before.requester_id) {
      return Error::forbidden(
          "the requester may not decide on their own exception (policy 3.3: another holder "
          "of exceptions:approve decides)");
    }
  }
  ISMS_TRY(check_exception_transition(before.status, action));
  ISMS_TRY(check_expected(before, d.version));

  PolicyException after = before;
  std::string now = ctx_.clock->now_utc();
  switch (action) {
    case ExceptionAction::kApprove: {
      std::string expires = d.expires_on.value_or(before.requested_expires_on);
      if (expires.empty()) expires = exception_latest_expiry(out.today);
      ISMS_TRY(check_exception_expiry(d.expires_on ? "expires_on" : "requested_expires_on", expires,
                                      out.today));
      after.status = ExceptionStatus::kApproved;
      after.expires_on = expires;
      after.approver_id = person;
      after.decided_at = now;
      after.decision_note = d.note;
      break;
    }
    case ExceptionAction::kReject:
      after.status = ExceptionStatus::kRejected;
      after.approver_id = person;
      after.decided_at = now;
      after.decision_note = d.note;
      break;
    case ExceptionAction::kRevoke:
      after.status = ExceptionStatus::kRevoked;
      after.revoked_at = now;
      after.revoked_by = person;
      after.revoke_note = d.note;
      break;
    case ExceptionAction::kWithdraw:
      after.status = ExceptionStatus::kWithdrawn;
      after.withdrawn_at = now;
      break;
    case ExceptionAction::kUpdate:
    case ExceptionAction::kRenew:
      return Error::internal("not a decision");
  }
  after.updated_at = now;
  ISMS_TRY(store_update(*tx, &after, before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record(ledger_action(action), kExceptionKind, id,
                         admin::json_diff(ledger_record(before), ledger_record(after))));
  ISMS_TRY(ledger.finish());
  std::map<std::string, std::string> names;
  ISMS_TRY(join_names(*tx, &after, &names));
  ISMS_TRY(tx->commit());
  out.exception = std::move(after);
  return out;
}

Result<ExceptionResult> ExceptionService::renew(const Principal& p, const std::string& id,
                                                const ExceptionFields& fields,
                                                const std::optional<std::string>& as_person) const {
  ISMS_TRY(admin::require_permission(p, "exceptions:request"));
  if (fields.version) return Error::invalid("version", "not accepted when renewing");
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ExceptionResult out;
  ISMS_ASSIGN(out.today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(PolicyException old, load(*tx, id));
  if (!can_read(p, old)) return Error::not_found("exception " + id + " not found");
  ISMS_TRY(check_exception_transition(old.status, ExceptionAction::kRenew));
  if (!old.renewed_by_id.empty()) {
    auto previous = load(*tx, old.renewed_by_id);
    if (previous && previous->status == ExceptionStatus::kRequested) {
      return Error::conflict("exception " + old.ref + " already has a renewal request, " +
                             previous->ref + ", waiting for a decision");
    }
  }
  PolicyException e;
  e.title = old.title;
  e.reason = old.reason;
  e.scope = old.scope;
  e.compensating = old.compensating;
  e.risk = old.risk;
  apply_exception_fields(fields, &e);
  auto errors = validate_exception(e);
  if (!errors.empty()) return Error::invalid(std::move(errors));
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
  e.renews_id = old.id;
  e.status = ExceptionStatus::kRequested;
  e.created_at = e.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->insert_op_record(to_record(e)));

  PolicyException old_after = old;
  old_after.renewed_by_id = e.id;
  old_after.updated_at = e.created_at;
  ISMS_TRY(store_update(*tx, &old_after, old.version));

  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("exception.request", kExceptionKind, e.id, ledger_record(e)));
  ISMS_TRY(ledger.record("exception.renew", kExceptionKind, old.id,
                         Json{{"renewed_by_id", e.id}, {"renewal_ref", e.ref}}));
  ISMS_TRY(ledger.finish());
  std::map<std::string, std::string> names;
  ISMS_TRY(join_names(*tx, &e, &names));
  ISMS_TRY(tx->commit());
  out.exception = std::move(e);
  return out;
}

}  // namespace isms
