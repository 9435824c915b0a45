#include "service/settings_service.h"

#include <gtest/gtest.h>

#include "service/access_test_support.h"

namespace isms {
namespace {

class SettingsServiceTest : public testing::AccessFixture {};

TEST_F(SettingsServiceTest, DefaultsThenPutWithVersion) {
  SettingsService svc(ctx_);
  auto s = svc.get();
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->session_idle_minutes, 30);
  EXPECT_EQ(s->session_absolute_hours, 12);
  SettingsUpdate update{*s};
  update.settings.session_idle_minutes = 45;
  update.settings.mfa_required_role_keys = {"ciso", "administrator", "ciso"};
  auto put = svc.put(op(), update);
  ASSERT_TRUE(put) << put.error().message;
  EXPECT_EQ(put->session_idle_minutes, 45);
  EXPECT_EQ(put->version, s->version + 1);
  EXPECT_EQ(put->mfa_required_role_keys, (std::vector<std::string>{"administrator", "ciso"}));
  EXPECT_TRUE(has(actions("organization"), "settings.update"));
  // Stale.
  auto stale = svc.put(op(), update);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(ledger_ok());
}

TEST_F(SettingsServiceTest, RejectsBadValuesAndUnknownRoles) {
  SettingsService svc(ctx_);
  SettingsUpdate update{*svc.get()};
  update.settings.session_idle_minutes = 4;
  update.settings.session_absolute_hours = 169;
  update.settings.mfa_required_role_keys = {"no_such_role"};
  auto r = svc.put(op(), update);
  ASSERT_FALSE(r);
  for (const char* f :
       {"session_idle_minutes", "session_absolute_hours", "mfa_required_role_keys"}) {
    EXPECT_TRUE(names_field(r.error(), f)) << f;
  }
  Principal emp = principal_of(user("pia"));
  auto denied = svc.put(emp, SettingsUpdate{*svc.get()});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
}

TEST_F(SettingsServiceTest, JsonDecoder) {
  Json good{{"mfa_required_role_keys", {"ciso"}},
            {"session_idle_minutes", 30},
            {"session_absolute_hours", 12},
            {"version", 1}};
  ASSERT_TRUE(settings_update_from_json(good));
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, Json>>{{"session_idle_minutes", 1441},
                                                 {"session_idle_minutes", "30"},
                                                 {"session_absolute_hours", 1.5},
                                                 {"mfa_required_role_keys", "ciso"},
                                                 {"version", "one"},
                                                 {"colour", "red"}}) {
    Json body = good;
    body[field] = value;
    auto r = settings_update_from_json(body);
    ASSERT_FALSE(r) << field;
    EXPECT_TRUE(names_field(r.error(), field)) << field;
  }
  Json no_version = good;
  no_version.erase("version");
  auto r = settings_update_from_json(no_version);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "version");
}

}  // namespace
}  // namespace isms
