// ExceptionService: requested exemptions from policies and controls (domain/
// policy_exception.h; docs/api.md "Exceptions"), stored as operational records of kind
// "exception" (ref EX-0001, owner_id = requester, due_at = expires_on once approved).
// Ledger entries "exception.request|update|approve|reject|withdraw|revoke|renew".
// Thread-safe.
//
// Permissions: reading all needs "exceptions:read"; a requester always reads their own
// (others are kNotFound). Requesting, changing one's own open request, withdrawing it and
// renewing needs "exceptions:request"; approve, reject and revoke need
// "exceptions:approve", and the deciding person must not be the requester (kForbidden
// naming the rule, policy 3.3). Actions are done by the principal's person; the operator
// names one (as_person), else kInvalid "as_person".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/policy_exception.h"
#include "service/context.h"

namespace isms {

class LedgerRecorder;

struct ExceptionListQuery {
  std::vector<std::string> statuses;  // status names; empty = any
  std::string state;                  // "" or active | expiring | expired (approved only)
  bool mine = false;                  // only the caller's own requests
};

struct ExceptionList {
  std::vector<PolicyException> items;  // newest reference first
  std::string today;                   // the organization's day the states were derived on
};

struct ExceptionResult {
  PolicyException exception;
  std::string today;
};

class ExceptionService {
 public:
  explicit ExceptionService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<ExceptionList> list(const Principal& p, const ExceptionListQuery& query) const;
  Result<ExceptionResult> get(const Principal& p, const std::string& id) const;
  // title, reason and a scope are required; referenced documents, controls, requirements,
  // assets and risk must exist (kInvalid naming the field); requested_expires_on at most
  // 12 months ahead.
  Result<ExceptionResult> request(const Principal& p, const ExceptionFields& fields,
                                  const std::optional<std::string>& as_person) const;
  // The requester changes their request while it is requested; version required.
  Result<ExceptionResult> update(const Principal& p, const std::string& id,
                                 const ExceptionFields& fields,
                                 const std::optional<std::string>& as_person) const;
  Result<ExceptionResult> approve(const Principal& p, const std::string& id,
                                  const ExceptionDecision& d,
                                  const std::optional<std::string>& as_person) const;
  Result<ExceptionResult> reject(const Principal& p, const std::string& id,
                                 const ExceptionDecision& d,
                                 const std::optional<std::string>& as_person) const;
  Result<ExceptionResult> withdraw(const Principal& p, const std::string& id,
                                   const std::optional<int64_t>& version,
                                   const std::optional<std::string>& as_person) const;
  Result<ExceptionResult> revoke(const Principal& p, const std::string& id,
                                 const ExceptionDecision& d,
                                 const std::optional<std::string>& as_person) const;
  // A new request copying the approved exception `id` (fields override), linked by
  // renews_id; the old one records renewed_by_id. kConflict while an earlier renewal of it
  // is still requested.
  Result<ExceptionResult> renew(const Principal& p, const std::string& id,
                                const ExceptionFields& fields,
                                const std::optional<std::string>& as_person) const;

  // Approved exceptions expiring before `due_before` (YYYY-MM-DD, exclusive) that p may
  // read, by expiry (for "needs review" and the calendar).
  Result<std::vector<PolicyException>> expiring_before(const Principal& p, StoreTx& tx,
                                                       const std::string& due_before) const;

 private:
  Result<ExceptionResult> decide(const Principal& p, const std::string& id, ExceptionAction action,
                                 const ExceptionDecision& d,
                                 const std::optional<std::string>& as_person) const;
  const ServiceContext& ctx_;
};

}  // namespace isms
