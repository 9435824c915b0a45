// UserAdminService: login accounts as administrators manage them (docs/api.md "Users",
// permission users:manage): create with a one-time password, disable, set the access end
// date, reset the password or MFA, unlock, end sessions. Every change is one transaction
// with its ledger entry; revoking access (disable, expiry in the past, password reset)
// ends the user's sessions and revokes its tokens in that same transaction.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/people.h"
#include "service/auth_records.h"
#include "service/context.h"
#include "service/person_service.h"

namespace isms {

// The User wire form (docs/api.md): never a hash or secret; mfa_enabled = totp_enabled.
Json user_to_json(const User& user, const std::string& person_name);

struct UserView {
  User user;
  std::string person_name;
};

inline Json user_view_to_json(const UserView& v) { return user_to_json(v.user, v.person_name); }

struct UserCreateRequest {
  std::string username;   // 3..64 of [a-z0-9._-], unique
  std::string person_id;  // an existing person whose employment has not ended
  // RFC 3339 UTC; required when the person holds the auditor role; must be in the future.
  std::optional<std::string> access_expires_at;
};

struct UserUpdate {
  std::optional<bool> disabled;
  // Outer: given; inner nullopt: no end date.
  std::optional<std::optional<std::string>> access_expires_at;
  std::optional<int64_t> version;  // required
};

// Request body decoders: unknown members and wrong types are kInvalid naming each.
Result<UserCreateRequest> user_create_from_json(const Json& body);
Result<UserUpdate> user_update_from_json(const Json& body);

struct CreatedUser {
  UserView user;
  std::string one_time_password;  // shown once; only its hash is stored
};

struct CreatedPersonAndUser {
  Person person;
  CreatedUser created;
};

class UserAdminService {
 public:
  explicit UserAdminService(const ServiceContext& ctx) : ctx_(ctx) {}

  // Every method needs users:manage (kForbidden otherwise). remote_address is written
  // into the authentication events a call records.
  Result<std::vector<UserView>> list(const Principal& p) const;
  Result<UserView> get(const Principal& p, const std::string& id) const;
  Result<UserView> find_by_username(const Principal& p, const std::string& username) const;
  // kInvalid per field; kConflict when the username is taken.
  Result<CreatedUser> create(const Principal& p, const UserCreateRequest& request) const;
  // Creates the person (people:write too) and its user in one transaction;
  // request.person_id is ignored.
  Result<CreatedPersonAndUser> create_with_person(const Principal& p, const PersonFields& person,
                                                  const UserCreateRequest& request) const;
  // REQUIRES update.version (kInvalid "version"); kConflict when stale. Disabling, or an
  // access end date not in the future, ends sessions and revokes tokens at once.
  Result<UserView> update(const Principal& p, const std::string& id, const UserUpdate& update,
                          const std::string& remote_address = "") const;
  // A new one-time password (must change at next login); sessions and tokens ended.
  Result<CreatedUser> reset_password(const Principal& p, const std::string& id,
                                     const std::string& remote_address = "") const;
  // Clears failed logins and the lock; auth event "account_unlocked".
  Result<UserView> unlock(const Principal& p, const std::string& id,
                          const std::string& remote_address = "") const;
  // TOTP off, secret and recovery codes deleted; auth event "mfa_disabled".
  Result<UserView> reset_mfa(const Principal& p, const std::string& id,
                             const std::string& remote_address = "") const;
  Result<RevokedAccess> revoke_sessions(const Principal& p, const std::string& id,
                                        const std::string& remote_address = "") const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
