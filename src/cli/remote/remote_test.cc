// The remote mode's pure parts: decoding API answers back into the structs the local
// mode prints, the list query, the server URL and the token file's text.
#include <gtest/gtest.h>

#include "cli/remote/assets.h"
#include "cli/remote/client.h"
#include "cli/remote/decode.h"

namespace isms::cli {
namespace {

Asset sample_asset() {
  Asset a;
  a.id = "0b7c2a52-6f5d-4a7e-9a55-9f0d3e1c2b4a";
  a.name = "Customer database";
  a.type = AssetType::kCloudService;
  a.description = "Line one\nline two";
  a.owner_id = "5d1c4b3a-2f1e-4d0c-8b9a-7a6f5e4d3c2b";
  a.owner_name = "Anna Berg";
  a.business_function = "Support";
  a.classification = Classification::kConfidential;
  a.confidentiality = 4;
  a.integrity = 3;
  a.availability = 1;
  a.authenticity = 2;
  a.lifecycle_status = LifecycleStatus::kRetiring;
  a.depends_on = {"1a2b3c4d-0000-4000-8000-000000000001"};
  a.working_group_ids = {"9f8e7d6c-0000-4000-8000-000000000002"};
  a.archived_at = "2026-11-28T07:30:00Z";
  a.archive_reason = "replaced";
  a.version = 7;
  a.created_at = "2026-11-01T00:00:00Z";
  a.updated_at = "2026-11-28T07:30:00Z";
  return a;
}

TEST(AssetFromJson, RoundTripsTheWireForm) {
  const Asset a = sample_asset();
  auto decoded = asset_from_json(asset_to_json(a));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(asset_to_json(*decoded), asset_to_json(a));
}

TEST(AssetFromJson, NullsAndHiddenContent) {
  Asset a = sample_asset();
  a.owner_id.reset();
  a.owner_name.reset();
  a.archived_at.reset();
  a.archive_reason.reset();
  a.content_hidden = true;  // a list item of a confidential asset: description null
  Json wire = asset_to_json(a);
  ASSERT_TRUE(wire["description"].is_null());
  auto decoded = asset_from_json(wire);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_TRUE(decoded->content_hidden);
  EXPECT_FALSE(decoded->owner_id.has_value());
  EXPECT_FALSE(decoded->archived());
  EXPECT_EQ(asset_to_json(*decoded), wire);
}

TEST(AssetFromJson, IgnoresUnknownFieldsAndNamesBadOnes) {
  Json wire = asset_to_json(sample_asset());
  wire["added_by_a_newer_server"] = 1;
  EXPECT_TRUE(asset_from_json(wire).ok());

  Json bad = wire;
  bad.erase("name");
  auto missing = asset_from_json(bad);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kMalformed);
  EXPECT_NE(missing.error().message.find("asset.name is missing"), std::string::npos)
      << missing.error().message;

  bad = wire;
  bad["type"] = "spaceship";
  EXPECT_FALSE(asset_from_json(bad).ok());
  bad = wire;
  bad["confidentiality"] = 9;
  EXPECT_FALSE(asset_from_json(bad).ok());
  bad = wire;
  bad["version"] = "7";
  EXPECT_FALSE(asset_from_json(bad).ok());
  EXPECT_FALSE(asset_from_json(Json::array()).ok());
}

TEST(AssetListFromJson, ItemsCursorTotal) {
  Json body = {{"items", Json::array({asset_to_json(sample_asset())})},
               {"next_cursor", "abc"},
               {"total", 12}};
  auto list = asset_list_from_json(body);
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->items.size(), 1u);
  EXPECT_EQ(list->next_cursor, "abc");
  EXPECT_EQ(list->total, 12);

  body["next_cursor"] = nullptr;
  body.erase("total");
  list = asset_list_from_json(body);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->next_cursor, "");
  EXPECT_FALSE(list->total.has_value());
  EXPECT_FALSE(asset_list_from_json(Json{{"items", 3}}).ok());
}

TEST(PeopleFromJson, RoundTrip) {
  Person p;
  p.id = "p1";
  p.name = "Anna Berg";
  p.email = "anna@example.com";
  p.job_title = "CISO";
  p.role_ids = {"r1", "r2"};
  p.employment_status = EmploymentStatus::kEnded;
  p.access_review_required = true;
  p.version = 3;
  p.created_at = "2026-11-01T00:00:00Z";
  auto person = person_from_json(person_to_json(p));
  ASSERT_TRUE(person.ok()) << person.error().message;
  EXPECT_EQ(person_to_json(*person), person_to_json(p));

  Role r;
  r.id = "r1";
  r.key = "ciso";
  r.name = "CISO";
  r.description = "Runs the ISMS";
  r.permissions = {"assets:read", "assets:write"};
  r.builtin = true;
  auto role = role_from_json(role_to_json(r));
  ASSERT_TRUE(role.ok()) << role.error().message;
  EXPECT_EQ(role_to_json(*role), role_to_json(r));

  auto roles = roles_from_json(Json{{"items", Json::array({role_to_json(r)})}});
  ASSERT_TRUE(roles.ok());
  EXPECT_EQ(roles->size(), 1u);
}

TEST(AssetListQuery, OnlyNonDefaultsInApiNames) {
  AssetListRequest request;
  QueryList plain = asset_list_query(request);
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0], (std::pair<std::string, std::string>{"limit", "50"}));

  request.query.types = {"system", "application"};
  request.query.lifecycle_statuses = {"active"};
  request.query.owner_ids = {"o1"};
  request.query.search = "crm";
  request.query.archived = ArchivedFilter::kAll;
  request.query.sort = AssetSort::kOwnerName;
  request.query.descending = true;
  request.query.limit = 7;
  request.query.with_total = true;
  request.cursor = "cur";
  QueryList q = asset_list_query(request);
  QueryList expected = {{"type", "system,application"},
                        {"lifecycle_status", "active"},
                        {"owner_id", "o1"},
                        {"q", "crm"},
                        {"archived", "all"},
                        {"sort", "-owner_name"},
                        {"limit", "7"},
                        {"cursor", "cur"},
                        {"include_total", "true"}};
  EXPECT_EQ(q, expected);
}

TEST(ServerUrl, Normalized) {
  EXPECT_EQ(*normalize_server_url("https://isms.example.com/"), "https://isms.example.com");
  EXPECT_EQ(*normalize_server_url("HTTP://127.0.0.1:8080"), "http://127.0.0.1:8080");
  EXPECT_EQ(*normalize_server_url("https://example.com/isms//"), "https://example.com/isms");
  EXPECT_EQ(*normalize_server_url("https://[::1]:8443"), "https://[::1]:8443");
  for (const char* bad : {"", "example.com", "ftp://example.com", "https://", "https://:80",
                          "https://u:p@example.com", "https://example.com/?x=1",
                          "https://example.com/#top", "https://exa mple.com"}) {
    EXPECT_FALSE(normalize_server_url(bad).ok()) << bad;
  }
}

TEST(ServerUrl, PlainHttpToAnotherHostIsFlagged) {
  EXPECT_TRUE(token_in_clear_to_other_host("http://isms.example.com"));
  EXPECT_TRUE(token_in_clear_to_other_host("http://10.0.0.5:8080/isms"));
  EXPECT_TRUE(token_in_clear_to_other_host("http://[2001:db8::1]:8080"));
  EXPECT_FALSE(token_in_clear_to_other_host("http://127.0.0.1:8080"));
  EXPECT_FALSE(token_in_clear_to_other_host("http://LOCALHOST:8080"));
  EXPECT_FALSE(token_in_clear_to_other_host("http://[::1]:8080"));
  EXPECT_FALSE(token_in_clear_to_other_host("https://isms.example.com"));
}

TEST(TokenText, TrimmedAndChecked) {
  EXPECT_EQ(*parse_token_text("  isms_0123abcd_s3cr-et_x\n", "f"), "isms_0123abcd_s3cr-et_x");
  for (const char* bad : {"", " \n", "isms_", "isms__secret", "isms_id_", "token_id_secret",
                          "isms_id_sec ret", "isms_id_secret\nisms_id_other"}) {
    auto token = parse_token_text(bad, "/path/f");
    ASSERT_FALSE(token.ok()) << bad;
    EXPECT_NE(token.error().message.find("/path/f"), std::string::npos);
    EXPECT_EQ(token.error().message.find("sec ret"), std::string::npos) << "never echoed";
  }
}

TEST(Segment, PercentEncodes) {
  EXPECT_EQ(ApiClient::segment("abc-DEF_1.2~"), "abc-DEF_1.2~");
  EXPECT_EQ(ApiClient::segment("a/b?c d%"), "a%2Fb%3Fc%20d%25");
}

}  // namespace
}  // namespace isms::cli
