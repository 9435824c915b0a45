#include "service/user_admin_service.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "service/access_test_support.h"

namespace isms {
namespace {

class UserAdminTest : public testing::AccessFixture {
 protected:
  std::string in_days(int days) {
    return format_utc_micros(clock_.now_micros() + int64_t{days} * 86400 * 1000000);
  }
};

TEST_F(UserAdminTest, CreateGivesAOneTimePasswordAndNeverShowsTheHash) {
  Person p = person("Ada Admin");
  UserAdminService svc(ctx_);
  auto created = svc.create(op(), {"ada.admin-1", p.id, std::nullopt});
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_GE(created->one_time_password.size(), 12u);
  const User& u = created->user.user;
  EXPECT_EQ(u.username, "ada.admin-1");
  EXPECT_TRUE(u.must_change_password);
  EXPECT_TRUE(verify_password(created->one_time_password, u.password_hash));
  EXPECT_EQ(created->user.person_name, "Ada Admin");
  Json j = user_view_to_json(created->user);
  for (const char* f : {"id", "username", "person_id", "person_name", "disabled",
                        "access_expires_at", "must_change_password", "mfa_enabled", "locked_until",
                        "failed_logins", "password_changed_at", "created_at", "version"}) {
    EXPECT_TRUE(j.contains(f)) << f;
  }
  EXPECT_EQ(j.size(), 13u);
  std::string text = dump_json(j);
  EXPECT_EQ(text.find("argon2"), std::string::npos);
  EXPECT_TRUE(has(actions(u.id), "user.create"));
  auto entries = LedgerService(ctx_).list(0, 1000, u.id);  // kept: the loop reads into it
  ASSERT_TRUE(entries) << entries.error().message;
  for (const auto& e : *entries) {
    EXPECT_EQ(e.change.find("argon2"), std::string::npos);
    EXPECT_EQ(e.actor, "cli:test");
  }
  auto listed = svc.list(op());
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 2u);  // admin and ada
}

TEST_F(UserAdminTest, CreateValidatesEveryField) {
  Person p = person("Val Idate");
  UserAdminService svc(ctx_);
  for (const char* bad : {"ab", "Upper", "with space", "semi;colon", "\xc3\xbcnicode", ""}) {
    auto r = svc.create(op(), {bad, p.id, std::nullopt});
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, "username") << bad;
  }
  auto no_person = svc.create(op(), {"nobody1", "missing", std::nullopt});
  ASSERT_FALSE(no_person);
  EXPECT_EQ(no_person.error().field, "person_id");
  auto bad_time = svc.create(op(), {"timer", p.id, std::string("tomorrow")});
  ASSERT_FALSE(bad_time);
  EXPECT_EQ(bad_time.error().field, "access_expires_at");
  auto past = svc.create(op(), {"timer", p.id, std::string("2001-01-01T00:00:00Z")});
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().field, "access_expires_at");
  // All at once.
  auto many = svc.create(op(), {"X", "missing", std::string("soon")});
  ASSERT_FALSE(many);
  EXPECT_TRUE(names_field(many.error(), "username"));
  EXPECT_TRUE(names_field(many.error(), "person_id"));
  EXPECT_TRUE(names_field(many.error(), "access_expires_at"));

  ASSERT_TRUE(svc.create(op(), {"dupe", p.id, std::nullopt}));
  auto dup = svc.create(op(), {"dupe", p.id, std::nullopt});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
}

TEST_F(UserAdminTest, AuditorsNeedAnAccessEndDate) {
  Person a = person("Audrey Auditor", {"auditor"});
  UserAdminService svc(ctx_);
  auto none = svc.create(op(), {"audrey", a.id, std::nullopt});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().field, "access_expires_at");
  auto ok = svc.create(op(), {"audrey", a.id, in_days(30)});
  ASSERT_TRUE(ok) << ok.error().message;
  // Nor can the end date be removed later.
  UserUpdate clear;
  clear.access_expires_at = std::optional<std::string>();
  clear.version = ok->user.user.version;
  auto cleared = svc.update(op(), ok->user.user.id, clear);
  ASSERT_FALSE(cleared);
  EXPECT_EQ(cleared.error().field, "access_expires_at");
}

TEST_F(UserAdminTest, UpdateChecksTheVersionAndDisablingRevokesAccess) {
  User u = user("dora");
  sign_in(u);
  ASSERT_EQ(live_sessions(u), 1);
  ASSERT_EQ(live_tokens(u), 1);
  UserAdminService svc(ctx_);
  UserUpdate update;
  update.disabled = true;
  auto no_version = svc.update(op(), u.id, update);
  ASSERT_FALSE(no_version);
  EXPECT_EQ(no_version.error().field, "version");
  update.version = u.version + 1;
  auto stale = svc.update(op(), u.id, update);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  update.version = u.version;
  auto disabled = svc.update(op(), u.id, update, "10.0.0.1");
  ASSERT_TRUE(disabled) << disabled.error().message;
  EXPECT_TRUE(disabled->user.disabled);
  EXPECT_EQ(disabled->user.version, u.version + 1);
  EXPECT_EQ(live_sessions(u), 0);
  EXPECT_EQ(live_tokens(u), 0);
  auto acts = actions(u.id);
  EXPECT_TRUE(has(acts, "user.update"));
  EXPECT_TRUE(has(acts, "auth.sessions_revoked"));

  // Enabling again revokes nothing further and bumps the version.
  UserUpdate enable;
  enable.disabled = false;
  enable.version = disabled->user.version;
  auto enabled = svc.update(op(), u.id, enable);
  ASSERT_TRUE(enabled);
  EXPECT_FALSE(enabled->user.disabled);
  // No change: same version, no ledger entry.
  size_t before = actions(u.id).size();
  enable.version = enabled->user.version;
  auto same = svc.update(op(), u.id, enable);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->user.version, enabled->user.version);
  EXPECT_EQ(actions(u.id).size(), before);
  EXPECT_TRUE(ledger_ok());
}

TEST_F(UserAdminTest, ExpiryInThePastEndsAccessAtOnce) {
  User u = user("eve");
  sign_in(u);
  UserAdminService svc(ctx_);
  UserUpdate update;
  update.access_expires_at = std::optional<std::string>("2001-01-01T00:00:00Z");
  update.version = u.version;
  auto r = svc.update(op(), u.id, update);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r->user.access_expires_at, "2001-01-01T00:00:00.000000Z");
  EXPECT_EQ(live_sessions(u), 0);
  EXPECT_EQ(live_tokens(u), 0);
  // A future end date keeps access.
  User v = user("fred");
  sign_in(v);
  update.access_expires_at = std::optional<std::string>(in_days(3));
  update.version = v.version;
  ASSERT_TRUE(svc.update(op(), v.id, update));
  EXPECT_EQ(live_sessions(v), 1);
}

TEST_F(UserAdminTest, ResetPasswordUnlockResetMfaRevoke) {
  User u = user("gina");
  sign_in(u);
  UserAdminService svc(ctx_);
  auto reset = svc.reset_password(op(), u.id);
  ASSERT_TRUE(reset) << reset.error().message;
  EXPECT_TRUE(reset->user.user.must_change_password);
  EXPECT_TRUE(verify_password(reset->one_time_password, reset->user.user.password_hash));
  EXPECT_EQ(live_sessions(u), 0);
  EXPECT_EQ(live_tokens(u), 0);
  EXPECT_TRUE(has(actions(u.id), "user.reset_password"));

  // Lock the account as failed logins would, then unlock.
  {
    auto tx = store_->begin_write();
    auto stored = (*tx)->get_user(u.id);
    User locked = **stored;
    locked.failed_logins = 7;
    locked.locked_until = format_utc_micros(clock_.now_micros() + 600LL * 1000000);
    locked.totp_enabled = true;
    locked.totp_secret_sealed = "sealed";
    ASSERT_TRUE((*tx)->update_user(locked));
    ASSERT_TRUE((*tx)->replace_recovery_codes(u.id, {sha256_hex("a"), sha256_hex("b")}));
    ASSERT_TRUE((*tx)->commit());
  }
  auto unlocked = svc.unlock(op(), u.id, "local");
  ASSERT_TRUE(unlocked) << unlocked.error().message;
  EXPECT_EQ(unlocked->user.failed_logins, 0);
  EXPECT_FALSE(unlocked->user.locked_until);
  EXPECT_TRUE(has(actions(u.id), "auth.account_unlocked"));

  auto no_mfa = svc.reset_mfa(op(), u.id);
  ASSERT_TRUE(no_mfa) << no_mfa.error().message;
  EXPECT_FALSE(no_mfa->user.totp_enabled);
  EXPECT_TRUE(no_mfa->user.totp_secret_sealed.empty());
  EXPECT_FALSE(user_view_to_json(*no_mfa)["mfa_enabled"].get<bool>());
  {
    auto tx = store_->begin_read();
    EXPECT_EQ(*(*tx)->count_unused_recovery_codes(u.id), 0);
  }
  EXPECT_TRUE(has(actions(u.id), "auth.mfa_disabled"));

  sign_in(u);
  auto revoked = svc.revoke_sessions(op(), u.id);
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->sessions, 1);
  EXPECT_EQ(revoked->tokens, 1);
  auto again = svc.revoke_sessions(op(), u.id);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->sessions + again->tokens, 0);

  for (auto r :
       {svc.unlock(op(), "missing"), svc.reset_mfa(op(), "missing"), svc.get(op(), "missing")}) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  }
  EXPECT_TRUE(ledger_ok());
}

TEST_F(UserAdminTest, NeedsUsersManage) {
  User employee = user("hank");
  Principal p = principal_of(employee);
  UserAdminService svc(ctx_);
  auto r = svc.list(p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
  auto c = svc.reset_password(p, employee.id);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kForbidden);
}

TEST_F(UserAdminTest, CreateWithPersonIsOneTransaction) {
  UserAdminService svc(ctx_);
  PersonFields f;
  f.name = "Nina New";
  f.email = "nina@example.test";
  f.role_ids = std::vector<std::string>{role_id("ciso")};
  auto both = svc.create_with_person(op(), f, {"nina", "", std::nullopt});
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(both->created.user.user.person_id, both->person.id);
  EXPECT_EQ(both->created.user.person_name, "Nina New");
  // A bad username leaves no person behind.
  f.email = "olga@example.test";
  f.name = "Olga";
  auto bad = svc.create_with_person(op(), f, {"O", "", std::nullopt});
  ASSERT_FALSE(bad);
  auto persons = PersonService(ctx_).list(op());
  ASSERT_TRUE(persons);
  for (const auto& p : *persons) EXPECT_NE(p.name, "Olga");
}

TEST_F(UserAdminTest, JsonDecodersNameEveryBadField) {
  auto c = user_create_from_json(Json{{"username", 5}, {"password", "x"}, {"colour", "red"}});
  ASSERT_FALSE(c);
  EXPECT_TRUE(names_field(c.error(), "username"));
  EXPECT_TRUE(names_field(c.error(), "password"));
  EXPECT_TRUE(names_field(c.error(), "colour"));
  EXPECT_TRUE(names_field(c.error(), "person_id"));  // missing
  auto body = user_create_from_json(Json::array());
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().field, "body");
  auto u = user_update_from_json(Json{{"disabled", "yes"}, {"username", "x"}, {"version", 1}});
  ASSERT_FALSE(u);
  EXPECT_TRUE(names_field(u.error(), "disabled"));
  EXPECT_TRUE(names_field(u.error(), "username"));
  auto ok = user_update_from_json(Json{{"access_expires_at", nullptr}, {"version", 2}});
  ASSERT_TRUE(ok);
  ASSERT_TRUE(ok->access_expires_at.has_value());
  EXPECT_FALSE(ok->access_expires_at->has_value());
  EXPECT_EQ(*ok->version, 2);
}

}  // namespace
}  // namespace isms
