// RoleService: the roles people hold and the permissions catalogue (docs/api.md "Roles
// and permissions"). Built-in roles keep their key and permissions; custom roles can be
// created, changed and deleted while no person holds them. A role's permissions take
// effect at once: principals are resolved per request. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/people.h"
#include "service/context.h"

namespace isms {

struct RoleFields {
  std::optional<std::string> key;                       // create only: [a-z][a-z0-9_]{1,39}, unique
  std::optional<std::string> name;                      // 1..100 characters
  std::optional<std::string> description;               // 0..2000 characters
  std::optional<std::vector<std::string>> permissions;  // known permission names
};

// Decodes a create (allow_key) or update body; unknown or read-only members are kInvalid.
Result<RoleFields> role_fields_from_json(const Json& body, bool allow_key);

class RoleService {
 public:
  explicit RoleService(const ServiceContext& ctx) : ctx_(ctx) {}

  // roles:read.
  Result<std::vector<Role>> list(const Principal& p) const;
  Result<Role> get(const Principal& p, const std::string& id) const;
  // roles:manage. key and name required; kConflict when the key is taken.
  Result<Role> create(const Principal& p, const RoleFields& fields) const;
  // roles:manage. Built-in roles: permissions cannot change (kInvalid), key never can.
  Result<Role> update(const Principal& p, const std::string& id, const RoleFields& fields) const;
  // roles:manage. Built-in or held by a person: kConflict (docs/api.md: else 409).
  Status remove(const Principal& p, const std::string& id) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
