#include "service/grant_service.h"

#include <gtest/gtest.h>

#include "service/access_test_support.h"
#include "service/group_service.h"

namespace isms {
namespace {

class GrantServiceTest : public testing::AccessFixture {
 protected:
  // An asset straight into the store (the asset service's own rules are not under test).
  Asset asset(Classification c, std::optional<std::string> owner = std::nullopt,
              std::vector<std::string> groups = {}) {
    Asset a;
    a.id = new_id();
    a.name = "Asset " + a.id.substr(0, 8);
    a.classification = c;
    a.owner_id = std::move(owner);
    a.working_group_ids = std::move(groups);
    a.created_at = a.updated_at = clock_.now_utc();
    auto tx = store_->begin_write();
    EXPECT_TRUE(tx);
    auto inserted = (*tx)->insert_asset(a);
    EXPECT_TRUE(inserted) << inserted.error().message;
    EXPECT_TRUE((*tx)->commit());
    return a;
  }
};

TEST_F(GrantServiceTest, AddListRemoveWithLedger) {
  Asset a = asset(Classification::kCustomerData);
  Person p = person("Grace Grantee");
  GrantService svc(ctx_);
  auto added = svc.add_asset_grant(op(), a.id, p.id);
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ(added->person_name, "Grace Grantee");
  EXPECT_EQ(added->grant.granted_by, "cli:test");
  Json j = grant_view_to_json(*added);
  for (const char* f :
       {"object_type", "object_id", "person_id", "person_name", "granted_by", "granted_at"}) {
    EXPECT_TRUE(j.contains(f)) << f;
  }
  EXPECT_EQ(j["object_type"], "asset");
  auto list = svc.list_asset_grants(op(), a.id);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().person_name, "Grace Grantee");

  auto dup = svc.add_asset_grant(op(), a.id, p.id);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  auto ghost = svc.add_asset_grant(op(), a.id, "ghost");
  ASSERT_FALSE(ghost);
  EXPECT_EQ(ghost.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(ghost.error().field, "person_id");

  ASSERT_TRUE(svc.remove_asset_grant(op(), a.id, p.id));
  auto again = svc.remove_asset_grant(op(), a.id, p.id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  auto acts = actions(a.id);
  EXPECT_TRUE(has(acts, "asset.grant"));
  EXPECT_TRUE(has(acts, "asset.revoke_grant"));
  auto unknown = svc.list_asset_grants(op(), "no-such-asset");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().message, "asset no-such-asset not found");
  EXPECT_TRUE(ledger_ok());
}

TEST_F(GrantServiceTest, WhoMayManage) {
  User owner_user = user("olaf");            // employee, owns the assets below
  User other_user = user("petra");           // employee, owns nothing
  User ciso_user = user("quinn", {"ciso"});  // grants:manage, confidential:read
  Principal owner = principal_of(owner_user);
  Principal other = principal_of(other_user);
  Principal ciso = principal_of(ciso_user);
  GrantService svc(ctx_);

  Asset internal_owned = asset(Classification::kInternal, owner_user.person_id);
  Asset internal = asset(Classification::kInternal);
  Asset confidential = asset(Classification::kConfidential);
  Asset customer = asset(Classification::kCustomerData, owner_user.person_id);

  // The owner manages grants on what it owns and can read.
  EXPECT_TRUE(svc.list_asset_grants(owner, internal_owned.id));
  EXPECT_TRUE(svc.add_asset_grant(owner, internal_owned.id, other_user.person_id));
  // Readable but neither owned nor grants:manage: 403.
  auto forbidden = svc.list_asset_grants(other, internal.id);
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().code, ErrorCode::kForbidden);
  // Not readable: 404, exactly like an unknown id.
  auto hidden = svc.list_asset_grants(other, confidential.id);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(hidden.error().message, "asset " + confidential.id + " not found");
  // Owning a customer_data object is not a grant: the owner cannot read it, so 404.
  auto owned_cd = svc.add_asset_grant(owner, customer.id, owner_user.person_id);
  ASSERT_FALSE(owned_cd);
  EXPECT_EQ(owned_cd.error().code, ErrorCode::kNotFound);
  // grants:manage with confidential:read: confidential yes, customer_data only when granted.
  EXPECT_TRUE(svc.add_asset_grant(ciso, confidential.id, other_user.person_id));
  auto cd = svc.list_asset_grants(ciso, customer.id);
  ASSERT_FALSE(cd);
  EXPECT_EQ(cd.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(svc.add_asset_grant(op(), customer.id, ciso_user.person_id));
  EXPECT_TRUE(svc.list_asset_grants(ciso, customer.id));
  // The grant opened the confidential asset to `other`, who still may not manage it.
  auto now_readable = svc.list_asset_grants(other, confidential.id);
  ASSERT_FALSE(now_readable);
  EXPECT_EQ(now_readable.error().code, ErrorCode::kForbidden);
  // Group members read confidential assets of their group.
  GroupFields g;
  g.name = "Team";
  g.member_ids = std::vector<std::string>{owner_user.person_id};
  auto group = GroupService(ctx_).create(op(), g);
  ASSERT_TRUE(group);
  Asset team_asset = asset(Classification::kConfidential, other_user.person_id, {group->id});
  auto member = svc.list_asset_grants(principal_of(owner_user), team_asset.id);
  ASSERT_FALSE(member);
  EXPECT_EQ(member.error().code, ErrorCode::kForbidden);     // reads it, but does not own it
  EXPECT_TRUE(svc.list_asset_grants(other, team_asset.id));  // owns it
}

}  // namespace
}  // namespace isms
