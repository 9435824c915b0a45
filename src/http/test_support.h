// Test doubles for the HTTP layer's unit tests: a Store without a database, so App and
// its handlers can be exercised without a server or database. Every data access fails
// with kUnavailable (a message naming a secret path, to check it never reaches clients).
// And, for tests over a real store, a way to authenticate requests: a user with a role and
// an API token for it, made as the operator makes them (`isms token create`).
#pragma once

#include <memory>
#include <string>

#include "base/content_cipher.h"
#include "service/auth_service.h"
#include "service/context.h"
#include "service/person_service.h"
#include "service/role_service.h"
#include "service/user_admin_service.h"
#include "store/store.h"

namespace isms::http::testing {

inline constexpr const char* kSecretDetail = "/var/lib/secret/isms.db: disk I/O error";

class FakeStore : public Store {
 public:
  std::string engine() const override { return "sqlite"; }
  Result<MigrationReport> migrate() override { return Error::unavailable(kSecretDetail); }
  Result<int> schema_version() override { return Error::unavailable(kSecretDetail); }
  Result<std::unique_ptr<StoreTx>> begin_read() override {
    return Error::unavailable(kSecretDetail);
  }
  Result<std::unique_ptr<StoreTx>> begin_write() override {
    return Error::unavailable(kSecretDetail);
  }
  Status scan_ledger(const std::function<bool(const ledger::Entry&)>&) override {
    return Error::unavailable(kSecretDetail);
  }
  Result<std::vector<ledger::Checkpoint>> list_checkpoints() override {
    return Error::unavailable(kSecretDetail);
  }
  Status ping() override {
    if (ping_ok) return ok_status();
    return Error::unavailable(kSecretDetail);
  }

  bool ping_ok = true;
};

// A ServiceContext over a FakeStore; no signer is needed by failing calls.
struct FakeContext {
  FakeStore store;
  SystemClock clock;
  ContentKeyring keyring{std::vector<ContentKey>{generate_content_key()}};
  ServiceContext ctx{&store, &clock, nullptr, &keyring};
};

// A well-formed API token that names no stored token (for a FakeStore, whose lookup of it
// fails like every other data access).
inline constexpr const char* kUnknownBearer =
    "Bearer isms_0123456789abcdef_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

// Over an initialized store: creates a person holding the role `role_key`, a user
// `username` for it and an API token of `scope` for that user, as the operator; returns
// the Authorization header value "Bearer isms_<id>_<secret>".
inline Result<std::string> bearer_for_new_user(const ServiceContext& ctx,
                                               const std::string& username,
                                               const std::string& role_key = "ciso",
                                               TokenScope scope = TokenScope::kReadWrite) {
  Principal op = operator_principal("cli:test");
  ISMS_ASSIGN(std::vector<Role> roles, RoleService(ctx).list(op));
  PersonFields person;
  person.name = "Test " + username;
  person.email = username + "@example.test";
  person.role_ids = std::vector<std::string>{};
  for (const Role& r : roles) {
    if (r.key == role_key) person.role_ids->push_back(r.id);
  }
  if (person.role_ids->empty()) return Error::not_found("no role " + role_key);
  ISMS_TRY(UserAdminService(ctx).create_with_person(op, person, {username, "", std::nullopt}));
  TokenRequest request;
  request.name = "test";
  request.scope = scope;
  request.expires_in_seconds = 86400;
  ISMS_ASSIGN(CreatedToken token,
              AuthService(ctx, AuthOptions{}).create_token(op, request, ClientInfo{}, username));
  return "Bearer " + token.secret;
}

}  // namespace isms::http::testing
