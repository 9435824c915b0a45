// Internals shared by the exception service files (exception_service.cc,
// exception_decisions.cc): the operational record <-> PolicyException mapping, reference
// checks, the acting person and the read rule. Not for other modules.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "domain/access.h"
#include "domain/policy_exception.h"
#include "service/context.h"
#include "store/store.h"

namespace isms::exception_internal {

// The stored record of an exception (columns + body) and back.
OpRecord to_record(const PolicyException& e);
Result<PolicyException> from_record(const OpRecord& r);

// kNotFound "exception <id> not found" when absent.
Result<PolicyException> load(StoreTx& tx, const std::string& id);
// Writes e (version bumped from expected_version); e.updated_at must be set.
Status store_update(StoreTx& tx, PolicyException* e, int64_t expected_version);

// exceptions:read, or the requester.
bool can_read(const Principal& p, const PolicyException& e);

// The person who acts: the principal's person; the operator must name an existing
// person (kInvalid "as_person").
Result<std::string> acting_person(const Principal& p, StoreTx& tx,
                                  const std::optional<std::string>& as_person);

// Documents, controls, requirements, assets and the risk named by e exist (kInvalid
// naming the field).
Status check_references(StoreTx& tx, const PolicyException& e);

// Fills requester_name / approver_name from the persons (cache by id).
Status join_names(StoreTx& tx, PolicyException* e, std::map<std::string, std::string>* cache);

// kConflict naming both versions when expected is given and differs.
Status check_expected(const PolicyException& e, const std::optional<int64_t>& expected);

// The ledger record of an exception: its body plus status and requester.
Json ledger_record(const PolicyException& e);

}  // namespace isms::exception_internal
