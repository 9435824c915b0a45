#include "service/role_service.h"

#include <gtest/gtest.h>

#include "service/access_test_support.h"

namespace isms {
namespace {

class RoleServiceTest : public testing::AccessFixture {
 protected:
  RoleFields custom(const std::string& key, std::vector<std::string> perms) {
    RoleFields f;
    f.key = key;
    f.name = "Role " + key;
    f.description = "custom";
    f.permissions = std::move(perms);
    return f;
  }
};

TEST_F(RoleServiceTest, CreateChangeDeleteCustomRole) {
  RoleService svc(ctx_);
  auto r =
      svc.create(op(), custom("risk_owner", {"organization:read", "assets:read", "assets:read"}));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(r->builtin);
  EXPECT_EQ(r->permissions, (std::vector<std::string>{"assets:read", "organization:read"}));
  EXPECT_TRUE(has(actions(r->id), "role.create"));

  auto dup = svc.create(op(), custom("risk_owner", {}));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);

  RoleFields change;
  change.permissions = std::vector<std::string>{"assets:read"};
  change.description = "narrower";
  auto changed = svc.update(op(), r->id, change);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->permissions, std::vector<std::string>{"assets:read"});
  EXPECT_EQ(changed->description, "narrower");
  EXPECT_TRUE(has(actions(r->id), "role.update"));

  // Held by a person: 409; once nobody holds it, it goes.
  Person holder = person("Holder", {"risk_owner"});
  auto held = svc.remove(op(), r->id);
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error().code, ErrorCode::kConflict);
  PersonPatch patch;
  patch.fields.role_ids = std::vector<std::string>{role_id("employee")};
  patch.version = holder.version;
  ASSERT_TRUE(PersonService(ctx_).update(op(), holder.id, patch));
  ASSERT_TRUE(svc.remove(op(), r->id));
  EXPECT_TRUE(has(actions(r->id), "role.delete"));
  auto gone = svc.remove(op(), r->id);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(ledger_ok());
}

TEST_F(RoleServiceTest, RoleChangesApplyToHoldersAtOnce) {
  RoleService svc(ctx_);
  auto r = svc.create(op(), custom("viewer", {"organization:read"}));
  ASSERT_TRUE(r);
  User u = user("mona", {"viewer"});
  EXPECT_FALSE(principal_of(u).has("assets:read"));
  RoleFields change;
  change.permissions = std::vector<std::string>{"organization:read", "assets:read"};
  ASSERT_TRUE(svc.update(op(), r->id, change));
  EXPECT_TRUE(principal_of(u).has("assets:read"));
}

TEST_F(RoleServiceTest, ValidationNamesTheFieldAndTheUnknownPermission) {
  RoleService svc(ctx_);
  for (const char* key : {"A_upper", "1digit", "x", "has-dash", ""}) {
    auto r = svc.create(op(), custom(key, {}));
    ASSERT_FALSE(r) << key;
    EXPECT_EQ(r.error().field, "key") << key;
  }
  auto long_key = svc.create(op(), custom("k" + std::string(40, 'x'), {}));
  ASSERT_FALSE(long_key);
  auto unknown = svc.create(op(), custom("rocketeer", {"assets:read", "rockets:launch"}));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "permissions");
  EXPECT_NE(unknown.error().message.find("rockets:launch"), std::string::npos);
  RoleFields no_name = custom("nameless", {});
  no_name.name = "";
  auto nameless = svc.create(op(), no_name);
  ASSERT_FALSE(nameless);
  EXPECT_EQ(nameless.error().field, "name");
}

TEST_F(RoleServiceTest, BuiltinRolesKeepKeyAndPermissions) {
  RoleService svc(ctx_);
  std::string id = role_id("employee");
  Role before = *svc.get(op(), id);
  RoleFields more;
  more.permissions = before.permissions;
  more.permissions->push_back("confidential:read");
  auto r = svc.update(op(), id, more);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "permissions");
  RoleFields rename;
  rename.key = "staff";
  auto k = svc.update(op(), id, rename);
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().field, "key");
  // Name and description may change; the same permissions are no change.
  RoleFields text;
  text.name = "Staff member";
  text.permissions = before.permissions;
  auto renamed = svc.update(op(), id, text);
  ASSERT_TRUE(renamed) << renamed.error().message;
  EXPECT_EQ(renamed->name, "Staff member");
  EXPECT_EQ(renamed->permissions, before.permissions);
  auto del = svc.remove(op(), role_id("contractor"));
  ASSERT_FALSE(del);
  EXPECT_EQ(del.error().code, ErrorCode::kConflict);
}

TEST_F(RoleServiceTest, NeedsRolesManage) {
  Principal emp = principal_of(user("nora"));
  RoleService svc(ctx_);
  EXPECT_TRUE(svc.list(emp));
  auto r = svc.create(emp, custom("sneaky", {}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
}

TEST_F(RoleServiceTest, JsonDecoder) {
  auto bad = role_fields_from_json(Json{{"key", 5}, {"builtin", true}, {"permissions", "x"}}, true);
  ASSERT_FALSE(bad);
  for (const char* f : {"key", "builtin", "permissions"}) {
    EXPECT_TRUE(names_field(bad.error(), f)) << f;
  }
  auto key_on_update = role_fields_from_json(Json{{"key", "x"}}, false);
  ASSERT_FALSE(key_on_update);
  EXPECT_EQ(key_on_update.error().field, "key");
}

}  // namespace
}  // namespace isms
