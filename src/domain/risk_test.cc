#include "domain/risk.h"

#include <gtest/gtest.h>

#include <set>

namespace isms {
namespace {

std::set<std::string> fields_of(const Error& e) {
  std::set<std::string> out;
  for (const auto& d : e.details) out.insert(d.field);
  return out;
}

RiskRating rating(int l, int c, int i = 0, int a = 0, int u = 0) {
  RiskRating r;
  r.likelihood = l;
  r.impact_confidentiality = c;
  r.impact_integrity = i;
  r.impact_availability = a;
  r.impact_authenticity = u;
  return r;
}

Risk sample(const RiskMethod& m) {
  Risk r;
  r.id = "r1";
  r.ref = "R-0001";
  r.title = "Customer database stolen";
  r.asset_ids = {"a1"};
  r.threat_id = "t1";
  r.vulnerability_id = "v1";
  r.inherent = rating(4, 4, 2);
  r.residual = rating(2, 3);
  r.inherent_level = risk_level_rank(m, 4, 4);
  r.residual_level = risk_level_rank(m, 2, 3);
  r.treatment = Treatment::kMitigate;
  r.control_ids = {"c1"};
  return r;
}

TEST(RiskRating, ImpactIsTheHighestPropertyAndAtLeastOne) {
  EXPECT_EQ(rating(1, 2, 4, 3, 0).impact(), 4);
  EXPECT_EQ(rating(1, 0, 0, 0, 5).impact(), 5);
  EXPECT_EQ(rating(1, 0).impact(), 1);
}

TEST(RiskFlags, DerivedFromRiskMethodAndDate) {
  RiskMethod m = default_risk_method();
  Risk r = sample(m);
  RiskFlags f = risk_flags(r, m, 1, "2026-05-01");
  EXPECT_FALSE(f.residual_above_inherent);
  EXPECT_FALSE(f.above_appetite);
  EXPECT_FALSE(f.needs_acceptance);
  EXPECT_FALSE(f.mitigation_without_controls);
  EXPECT_FALSE(f.rated_under_old_method);
  EXPECT_FALSE(f.review_overdue);

  r.control_ids.clear();
  r.residual = rating(5, 5);
  r.residual_level = risk_level_rank(m, 5, 5);
  r.next_review_on = "2026-04-30";
  f = risk_flags(r, m, 2, "2026-05-01");
  EXPECT_TRUE(f.residual_above_inherent);
  EXPECT_TRUE(f.above_appetite);
  EXPECT_TRUE(f.needs_acceptance);
  EXPECT_TRUE(f.mitigation_without_controls);
  EXPECT_TRUE(f.rated_under_old_method);
  EXPECT_TRUE(f.review_overdue);

  // A valid acceptance of this level satisfies the need; once expired it does not.
  r.acceptance = RiskAcceptance{
      "p1", "Pat", "ceo", "2026-01-01T00:00:00Z", "2026-12-31", "ok", r.residual_level, 1};
  f = risk_flags(r, m, 1, "2026-05-01");
  EXPECT_FALSE(f.needs_acceptance);
  EXPECT_FALSE(f.acceptance_expired);
  f = risk_flags(r, m, 1, "2027-01-01");
  EXPECT_TRUE(f.needs_acceptance);
  EXPECT_TRUE(f.acceptance_expired);

  // Treatment accept within the appetite still needs an acceptance.
  Risk low = sample(m);
  low.treatment = Treatment::kAccept;
  EXPECT_TRUE(risk_flags(low, m, 1, "2026-05-01").needs_acceptance);
}

TEST(RiskAcceptanceAuthority, Matrix) {
  RiskMethod m = default_risk_method();  // appetite: medium (1)
  // Within the appetite: the owner, a holder of risks:write, or top management.
  EXPECT_TRUE(check_acceptance_authority(m, 1, true, false, false, false));
  EXPECT_TRUE(check_acceptance_authority(m, 0, false, true, false, false));
  EXPECT_TRUE(check_acceptance_authority(m, 1, false, false, true, true));
  auto none = check_acceptance_authority(m, 1, false, false, true, false);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kForbidden);
  // Above it: only risks:accept together with the acceptance role.
  EXPECT_TRUE(check_acceptance_authority(m, 2, false, false, true, true));
  EXPECT_TRUE(check_acceptance_authority(m, 3, true, true, true, true));
  for (auto [owner, write, accept, role] :
       {std::tuple{true, true, false, true}, std::tuple{true, true, true, false},
        std::tuple{false, false, false, true}}) {
    auto s = check_acceptance_authority(m, 2, owner, write, accept, role);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::kForbidden);
    EXPECT_NE(s.error().message.find("\"ceo\""), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().message.find("High"), std::string::npos);
  }
}

TEST(RiskValidation, AgainstTheMethodScales) {
  RiskMethod m = default_risk_method();
  Risk r = sample(m);
  EXPECT_TRUE(validate_risk(r, m).empty());
  r.asset_ids.clear();
  r.threat_id.clear();
  r.inherent = rating(6, 0, 0, 0, 0);
  r.residual = rating(1, 6);
  r.next_review_on = "2026-02-30";
  auto errors = validate_risk(r, m);
  std::set<std::string> f;
  for (const auto& e : errors) f.insert(e.field);
  EXPECT_EQ(
      f, (std::set<std::string>{"asset_ids", "threat_id", "inherent.likelihood", "inherent.impact",
                                "residual.impact.confidentiality", "next_review_on"}));
}

TEST(RiskPatch, DecodesEveryWritableField) {
  auto p = risk_patch_from_json(Json::parse(R"({"title":"T","description":"d",
    "asset_ids":["b","a","b"],"threat_id":"t","vulnerability_id":"v","owner_id":null,
    "inherent":{"likelihood":4,"impact":{"confidentiality":3,"availability":2}},
    "residual":{"likelihood":2,"impact":{"integrity":1}},"treatment":"transfer",
    "treatment_plan":"insure","control_ids":["c"],"next_review_on":"2026-09-30","version":3})"));
  ASSERT_TRUE(p) << p.error().message;
  Risk r;
  r.owner_id = "someone";
  apply_risk_fields(p->fields, &r);
  EXPECT_EQ(r.title, "T");
  EXPECT_EQ(r.asset_ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(r.owner_id.has_value());
  EXPECT_EQ(r.inherent, rating(4, 3, 0, 2, 0));
  EXPECT_EQ(r.residual, rating(2, 0, 1));
  EXPECT_EQ(r.treatment, Treatment::kTransfer);
  EXPECT_EQ(r.next_review_on, std::optional<std::string>("2026-09-30"));
  EXPECT_EQ(p->version, 3);
}

TEST(RiskPatch, RefusesUnknownReadOnlyAndDerivedKeys) {
  auto p = risk_patch_from_json(Json::parse(R"({"id":"x","ref":"R-1","colour":"red",
    "acceptance":{},"inherent":{"likelihood":2,"impact":{"confidentiality":1},"level":3},
    "residual":{"likelihood":"high","impact":{"secrecy":1}},"treatment":"ignore",
    "asset_ids":"a","next_review_on":"soon","title":""})"));
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(fields_of(p.error()),
            (std::set<std::string>{"id", "ref", "colour", "acceptance", "inherent.level",
                                   "residual.likelihood", "residual.impact.secrecy", "treatment",
                                   "asset_ids", "next_review_on", "title"}));
  EXPECT_FALSE(risk_patch_from_json(Json::array()));
  auto missing = risk_patch_from_json(Json::parse(R"({"inherent":{"impact":{}}})"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(fields_of(missing.error()), (std::set<std::string>{"inherent.likelihood"}));
}

TEST(RiskRemap, MapsEveryAffectedProperty) {
  RiskMethod a = default_risk_method();
  RiskMethod b = a;
  b.impact.pop_back();
  for (auto& row : b.grid) row.pop_back();
  ScaleMapping map{{}, {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 4}}};
  auto r = remap_risk_rating(a, b, map, rating(3, 5, 0, 2, 0));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, rating(3, 4, 0, 2, 0));
  auto no_map = remap_risk_rating(a, b, {}, rating(3, 5));
  ASSERT_FALSE(no_map);
  EXPECT_EQ(no_map.error().field, "impact_map");
}

TEST(RiskJson, WireFormWithLevelsAndFlags) {
  RiskMethod m = default_risk_method();
  Risk r = sample(m);
  r.owner_id = "p1";
  r.owner_name = "Pat";
  r.acceptance = RiskAcceptance{"p1",         "Pat",  "owner", "2026-01-01T00:00:00.000000Z",
                                "2026-12-31", "fine", 1,       1};
  RiskFlags f;
  f.review_overdue = true;
  Json j = risk_to_json(r, m, f);
  EXPECT_EQ(j["ref"], "R-0001");
  EXPECT_EQ(j["inherent"]["impact"]["confidentiality"], 4);
  EXPECT_EQ(j["inherent"]["impact_level"], 4);
  EXPECT_EQ(j["inherent"]["level"]["key"], "high");
  EXPECT_EQ(j["residual"]["level"]["colour"], "#f9a825");
  EXPECT_EQ(j["treatment"], "mitigate");
  EXPECT_EQ(j["acceptance"]["accepted_by_role"], "owner");
  EXPECT_EQ(j["flags"]["review_overdue"], true);
  EXPECT_EQ(j["flags"]["above_appetite"], false);
  EXPECT_EQ(j["archived"], false);
  EXPECT_TRUE(j["archived_at"].is_null());
  EXPECT_TRUE(j["next_review_on"].is_null());
  for (const char* key :
       {"id", "title", "description", "asset_ids", "threat_id", "threat_name", "vulnerability_id",
        "vulnerability_name", "owner_id", "owner_name", "method_number", "treatment_plan",
        "control_ids", "archive_reason", "version", "created_at", "updated_at"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j.size(), 26u);
}

}  // namespace
}  // namespace isms
