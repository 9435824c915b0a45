#include "service/role_service.h"

#include "base/crypto.h"
#include "service/admin_common.h"
#include "service/ledger_recorder.h"

namespace isms {

namespace {

constexpr size_t kNameMax = 100;
constexpr size_t kDescriptionMax = 2000;

bool valid_key(const std::string& key) {
  if (key.size() < 2 || key.size() > 40) return false;
  if (key[0] < 'a' || key[0] > 'z') return false;
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Applies and checks the fields; permissions end up sorted and unique.
void apply_fields(const RoleFields& fields, Role* role, std::vector<FieldError>* errors) {
  if (fields.name) role->name = *fields.name;
  if (fields.description) role->description = *fields.description;
  admin::check_text(*errors, "name", role->name, 1, kNameMax);
  admin::check_text(*errors, "description", role->description, 0, kDescriptionMax, true);
  if (fields.permissions) {
    for (const auto& perm : *fields.permissions) {
      if (!is_known_permission(perm)) {
        errors->push_back({"permissions", "unknown permission \"" + perm + "\""});
      }
    }
    std::vector<std::string> perms = admin::sorted_unique(*fields.permissions);
    if (role->builtin && perms != admin::sorted_unique(role->permissions)) {
      errors->push_back(
          {"permissions", "the permissions of the built-in role " + role->key + " cannot change"});
    }
    role->permissions = std::move(perms);
  }
}

Result<Role> find_role(StoreTx* tx, const std::string& id) {
  auto role = tx->get_role(id);
  if (!role && role.error().code == ErrorCode::kNotFound) {
    return Error::not_found("role " + id + " not found");
  }
  return role;
}

}  // namespace

Result<RoleFields> role_fields_from_json(const Json& body, bool allow_key) {
  admin::BodyReader reader(body);
  RoleFields fields;
  if (allow_key) {
    fields.key = reader.string("key");
  } else {
    reader.reject("key", "cannot be changed");
  }
  fields.name = reader.string("name");
  fields.description = reader.string("description");
  fields.permissions = reader.strings("permissions", 200);
  for (const char* read_only : {"id", "builtin"}) reader.reject(read_only, "is read-only");
  ISMS_TRY(reader.finish());
  return fields;
}

Result<std::vector<Role>> RoleService::list(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "roles:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_roles();
}

Result<Role> RoleService::get(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "roles:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return find_role(tx.get(), id);
}

Result<Role> RoleService::create(const Principal& p, const RoleFields& fields) const {
  ISMS_TRY(admin::require_permission(p, "roles:manage"));
  std::vector<FieldError> errors;
  Role role;
  role.id = new_id();
  role.builtin = false;
  if (!fields.key) {
    errors.push_back({"key", "is required"});
  } else if (!valid_key(*fields.key)) {
    errors.push_back({"key", "must be 2 to 40 of a-z, 0-9 and _, starting with a letter"});
  } else {
    role.key = *fields.key;
  }
  if (!fields.name) errors.push_back({"name", "is required"});
  apply_fields(fields, &role, &errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));

  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::vector<Role> roles, tx->list_roles());
  for (const Role& r : roles) {
    if (r.key == role.key) return Error::conflict("a role with key " + role.key + " exists");
  }
  ISMS_TRY(tx->insert_role(role));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("role.create", "role", role.id, role_to_json(role)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Role stored, tx->get_role(role.id));
  ISMS_TRY(tx->commit());
  return stored;
}

Result<Role> RoleService::update(const Principal& p, const std::string& id,
                                 const RoleFields& fields) const {
  ISMS_TRY(admin::require_permission(p, "roles:manage"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Role before, find_role(tx.get(), id));
  Role after = before;
  std::vector<FieldError> errors;
  if (fields.key && *fields.key != before.key) errors.push_back({"key", "cannot be changed"});
  apply_fields(fields, &after, &errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  Json diff = admin::json_diff(role_to_json(before), role_to_json(after));
  if (diff.empty()) return before;
  ISMS_TRY(tx->update_role(after));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("role.update", "role", id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Role stored, tx->get_role(id));
  ISMS_TRY(tx->commit());
  return stored;
}

Status RoleService::remove(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "roles:manage"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Role role, find_role(tx.get(), id));
  if (role.builtin) {
    // docs/api.md: only custom roles no person holds can be deleted; else 409.
    return Error::conflict("the built-in role " + role.key + " cannot be deleted");
  }
  auto deleted = tx->delete_role(id);
  if (!deleted.ok()) {
    if (deleted.error().code == ErrorCode::kConflict) {
      return Error::conflict("role " + role.key +
                             " is held by at least one person; remove it from them first");
    }
    return deleted;
  }
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("role.delete", "role", id, role_to_json(role)));
  ISMS_TRY(ledger.finish());
  return tx->commit();
}

}  // namespace isms
