#include "service/exception_support.h"

#include <set>

#include "service/admin_common.h"

namespace isms::exception_internal {

OpRecord to_record(const PolicyException& e) {
  OpRecord r;
  r.kind = kExceptionKind;
  r.id = e.id;
  r.ref = e.ref;
  r.status = std::string(exception_status_name(e.status));
  r.owner_id = e.requester_id;
  // Only an approved exception has a date the calendar and "needs review" follow.
  r.due_at = e.status == ExceptionStatus::kApproved ? e.expires_on : "";
  r.body = dump_json(exception_body(e));
  r.version = e.version;
  r.created_at = e.created_at;
  r.updated_at = e.updated_at;
  return r;
}

Result<PolicyException> from_record(const OpRecord& r) {
  PolicyException e;
  e.id = r.id;
  e.ref = r.ref;
  auto status = parse_exception_status(r.status);
  if (!status) return Error::corruption("exception " + r.id + ": unknown status " + r.status);
  e.status = *status;
  e.requester_id = r.owner_id;
  e.version = r.version;
  e.created_at = r.created_at;
  e.updated_at = r.updated_at;
  ISMS_ASSIGN(Json body, parse_json(r.body));
  ISMS_TRY(exception_from_body(body, &e));
  return e;
}

Result<PolicyException> load(StoreTx& tx, const std::string& id) {
  auto r = tx.get_op_record(kExceptionKind, id);
  if (!r) {
    if (r.error().code == ErrorCode::kNotFound) {
      return Error::not_found("exception " + id + " not found");
    }
    return r.error();
  }
  return from_record(*r);
}

Status store_update(StoreTx& tx, PolicyException* e, int64_t expected_version) {
  e->version = expected_version + 1;
  return tx.update_op_record(to_record(*e), expected_version);
}

bool can_read(const Principal& p, const PolicyException& e) {
  if (p.has("exceptions:read")) return true;
  return !p.person_id.empty() && p.person_id == e.requester_id;
}

Result<std::string> acting_person(const Principal& p, StoreTx& tx,
                                  const std::optional<std::string>& as_person) {
  if (!p.person_id.empty() && !p.operator_access) return p.person_id;
  std::string id = as_person.value_or(p.person_id);
  if (id.empty()) {
    return Error::invalid("as_person",
                          "exceptions are requested and decided by a person; the operator "
                          "names one (--as-person <person id>)");
  }
  auto person = tx.get_person(id);
  if (auto e = admin::unless_not_found(person)) return *e;
  if (!person) return Error::invalid("as_person", "no person with id \"" + id + "\"");
  return id;
}

Status check_references(StoreTx& tx, const PolicyException& e) {
  std::vector<FieldError> errors;
  if (!e.scope.document_id.empty()) {
    auto d = tx.get_document(e.scope.document_id);
    if (auto err = admin::unless_not_found(d)) return *err;
    if (!d) errors.push_back({"scope.document_id", "no document \"" + e.scope.document_id + "\""});
  }
  auto check_controls = [&](const std::string& field,
                            const std::vector<std::string>& ids) -> Status {
    if (ids.empty()) return ok_status();
    ISMS_ASSIGN(auto existing, tx.existing_control_ids(ids));
    std::set<std::string> found(existing.begin(), existing.end());
    for (const auto& id : ids) {
      if (!found.count(id)) errors.push_back({field, "no control \"" + id + "\""});
    }
    return ok_status();
  };
  ISMS_TRY(check_controls("scope.control_ids", e.scope.control_ids));
  ISMS_TRY(check_controls("compensating_controls.control_ids", e.compensating.control_ids));
  for (const auto& key : e.scope.requirement_keys) {
    auto colon = key.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == key.size()) {
      errors.push_back(
          {"scope.requirement_keys", "\"" + key + "\" is not a requirement key <framework>:<ref>"});
      continue;
    }
    auto r = tx.get_requirement(key.substr(0, colon), key.substr(colon + 1));
    if (auto err = admin::unless_not_found(r)) return *err;
    if (!r) errors.push_back({"scope.requirement_keys", "no requirement \"" + key + "\""});
  }
  for (const auto& id : e.scope.asset_ids) {
    auto a = tx.get_asset(id);
    if (auto err = admin::unless_not_found(a)) return *err;
    if (!a) errors.push_back({"scope.asset_ids", "no asset \"" + id + "\""});
  }
  if (!e.risk.risk_id.empty()) {
    auto r = tx.get_risk(e.risk.risk_id);
    if (auto err = admin::unless_not_found(r)) return *err;
    if (!r) errors.push_back({"risk.risk_id", "no risk \"" + e.risk.risk_id + "\""});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

Status join_names(StoreTx& tx, PolicyException* e, std::map<std::string, std::string>* cache) {
  auto name_of = [&](const std::string& id) -> Result<std::string> {
    if (id.empty()) return std::string();
    auto it = cache->find(id);
    if (it != cache->end()) return it->second;
    auto person = tx.get_person(id);
    if (auto err = admin::unless_not_found(person)) return *err;
    std::string name = person ? person->name : std::string();
    (*cache)[id] = name;
    return name;
  };
  ISMS_ASSIGN(e->requester_name, name_of(e->requester_id));
  ISMS_ASSIGN(e->approver_name, name_of(e->approver_id));
  return ok_status();
}

Status check_expected(const PolicyException& e, const std::optional<int64_t>& expected) {
  if (!expected || *expected == e.version) return ok_status();
  return Error::conflict("exception " + e.ref + " is at version " + std::to_string(e.version) +
                         ", not " + std::to_string(*expected) + ": reload and try again");
}

Json ledger_record(const PolicyException& e) {
  Json j = exception_body(e);
  j["ref"] = e.ref;
  j["status"] = exception_status_name(e.status);
  j["requester_id"] = e.requester_id;
  return j;
}

}  // namespace isms::exception_internal
