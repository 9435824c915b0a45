// Helpers for the access administration service tests: an operator, persons with roles,
// users and their principals, sessions and tokens to revoke, ledger actions of an object.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/crypto.h"
#include "service/auth_records.h"
#include "service/ledger_service.h"
#include "service/person_service.h"
#include "service/role_service.h"
#include "service/test_fixture.h"
#include "service/user_admin_service.h"

namespace isms::testing {

class AccessFixture : public ServiceFixture {
 protected:
  Principal op() const { return operator_principal("cli:test"); }

  std::string role_id(const std::string& key) {
    auto roles = RoleService(ctx_).list(op());
    EXPECT_TRUE(roles) << roles.error().message;
    if (!roles) return "";
    for (const auto& r : *roles) {
      if (r.key == key) return r.id;
    }
    ADD_FAILURE() << "no role " << key;
    return "";
  }

  Person person(const std::string& name, const std::vector<std::string>& role_keys = {"employee"}) {
    PersonFields f;
    f.name = name;
    f.email = ascii_id(name) + "-" + new_id().substr(0, 8) + "@example.test";
    std::vector<std::string> ids;
    for (const auto& k : role_keys) ids.push_back(role_id(k));
    f.role_ids = ids;
    auto p = PersonService(ctx_).create(op(), f);
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : Person{};
  }

  // A user for a new person with the given roles.
  User user(const std::string& username, const std::vector<std::string>& role_keys = {"employee"},
            std::optional<std::string> expires = std::nullopt) {
    Person p = person("Person " + username, role_keys);
    UserCreateRequest r{username, p.id, expires};
    auto created = UserAdminService(ctx_).create(op(), r);
    EXPECT_TRUE(created) << created.error().message;
    return created ? created->user.user : User{};
  }

  Principal principal_of(const User& u) {
    auto tx = store_->begin_read();
    EXPECT_TRUE(tx);
    auto p = principal_for_user(tx->get(), u);
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : Principal{};
  }

  // Gives the user one session and one token (straight into the store).
  void sign_in(const User& u) {
    auto tx = store_->begin_write();
    ASSERT_TRUE(tx);
    std::string now = clock_.now_utc();
    Session s;
    s.id_hash = sha256_hex(new_id());
    s.user_id = u.id;
    s.csrf_token = new_id();
    s.created_at = s.last_seen_at = now;
    s.expires_at = format_utc_micros(clock_.now_micros() + 3600LL * 1000000);
    ASSERT_TRUE((*tx)->insert_session(s));
    ApiToken t;
    t.id = hex_encode(random_bytes(8));
    t.user_id = u.id;
    t.name = "t";
    t.secret_hash = sha256_hex("secret");
    t.created_at = now;
    t.expires_at = s.expires_at;
    ASSERT_TRUE((*tx)->insert_api_token(t));
    ASSERT_TRUE((*tx)->commit());
  }

  int64_t live_sessions(const User& u) {
    auto tx = store_->begin_read();
    auto s = (*tx)->list_sessions_of_user(u.id);
    EXPECT_TRUE(s);
    return s ? static_cast<int64_t>(s->size()) : -1;
  }

  int64_t live_tokens(const User& u) {
    auto tx = store_->begin_read();
    auto t = (*tx)->list_api_tokens(u.id);
    EXPECT_TRUE(t);
    int64_t n = 0;
    if (t) {
      for (const auto& token : *t) n += token.revoked_at ? 0 : 1;
    }
    return n;
  }

  std::vector<std::string> actions(const std::string& object_id) {
    auto entries = LedgerService(ctx_).list(0, 1000, object_id);
    EXPECT_TRUE(entries) << entries.error().message;
    std::vector<std::string> out;
    if (entries) {
      for (const auto& e : *entries) out.push_back(e.action);
    }
    return out;
  }

  bool ledger_ok() {
    auto report = LedgerService(ctx_).verify();
    return report && report->ok;
  }

  static std::string ascii_id(const std::string& text) {
    std::string out;
    for (char c : text) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
      if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    }
    return out.empty() ? "x" : out;
  }

  static bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }

  static bool names_field(const Error& e, const std::string& field) {
    return std::any_of(e.details.begin(), e.details.end(),
                       [&](const FieldError& d) { return d.field == field; });
  }
};

}  // namespace isms::testing
