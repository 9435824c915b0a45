#include "domain/asset.h"

#include <gtest/gtest.h>

#include <set>

namespace isms {
namespace {

Json parse(const char* text) { return Json::parse(text); }

TEST(AssetPatch, DecodesEveryWritableField) {
  auto p = asset_patch_from_json(parse(R"({"name":"CRM","type":"cloud_service",
    "description":"d","owner_id":"p1","business_function":"Sales","classification":"confidential",
    "confidentiality":3,"integrity":2,"availability":4,"authenticity":1,
    "lifecycle_status":"planned","depends_on":["b","a","b"],"version":7,"justification":"j"})"));
  ASSERT_TRUE(p) << p.error().message;
  Asset a;
  apply_asset_fields(p->fields, &a);
  EXPECT_EQ(a.name, "CRM");
  EXPECT_EQ(a.type, AssetType::kCloudService);
  EXPECT_EQ(a.owner_id, std::optional<std::string>("p1"));
  EXPECT_EQ(a.classification, Classification::kConfidential);
  EXPECT_EQ(a.availability, 4);
  EXPECT_EQ(a.lifecycle_status, LifecycleStatus::kPlanned);
  EXPECT_EQ(a.depends_on, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(p->version, 7);
  EXPECT_EQ(p->justification, "j");
}

TEST(AssetPatch, CollectsEveryFieldError) {
  auto p = asset_patch_from_json(
      parse(R"({"name":5,"confidentiality":"high","depends_on":"x","colour":"red","id":"z"})"));
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kInvalid);
  std::set<std::string> fields;
  for (auto& e : p.error().details) fields.insert(e.field);
  EXPECT_EQ(fields,
            (std::set<std::string>{"name", "confidentiality", "depends_on", "colour", "id"}));
}

TEST(AssetPatch, RejectsNonObjectsAndBadEnums) {
  for (const char* body : {"[]", "\"x\"", "3", "null", "true"}) {
    EXPECT_FALSE(asset_patch_from_json(parse(body))) << body;
  }
  auto p = asset_patch_from_json(parse(R"({"classification":"secret"})"));
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().field, "classification");
  EXPECT_NE(p.error().message.find("customer_data"), std::string::npos);
  EXPECT_FALSE(asset_patch_from_json(parse(R"({"integrity":5})")));
  EXPECT_FALSE(asset_patch_from_json(parse(R"({"integrity":2.5})")));
  EXPECT_FALSE(asset_patch_from_json(parse(R"({"version":0})")));
}

TEST(AssetPatch, ReportsDecodingAndFieldRuleErrorsTogether) {
  auto p = asset_patch_from_json(parse(R"({"name":"","confidentiality":"high"})"));
  ASSERT_FALSE(p);
  std::set<std::string> fields;
  for (auto& e : p.error().details) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "confidentiality"}));
}

TEST(AssetValidation, RejectsC1Controls) {
  Asset a;
  a.name =
      "a\xC2\x85"
      "b";  // U+0085 NEXT LINE
  EXPECT_EQ(validate_asset(a).at(0).field, "name");
  a.name = "caf\xC3\xA9";  // U+00E9 is a letter, not a control
  EXPECT_TRUE(validate_asset(a).empty());
}

TEST(AssetPatch, OwnerCanBeCleared) {
  auto p = asset_patch_from_json(parse(R"({"owner_id":null})"));
  ASSERT_TRUE(p);
  Asset a;
  a.owner_id = "p1";
  apply_asset_fields(p->fields, &a);
  EXPECT_FALSE(a.owner_id.has_value());
}

TEST(AssetValidation, NameRules) {
  Asset a;
  a.name = "  ";
  EXPECT_EQ(validate_asset(a).at(0).field, "name");
  a.name = std::string(201, 'x');
  EXPECT_EQ(validate_asset(a).at(0).field, "name");
  a.name = std::string(200, 'x');
  EXPECT_TRUE(validate_asset(a).empty());
  a.name = "tab\there";
  EXPECT_EQ(validate_asset(a).size(), 1u);
  a.name = "\xF0\x9F\x94\x92 Vault \xE9\x87\x91\xE5\xBA\xAB";  // emoji and CJK are fine
  EXPECT_TRUE(validate_asset(a).empty());
  a.name = "bad \xC3";
  EXPECT_EQ(validate_asset(a).at(0).message, "must be valid UTF-8");
}

TEST(AssetValidation, DependenciesAndLengths) {
  Asset a;
  a.id = "self";
  a.name = "x";
  a.depends_on = {"self"};
  EXPECT_EQ(validate_asset(a).at(0).field, "depends_on");
  a.depends_on.clear();
  a.description = std::string(10001, 'd');
  EXPECT_EQ(validate_asset(a).at(0).field, "description");
  a.description = "multi\nline\tis fine";
  EXPECT_TRUE(validate_asset(a).empty());
}

TEST(AssetUpdate, ClassificationRuleAndArchived) {
  Asset before;
  before.id = "a";
  before.name = "DB";
  before.classification = Classification::kCustomerData;
  Asset after = before;
  after.classification = Classification::kInternal;
  auto s = check_asset_update(before, after, "because");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "classification");
  before.archived_at = "2026-01-01T00:00:00.000000Z";
  EXPECT_EQ(check_asset_update(before, before, "").error().code, ErrorCode::kConflict);
}

TEST(AssetDiff, ListsOnlyChangedFieldsAndJustification) {
  Asset a;
  a.name = "old";
  Asset b = a;
  b.name = "new";
  b.classification = Classification::kPublic;
  Json d = asset_diff(a, b, "approved by CISO");
  EXPECT_EQ(d["name"]["from"], "old");
  EXPECT_EQ(d["name"]["to"], "new");
  EXPECT_EQ(d["classification"]["to"], "public");
  EXPECT_EQ(d["justification"], "approved by CISO");
  EXPECT_FALSE(d.contains("type"));
  EXPECT_TRUE(asset_diff(a, a, "").empty());
}

}  // namespace
}  // namespace isms
