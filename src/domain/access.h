// Access: permissions, the built-in roles that follow the policy (section 3), the
// principal a request acts as, and the classification-aware read rule (policy 7, 8.3).
// Pure; no I/O. The store applies the same read rule in SQL for lists and counts
// (ReadScope); store_access_test.cc checks the two agree.
//
// Read rule for an object of classification c, for principal p:
//   public, internal  -> p may read the register;
//   confidential      -> and (p holds "confidential:read", or p's person owns the object,
//                        or is a member of one of its working groups, or holds a grant on it);
//   customer_data     -> and p's person holds an explicit grant on that object.
//   The local operator (CLI on the server, has the data files) reads everything.
// Write rule: read rule, and "<register>:write", or "<register>:write_own" when p's person
// owns the object.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/auth.h"
#include "domain/classification.h"
#include "domain/people.h"

namespace isms {

struct PermissionInfo {
  std::string name;         // "<area>:<verb>", e.g. "assets:read"
  std::string description;  // one line, for the role editor
};

// Every permission isms knows, in display order. A role may hold only these.
const std::vector<PermissionInfo>& all_permissions();
bool is_known_permission(std::string_view name);
// True for permissions that only read ("...:read"); a read-only token keeps only these.
bool is_read_permission(std::string_view name);
// The register a permission belongs to ("assets:write" -> "assets"); empty for
// organization-wide permissions (users:manage, ledger:read, ...).
std::string permission_register(std::string_view name);

// Permissions of the built-in roles, by role key: ceo, ciso, employee, contractor,
// auditor, administrator. Empty for an unknown key.
std::vector<std::string> builtin_role_permissions(std::string_view role_key);

// Who a request or command acts as, resolved once per request.
struct Principal {
  std::string user_id;  // empty for the operator
  std::string username;
  std::string person_id;
  std::vector<std::string> role_keys;
  std::set<std::string> permissions;   // union of the roles', narrowed by a token's scope
  std::vector<std::string> group_ids;  // working groups the person belongs to
  std::string session_id_hash;         // when authenticated by a session cookie
  std::string token_id;                // when authenticated by an API token
  bool operator_access = false;        // local CLI: the holder of the data files
  // The ledger actor: "user:<user id>", "user:<user id>/token:<token id>", or for the
  // operator "cli:<os user>".
  std::string actor;

  bool has(std::string_view permission) const;
};

// The operator principal (local CLI): every permission, reads every classification.
Principal operator_principal(std::string actor);

// Narrows `permissions` to what a token allows: read-only drops non-read permissions;
// a register list keeps only permissions of those registers plus "organization:read".
std::set<std::string> apply_token_scope(const std::set<std::string>& permissions, TokenScope scope,
                                        const std::vector<std::string>& registers);

// What the read rule needs to know about one object.
struct ObjectAccess {
  Classification classification = Classification::kInternal;
  std::optional<std::string> owner_id;          // person id
  std::vector<std::string> group_ids;           // working groups of the object
  std::vector<std::string> granted_person_ids;  // explicit grants on the object
};

// The read rule above, for a principal that may read the object's register.
bool can_read_object(const Principal& p, const ObjectAccess& object);
// Whether p may change the object: can_read_object and "<reg>:write", or
// "<reg>:write_own" when p's person owns it.
bool can_write_object(const Principal& p, const ObjectAccess& object,
                      std::string_view register_name);

// The read rule as the store applies it to lists, searches and counts.
struct ReadScope {
  bool all = false;                   // operator: no restriction
  std::string person_id;              // the reader ("" = reads public/internal only)
  bool confidential_by_role = false;  // holds "confidential:read"
};
ReadScope read_scope(const Principal& p);

// Whether reading this object's content must be recorded in the ledger (confidential
// and customer_data objects).
bool read_is_recorded(Classification c);

}  // namespace isms
