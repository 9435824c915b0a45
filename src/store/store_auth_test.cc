// Store conformance suite, part 5: people and role updates, users, recovery codes,
// sessions, API tokens, authentication events, and migration 3 over a version 2 database.
// Working groups, grants, settings and sealed values: store_groups_test.cc.
#include <algorithm>
#include <set>
#include <tuple>

#include "domain/access.h"
#include "store/store_test_fixture.h"
#include "store/text.h"

namespace isms::store_test {
namespace {

using ::testing::ElementsAre;

constexpr const char* kT0 = "2026-01-01T00:00:00.000000Z";
constexpr const char* kT1 = "2026-01-01T01:00:00.000000Z";
constexpr const char* kT2 = "2026-01-01T02:00:00.000000Z";
constexpr const char* kT3 = "2026-01-01T03:00:00.000000Z";

class StoreAuth : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreTest::SetUp());
    if (IsSkipped()) return;
    ASSERT_NO_FATAL_FAILURE(open_migrated());
  }

  // A person and a user of theirs, committed.
  User add_user(const std::string& username) {
    Person p = make_person("Person of " + username, username + "@example.com");
    User u = make_user(username, p.id);
    auto tx = write_tx();
    EXPECT_OK(tx->insert_person(p));
    EXPECT_OK(tx->insert_user(u));
    EXPECT_OK(tx->commit());
    return u;
  }
};

Session make_session(const std::string& user_id, const std::string& id_hash,
                     const std::string& expires_at) {
  Session s;
  s.id_hash = id_hash;
  s.user_id = user_id;
  s.state = SessionState::kMfaRequired;
  s.csrf_token = "csrf-" + id_hash;
  s.created_at = kT0;
  s.last_seen_at = kT0;
  s.expires_at = expires_at;
  s.remote_address = "192.0.2.7";
  s.user_agent = "Mozilla/5.0 (X11; Linux) — ünïcode";
  return s;
}

ApiToken make_token(const std::string& user_id, const std::string& id,
                    const std::string& created_at) {
  ApiToken t;
  t.id = id;
  t.user_id = user_id;
  t.name = "token " + id;
  t.secret_hash = sha256_hex("secret " + id);
  t.scope = TokenScope::kReadWrite;
  t.registers = {"assets", "risks"};
  t.created_at = created_at;
  t.expires_at = "2027-01-01T00:00:00.000000Z";
  return t;
}

void expect_same_user(const User& got, const User& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.username, want.username);
  EXPECT_EQ(got.person_id, want.person_id);
  EXPECT_EQ(got.password_hash, want.password_hash);
  EXPECT_EQ(got.must_change_password, want.must_change_password);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.disabled, want.disabled);
  EXPECT_EQ(got.access_expires_at, want.access_expires_at);
  EXPECT_EQ(got.failed_logins, want.failed_logins);
  EXPECT_EQ(got.locked_until, want.locked_until);
  EXPECT_EQ(got.totp_secret_sealed, want.totp_secret_sealed);
  EXPECT_EQ(got.totp_enabled, want.totp_enabled);
  EXPECT_EQ(got.totp_last_step, want.totp_last_step);
  EXPECT_EQ(got.password_changed_at, want.password_changed_at);
  EXPECT_EQ(got.version, want.version);
}

void expect_same_session(const Session& got, const Session& want) {
  EXPECT_EQ(got.id_hash, want.id_hash);
  EXPECT_EQ(got.user_id, want.user_id);
  EXPECT_EQ(got.state, want.state);
  EXPECT_EQ(got.csrf_token, want.csrf_token);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.last_seen_at, want.last_seen_at);
  EXPECT_EQ(got.expires_at, want.expires_at);
  EXPECT_EQ(got.remote_address, want.remote_address);
  EXPECT_EQ(got.user_agent, want.user_agent);
}

void expect_same_token(const ApiToken& got, const ApiToken& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.user_id, want.user_id);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.secret_hash, want.secret_hash);
  EXPECT_EQ(got.scope, want.scope);
  EXPECT_EQ(got.registers, want.registers);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.expires_at, want.expires_at);
  EXPECT_EQ(got.revoked_at, want.revoked_at);
  EXPECT_EQ(got.last_used_at, want.last_used_at);
}

// --- People and roles -----------------------------------------------------------------

TEST_P(StoreAuth, UpdatePersonWritesEveryFieldUnderVersionCheck) {
  Role ciso = make_role("ciso", "CISO", {"assets:read", "confidential:read"});
  Role employee = make_role("employee", "Employee");
  Person anna = make_person("Anna Berg", "anna@example.com");
  anna.role_ids = {employee.id};
  Person bob = make_person("Bob", "bob@example.com");
  Asset owned = make_asset("Owned");
  owned.owner_id = anna.id;
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_role(ciso));
    ASSERT_OK(tx->insert_role(employee));
    ASSERT_OK(tx->insert_person(anna));
    ASSERT_OK(tx->insert_person(bob));
    ASSERT_OK(tx->insert_asset(owned));
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(Person got, tx->get_person(anna.id));
    EXPECT_EQ(got.version, 1);
    EXPECT_FALSE(got.access_review_required);
  }
  Person v2 = anna;
  v2.name = "Anna Zander";
  v2.email = "Anna.Zander@Example.com";
  v2.job_title = "CISO";
  v2.role_ids = {ciso.id, employee.id};
  v2.employment_status = EmploymentStatus::kEnded;
  v2.access_review_required = true;
  v2.version = 2;
  {
    auto tx = write_tx();
    ASSERT_OK(tx->update_person(v2, 1));
    Person stale = anna;
    stale.name = "Stale";
    stale.version = 2;
    EXPECT_CODE(tx->update_person(stale, 1), ErrorCode::kConflict);
    Person ghost = make_person("Ghost", "ghost@example.com");
    EXPECT_CODE(tx->update_person(ghost, 1), ErrorCode::kNotFound);
    Person bob2 = bob;
    bob2.email = "ANNA.zander@example.com";  // taken by Anna now, ignoring case
    bob2.version = 2;
    EXPECT_CODE(tx->update_person(bob2, 1), ErrorCode::kConflict);
    Person bad_role = bob;
    bad_role.role_ids = {"no-such-role"};
    bad_role.version = 2;
    auto rejected = tx->update_person(bad_role, 1);
    ASSERT_FALSE(rejected.ok());
    EXPECT_EQ(rejected.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(rejected.error().field, "role_ids");
    ASSERT_OK(tx->commit());  // the failures left the transaction usable
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(Person got, tx->get_person(anna.id));
  EXPECT_EQ(got.name, v2.name);
  EXPECT_EQ(got.email, v2.email);
  EXPECT_EQ(got.job_title, v2.job_title);
  EXPECT_EQ(got.role_ids, v2.role_ids);
  EXPECT_EQ(got.employment_status, EmploymentStatus::kEnded);
  EXPECT_TRUE(got.access_review_required);
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.created_at, anna.created_at);
  ASSERT_OK_AND_ASSIGN(Person unchanged, tx->get_person(bob.id));
  EXPECT_EQ(unchanged.email, bob.email);
  EXPECT_EQ(unchanged.version, 1);
  EXPECT_TRUE(unchanged.role_ids.empty());
  // The rename reaches the owner name and the owner sort.
  ASSERT_OK_AND_ASSIGN(Asset asset, tx->get_asset(owned.id));
  EXPECT_EQ(asset.owner_name, "Anna Zander");
  ASSERT_OK_AND_ASSIGN(auto persons, tx->list_persons());
  ASSERT_EQ(persons.size(), 2u);
  EXPECT_EQ(persons[0].name, "Anna Zander");  // "anna zander" < "bob"
  AssetQuery q;
  q.sort = AssetSort::kOwnerName;
  q.after = AssetKeyset{"Anna Berg", owned.id};  // the old name sorts before the new one
  ASSERT_OK_AND_ASSIGN(AssetPage page, tx->list_assets(q));
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].id, owned.id);
}

TEST_P(StoreAuth, RolesGetUpdateAndDelete) {
  Role ciso = make_role("ciso", "CISO", {"assets:read", "confidential:read"});
  ciso.builtin = true;
  Role custom = make_role("auditor_eu", "EU auditor", {"assets:read"});
  Role unused = make_role("temp", "Temporary");
  Person holder = make_person("Holder", "holder@example.com");
  holder.role_ids = {custom.id};
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_role(ciso));
    ASSERT_OK(tx->insert_role(custom));
    ASSERT_OK(tx->insert_role(unused));
    ASSERT_OK(tx->insert_person(holder));
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(Role got, tx->get_role(ciso.id));
    EXPECT_EQ(got.key, "ciso");
    EXPECT_EQ(got.name, ciso.name);
    EXPECT_EQ(got.description, ciso.description);
    EXPECT_EQ(got.permissions, ciso.permissions);
    EXPECT_TRUE(got.builtin);
    ASSERT_OK_AND_ASSIGN(Role plain, tx->get_role(unused.id));
    EXPECT_TRUE(plain.permissions.empty());
    EXPECT_FALSE(plain.builtin);
    EXPECT_CODE(tx->get_role("no-such-role"), ErrorCode::kNotFound);
    ASSERT_OK_AND_ASSIGN(auto roles, tx->list_roles());
    ASSERT_EQ(roles.size(), 3u);
    EXPECT_EQ(roles[0].permissions, ciso.permissions);
    EXPECT_TRUE(roles[0].builtin);
  }
  {
    auto tx = write_tx();
    Role changed = custom;
    changed.key = "ignored";
    changed.builtin = true;  // neither key nor builtin is written
    changed.name = "Auditor (EU)";
    changed.description = "Reads for the audit";
    changed.permissions = {"assets:read", "ledger:read", "organization:read"};
    ASSERT_OK(tx->update_role(changed));
    Role ghost = make_role("ghost", "Ghost");
    EXPECT_CODE(tx->update_role(ghost), ErrorCode::kNotFound);
    EXPECT_CODE(tx->delete_role(custom.id), ErrorCode::kConflict);  // Holder holds it
    EXPECT_CODE(tx->delete_role("no-such-role"), ErrorCode::kNotFound);
    ASSERT_OK(tx->delete_role(unused.id));
    EXPECT_CODE(tx->delete_role(unused.id), ErrorCode::kNotFound);
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(Role got, tx->get_role(custom.id));
  EXPECT_EQ(got.key, "auditor_eu");
  EXPECT_FALSE(got.builtin);
  EXPECT_EQ(got.name, "Auditor (EU)");
  EXPECT_EQ(got.description, "Reads for the audit");
  EXPECT_THAT(got.permissions, ElementsAre("assets:read", "ledger:read", "organization:read"));
  EXPECT_CODE(tx->get_role(unused.id), ErrorCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto roles, tx->list_roles());
  EXPECT_EQ(roles.size(), 2u);
}

// --- Users ----------------------------------------------------------------------------

TEST_P(StoreAuth, UsersRoundTripEveryFieldAndUpdate) {
  Person anna = make_person("Anna", "anna@example.com");
  Person bob = make_person("Bob", "bob@example.com");
  User full = make_user("anna", anna.id);
  full.must_change_password = false;
  full.disabled = true;
  full.access_expires_at = "2026-06-30T00:00:00.000000Z";
  full.failed_logins = 4;
  full.locked_until = "2026-01-01T00:15:00.000000Z";
  full.totp_secret_sealed = "v1.k1.dG90cA";
  full.totp_enabled = true;
  full.totp_last_step = 58000123;
  full.password_changed_at = kT1;
  full.version = 9;
  User minimal = make_user("Anna2", anna.id);  // upper case sorts first (bytes)
  User other = make_user("bob", bob.id);
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_person(anna));
    ASSERT_OK(tx->insert_person(bob));
    ASSERT_OK(tx->insert_user(full));
    ASSERT_OK(tx->insert_user(minimal));
    ASSERT_OK(tx->insert_user(other));
    User dup_id = make_user("someone", bob.id);
    dup_id.id = full.id;
    EXPECT_CODE(tx->insert_user(dup_id), ErrorCode::kConflict);
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(auto by_name, tx->find_user("anna"));
    ASSERT_TRUE(by_name.has_value());
    expect_same_user(*by_name, full);
    ASSERT_OK_AND_ASSIGN(auto by_id, tx->get_user(full.id));
    ASSERT_TRUE(by_id.has_value());
    expect_same_user(*by_id, full);
    ASSERT_OK_AND_ASSIGN(auto plain, tx->get_user(minimal.id));
    ASSERT_TRUE(plain.has_value());
    expect_same_user(*plain, minimal);
    EXPECT_FALSE(plain->access_expires_at.has_value());
    EXPECT_FALSE(plain->locked_until.has_value());
    ASSERT_OK_AND_ASSIGN(auto none, tx->get_user("no-such-user"));
    EXPECT_FALSE(none.has_value());
    ASSERT_OK_AND_ASSIGN(auto all, tx->list_users());
    std::vector<std::string> names;
    for (const auto& u : all) names.push_back(u.username);
    EXPECT_THAT(names, ElementsAre("Anna2", "anna", "bob"));
    ASSERT_OK_AND_ASSIGN(auto of_anna, tx->users_of_person(anna.id));
    ASSERT_EQ(of_anna.size(), 2u);
    EXPECT_EQ(of_anna[0].id, minimal.id);
    EXPECT_EQ(of_anna[1].id, full.id);
    ASSERT_OK_AND_ASSIGN(auto of_nobody, tx->users_of_person("no-such-person"));
    EXPECT_TRUE(of_nobody.empty());
  }
  User changed = full;
  changed.username = "ignored";  // not written
  changed.person_id = bob.id;    // not written
  changed.created_at = kT3;      // not written
  changed.password_hash = "$argon2id$new";
  changed.must_change_password = true;
  changed.disabled = false;
  changed.access_expires_at = std::nullopt;
  changed.failed_logins = 0;
  changed.locked_until = std::nullopt;
  changed.totp_secret_sealed = "";
  changed.totp_enabled = false;
  changed.totp_last_step = 0;
  changed.password_changed_at = kT2;
  changed.version = 10;
  {
    auto tx = write_tx();
    ASSERT_OK(tx->update_user(changed));
    User ghost = make_user("ghost", anna.id);
    EXPECT_CODE(tx->update_user(ghost), ErrorCode::kNotFound);
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(auto got, tx->get_user(full.id));
  ASSERT_TRUE(got.has_value());
  User want = changed;
  want.username = full.username;
  want.person_id = full.person_id;
  want.created_at = full.created_at;
  expect_same_user(*got, want);
}

TEST_P(StoreAuth, RecoveryCodesAreReplacedAndConsumedOnce) {
  User u = add_user("anna");
  User other = add_user("bob");
  std::vector<std::string> codes;
  for (int i = 0; i < 10; ++i) codes.push_back(sha256_hex("code " + std::to_string(i)));
  {
    auto tx = write_tx();
    ASSERT_OK(tx->replace_recovery_codes(u.id, codes));
    ASSERT_OK(tx->replace_recovery_codes(other.id, {codes[0]}));
    EXPECT_CODE(tx->replace_recovery_codes("no-such-user", {codes[1]}), ErrorCode::kInvalid);
    ASSERT_OK_AND_ASSIGN(int64_t n, tx->count_unused_recovery_codes(u.id));
    EXPECT_EQ(n, 10);
    ASSERT_OK_AND_ASSIGN(bool used, tx->consume_recovery_code(u.id, codes[3], kT1));
    EXPECT_TRUE(used);
    ASSERT_OK_AND_ASSIGN(bool again, tx->consume_recovery_code(u.id, codes[3], kT2));
    EXPECT_FALSE(again);
    ASSERT_OK_AND_ASSIGN(bool unknown, tx->consume_recovery_code(u.id, sha256_hex("x"), kT1));
    EXPECT_FALSE(unknown);
    ASSERT_OK_AND_ASSIGN(bool foreign, tx->consume_recovery_code(other.id, codes[4], kT1));
    EXPECT_FALSE(foreign);
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(int64_t n, tx->count_unused_recovery_codes(u.id));
    EXPECT_EQ(n, 9);
    ASSERT_OK_AND_ASSIGN(int64_t m, tx->count_unused_recovery_codes(other.id));
    EXPECT_EQ(m, 1);
    ASSERT_OK_AND_ASSIGN(int64_t none, tx->count_unused_recovery_codes("no-such-user"));
    EXPECT_EQ(none, 0);
  }
  auto tx = write_tx();
  std::vector<std::string> fresh = {sha256_hex("new 1"), sha256_hex("new 2")};
  ASSERT_OK(tx->replace_recovery_codes(u.id, fresh));
  ASSERT_OK_AND_ASSIGN(int64_t n, tx->count_unused_recovery_codes(u.id));
  EXPECT_EQ(n, 2);
  ASSERT_OK_AND_ASSIGN(bool old, tx->consume_recovery_code(u.id, codes[5], kT2));
  EXPECT_FALSE(old);  // the old set is gone
  ASSERT_OK_AND_ASSIGN(bool renewed, tx->consume_recovery_code(u.id, fresh[1], kT2));
  EXPECT_TRUE(renewed);
  ASSERT_OK(tx->replace_recovery_codes(u.id, {}));
  ASSERT_OK_AND_ASSIGN(int64_t cleared, tx->count_unused_recovery_codes(u.id));
  EXPECT_EQ(cleared, 0);
  ASSERT_OK(tx->commit());
}

// --- Sessions -------------------------------------------------------------------------

TEST_P(StoreAuth, SessionsRoundTripUpdateAndExpire) {
  User u = add_user("anna");
  User other = add_user("bob");
  Session a = make_session(u.id, sha256_hex("a"), kT1);
  Session b = make_session(u.id, sha256_hex("b"), kT2);
  b.created_at = kT1;
  b.state = SessionState::kActive;
  Session c = make_session(other.id, sha256_hex("c"), kT3);
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_session(a));
    ASSERT_OK(tx->insert_session(b));
    ASSERT_OK(tx->insert_session(c));
    EXPECT_CODE(tx->insert_session(a), ErrorCode::kConflict);
    auto orphan = tx->insert_session(make_session("no-such-user", sha256_hex("d"), kT1));
    ASSERT_FALSE(orphan.ok());
    EXPECT_EQ(orphan.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(orphan.error().field, "user_id");
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(auto got, tx->find_session(a.id_hash));
    ASSERT_TRUE(got.has_value());
    expect_same_session(*got, a);
    ASSERT_OK_AND_ASSIGN(auto none, tx->find_session(sha256_hex("nothing")));
    EXPECT_FALSE(none.has_value());
    ASSERT_OK_AND_ASSIGN(auto of_u, tx->list_sessions_of_user(u.id));
    ASSERT_EQ(of_u.size(), 2u);
    std::set<std::string> hashes = {of_u[0].id_hash, of_u[1].id_hash};
    EXPECT_EQ(hashes, (std::set<std::string>{a.id_hash, b.id_hash}));
  }
  {
    auto tx = write_tx();
    Session changed = a;
    changed.state = SessionState::kPasswordChangeRequired;
    changed.csrf_token = "rotated";
    changed.last_seen_at = kT1;
    changed.expires_at = kT3;
    changed.user_id = other.id;               // not written
    changed.created_at = kT2;                 // not written
    changed.remote_address = "198.51.100.1";  // not written
    changed.user_agent = "other";             // not written
    ASSERT_OK(tx->update_session(changed));
    EXPECT_CODE(tx->update_session(make_session(u.id, sha256_hex("zz"), kT1)),
                ErrorCode::kNotFound);
    ASSERT_OK_AND_ASSIGN(auto got, tx->find_session(a.id_hash));
    ASSERT_TRUE(got.has_value());
    Session want = a;
    want.state = SessionState::kPasswordChangeRequired;
    want.csrf_token = "rotated";
    want.last_seen_at = kT1;
    want.expires_at = kT3;
    expect_same_session(*got, want);
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = write_tx();
    // expires_at <= now: b (kT2) goes at now = kT2; a was moved to kT3, c is at kT3.
    ASSERT_OK_AND_ASSIGN(int64_t expired, tx->delete_expired_sessions(kT2));
    EXPECT_EQ(expired, 1);
    ASSERT_OK_AND_ASSIGN(auto gone, tx->find_session(b.id_hash));
    EXPECT_FALSE(gone.has_value());
    ASSERT_OK_AND_ASSIGN(int64_t none, tx->delete_expired_sessions(kT2));
    EXPECT_EQ(none, 0);
    ASSERT_OK(tx->delete_session(sha256_hex("absent")));  // no error when absent
    ASSERT_OK(tx->delete_session(c.id_hash));
    ASSERT_OK_AND_ASSIGN(auto deleted, tx->find_session(c.id_hash));
    EXPECT_FALSE(deleted.has_value());
    ASSERT_OK(tx->insert_session(b));
    ASSERT_OK_AND_ASSIGN(int64_t of_user, tx->delete_sessions_of_user(u.id));
    EXPECT_EQ(of_user, 2);
    ASSERT_OK_AND_ASSIGN(auto left, tx->list_sessions_of_user(u.id));
    EXPECT_TRUE(left.empty());
    ASSERT_OK_AND_ASSIGN(int64_t again, tx->delete_sessions_of_user(u.id));
    EXPECT_EQ(again, 0);
    ASSERT_OK(tx->commit());
  }
}

// --- API tokens -----------------------------------------------------------------------

TEST_P(StoreAuth, ApiTokensListNewestFirstAndRevokeAll) {
  User u = add_user("anna");
  User other = add_user("bob");
  ApiToken t1 = make_token(u.id, "00000000000000a1", kT0);
  ApiToken t2 = make_token(u.id, "00000000000000a2", kT2);
  t2.scope = TokenScope::kRead;
  t2.registers = {};
  ApiToken t3 = make_token(u.id, "00000000000000a3", kT1);
  t3.revoked_at = kT1;
  ApiToken t4 = make_token(other.id, "00000000000000b1", kT3);
  t4.last_used_at = kT3;
  {
    auto tx = write_tx();
    for (const auto& t : {t1, t2, t3, t4}) ASSERT_OK(tx->insert_api_token(t));
    EXPECT_CODE(tx->insert_api_token(make_token(other.id, t1.id, kT0)), ErrorCode::kConflict);
    auto orphan = tx->insert_api_token(make_token("no-such-user", "00000000000000c1", kT0));
    ASSERT_FALSE(orphan.ok());
    EXPECT_EQ(orphan.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(orphan.error().field, "user_id");
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = read_tx();
    for (const auto& t : {t1, t2, t3, t4}) {
      ASSERT_OK_AND_ASSIGN(auto got, tx->find_api_token(t.id));
      ASSERT_TRUE(got.has_value()) << t.id;
      expect_same_token(*got, t);
    }
    ASSERT_OK_AND_ASSIGN(auto none, tx->find_api_token("ffffffffffffffff"));
    EXPECT_FALSE(none.has_value());
    ASSERT_OK_AND_ASSIGN(auto of_u, tx->list_api_tokens(u.id));
    std::vector<std::string> ids;
    for (const auto& t : of_u) ids.push_back(t.id);
    EXPECT_THAT(ids, ElementsAre(t2.id, t3.id, t1.id));
    ASSERT_OK_AND_ASSIGN(auto all, tx->list_api_tokens(""));
    ids.clear();
    for (const auto& t : all) ids.push_back(t.id);
    EXPECT_THAT(ids, ElementsAre(t4.id, t2.id, t3.id, t1.id));
  }
  {
    auto tx = write_tx();
    ApiToken used = t1;
    used.last_used_at = kT2;
    used.name = "not written";
    ASSERT_OK(tx->update_api_token(used));
    EXPECT_CODE(tx->update_api_token(make_token(u.id, "ffffffffffffffff", kT0)),
                ErrorCode::kNotFound);
    ASSERT_OK_AND_ASSIGN(int64_t revoked, tx->revoke_api_tokens_of_user(u.id, kT3));
    EXPECT_EQ(revoked, 2);  // t1, t2; t3 was revoked already
    ASSERT_OK_AND_ASSIGN(int64_t again, tx->revoke_api_tokens_of_user(u.id, kT3));
    EXPECT_EQ(again, 0);
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(auto got1, tx->find_api_token(t1.id));
  EXPECT_EQ(got1->name, t1.name);
  EXPECT_EQ(got1->last_used_at, kT2);
  EXPECT_EQ(got1->revoked_at, kT3);
  ASSERT_OK_AND_ASSIGN(auto got3, tx->find_api_token(t3.id));
  EXPECT_EQ(got3->revoked_at, kT1);  // kept its first revocation
  ASSERT_OK_AND_ASSIGN(auto got4, tx->find_api_token(t4.id));
  EXPECT_FALSE(got4->revoked_at.has_value());  // another user's token
}

// --- Authentication events ------------------------------------------------------------

TEST_P(StoreAuth, AuthEventsPageNewestFirst) {
  User u = add_user("anna");
  std::vector<int64_t> ids;
  {
    auto tx = write_tx();
    for (int i = 0; i < 25; ++i) {
      AuthEvent e;
      e.at = kT0;
      e.kind = i % 3 == 0 ? "login_failed" : "login_succeeded";
      e.username = i % 2 == 0 ? "anna" : "mallory";
      if (i % 2 == 0) e.user_id = u.id;
      e.remote_address = "192.0.2." + std::to_string(i);
      e.detail = "event " + std::to_string(i);
      ASSERT_OK_AND_ASSIGN(int64_t id, tx->insert_auth_event(e));
      if (!ids.empty()) {
        EXPECT_GT(id, ids.back());
      }
      ids.push_back(id);
    }
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  // All events, 10 at a time, newest first.
  std::vector<int64_t> seen;
  int64_t before = 0;
  for (int page = 0; page < 10; ++page) {
    ASSERT_OK_AND_ASSIGN(auto events, tx->list_auth_events(before, 10, ""));
    for (const auto& e : events) seen.push_back(e.id);
    if (events.size() < 10) break;
    before = events.back().id;
  }
  std::vector<int64_t> want(ids.rbegin(), ids.rend());
  EXPECT_EQ(seen, want);
  // One user's, 4 at a time.
  seen.clear();
  before = 0;
  for (int page = 0; page < 10; ++page) {
    ASSERT_OK_AND_ASSIGN(auto events, tx->list_auth_events(before, 4, u.id));
    for (const auto& e : events) {
      EXPECT_EQ(e.user_id, u.id);
      seen.push_back(e.id);
    }
    if (events.size() < 4) break;
    before = events.back().id;
  }
  want.clear();
  for (size_t i = ids.size(); i-- > 0;) {
    if (i % 2 == 0) want.push_back(ids[i]);
  }
  EXPECT_EQ(seen, want);
  // Every field, and an event naming no user.
  ASSERT_OK_AND_ASSIGN(auto newest, tx->list_auth_events(0, 2, ""));
  ASSERT_EQ(newest.size(), 2u);
  EXPECT_EQ(newest[0].id, ids[24]);
  EXPECT_EQ(newest[0].at, kT0);
  EXPECT_EQ(newest[0].kind, "login_failed");
  EXPECT_EQ(newest[0].username, "anna");
  EXPECT_EQ(newest[0].user_id, u.id);
  EXPECT_EQ(newest[0].remote_address, "192.0.2.24");
  EXPECT_EQ(newest[0].detail, "event 24");
  EXPECT_EQ(newest[1].username, "mallory");
  EXPECT_FALSE(newest[1].user_id.has_value());
  ASSERT_OK_AND_ASSIGN(auto before_first, tx->list_auth_events(ids[0], 10, ""));
  EXPECT_TRUE(before_first.empty());
  EXPECT_CODE(tx->list_auth_events(0, 0, ""), ErrorCode::kInvalid);
  EXPECT_CODE(tx->list_auth_events(0, 501, ""), ErrorCode::kInvalid);
  EXPECT_CODE(tx->list_auth_events(-1, 10, ""), ErrorCode::kInvalid);
  ASSERT_OK(tx->list_auth_events(0, 500, ""));
}

// --- Migration 3 ----------------------------------------------------------------------

TEST_P(StoreAuth, MigratesVersion2DatabaseWithData) {
  // A fresh database at version 2 (the fixture's one is at the latest version already).
  store_.reset();
  if (GetParam() == Engine::kSqlite) {
    std::string path = url_.substr(std::string("sqlite:").size());
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  } else {
    auto url = store_testing::create_pg_schema(maintenance_url_, pg_schema_);
    ASSERT_TRUE(url.ok()) << url.error().message;
  }
  store_testing::stop_migrations_after(2);
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  ASSERT_OK_AND_ASSIGN(int v2, store_->schema_version());
  ASSERT_EQ(v2, 2);

  std::vector<Role> roles;
  for (const auto& seed : seed_roles()) {
    Role r = seed;
    r.id = new_id();
    roles.push_back(r);
  }
  Person anna = make_person("Anna", "anna@example.com");
  anna.role_ids = {roles[1].id, roles[0].id};
  Person bob = make_person("bob", "bob@example.com");
  User admin = make_user("admin", anna.id);
  admin.must_change_password = false;
  admin.created_at = kT1;
  Asset asset = make_asset("Mail server");
  asset.owner_id = bob.id;
  asset.owner_name = bob.name;
  asset.classification = Classification::kConfidential;
  ASSERT_OK(store_testing::insert_v2_rows(url_, roles, {anna, bob}, {admin}, {asset}));

  store_testing::clear_extra_migrations();
  ASSERT_OK_AND_ASSIGN(MigrationReport report, store_->migrate());
  EXPECT_EQ(report.from_version, 2);
  EXPECT_EQ(report.to_version, Store::latest_schema_version());

  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(auto listed, tx->list_roles());
    ASSERT_EQ(listed.size(), roles.size());
    for (size_t i = 0; i < roles.size(); ++i) {
      SCOPED_TRACE(roles[i].key);
      EXPECT_EQ(listed[i].id, roles[i].id);
      EXPECT_TRUE(listed[i].builtin);
      std::vector<std::string> want = builtin_role_permissions(roles[i].key);
      std::sort(want.begin(), want.end());
      want.erase(std::unique(want.begin(), want.end()), want.end());
      EXPECT_EQ(listed[i].permissions, want);
    }
    ASSERT_OK_AND_ASSIGN(Person got, tx->get_person(anna.id));
    EXPECT_EQ(got.version, 1);
    EXPECT_FALSE(got.access_review_required);
    EXPECT_EQ(got.role_ids, anna.role_ids);
    ASSERT_OK_AND_ASSIGN(auto user, tx->find_user("admin"));
    ASSERT_TRUE(user.has_value());
    User want = admin;
    want.password_changed_at = admin.created_at;  // no better knowledge
    want.version = 1;
    expect_same_user(*user, want);
    ASSERT_OK_AND_ASSIGN(Asset a, tx->get_asset(asset.id));
    EXPECT_EQ(a.owner_name, "bob");
    EXPECT_TRUE(a.description_sealed.empty());
    EXPECT_TRUE(a.working_group_ids.empty());
    // The read rule applies to migrated rows: the owner reads the confidential asset,
    // someone else does not.
    AssetQuery q;
    q.scope.person_id = bob.id;
    q.with_total = true;
    ASSERT_OK_AND_ASSIGN(AssetPage mine, tx->list_assets(q));
    EXPECT_EQ(mine.total, 1);
    q.scope.person_id = anna.id;
    ASSERT_OK_AND_ASSIGN(AssetPage theirs, tx->list_assets(q));
    EXPECT_EQ(theirs.total, 0);
    ASSERT_OK_AND_ASSIGN(OrganizationSettings settings, tx->get_settings());
    EXPECT_EQ(settings.session_idle_minutes, OrganizationSettings{}.session_idle_minutes);
    ASSERT_OK_AND_ASSIGN(auto sealed, tx->list_sealed_values(std::nullopt, 10));
    EXPECT_TRUE(sealed.empty());
  }
  // The new tables work on the migrated database, and person updates see version 1.
  auto tx = write_tx();
  Person anna2 = anna;
  anna2.access_review_required = true;
  anna2.version = 2;
  ASSERT_OK(tx->update_person(anna2, 1));
  WorkingGroup g = make_group("Mail", {anna.id});
  ASSERT_OK(tx->insert_group(g));
  ASSERT_OK(tx->insert_session(make_session(admin.id, sha256_hex("s"), kT2)));
  AuthEvent e;
  e.at = kT2;
  e.kind = "login_succeeded";
  e.username = "admin";
  e.user_id = admin.id;
  ASSERT_OK_AND_ASSIGN(int64_t id, tx->insert_auth_event(e));
  EXPECT_GT(id, 0);
  ASSERT_OK(tx->commit());
  ASSERT_OK(store_testing::check_search_index(url_));
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreAuth, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         engine_label);

}  // namespace
}  // namespace isms::store_test
