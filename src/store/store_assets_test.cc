// Store conformance suite, part 2: the asset register.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "store/store_test_fixture.h"
#include "store/text.h"

namespace isms::store_test {
namespace {

using ::testing::ElementsAre;

class StoreAssets : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreTest::SetUp());
    if (IsSkipped()) return;
    ASSERT_NO_FATAL_FAILURE(open_migrated());
  }

  void insert_all(const std::vector<Person>& persons, const std::vector<Asset>& assets) {
    auto tx = write_tx();
    for (const auto& p : persons) ASSERT_OK(tx->insert_person(p));
    for (const auto& a : assets) ASSERT_OK(tx->insert_asset(a));
    ASSERT_OK(tx->commit());
  }

  // Pages through `query` to the end; checks each page's size and keyset.
  std::vector<Asset> list_all(AssetQuery query, int* pages = nullptr) {
    std::vector<Asset> out;
    auto tx = read_tx();
    for (int n = 1;; ++n) {
      auto page = tx->list_assets(query);
      EXPECT_TRUE(page.ok()) << page.error().message;
      if (!page.ok() || n > 1000) break;
      EXPECT_LE(page->items.size(), static_cast<size_t>(query.limit));
      out.insert(out.end(), page->items.begin(), page->items.end());
      if (!page->next) {
        if (pages) *pages = n;
        break;
      }
      EXPECT_EQ(page->items.size(), static_cast<size_t>(query.limit));
      EXPECT_EQ(page->next->id, page->items.back().id);
      EXPECT_EQ(page->next->sort_value, asset_sort_value(page->items.back(), query.sort));
      query.after = page->next;
    }
    return out;
  }
};

std::vector<std::string> ids(const std::vector<Asset>& assets) {
  std::vector<std::string> out;
  for (const auto& a : assets) out.push_back(a.id);
  return out;
}

// The documented order, written independently of the store: names by (folded name, exact
// name) with the folding of store/text.h, owner likewise with none first, other text by
// bytes, classification by rank, ties by id.
std::pair<std::string, std::string> expected_key(const Asset& a, AssetSort sort) {
  switch (sort) {
    case AssetSort::kName:
      return {store_detail::fold_case(a.name), a.name};
    case AssetSort::kType:
      return {std::string(asset_type_name(a.type)), ""};
    case AssetSort::kClassification:
      return {std::string(1, static_cast<char>('0' + static_cast<int>(a.classification))), ""};
    case AssetSort::kLifecycleStatus:
      return {std::string(lifecycle_status_name(a.lifecycle_status)), ""};
    case AssetSort::kOwnerName:
      if (!a.owner_name) return {"", ""};
      return {store_detail::fold_case(*a.owner_name), *a.owner_name};
    case AssetSort::kCreatedAt:
      return {a.created_at, ""};
    case AssetSort::kUpdatedAt:
      return {a.updated_at, ""};
  }
  return {};
}

std::vector<Asset> sorted(std::vector<Asset> assets, AssetSort sort, bool descending) {
  std::sort(assets.begin(), assets.end(), [&](const Asset& x, const Asset& y) {
    auto kx = std::make_tuple(expected_key(x, sort), x.id);
    auto ky = std::make_tuple(expected_key(y, sort), y.id);
    return descending ? ky < kx : kx < ky;
  });
  return assets;
}

constexpr AssetType kTypes[] = {
    AssetType::kInformation,  AssetType::kSystem,   AssetType::kApplication,
    AssetType::kService,      AssetType::kDevice,   AssetType::kNetwork,
    AssetType::kCloudService, AssetType::kFacility, AssetType::kOther};
constexpr LifecycleStatus kStatuses[] = {LifecycleStatus::kPlanned, LifecycleStatus::kActive,
                                         LifecycleStatus::kRetiring, LifecycleStatus::kRetired};

// A varied register: duplicate names and times, two owners with the same name, no owner,
// upper/lower case, non-ASCII. owner_name is filled as the store would return it.
struct Register {
  std::vector<Person> persons;
  std::vector<Asset> active;
  std::vector<Asset> archived;
};

Register make_register(int active_count, int archived_count) {
  Register r;
  r.persons = {make_person("Anna Berg", "anna1@example.com"),
               make_person("Anna Berg", "anna2@example.com"), make_person("Zoë", "zoe@example.com"),
               make_person("bob", "bob@example.com")};
  const char* names[] = {"CRM",     "crm",          "Alpha", "Ärzte-Portal", "日本語システム",
                         "emoji 🚀", "e\u0301clair", "Zeta",  "CRM",          "Mail server"};
  const char* times[] = {"2026-01-01T00:00:00.000000Z", "2026-01-01T00:00:00.000001Z",
                         "2025-12-31T23:59:59.999999Z", "2026-03-01T10:00:00.000000Z"};
  unsigned seed = 7;
  auto next = [&seed](unsigned n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  for (int i = 0; i < active_count + archived_count; ++i) {
    Asset a = make_asset(names[next(10)]);
    if (next(3) == 0) a.name += " " + std::to_string(i);
    a.type = kTypes[next(9)];
    a.classification = static_cast<Classification>(next(4));
    a.lifecycle_status = kStatuses[next(4)];
    unsigned owner = next(5);
    if (owner < 4) {
      a.owner_id = r.persons[owner].id;
      a.owner_name = r.persons[owner].name;
    }
    a.created_at = times[next(4)];
    a.updated_at = times[next(4)];
    if (i >= active_count) {
      a.archived_at = "2026-02-01T00:00:00.000000Z";
      a.archive_reason = "decommissioned";
      r.archived.push_back(a);
    } else {
      r.active.push_back(a);
    }
  }
  return r;
}

void expect_same_asset(const Asset& got, const Asset& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.type, want.type);
  EXPECT_EQ(got.description, want.description);
  EXPECT_EQ(got.owner_id, want.owner_id);
  EXPECT_EQ(got.owner_name, want.owner_name);
  EXPECT_EQ(got.business_function, want.business_function);
  EXPECT_EQ(got.classification, want.classification);
  EXPECT_EQ(got.confidentiality, want.confidentiality);
  EXPECT_EQ(got.integrity, want.integrity);
  EXPECT_EQ(got.availability, want.availability);
  EXPECT_EQ(got.authenticity, want.authenticity);
  EXPECT_EQ(got.lifecycle_status, want.lifecycle_status);
  EXPECT_EQ(got.depends_on, want.depends_on);
  EXPECT_EQ(got.working_group_ids, want.working_group_ids);
  EXPECT_EQ(got.description_sealed, want.description_sealed);
  EXPECT_EQ(got.archived_at, want.archived_at);
  EXPECT_EQ(got.archive_reason, want.archive_reason);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
}

TEST_P(StoreAssets, InsertAndGetRoundTripEveryField) {
  Person owner = make_person("Anna Berg", "anna@example.com");
  Asset db = make_asset("Customer database");
  Asset crm = make_asset("CRM");
  crm.type = AssetType::kCloudService;
  crm.description = "Line one\nLine two\twith tab";
  crm.owner_id = owner.id;
  crm.owner_name = owner.name;
  crm.business_function = "Sales";
  crm.classification = Classification::kCustomerData;
  crm.confidentiality = 4;
  crm.integrity = 3;
  crm.availability = 1;
  crm.authenticity = 2;
  crm.lifecycle_status = LifecycleStatus::kRetiring;
  crm.depends_on = {db.id};
  crm.description = "";
  crm.description_sealed = "v1.key-1.c2VhbGVk";
  crm.version = 7;
  crm.created_at = "2026-11-28T07:30:00.123456Z";
  crm.updated_at = "2026-11-28T08:00:00.000001Z";
  WorkingGroup sales = make_group("Sales");
  WorkingGroup support = make_group("Support");
  crm.working_group_ids = {sales.id, support.id};
  std::sort(crm.working_group_ids.begin(), crm.working_group_ids.end());
  {
    auto tx = write_tx();
    ASSERT_OK(tx->insert_group(sales));
    ASSERT_OK(tx->insert_group(support));
    ASSERT_OK(tx->commit());
  }
  ASSERT_NO_FATAL_FAILURE(insert_all({owner}, {db, crm}));

  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(Asset got, tx->get_asset(crm.id));
  expect_same_asset(got, crm);
  ASSERT_OK_AND_ASSIGN(Asset plain, tx->get_asset(db.id));
  expect_same_asset(plain, db);
  EXPECT_CODE(tx->get_asset("no-such-asset"), ErrorCode::kNotFound);
}

TEST_P(StoreAssets, DuplicateIdConflictsAndBadReferencesAreInvalid) {
  Asset a = make_asset("A");
  ASSERT_NO_FATAL_FAILURE(insert_all({}, {a}));
  auto tx = write_tx();
  Asset dup = make_asset("Other");
  dup.id = a.id;
  EXPECT_CODE(tx->insert_asset(dup), ErrorCode::kConflict);

  Asset orphan = make_asset("Orphan");
  orphan.owner_id = "no-such-person";
  auto owner_err = tx->insert_asset(orphan);
  ASSERT_FALSE(owner_err.ok());
  EXPECT_EQ(owner_err.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(owner_err.error().field, "owner_id");

  Asset dangling = make_asset("Dangling");
  dangling.depends_on = {a.id, "no-such-asset"};
  auto dep_err = tx->insert_asset(dangling);
  ASSERT_FALSE(dep_err.ok());
  EXPECT_EQ(dep_err.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(dep_err.error().field, "depends_on");
  EXPECT_CODE(tx->get_asset(dangling.id), ErrorCode::kNotFound);  // no half-written row

  Asset selfish = make_asset("Selfish");
  selfish.depends_on = {selfish.id};
  EXPECT_CODE(tx->insert_asset(selfish), ErrorCode::kInvalid);

  Asset bad_level = make_asset("Bad level");
  bad_level.integrity = 9;
  EXPECT_CODE(tx->insert_asset(bad_level), ErrorCode::kInvalid);
  ASSERT_OK(tx->commit());

  auto rtx = read_tx();
  ASSERT_OK_AND_ASSIGN(AssetPage page, rtx->list_assets(AssetQuery{}));
  EXPECT_THAT(ids(page.items), ElementsAre(a.id));
}

TEST_P(StoreAssets, UpdateChecksVersionAndWritesNothingWhenStale) {
  Asset a = make_asset("A");
  Asset b = make_asset("B");
  Asset c = make_asset("C");
  Asset target = make_asset("Target");
  target.depends_on = {a.id};
  ASSERT_NO_FATAL_FAILURE(insert_all({}, {a, b, c, target}));

  Asset v2 = target;
  v2.name = "Target v2";
  v2.depends_on = {b.id, c.id};
  std::sort(v2.depends_on.begin(), v2.depends_on.end());  // the domain keeps them sorted
  v2.version = 2;
  v2.updated_at = "2026-02-01T00:00:00.000000Z";
  v2.archived_at = "2026-02-01T00:00:00.000000Z";
  v2.archive_reason = "replaced";
  {
    auto tx = write_tx();
    ASSERT_OK(tx->update_asset(v2, 1));
    ASSERT_OK(tx->commit());
  }
  Asset stale = target;
  stale.name = "Stale write";
  stale.depends_on = {};
  stale.version = 2;
  {
    auto tx = write_tx();
    EXPECT_CODE(tx->update_asset(stale, 1), ErrorCode::kConflict);
    Asset ghost = make_asset("Ghost");
    EXPECT_CODE(tx->update_asset(ghost, 1), ErrorCode::kNotFound);
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(Asset got, tx->get_asset(target.id));
  expect_same_asset(got, v2);
}

TEST_P(StoreAssets, DependenciesAndExistingIds) {
  Asset a = make_asset("A");
  Asset b = make_asset("B");
  Asset c = make_asset("C");
  c.depends_on = {a.id, b.id};
  std::sort(c.depends_on.begin(), c.depends_on.end());
  Asset d = make_asset("D");
  d.depends_on = {c.id};
  ASSERT_NO_FATAL_FAILURE(insert_all({}, {a, b, c, d}));

  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(AssetPage page, tx->list_assets(AssetQuery{}));
  ASSERT_EQ(page.items.size(), 4u);
  EXPECT_TRUE(page.items[0].depends_on.empty());
  EXPECT_EQ(page.items[2].depends_on, c.depends_on);
  EXPECT_EQ(page.items[3].depends_on, d.depends_on);

  ASSERT_OK_AND_ASSIGN(auto existing, tx->existing_asset_ids({d.id, "missing", a.id, d.id}));
  EXPECT_THAT(existing, ElementsAre(d.id, a.id));
  ASSERT_OK_AND_ASSIGN(auto none, tx->existing_asset_ids({}));
  EXPECT_TRUE(none.empty());
}

TEST_P(StoreAssets, EverySortPagesBothDirectionsWithoutGapsOrDuplicates) {
  Register reg = make_register(40, 6);
  std::vector<Asset> all = reg.active;
  all.insert(all.end(), reg.archived.begin(), reg.archived.end());
  ASSERT_NO_FATAL_FAILURE(insert_all(reg.persons, all));

  for (AssetSort sort :
       {AssetSort::kName, AssetSort::kType, AssetSort::kClassification, AssetSort::kLifecycleStatus,
        AssetSort::kOwnerName, AssetSort::kCreatedAt, AssetSort::kUpdatedAt}) {
    for (bool descending : {false, true}) {
      SCOPED_TRACE("sort " + std::to_string(static_cast<int>(sort)) +
                   (descending ? " desc" : " asc"));
      AssetQuery q;
      q.scope.all = true;  // every classification (the read rule: store_access_test.cc)
      q.sort = sort;
      q.descending = descending;
      q.limit = 17;
      int pages = 0;
      auto got = list_all(q, &pages);
      EXPECT_EQ(pages, 3);
      EXPECT_EQ(ids(got), ids(sorted(reg.active, sort, descending)));
      std::vector<std::string> got_ids = ids(got);
      std::set<std::string> unique(got_ids.begin(), got_ids.end());
      EXPECT_EQ(unique.size(), got.size());

      q.archived = ArchivedFilter::kAll;
      q.limit = 13;
      EXPECT_EQ(ids(list_all(q)), ids(sorted(all, sort, descending)));
      q.archived = ArchivedFilter::kArchivedOnly;
      q.limit = 4;
      EXPECT_EQ(ids(list_all(q)), ids(sorted(reg.archived, sort, descending)));
    }
  }
}

TEST_P(StoreAssets, FiltersOrWithinAndAcrossWithTotals) {
  Register reg = make_register(60, 5);
  std::vector<Asset> all = reg.active;
  all.insert(all.end(), reg.archived.begin(), reg.archived.end());
  ASSERT_NO_FATAL_FAILURE(insert_all(reg.persons, all));

  struct Case {
    std::vector<std::string> types, classifications, statuses, owners;
  };
  std::vector<Case> cases = {
      {{"system", "application"}, {}, {}, {}},
      {{}, {"confidential", "customer_data"}, {}, {}},
      {{}, {}, {"retired"}, {}},
      {{}, {}, {}, {reg.persons[0].id, reg.persons[3].id}},
      {{"system", "application", "service", "device"},
       {"internal", "public"},
       {"active", "planned"},
       {}},
      {{"facility"}, {"customer_data"}, {"retiring"}, {reg.persons[1].id}},
  };
  auto contains = [](const std::vector<std::string>& v, const std::string& x) {
    return v.empty() || std::find(v.begin(), v.end(), x) != v.end();
  };
  for (const auto& c : cases) {
    std::vector<Asset> want;
    for (const auto& a : reg.active) {
      if (contains(c.types, std::string(asset_type_name(a.type))) &&
          contains(c.classifications, std::string(classification_name(a.classification))) &&
          contains(c.statuses, std::string(lifecycle_status_name(a.lifecycle_status))) &&
          contains(c.owners, a.owner_id.value_or(""))) {
        want.push_back(a);
      }
    }
    AssetQuery q;
    q.scope.all = true;
    q.types = c.types;
    q.classifications = c.classifications;
    q.lifecycle_statuses = c.statuses;
    q.owner_ids = c.owners;
    q.limit = 5;
    q.with_total = true;
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(AssetPage first, tx->list_assets(q));
    ASSERT_TRUE(first.total.has_value());
    EXPECT_EQ(*first.total, static_cast<int64_t>(want.size()));
    q.sort = AssetSort::kClassification;
    q.descending = true;
    EXPECT_EQ(ids(list_all(q)), ids(sorted(want, q.sort, true)));
  }
  AssetQuery everything;
  everything.scope.all = true;
  everything.archived = ArchivedFilter::kAll;
  everything.with_total = true;
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(AssetPage page, tx->list_assets(everything));
  EXPECT_EQ(page.total, 65);
  everything.with_total = false;
  ASSERT_OK_AND_ASSIGN(AssetPage no_total, tx->list_assets(everything));
  EXPECT_FALSE(no_total.total.has_value());
}

TEST_P(StoreAssets, SearchIsCaseInsensitiveAndTakesMetacharactersLiterally) {
  std::vector<Asset> assets;
  auto add = [&](const std::string& name, const std::string& description = "",
                 const std::string& function = "") {
    Asset a = make_asset(name);
    a.description = description;
    a.business_function = function;
    assets.push_back(a);
    return a.id;
  };
  std::string percent = add("100% uptime");
  std::string underscore = add("snake_case service");
  std::string backslash = add("back\\slash server");
  std::string quote = add("O'Brien's laptop");
  std::string injection = add("\"; DROP TABLE assets;--");
  std::string plain = add("Plain", "has 100 percent and snakeXcase and backslash");
  std::string doctors = add("Ärzte-Portal", "", "Gesundheit");
  std::string greek = add("ΟΔΟΣ router");
  std::string fields = add("Field", "Edge");
  ASSERT_NO_FATAL_FAILURE(insert_all({}, assets));

  auto search = [&](const std::string& text) {
    AssetQuery q;
    q.search = text;
    q.with_total = true;
    auto got = list_all(q);
    auto tx = read_tx();
    auto page = tx->list_assets(q);
    EXPECT_TRUE(page.ok());
    if (page.ok()) {
      EXPECT_EQ(page->total, static_cast<int64_t>(got.size()));
    }
    std::vector<std::string> out = ids(got);
    std::sort(out.begin(), out.end());
    return out;
  };
  auto one = [](const std::string& id) { return std::vector<std::string>{id}; };
  EXPECT_EQ(search("%"), one(percent));
  EXPECT_EQ(search("_"), one(underscore));
  EXPECT_EQ(search("\\"), one(backslash));
  EXPECT_EQ(search("'"), one(quote));
  EXPECT_EQ(search("\"; DROP TABLE assets;--"), one(injection));
  EXPECT_EQ(search("drop table"), one(injection));
  EXPECT_EQ(search("ÄRZTE"), one(doctors));
  EXPECT_EQ(search("gesundHEIT"), one(doctors));
  EXPECT_EQ(search("οδος"), one(greek));
  EXPECT_EQ(search("SNAKEx"), one(plain));
  EXPECT_TRUE(search("ldedg").empty());  // never across fields
  EXPECT_TRUE(search("no such text").empty());

  AssetQuery too_long;
  too_long.search = std::string(5000, 'x');
  auto tx = read_tx();
  EXPECT_CODE(tx->list_assets(too_long), ErrorCode::kInvalid);
  ASSERT_OK_AND_ASSIGN(AssetPage page, tx->list_assets(AssetQuery{}));
  EXPECT_EQ(page.items.size(), assets.size());  // the table survived
}

TEST_P(StoreAssets, UnicodeRoundTripsAndSortsByFoldedCodePoints) {
  std::vector<Asset> assets;
  for (const char* name : {"🚀 Rocket 👩‍💻", "数据库服务器", "e\u0301clair", "\u00e9clair",
                           "Ñandú", "zebra", "Zebra", "Ωmega"}) {
    Asset a = make_asset(name);
    a.description = std::string("Beschreibung: ") + name + " — 說明 🧪";
    a.business_function = "営業 / Vertrieb";
    assets.push_back(a);
  }
  ASSERT_NO_FATAL_FAILURE(insert_all({}, assets));
  auto tx = read_tx();
  for (const auto& a : assets) {
    ASSERT_OK_AND_ASSIGN(Asset got, tx->get_asset(a.id));
    expect_same_asset(got, a);
  }
  AssetQuery q;
  q.limit = 3;
  EXPECT_EQ(ids(list_all(q)), ids(sorted(assets, AssetSort::kName, false)));
  q.search = "數据";  // not present (different first character)
  EXPECT_TRUE(list_all(q).empty());
  q.search = "据库";
  EXPECT_EQ(list_all(q).size(), 1u);
}

TEST_P(StoreAssets, CountsCoverActiveAssetsOnly) {
  Register reg = make_register(30, 4);
  std::vector<Asset> all = reg.active;
  all.insert(all.end(), reg.archived.begin(), reg.archived.end());
  ASSERT_NO_FATAL_FAILURE(insert_all(reg.persons, all));
  std::map<std::string, int64_t> by_class, by_status;
  int64_t without_owner = 0;
  for (const auto& a : reg.active) {
    ++by_class[std::string(classification_name(a.classification))];
    ++by_status[std::string(lifecycle_status_name(a.lifecycle_status))];
    if (!a.owner_id) ++without_owner;
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(AssetCounts counts, tx->count_assets(scope_all()));
  EXPECT_EQ(counts.total, 30);
  EXPECT_EQ(counts.without_owner, without_owner);
  ASSERT_EQ(counts.by_classification.size(), 4u);
  EXPECT_EQ(counts.by_classification[0].first, "public");
  EXPECT_EQ(counts.by_classification[3].first, "customer_data");
  for (const auto& [name, n] : counts.by_classification) EXPECT_EQ(n, by_class[name]) << name;
  ASSERT_EQ(counts.by_lifecycle_status.size(), 4u);
  for (const auto& [name, n] : counts.by_lifecycle_status) EXPECT_EQ(n, by_status[name]) << name;
}

TEST_P(StoreAssets, RejectsBadQueries) {
  auto tx = read_tx();
  AssetQuery q;
  q.limit = 0;
  EXPECT_CODE(tx->list_assets(q), ErrorCode::kInvalid);
  q.limit = 501;
  EXPECT_CODE(tx->list_assets(q), ErrorCode::kInvalid);
  q.limit = 500;
  ASSERT_OK(tx->list_assets(q));
  q.types = {"spaceship"};
  EXPECT_CODE(tx->list_assets(q), ErrorCode::kInvalid);
  q.types = {};
  q.classifications = {"secret"};
  EXPECT_CODE(tx->list_assets(q), ErrorCode::kInvalid);
  q.classifications = {};
  q.lifecycle_statuses = {"zombie"};
  EXPECT_CODE(tx->list_assets(q), ErrorCode::kInvalid);
  q.lifecycle_statuses = {};
  q.sort = AssetSort::kClassification;
  q.after = AssetKeyset{"Customer database", "some-id"};
  EXPECT_CODE(tx->list_assets(q), ErrorCode::kMalformed);
  q.after = AssetKeyset{"2", "some-id"};
  ASSERT_OK(tx->list_assets(q));
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreAssets,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), engine_label);

}  // namespace
}  // namespace isms::store_test
