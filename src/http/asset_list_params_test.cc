#include "http/asset_list_params.h"

#include <gtest/gtest.h>

#include "http/uri.h"

namespace isms::http {
namespace {

Result<AssetListRequest> parse(const std::string& query) {
  auto params = parse_query(query);
  if (!params.ok()) return params.error();
  return parse_asset_list_query(*params);
}

void expect_malformed(const std::string& query, const std::string& field) {
  auto r = parse(query);
  ASSERT_FALSE(r.ok()) << query;
  EXPECT_EQ(r.error().code, ErrorCode::kMalformed) << query;
  EXPECT_EQ(r.error().field, field) << query;
  EXPECT_FALSE(r.error().message.empty());
}

TEST(AssetListParams, Defaults) {
  auto r = parse("");
  ASSERT_TRUE(r.ok());
  const AssetQuery& q = r->query;
  EXPECT_EQ(q.limit, 50);
  EXPECT_EQ(q.sort, AssetSort::kName);
  EXPECT_FALSE(q.descending);
  EXPECT_EQ(q.archived, ArchivedFilter::kActiveOnly);
  EXPECT_FALSE(q.with_total);
  EXPECT_TRUE(q.types.empty());
  EXPECT_TRUE(q.search.empty());
  EXPECT_TRUE(r->cursor.empty());
}

TEST(AssetListParams, AllParameters) {
  auto r = parse(
      "limit=500&cursor=abc&sort=-updated_at&type=system,cloud_service&classification=public,"
      "customer_data&lifecycle_status=planned&owner_id=p1,p2,p1&q=Kunden+DB&archived=all&"
      "include_total=true");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const AssetQuery& q = r->query;
  EXPECT_EQ(q.limit, 500);
  EXPECT_EQ(r->cursor, "abc");
  EXPECT_EQ(q.sort, AssetSort::kUpdatedAt);
  EXPECT_TRUE(q.descending);
  EXPECT_EQ(q.types, (std::vector<std::string>{"system", "cloud_service"}));
  EXPECT_EQ(q.classifications, (std::vector<std::string>{"public", "customer_data"}));
  EXPECT_EQ(q.lifecycle_statuses, (std::vector<std::string>{"planned"}));
  EXPECT_EQ(q.owner_ids, (std::vector<std::string>{"p1", "p2"}));  // duplicates dropped
  EXPECT_EQ(q.search, "Kunden DB");
  EXPECT_EQ(q.archived, ArchivedFilter::kAll);
  EXPECT_TRUE(q.with_total);
}

TEST(AssetListParams, EverySortKey) {
  const std::pair<const char*, AssetSort> keys[] = {
      {"name", AssetSort::kName},
      {"type", AssetSort::kType},
      {"classification", AssetSort::kClassification},
      {"lifecycle_status", AssetSort::kLifecycleStatus},
      {"owner_name", AssetSort::kOwnerName},
      {"created_at", AssetSort::kCreatedAt},
      {"updated_at", AssetSort::kUpdatedAt},
  };
  for (auto [name, sort] : keys) {
    auto asc = parse(std::string("sort=") + name);
    ASSERT_TRUE(asc.ok()) << name;
    EXPECT_EQ(asc->query.sort, sort);
    EXPECT_FALSE(asc->query.descending);
    auto desc = parse(std::string("sort=-") + name);
    ASSERT_TRUE(desc.ok()) << name;
    EXPECT_EQ(desc->query.sort, sort);
    EXPECT_TRUE(desc->query.descending);
  }
}

TEST(AssetListParams, ArchivedValues) {
  EXPECT_EQ(parse("archived=false")->query.archived, ArchivedFilter::kActiveOnly);
  EXPECT_EQ(parse("archived=true")->query.archived, ArchivedFilter::kArchivedOnly);
  EXPECT_EQ(parse("archived=all")->query.archived, ArchivedFilter::kAll);
}

TEST(AssetListParams, LimitBounds) {
  EXPECT_EQ(parse("limit=1")->query.limit, 1);
  EXPECT_EQ(parse("limit=050")->query.limit, 50);
  for (const char* bad :
       {"limit=0", "limit=501", "limit=-1", "limit=+5", "limit=", "limit=5.0", "limit=1e2",
        "limit=%205", "limit=abc", "limit=99999999999999999999999", "limit=0x10"}) {
    expect_malformed(bad, "limit");
  }
}

TEST(AssetListParams, BadSort) {
  for (const char* bad : {"sort=", "sort=-", "sort=--name", "sort=Name", "sort=id",
                          "sort=description", "sort=name,type", "sort=+name"}) {
    expect_malformed(bad, "sort");
  }
}

TEST(AssetListParams, BadFilters) {
  expect_malformed("type=", "type");
  expect_malformed("type=server", "type");
  expect_malformed("type=system,", "type");
  expect_malformed("type=,system", "type");
  expect_malformed("type=system,,device", "type");
  expect_malformed("type=System", "type");
  expect_malformed("classification=secret", "classification");
  expect_malformed("classification=public,top_secret", "classification");
  expect_malformed("lifecycle_status=dead", "lifecycle_status");
  expect_malformed("owner_id=", "owner_id");
  expect_malformed("owner_id=a,,b", "owner_id");
  std::string many = "owner_id=x0";
  for (int i = 1; i <= 100; ++i) many += ",x" + std::to_string(i);
  expect_malformed(many, "owner_id");
}

TEST(AssetListParams, BadBooleansAndArchived) {
  for (const char* bad : {"archived=", "archived=yes", "archived=1", "archived=TRUE"}) {
    expect_malformed(bad, "archived");
  }
  for (const char* bad : {"include_total=", "include_total=1", "include_total=yes"}) {
    expect_malformed(bad, "include_total");
  }
}

TEST(AssetListParams, SearchLength) {
  EXPECT_TRUE(parse("q=" + std::string(200, 'a')).ok());
  // 200 characters of two bytes each are still 200 characters.
  std::string umlauts;
  for (int i = 0; i < 200; ++i) umlauts += "%C3%A4";
  EXPECT_TRUE(parse("q=" + umlauts).ok());
  expect_malformed("q=" + std::string(201, 'a'), "q");
}

TEST(AssetListParams, UnknownAndDuplicateParameters) {
  expect_malformed("foo=1", "foo");
  expect_malformed("limit=5&Limit=5", "Limit");
  expect_malformed("offset=10", "offset");
  expect_malformed("limit=5&limit=6", "limit");
}

TEST(AssetListParams, EmptyCursorMeansFirstPage) {
  auto r = parse("cursor=");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->cursor.empty());
}

TEST(AssetListParams, DocumentsEveryAcceptedParameter) {
  std::vector<std::string> names;
  for (const auto& p : asset_list_params()) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"limit", "cursor", "sort", "type", "classification",
                                             "lifecycle_status", "owner_id", "q", "archived",
                                             "include_total"}));
}

}  // namespace
}  // namespace isms::http
