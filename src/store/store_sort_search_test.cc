// Store conformance suite, part 4: case-insensitive text sorting (folded keys), the
// trigram search paths and migration 2, which adds both to existing databases.
#include <algorithm>
#include <set>

#include "store/store_test_fixture.h"
#include "store/text.h"

namespace isms::store_test {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

class StoreSortSearch : public StoreTest {
 protected:
  void insert_all(const std::vector<Person>& persons, const std::vector<Asset>& assets) {
    auto tx = write_tx();
    for (const auto& p : persons) ASSERT_OK(tx->insert_person(p));
    for (const auto& a : assets) ASSERT_OK(tx->insert_asset(a));
    ASSERT_OK(tx->commit());
  }

  // Pages through `query` to the end, checking that each keyset is asset_sort_value.
  std::vector<Asset> list_all(AssetQuery query) {
    std::vector<Asset> out;
    auto tx = read_tx();
    for (int n = 1; n < 1000; ++n) {
      auto page = tx->list_assets(query);
      EXPECT_TRUE(page.ok()) << page.error().message;
      if (!page.ok()) break;
      out.insert(out.end(), page->items.begin(), page->items.end());
      if (!page->next) break;
      EXPECT_EQ(page->next->sort_value, asset_sort_value(page->items.back(), query.sort));
      query.after = page->next;
    }
    return out;
  }

  std::vector<std::string> names(AssetQuery query) {
    std::vector<std::string> out;
    for (const auto& a : list_all(std::move(query))) out.push_back(a.name);
    return out;
  }

  std::vector<std::string> owners(AssetQuery query) {
    std::vector<std::string> out;
    for (const auto& a : list_all(std::move(query))) out.push_back(a.owner_name.value_or("-"));
    return out;
  }

  // Sorted ids of every asset (all archive states) matching `text`, read page by page.
  std::vector<std::string> search(const std::string& text) {
    AssetQuery q;
    q.search = text;
    q.archived = ArchivedFilter::kAll;
    q.limit = 2;
    std::vector<std::string> out;
    for (const auto& a : list_all(q)) out.push_back(a.id);
    std::sort(out.begin(), out.end());
    q.with_total = true;
    auto tx = read_tx();
    auto page = tx->list_assets(q);
    EXPECT_TRUE(page.ok());
    if (page.ok()) {
      EXPECT_EQ(page->total, static_cast<int64_t>(out.size())) << text;
    }
    return out;
  }
};

// The search contract, independently of the store: a case-insensitive substring of one
// of the three fields.
std::vector<std::string> expected_matches(const std::vector<Asset>& assets,
                                          const std::string& text) {
  std::string needle = store_detail::fold_case(text);
  std::vector<std::string> out;
  for (const auto& a : assets) {
    for (const auto* field : {&a.name, &a.description, &a.business_function}) {
      if (store_detail::fold_case(*field).find(needle) != std::string::npos) {
        out.push_back(a.id);
        break;
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Asset named(const std::string& name, const std::string& description = "",
            const std::string& function = "") {
  Asset a = make_asset(name);
  a.description = description;
  a.business_function = function;
  return a;
}

TEST_P(StoreSortSearch, NameSortIgnoresCaseThenExactTextThenId) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  std::vector<Asset> assets;
  for (const char* n : {"Zebra", "apple", "Äpfel", "banana", "Apple", "apple", "Banana", "äpfel",
                        "app", "Apples"}) {
    assets.push_back(named(n));
  }
  assets[5].archived_at = "2026-02-01T00:00:00.000000Z";  // one "apple" is archived
  ASSERT_NO_FATAL_FAILURE(insert_all({}, assets));
  // Folded first ("app" < "apple" < "apples"), upper before lower case on a tie, and the
  // folded "ä" (U+00E4) after every ASCII letter: code point order, not a locale's.
  const std::vector<std::string> want = {"app",    "Apple",  "apple", "apple", "Apples",
                                         "Banana", "banana", "Zebra", "Äpfel", "äpfel"};
  AssetQuery q;
  q.archived = ArchivedFilter::kAll;
  for (int limit : {1, 2, 3, 50}) {
    q.limit = limit;
    q.descending = false;
    EXPECT_THAT(names(q), ElementsAreArray(want)) << "limit " << limit;
    q.descending = true;
    EXPECT_THAT(names(q), ElementsAreArray(want.rbegin(), want.rend())) << "limit " << limit;
  }
  // The two "apple" rows are ordered by id.
  auto all = list_all(q);
  std::vector<std::string> apple_ids;
  for (const auto& a : all) {
    if (a.name == "apple") apple_ids.push_back(a.id);
  }
  ASSERT_EQ(apple_ids.size(), 2u);
  EXPECT_GT(apple_ids[0], apple_ids[1]);  // q is descending
  q = {};
  q.limit = 4;
  EXPECT_THAT(names(q), ElementsAre("app", "Apple", "apple", "Apples", "Banana", "banana", "Zebra",
                                    "Äpfel", "äpfel"));
}

TEST_P(StoreSortSearch, OwnerSortIgnoresCaseAndFollowsRenames) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  std::vector<Person> persons = {
      make_person("bob", "bob@example.com"), make_person("Alice", "alice1@example.com"),
      make_person("Émile", "emile@example.com"), make_person("alice", "alice2@example.com")};
  std::vector<Asset> assets;
  for (size_t i = 0; i <= persons.size(); ++i) {
    Asset a = named("asset " + std::to_string(i));
    if (i < persons.size()) a.owner_id = persons[i].id;
    assets.push_back(a);
  }
  ASSERT_NO_FATAL_FAILURE(insert_all(persons, assets));
  AssetQuery q;
  q.sort = AssetSort::kOwnerName;
  q.limit = 2;
  EXPECT_THAT(owners(q), ElementsAre("-", "Alice", "alice", "bob", "Émile"));
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(auto listed, tx->list_persons());
    std::vector<std::string> person_names;
    for (const auto& p : listed) person_names.push_back(p.name);
    EXPECT_THAT(person_names, ElementsAre("Alice", "alice", "bob", "Émile"));
  }

  // A rename carries the new key to the owner sort through the schema's trigger.
  ASSERT_OK(store_testing::rename_person(url_, persons[2].id, "aaron", true));
  EXPECT_THAT(owners(q), ElementsAre("-", "aaron", "Alice", "alice", "bob"));
  q.descending = true;
  EXPECT_THAT(owners(q), ElementsAre("bob", "alice", "Alice", "aaron", "-"));
  // A rename that does not set the key would leave the sort stale: refused.
  auto stale = store_testing::rename_person(url_, persons[0].id, "Zed", false);
  ASSERT_FALSE(stale.ok());
  EXPECT_THAT(stale.error().message, HasSubstr("name_sort"));
  EXPECT_THAT(owners(q), ElementsAre("bob", "alice", "Alice", "aaron", "-"));
}

TEST_P(StoreSortSearch, ShortAndMetacharacterTermsMatchLiterallyOnBothPaths) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  std::vector<Asset> assets = {
      named("100% uptime", "a%b and 50%"),
      named("snake_case", "x_y"),
      named("back\\slash", "q\\z"),
      named("O'Brien's laptop", "it's"),
      named("say \"hi\"", "\"quoted\""),
      named("axb", "xay qaz 100 percent", "50 percent"),
      named("ÉCOLE", "Straße", "ΟΔΟΣ"),
      named("ab", "", "Ops"),
      named("Field", "Edge"),
  };
  assets.back().archived_at = "2026-02-01T00:00:00.000000Z";
  ASSERT_NO_FATAL_FAILURE(insert_all({}, assets));
  // 1 and 2 characters: scanned. 3 and more: trigram index, then the same LIKE.
  for (std::string term : {"%",
                           "_",
                           "\\",
                           "'",
                           "\"",
                           "a",
                           "é",
                           "É",
                           "ß",
                           "%b",
                           "_y",
                           "\\z",
                           "'s",
                           "\"h",
                           "ab",
                           "éc",
                           "a%b",
                           "x_y",
                           "q\\z",
                           "it's",
                           "\"hi\"",
                           "A%B",
                           "a_b",
                           "x%y",
                           "q_z",
                           "100%",
                           "0%",
                           "50%",
                           "%%",
                           "%%%",
                           "___",
                           "\\\\",
                           "\\s",
                           "\\sl",
                           "O'B",
                           "'s l",
                           "ÉCO",
                           "école",
                           "STRASSE",
                           "straße",
                           "οδος",
                           "ldedg",
                           "eld",
                           "ld\x1f"
                           "ed",
                           "percent",
                           "ops",
                           "Ops",
                           "axb",
                           "no such text"}) {
    SCOPED_TRACE("term '" + term + "'");
    EXPECT_EQ(search(term), expected_matches(assets, term));
  }
  // Sanity: the oracle finds what it should, on both paths.
  EXPECT_EQ(search("a%b").size(), 1u);
  EXPECT_EQ(search("ab").size(), 1u);
  EXPECT_EQ(search("%").size(), 1u);
  EXPECT_EQ(search("percent").size(), 1u);
}

TEST_P(StoreSortSearch, SearchIndexFollowsUpdates) {
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  Asset a = named("Payroll server", "pays people", "HR");
  Asset b = named("Mail relay", "", "IT");
  ASSERT_NO_FATAL_FAILURE(insert_all({}, {a, b}));
  EXPECT_THAT(search("payroll"), ElementsAre(a.id));
  Asset renamed = a;
  renamed.name = "Salary system";
  renamed.version = 2;
  {
    auto tx = write_tx();
    ASSERT_OK(tx->update_asset(renamed, 1));
    ASSERT_TRUE(search("salary").empty()) << "not committed yet";
    ASSERT_OK(tx->commit());
  }
  EXPECT_TRUE(search("payroll").empty());
  EXPECT_THAT(search("SALARY"), ElementsAre(a.id));
  EXPECT_THAT(search("pays"), ElementsAre(a.id));
  AssetQuery q;
  EXPECT_THAT(names(q), ElementsAre("Mail relay", "Salary system"));
  {
    auto tx = write_tx();  // rolled back: neither the row nor the index changes
    Asset again = renamed;
    again.name = "Ledger box";
    again.version = 3;
    ASSERT_OK(tx->update_asset(again, 2));
  }
  EXPECT_TRUE(search("ledger").empty());
  EXPECT_THAT(search("salary"), ElementsAre(a.id));
  ASSERT_OK(store_testing::check_search_index(url_));
}

TEST_P(StoreSortSearch, MigratesVersion1DatabaseWithAssets) {
  store_testing::stop_migrations_after(1);
  ASSERT_NO_FATAL_FAILURE(open_migrated());
  ASSERT_OK_AND_ASSIGN(int v1, store_->schema_version());
  ASSERT_EQ(v1, 1);
  std::vector<Person> persons = {make_person("zoë", "zoe@example.com"),
                                 make_person("Adam", "adam@example.com")};
  std::vector<Asset> assets;
  for (const char* n : {"zeta", "Alpha", "ÄRZTE", "beta", "Gamma ray", "alpha"}) {
    Asset a = named(n, std::string("describes ") + n, "Finance");
    if (assets.size() % 3 != 2) {
      a.owner_id = persons[assets.size() % 3].id;
      a.owner_name = persons[assets.size() % 3].name;
    }
    assets.push_back(a);
  }
  assets[3].archived_at = "2026-02-01T00:00:00.000000Z";
  ASSERT_OK(store_testing::insert_v1_rows(url_, persons, assets));

  store_testing::clear_extra_migrations();  // the build's migrations again
  ASSERT_OK_AND_ASSIGN(MigrationReport report, store_->migrate());
  EXPECT_EQ(report.from_version, 1);
  EXPECT_EQ(report.to_version, Store::latest_schema_version());

  AssetQuery q;
  q.archived = ArchivedFilter::kAll;
  q.limit = 2;
  EXPECT_THAT(names(q), ElementsAre("Alpha", "alpha", "beta", "Gamma ray", "zeta", "ÄRZTE"));
  q.sort = AssetSort::kOwnerName;
  EXPECT_THAT(owners(q), ElementsAre("-", "-", "Adam", "Adam", "zoë", "zoë"));
  for (std::string term : {"alpha", "ÄRZ", "ray", "a", "äR", "describes", "finance", "zz"}) {
    SCOPED_TRACE(term);
    EXPECT_EQ(search(term), expected_matches(assets, term));
  }
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(auto listed, tx->list_persons());
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].name, "Adam");
  }
  // Rows written after the migration join the same order and index.
  Asset later = named("ALPHA 2", "added later");
  later.owner_id = persons[1].id;
  ASSERT_NO_FATAL_FAILURE(insert_all({}, {later}));
  q = {};
  q.limit = 3;
  EXPECT_THAT(names(q), ElementsAre("Alpha", "alpha", "ALPHA 2", "Gamma ray", "zeta", "ÄRZTE"));
  EXPECT_THAT(search("alpha 2"), ElementsAre(later.id));
  ASSERT_OK(store_testing::check_search_index(url_));
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreSortSearch,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), engine_label);

}  // namespace
}  // namespace isms::store_test
