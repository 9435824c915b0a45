// Store conformance suite, part 6: the read rule (domain/access.h) in list_assets and
// count_assets. A register of all four classifications with owners, working groups and
// grants is listed under many ReadScopes, through every access path (sort index, owner
// index, trigram and short search, archived halves merged), and compared with the rule
// evaluated here in C++, written independently of the store: items, totals and counts
// must agree, so no hidden row can show through a total, a filter or a count.
#include <algorithm>
#include <map>
#include <set>

#include "store/store_test_fixture.h"
#include "store/text.h"

namespace isms::store_test {
namespace {

// Everything the rule looks at, as the test wrote it.
struct World {
  std::vector<Person> persons;
  std::vector<WorkingGroup> groups;
  std::vector<Asset> assets;  // owner_name filled as the store returns it
  std::vector<ObjectGrant> grants;
};

bool granted(const World& w, const std::string& asset_id, const std::string& person_id) {
  for (const auto& g : w.grants) {
    if (g.object_type == "asset" && g.object_id == asset_id && g.person_id == person_id) {
      return true;
    }
  }
  return false;
}

bool member_of_asset_group(const World& w, const Asset& a, const std::string& person_id) {
  for (const auto& gid : a.working_group_ids) {
    for (const auto& g : w.groups) {
      if (g.id != gid) continue;
      if (std::find(g.member_ids.begin(), g.member_ids.end(), person_id) != g.member_ids.end()) {
        return true;
      }
    }
  }
  return false;
}

// The read rule of domain/access.h, for a reader of the register.
bool may_read(const ReadScope& s, const Asset& a, const World& w) {
  if (s.all) return true;
  switch (a.classification) {
    case Classification::kPublic:
    case Classification::kInternal:
      return true;
    case Classification::kConfidential:
      if (s.confidential_by_role) return true;
      if (s.person_id.empty()) return false;
      return a.owner_id == s.person_id || member_of_asset_group(w, a, s.person_id) ||
             granted(w, a.id, s.person_id);
    case Classification::kCustomerData:
      return !s.person_id.empty() && granted(w, a.id, s.person_id);
  }
  return false;
}

std::string describe(const ReadScope& s) {
  if (s.all) return "scope all";
  return "scope person '" + s.person_id + "'" + (s.confidential_by_role ? " +role" : "");
}

constexpr Classification kClasses[] = {Classification::kPublic, Classification::kInternal,
                                       Classification::kConfidential,
                                       Classification::kCustomerData};
constexpr LifecycleStatus kStatuses[] = {LifecycleStatus::kPlanned, LifecycleStatus::kActive,
                                         LifecycleStatus::kRetiring, LifecycleStatus::kRetired};
constexpr AssetType kTypes[] = {AssetType::kSystem, AssetType::kApplication, AssetType::kService};

class StoreAccess : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreTest::SetUp());
    if (IsSkipped()) return;
    ASSERT_NO_FATAL_FAILURE(open_migrated());
    ASSERT_NO_FATAL_FAILURE(build_world());
  }

  void build_world() {
    for (int i = 0; i < 6; ++i) {
      w_.persons.push_back(
          make_person("Person " + std::to_string(i), "p" + std::to_string(i) + "@example.com"));
    }
    auto pid = [&](int i) { return w_.persons[i].id; };
    w_.groups = {make_group("G0", {pid(0), pid(1)}), make_group("G1", {pid(2)}),
                 make_group("G2", {pid(1), pid(3)}), make_group("G3")};
    unsigned seed = 11;
    auto next = [&seed](unsigned n) {
      seed = seed * 1103515245u + 12345u;
      return (seed >> 16) % n;
    };
    const char* words[] = {"Gamma ray", "gala", "Delta", "Omega", "Sigma", "Ga"};
    for (int i = 0; i < 160; ++i) {
      Asset a = make_asset(std::string(words[next(6)]) + " " + std::to_string(i));
      a.description = next(3) == 0 ? "holds GAMMA data" : "plain";
      a.classification = kClasses[next(4)];
      a.lifecycle_status = kStatuses[next(4)];
      a.type = kTypes[next(3)];
      unsigned owner = next(7);
      if (owner < 6) {
        a.owner_id = pid(static_cast<int>(owner));
        a.owner_name = w_.persons[owner].name;
      }
      for (const auto& g : w_.groups) {
        if (next(4) == 0) a.working_group_ids.push_back(g.id);
      }
      std::sort(a.working_group_ids.begin(), a.working_group_ids.end());
      // Unique times: the created_at order is total without the id tie-break.
      char at[40];
      std::snprintf(at, sizeof at, "2026-01-01T00:%02d:%02d.000000Z", i / 60, i % 60);
      a.created_at = at;
      a.updated_at = at;
      if (next(8) == 0) {
        a.archived_at = "2026-02-01T00:00:00.000000Z";
        a.archive_reason = "gone";
      }
      w_.assets.push_back(a);
    }
    for (int i = 0; i < 60; ++i) {
      ObjectGrant g;
      g.object_type = "asset";
      g.object_id = w_.assets[next(160)].id;
      g.person_id = pid(static_cast<int>(next(6)));
      g.granted_by = "user:admin";
      g.granted_at = "2026-01-02T00:00:00.000000Z";
      if (granted(w_, g.object_id, g.person_id)) continue;
      w_.grants.push_back(g);
    }
    auto tx = write_tx();
    for (const auto& p : w_.persons) ASSERT_OK(tx->insert_person(p));
    for (const auto& g : w_.groups) ASSERT_OK(tx->insert_group(g));
    for (const auto& a : w_.assets) ASSERT_OK(tx->insert_asset(a));
    for (const auto& g : w_.grants) ASSERT_OK(tx->insert_grant(g));
    // Grants on another register with the same object ids open nothing here.
    for (int i = 0; i < 20; ++i) {
      ObjectGrant g;
      g.object_type = "risk";
      g.object_id = w_.assets[i].id;
      g.person_id = pid(i % 6);
      g.granted_by = "user:admin";
      g.granted_at = "2026-01-02T00:00:00.000000Z";
      ASSERT_OK(tx->insert_grant(g));
    }
    ASSERT_OK(tx->commit());
  }

  std::vector<ReadScope> scopes() const {
    std::vector<ReadScope> out;
    out.push_back(scope_all());
    out.emplace_back();  // anonymous reader: public/internal
    ReadScope role_only;
    role_only.confidential_by_role = true;
    out.push_back(role_only);
    for (const auto& p : w_.persons) {
      for (bool role : {false, true}) {
        ReadScope s;
        s.person_id = p.id;
        s.confidential_by_role = role;
        out.push_back(s);
      }
    }
    ReadScope ghost;
    ghost.person_id = "no-such-person";
    out.push_back(ghost);
    return out;
  }

  // What `q` must return under the rule, in created_at order (q.sort must be kCreatedAt
  // for the order to be checked; otherwise only the set is compared).
  std::vector<std::string> expected(const AssetQuery& q) const {
    auto in = [](const std::vector<std::string>& filter, const std::string& v) {
      return filter.empty() || std::find(filter.begin(), filter.end(), v) != filter.end();
    };
    std::vector<const Asset*> rows;
    for (const auto& a : w_.assets) {
      if (q.archived == ArchivedFilter::kActiveOnly && a.archived()) continue;
      if (q.archived == ArchivedFilter::kArchivedOnly && !a.archived()) continue;
      if (!in(q.types, std::string(asset_type_name(a.type)))) continue;
      if (!in(q.classifications, std::string(classification_name(a.classification)))) continue;
      if (!in(q.lifecycle_statuses, std::string(lifecycle_status_name(a.lifecycle_status)))) {
        continue;
      }
      if (!q.owner_ids.empty() && !in(q.owner_ids, a.owner_id.value_or("\x01none"))) continue;
      if (!q.search.empty()) {
        std::string needle = store_detail::fold_case(q.search);
        bool hit = false;
        for (const auto* f : {&a.name, &a.description, &a.business_function}) {
          if (store_detail::fold_case(*f).find(needle) != std::string::npos) hit = true;
        }
        if (!hit) continue;
      }
      if (!may_read(q.scope, a, w_)) continue;
      rows.push_back(&a);
    }
    std::sort(rows.begin(), rows.end(),
              [](const Asset* x, const Asset* y) { return x->created_at < y->created_at; });
    if (q.descending) std::reverse(rows.begin(), rows.end());
    std::vector<std::string> ids;
    for (const auto* a : rows) ids.push_back(a->id);
    return ids;
  }

  // Pages through q (with_total on every page) and checks items, order and totals.
  void check_query(AssetQuery q, const std::string& label) {
    SCOPED_TRACE(label);
    std::vector<std::string> want = expected(q);
    q.with_total = true;
    auto tx = read_tx();
    std::vector<std::string> got;
    for (int n = 0; n < 200; ++n) {
      auto page = tx->list_assets(q);
      ASSERT_TRUE(page.ok()) << page.error().message;
      ASSERT_TRUE(page->total.has_value());
      EXPECT_EQ(*page->total, static_cast<int64_t>(want.size()));
      for (const auto& a : page->items) got.push_back(a.id);
      if (!page->next) break;
      q.after = page->next;
    }
    if (q.sort == AssetSort::kCreatedAt) {
      EXPECT_EQ(got, want);
    } else {
      std::sort(got.begin(), got.end());
      std::sort(want.begin(), want.end());
      EXPECT_EQ(got, want);
    }
  }

  void check_counts(const ReadScope& scope) {
    std::map<std::string, int64_t> by_class, by_status;
    int64_t total = 0, without_owner = 0;
    for (const auto& a : w_.assets) {
      if (a.archived() || !may_read(scope, a, w_)) continue;
      ++total;
      ++by_class[std::string(classification_name(a.classification))];
      ++by_status[std::string(lifecycle_status_name(a.lifecycle_status))];
      if (!a.owner_id) ++without_owner;
    }
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(AssetCounts counts, tx->count_assets(scope));
    EXPECT_EQ(counts.total, total);
    EXPECT_EQ(counts.without_owner, without_owner);
    ASSERT_EQ(counts.by_classification.size(), 4u);
    for (const auto& [name, n] : counts.by_classification) EXPECT_EQ(n, by_class[name]) << name;
    ASSERT_EQ(counts.by_lifecycle_status.size(), 4u);
    for (const auto& [name, n] : counts.by_lifecycle_status) EXPECT_EQ(n, by_status[name]) << name;
  }

  // Every access path for one scope.
  void check_scope(const ReadScope& scope) {
    SCOPED_TRACE(describe(scope));
    AssetQuery q;
    q.scope = scope;
    q.sort = AssetSort::kCreatedAt;
    q.limit = 9;
    check_query(q, "active, created_at");
    q.descending = true;
    q.archived = ArchivedFilter::kAll;
    check_query(q, "all archive states (merged halves), -created_at");
    q.descending = false;
    q.archived = ArchivedFilter::kArchivedOnly;
    check_query(q, "archived only");
    q.archived = ArchivedFilter::kActiveOnly;
    q.classifications = {"confidential", "customer_data"};
    check_query(q, "classification filter");
    q.classifications = {"customer_data"};
    q.types = {"system", "service"};
    check_query(q, "customer_data and type filter");
    q = {};
    q.scope = scope;
    q.sort = AssetSort::kCreatedAt;
    q.limit = 6;
    q.owner_ids = {w_.persons[0].id, w_.persons[2].id};
    check_query(q, "owner filter (owner index)");
    q.search = "gamma";
    check_query(q, "owner filter and search");
    q.owner_ids = {};
    check_query(q, "search, 3+ characters (trigram index)");
    q.search = "GA";
    check_query(q, "search, 2 characters (scan)");
    q.search = "";
    q.lifecycle_statuses = {"active", "retiring"};
    check_query(q, "lifecycle filter");
    q = {};
    q.scope = scope;
    q.sort = AssetSort::kName;
    q.descending = true;
    q.limit = 11;
    check_query(q, "-name");
    q.sort = AssetSort::kOwnerName;
    q.archived = ArchivedFilter::kAll;
    check_query(q, "owner_name, all archive states");
    q.sort = AssetSort::kClassification;
    q.archived = ArchivedFilter::kActiveOnly;
    check_query(q, "classification sort");
    ASSERT_NO_FATAL_FAILURE(check_counts(scope));
  }

  World w_;
};

TEST_P(StoreAccess, TheWorldCoversEveryCaseOfTheRule) {
  // Sanity of the data, so the comparisons below mean something.
  int by_owner = 0, by_group = 0, by_grant_only = 0, customer_granted = 0, customer_owned = 0;
  for (const auto& a : w_.assets) {
    for (const auto& p : w_.persons) {
      if (a.classification == Classification::kConfidential) {
        if (a.owner_id == p.id) ++by_owner;
        if (member_of_asset_group(w_, a, p.id)) ++by_group;
        if (granted(w_, a.id, p.id) && a.owner_id != p.id && !member_of_asset_group(w_, a, p.id)) {
          ++by_grant_only;
        }
      }
      if (a.classification == Classification::kCustomerData) {
        if (granted(w_, a.id, p.id)) ++customer_granted;
        if (a.owner_id == p.id && !granted(w_, a.id, p.id)) ++customer_owned;
      }
    }
  }
  EXPECT_GT(by_owner, 3);
  EXPECT_GT(by_group, 3);
  EXPECT_GT(by_grant_only, 2);
  EXPECT_GT(customer_granted, 2);
  EXPECT_GT(customer_owned, 2);  // owners without a grant must not see these
}

TEST_P(StoreAccess, ListsTotalsAndCountsFollowTheRuleForEveryScope) {
  for (const auto& scope : scopes()) ASSERT_NO_FATAL_FAILURE(check_scope(scope));
}

TEST_P(StoreAccess, NothingHiddenLeaksThroughTotalsOrCounts) {
  ReadScope anonymous;
  auto tx = read_tx();
  AssetQuery q;
  q.scope = anonymous;
  q.classifications = {"confidential", "customer_data"};
  q.archived = ArchivedFilter::kAll;
  q.with_total = true;
  ASSERT_OK_AND_ASSIGN(AssetPage page, tx->list_assets(q));
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.total, 0);
  q.search = "gamma";
  ASSERT_OK_AND_ASSIGN(AssetPage searched, tx->list_assets(q));
  EXPECT_TRUE(searched.items.empty());
  EXPECT_EQ(searched.total, 0);
  ASSERT_OK_AND_ASSIGN(AssetCounts counts, tx->count_assets(anonymous));
  EXPECT_EQ(counts.by_classification[2].second, 0);
  EXPECT_EQ(counts.by_classification[3].second, 0);
  // The role opens confidential assets, never customer data without a grant.
  ReadScope role_only;
  role_only.confidential_by_role = true;
  ASSERT_OK_AND_ASSIGN(AssetCounts ciso, tx->count_assets(role_only));
  EXPECT_GT(ciso.by_classification[2].second, 0);
  EXPECT_EQ(ciso.by_classification[3].second, 0);
  // A person id that is an SQL fragment is just a value.
  ReadScope injected;
  injected.person_id = "' OR 1=1 --";
  ASSERT_OK_AND_ASSIGN(AssetCounts none, tx->count_assets(injected));
  EXPECT_EQ(none.by_classification[2].second, 0);
  EXPECT_EQ(none.by_classification[3].second, 0);
}

TEST_P(StoreAccess, ChangesToGrantsGroupsAndOwnersApplyAtOnce) {
  // Revoke half the grants, move members between groups, change some assets' groups and
  // owners; the store follows every change in the same read.
  {
    auto tx = write_tx();
    std::vector<ObjectGrant> kept;
    for (size_t i = 0; i < w_.grants.size(); ++i) {
      const auto& g = w_.grants[i];
      if (i % 2 == 0) {
        ASSERT_OK(tx->delete_grant(g.object_type, g.object_id, g.person_id));
      } else {
        kept.push_back(g);
      }
    }
    w_.grants = kept;
    WorkingGroup g0 = w_.groups[0];
    g0.member_ids = {w_.persons[4].id};
    g0.version = 2;
    ASSERT_OK(tx->update_group(g0, 1));
    w_.groups[0] = g0;
    for (size_t i = 0; i < w_.assets.size(); i += 5) {
      Asset a = w_.assets[i];
      a.working_group_ids = {w_.groups[1].id};
      a.owner_id = w_.persons[5].id;
      a.owner_name = w_.persons[5].name;
      a.version = 2;
      ASSERT_OK(tx->update_asset(a, 1));
      w_.assets[i] = a;
    }
    ASSERT_OK(tx->commit());
  }
  for (int i : {0, 1, 2, 4, 5}) {
    ReadScope s;
    s.person_id = w_.persons[i].id;
    ASSERT_NO_FATAL_FAILURE(check_scope(s));
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreAccess,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), engine_label);

}  // namespace
}  // namespace isms::store_test
