// Store conformance suite, part 6: working groups, per-object grants, organization
// settings, sealed values (key rotation) and assets' working groups.
#include <algorithm>
#include <set>

#include "store/store_test_fixture.h"
#include "store/text.h"

namespace isms::store_test {
namespace {

using ::testing::ElementsAre;

constexpr const char* kT0 = "2026-01-01T00:00:00.000000Z";
constexpr const char* kT1 = "2026-01-01T01:00:00.000000Z";
constexpr const char* kT2 = "2026-01-01T02:00:00.000000Z";
constexpr const char* kT3 = "2026-01-01T03:00:00.000000Z";

class StoreGroups : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreTest::SetUp());
    if (IsSkipped()) return;
    ASSERT_NO_FATAL_FAILURE(open_migrated());
  }
};

void expect_same_group(const WorkingGroup& got, const WorkingGroup& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.description, want.description);
  EXPECT_EQ(got.member_ids, want.member_ids);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

// --- Working groups and grants --------------------------------------------------------

TEST_P(StoreGroups, WorkingGroupsHaveMembersAndUniqueNamesIgnoringCase) {
  Person anna = make_person("Anna", "anna@example.com");
  Person bob = make_person("Bob", "bob@example.com");
  Person cem = make_person("Cem", "cem@example.com");
  WorkingGroup ops = make_group("Ops", {bob.id, anna.id});
  WorkingGroup audit = make_group("äudit", {anna.id});
  WorkingGroup empty = make_group("Board");
  {
    auto tx = write_tx();
    for (const auto& p : {anna, bob, cem}) ASSERT_OK(tx->insert_person(p));
    ASSERT_OK(tx->insert_group(ops));
    ASSERT_OK(tx->insert_group(audit));
    ASSERT_OK(tx->insert_group(empty));
    EXPECT_CODE(tx->insert_group(make_group("OPS")), ErrorCode::kConflict);
    EXPECT_CODE(tx->insert_group(make_group("ÄUDIT")), ErrorCode::kConflict);
    WorkingGroup same_id = make_group("Other");
    same_id.id = ops.id;
    EXPECT_CODE(tx->insert_group(same_id), ErrorCode::kConflict);
    WorkingGroup bad_member = make_group("Ghosts", {anna.id, "no-such-person"});
    auto rejected = tx->insert_group(bad_member);
    ASSERT_FALSE(rejected.ok());
    EXPECT_EQ(rejected.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(rejected.error().field, "member_ids");
    EXPECT_CODE(tx->get_group(bad_member.id), ErrorCode::kNotFound);  // nothing half-written
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(WorkingGroup got, tx->get_group(ops.id));
    expect_same_group(got, ops);
    EXPECT_CODE(tx->get_group("no-such-group"), ErrorCode::kNotFound);
    ASSERT_OK_AND_ASSIGN(auto groups, tx->list_groups());
    std::vector<std::string> names;
    for (const auto& g : groups) names.push_back(g.name);
    EXPECT_THAT(names, ElementsAre("Board", "Ops", "äudit"));  // folded code point order
    expect_same_group(groups[1], ops);
    expect_same_group(groups[2], audit);
    EXPECT_TRUE(groups[0].member_ids.empty());
    ASSERT_OK_AND_ASSIGN(auto of_anna, tx->groups_of_person(anna.id));
    std::vector<std::string> want = {ops.id, audit.id};
    std::sort(want.begin(), want.end());
    EXPECT_EQ(of_anna, want);
    ASSERT_OK_AND_ASSIGN(auto of_cem, tx->groups_of_person(cem.id));
    EXPECT_TRUE(of_cem.empty());
  }
  WorkingGroup v2 = ops;
  v2.name = "ops";  // its own name in other case is fine
  v2.description = "Operations";
  v2.member_ids = {cem.id};
  v2.updated_at = kT1;
  v2.created_at = kT3;  // not written
  v2.version = 2;
  {
    auto tx = write_tx();
    ASSERT_OK(tx->update_group(v2, 1));
    WorkingGroup stale = ops;
    stale.version = 2;
    EXPECT_CODE(tx->update_group(stale, 1), ErrorCode::kConflict);
    WorkingGroup clash = audit;
    clash.name = "OPS";
    clash.version = 2;
    EXPECT_CODE(tx->update_group(clash, 1), ErrorCode::kConflict);
    EXPECT_CODE(tx->update_group(make_group("Ghost"), 1), ErrorCode::kNotFound);
    WorkingGroup bad = audit;
    bad.member_ids = {"no-such-person"};
    bad.version = 2;
    EXPECT_CODE(tx->update_group(bad, 1), ErrorCode::kInvalid);
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(WorkingGroup got, tx->get_group(ops.id));
  WorkingGroup want = v2;
  want.created_at = ops.created_at;
  expect_same_group(got, want);
  ASSERT_OK_AND_ASSIGN(WorkingGroup audit_got, tx->get_group(audit.id));
  expect_same_group(audit_got, audit);  // the failed updates changed nothing
  ASSERT_OK_AND_ASSIGN(auto of_anna, tx->groups_of_person(anna.id));
  EXPECT_THAT(of_anna, ElementsAre(audit.id));
}

TEST_P(StoreGroups, GrantsInsertListAndDelete) {
  Person anna = make_person("Anna", "anna@example.com");
  Person bob = make_person("Bob", "bob@example.com");
  auto grant = [](const std::string& type, const std::string& id, const std::string& person,
                  const std::string& at) {
    ObjectGrant g;
    g.object_type = type;
    g.object_id = id;
    g.person_id = person;
    g.granted_by = "user:admin";
    g.granted_at = at;
    return g;
  };
  ObjectGrant g1 = grant("asset", "asset-1", anna.id, kT1);
  ObjectGrant g2 = grant("asset", "asset-1", bob.id, kT2);
  ObjectGrant g3 = grant("asset", "asset-2", anna.id, kT0);
  ObjectGrant g4 = grant("risk", "asset-1", anna.id, kT0);  // another register, same id
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_person(anna));
    ASSERT_OK(tx->insert_person(bob));
    for (const auto& g : {g1, g2, g3, g4}) ASSERT_OK(tx->insert_grant(g));
    EXPECT_CODE(tx->insert_grant(grant("asset", "asset-1", anna.id, kT3)), ErrorCode::kConflict);
    auto orphan = tx->insert_grant(grant("asset", "asset-1", "no-such-person", kT0));
    ASSERT_FALSE(orphan.ok());
    EXPECT_EQ(orphan.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(orphan.error().field, "person_id");
    ASSERT_OK(tx->commit());
  }
  auto same = [](const ObjectGrant& a, const ObjectGrant& b) {
    return a.object_type == b.object_type && a.object_id == b.object_id &&
           a.person_id == b.person_id && a.granted_by == b.granted_by &&
           a.granted_at == b.granted_at;
  };
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(auto on_asset, tx->list_grants("asset", "asset-1"));
    ASSERT_EQ(on_asset.size(), 2u);
    std::vector<ObjectGrant> want = {g1, g2};
    std::sort(want.begin(), want.end(),
              [](const auto& a, const auto& b) { return a.person_id < b.person_id; });
    EXPECT_TRUE(same(on_asset[0], want[0]));
    EXPECT_TRUE(same(on_asset[1], want[1]));
    ASSERT_OK_AND_ASSIGN(auto of_anna, tx->list_grants_of_person(anna.id));
    ASSERT_EQ(of_anna.size(), 3u);
    EXPECT_TRUE(same(of_anna[0], g1));  // by object type, then object id
    EXPECT_TRUE(same(of_anna[1], g3));
    EXPECT_TRUE(same(of_anna[2], g4));
    ASSERT_OK_AND_ASSIGN(auto nothing, tx->list_grants("asset", "asset-9"));
    EXPECT_TRUE(nothing.empty());
  }
  auto tx = write_tx();
  ASSERT_OK(tx->delete_grant("asset", "asset-1", anna.id));
  EXPECT_CODE(tx->delete_grant("asset", "asset-1", anna.id), ErrorCode::kNotFound);
  EXPECT_CODE(tx->delete_grant("asset", "asset-9", bob.id), ErrorCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto left, tx->list_grants("asset", "asset-1"));
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].person_id, bob.id);
  ASSERT_OK_AND_ASSIGN(auto risk, tx->list_grants("risk", "asset-1"));
  EXPECT_EQ(risk.size(), 1u);  // untouched
  ASSERT_OK(tx->commit());
}

// --- Settings and sealed values -------------------------------------------------------

TEST_P(StoreGroups, SettingsDefaultUntilPut) {
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(OrganizationSettings s, tx->get_settings());
    OrganizationSettings defaults;
    EXPECT_EQ(s.mfa_required_role_keys, defaults.mfa_required_role_keys);
    EXPECT_EQ(s.session_idle_minutes, defaults.session_idle_minutes);
    EXPECT_EQ(s.session_absolute_hours, defaults.session_absolute_hours);
    EXPECT_EQ(s.version, defaults.version);
  }
  OrganizationSettings s;
  s.mfa_required_role_keys = {"administrator", "ciso"};
  s.session_idle_minutes = 15;
  s.session_absolute_hours = 8;
  s.version = 2;
  {
    auto tx = write_tx();
    ASSERT_OK(tx->put_settings(s));
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(OrganizationSettings got, tx->get_settings());
    EXPECT_EQ(got.mfa_required_role_keys, s.mfa_required_role_keys);
    EXPECT_EQ(got.session_idle_minutes, 15);
    EXPECT_EQ(got.session_absolute_hours, 8);
    EXPECT_EQ(got.version, 2);
  }
  s.mfa_required_role_keys = {};
  s.session_idle_minutes = 1440;
  s.session_absolute_hours = 168;
  s.version = 3;
  auto tx = write_tx();
  ASSERT_OK(tx->put_settings(s));
  ASSERT_OK_AND_ASSIGN(OrganizationSettings got, tx->get_settings());
  EXPECT_TRUE(got.mfa_required_role_keys.empty());
  EXPECT_EQ(got.session_idle_minutes, 1440);
  EXPECT_EQ(got.session_absolute_hours, 168);
  EXPECT_EQ(got.version, 3);
  ASSERT_OK(tx->commit());
}

TEST_P(StoreGroups, SealedValuesPageInOrderAndRewriteInPlace) {
  std::vector<Asset> assets;
  std::vector<SealedValue> want;
  for (int i = 0; i < 7; ++i) {
    Asset a = make_asset("Asset " + std::to_string(i));
    if (i % 3 != 0) {  // some assets have nothing sealed
      a.classification = Classification::kConfidential;
      a.description = "";
      a.description_sealed = "sealed-asset-" + std::to_string(i);
      want.push_back({"assets", "description_sealed", a.id, a.description_sealed});
    }
    assets.push_back(a);
  }
  std::vector<User> users;
  {
    Person p = make_person("Anna", "anna@example.com");
    auto tx = write_tx();
    ASSERT_OK(tx->insert_person(p));
    for (const auto& a : assets) ASSERT_OK(tx->insert_asset(a));
    for (int i = 0; i < 4; ++i) {
      User u = make_user("user" + std::to_string(i), p.id);
      if (i != 2) {
        u.totp_secret_sealed = "sealed-totp-" + std::to_string(i);
        want.push_back({"users", "totp_secret_sealed", u.id, u.totp_secret_sealed});
      }
      ASSERT_OK(tx->insert_user(u));
      users.push_back(u);
    }
    ASSERT_OK(tx->commit());
  }
  std::sort(want.begin(), want.end(), [](const SealedValue& a, const SealedValue& b) {
    return std::tie(a.table, a.column, a.row_id) < std::tie(b.table, b.column, b.row_id);
  });
  auto same = [](const SealedValue& a, const SealedValue& b) {
    return a.table == b.table && a.column == b.column && a.row_id == b.row_id &&
           a.sealed == b.sealed;
  };
  for (int limit : {1, 2, 3, 100}) {
    SCOPED_TRACE("limit " + std::to_string(limit));
    auto tx = read_tx();
    std::vector<SealedValue> got;
    std::optional<SealedValue> after;
    for (int page = 0; page < 100; ++page) {
      ASSERT_OK_AND_ASSIGN(auto values, tx->list_sealed_values(after, limit));
      EXPECT_LE(values.size(), static_cast<size_t>(limit));
      got.insert(got.end(), values.begin(), values.end());
      if (values.size() < static_cast<size_t>(limit)) break;
      after = values.back();
    }
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) EXPECT_TRUE(same(got[i], want[i])) << i;
  }
  {
    auto tx = read_tx();
    EXPECT_CODE(tx->list_sealed_values(std::nullopt, 0), ErrorCode::kInvalid);
    // A position in between tables continues with the next one.
    SealedValue between{"b", "", "", ""};
    ASSERT_OK_AND_ASSIGN(auto rest, tx->list_sealed_values(between, 100));
    ASSERT_FALSE(rest.empty());
    EXPECT_EQ(rest.front().table, "users");
    SealedValue end{"zzz", "", "", ""};
    ASSERT_OK_AND_ASSIGN(auto none, tx->list_sealed_values(end, 100));
    EXPECT_TRUE(none.empty());
  }
  {
    auto tx = write_tx();
    for (auto v : want) {
      v.sealed = "rotated-" + v.sealed;
      ASSERT_OK(tx->update_sealed_value(v));
    }
    EXPECT_CODE(tx->update_sealed_value({"assets", "description_sealed", "no-such-asset", "x"}),
                ErrorCode::kNotFound);
    EXPECT_CODE(tx->update_sealed_value({"users", "totp_secret_sealed", "no-such-user", "x"}),
                ErrorCode::kNotFound);
    EXPECT_CODE(tx->update_sealed_value({"assets", "name", assets[0].id, "x"}),
                ErrorCode::kInvalid);
    EXPECT_CODE(tx->update_sealed_value({"persons; DROP TABLE assets", "x", "y", "z"}),
                ErrorCode::kInvalid);
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(auto all, tx->list_sealed_values(std::nullopt, 100));
  ASSERT_EQ(all.size(), want.size());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].sealed, "rotated-" + want[i].sealed);
  ASSERT_OK_AND_ASSIGN(Asset a1, tx->get_asset(assets[1].id));
  EXPECT_EQ(a1.description_sealed, "rotated-sealed-asset-1");
  EXPECT_EQ(a1.version, assets[1].version);  // rotation is not an edit
  ASSERT_OK_AND_ASSIGN(auto u0, tx->get_user(users[0].id));
  EXPECT_EQ(u0->totp_secret_sealed, "rotated-sealed-totp-0");
}

// --- Assets and working groups --------------------------------------------------------

TEST_P(StoreGroups, AssetGroupsAreWrittenReplacedAndListed) {
  WorkingGroup g1 = make_group("One");
  WorkingGroup g2 = make_group("Two");
  WorkingGroup g3 = make_group("Three");
  Asset a = make_asset("A");
  a.working_group_ids = {g1.id, g2.id};
  std::sort(a.working_group_ids.begin(), a.working_group_ids.end());
  Asset b = make_asset("B");
  {
    auto tx = write_tx();
    for (const auto& g : {g1, g2, g3}) ASSERT_OK(tx->insert_group(g));
    ASSERT_OK(tx->insert_asset(a));
    ASSERT_OK(tx->insert_asset(b));
    Asset bad = make_asset("Bad");
    bad.working_group_ids = {"no-such-group"};
    auto rejected = tx->insert_asset(bad);
    ASSERT_FALSE(rejected.ok());
    EXPECT_EQ(rejected.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(rejected.error().field, "working_group_ids");
    EXPECT_CODE(tx->get_asset(bad.id), ErrorCode::kNotFound);
    ASSERT_OK(tx->commit());
  }
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(Asset got, tx->get_asset(a.id));
    EXPECT_EQ(got.working_group_ids, a.working_group_ids);
    ASSERT_OK_AND_ASSIGN(AssetPage page, tx->list_assets(AssetQuery{}));
    ASSERT_EQ(page.items.size(), 2u);
    EXPECT_EQ(page.items[0].working_group_ids, a.working_group_ids);
    EXPECT_TRUE(page.items[1].working_group_ids.empty());
  }
  Asset v2 = a;
  v2.working_group_ids = {g3.id};
  v2.version = 2;
  {
    auto tx = write_tx();
    ASSERT_OK(tx->update_asset(v2, 1));
    Asset bad = v2;
    bad.working_group_ids = {g1.id, "no-such-group"};
    bad.version = 3;
    EXPECT_CODE(tx->update_asset(bad, 2), ErrorCode::kInvalid);
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(Asset got, tx->get_asset(a.id));
  EXPECT_THAT(got.working_group_ids, ElementsAre(g3.id));
  EXPECT_EQ(got.version, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreGroups,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), engine_label);

}  // namespace
}  // namespace isms::store_test
