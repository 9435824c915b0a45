#include "service/group_service.h"

#include <gtest/gtest.h>

#include "service/access_test_support.h"

namespace isms {
namespace {

class GroupServiceTest : public testing::AccessFixture {};

TEST_F(GroupServiceTest, CreateReadUpdateWithVersion) {
  Person a = person("Anna");
  Person b = person("Bert");
  GroupService svc(ctx_);
  GroupFields f;
  f.name = "Ops";
  f.description = "operations";
  f.member_ids = std::vector<std::string>{b.id, a.id, a.id};
  auto g = svc.create(op(), f);
  ASSERT_TRUE(g) << g.error().message;
  std::vector<std::string> sorted{a.id, b.id};
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(g->member_ids, sorted);
  EXPECT_EQ(g->version, 1);
  EXPECT_TRUE(has(actions(g->id), "group.create"));
  EXPECT_EQ(working_group_to_json(*svc.get(op(), g->id)), working_group_to_json(*g));

  GroupFields twin;
  twin.name = "OPS";
  auto dup = svc.create(op(), twin);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);

  GroupPatch patch;
  patch.fields.member_ids = std::vector<std::string>{a.id};
  auto no_version = svc.update(op(), g->id, patch);
  ASSERT_FALSE(no_version);
  EXPECT_EQ(no_version.error().field, "version");
  patch.version = 1;
  auto changed = svc.update(op(), g->id, patch);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->member_ids, std::vector<std::string>{a.id});
  EXPECT_EQ(changed->version, 2);
  EXPECT_TRUE(has(actions(g->id), "group.update"));
  auto stale = svc.update(op(), g->id, patch);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto missing = svc.update(op(), "missing", patch);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(ledger_ok());
}

TEST_F(GroupServiceTest, ValidationAndPermissions) {
  GroupService svc(ctx_);
  GroupFields bad;
  bad.name = std::string(101, 'x');
  bad.description = std::string(2001, 'y');
  bad.member_ids = std::vector<std::string>{"ghost"};
  auto r = svc.create(op(), bad);
  ASSERT_FALSE(r);
  for (const char* f : {"name", "description", "member_ids"}) {
    EXPECT_TRUE(names_field(r.error(), f)) << f;
  }
  auto unnamed = svc.create(op(), GroupFields{});
  ASSERT_FALSE(unnamed);
  EXPECT_EQ(unnamed.error().field, "name");

  Principal emp = principal_of(user("otto"));
  EXPECT_TRUE(svc.list(emp));
  GroupFields f;
  f.name = "Mine";
  auto denied = svc.create(emp, f);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);

  auto decoded =
      group_patch_from_json(Json{{"name", "g"}, {"version", 3}, {"colour", "red"}}, false);
  ASSERT_FALSE(decoded);
  EXPECT_TRUE(names_field(decoded.error(), "version"));
  EXPECT_TRUE(names_field(decoded.error(), "colour"));
}

}  // namespace
}  // namespace isms
