#include "domain/risk_method.h"

#include <gtest/gtest.h>

#include <set>

namespace isms {
namespace {

std::set<std::string> fields_of(const std::vector<FieldError>& errors) {
  std::set<std::string> out;
  for (const auto& e : errors) out.insert(e.field);
  return out;
}

TEST(RiskMethod, DefaultIsAValidFiveByFiveMethod) {
  RiskMethod m = default_risk_method();
  EXPECT_TRUE(validate_risk_method(m).empty());
  ASSERT_EQ(m.likelihood.size(), 5u);
  ASSERT_EQ(m.impact.size(), 5u);
  EXPECT_EQ(m.likelihood[0].name, "Rare");
  EXPECT_EQ(m.likelihood[4].name, "Almost certain");
  EXPECT_EQ(m.impact[0].name, "Negligible");
  EXPECT_EQ(m.impact[4].name, "Severe");
  for (const auto& s : m.impact) {
    EXPECT_FALSE(s.description.empty()) << s.name;
  }
  ASSERT_EQ(m.levels.size(), 4u);
  EXPECT_EQ(m.levels[0].colour, "#2e7d32");
  EXPECT_EQ(m.levels[1].colour, "#f9a825");
  EXPECT_EQ(m.levels[2].colour, "#ef6c00");
  EXPECT_EQ(m.levels[3].colour, "#c62828");
  EXPECT_EQ(m.levels[m.appetite_rank].key, "medium");
  EXPECT_EQ(risk_level_rank(m, 1, 1), 0);
  EXPECT_EQ(risk_level_rank(m, 5, 5), 3);
  EXPECT_EQ(risk_level_rank(m, 3, 3), 1);
  EXPECT_TRUE(within_appetite(m, 1));
  EXPECT_FALSE(within_appetite(m, 2));
}

TEST(RiskMethod, RefusesNonMonotoneGridNamingTheCell) {
  RiskMethod m = default_risk_method();
  m.grid[2][3] = 0;  // lower than its left neighbour (1) and the cell below (1)
  auto errors = validate_risk_method(m);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(fields_of(errors).count("grid[2][3]"), 1u);
  m = default_risk_method();
  m.grid[4][0] = 0;  // lower than grid[3][0] = 1: falls when likelihood rises
  errors = validate_risk_method(m);
  EXPECT_EQ(fields_of(errors), (std::set<std::string>{"grid[4][0]"}));
}

TEST(RiskMethod, RefusesBadSizesAndRanks) {
  RiskMethod m = default_risk_method();
  m.likelihood.resize(2);
  auto f = fields_of(validate_risk_method(m));
  EXPECT_TRUE(f.count("likelihood"));
  EXPECT_TRUE(f.count("grid"));  // five rows for two likelihood values

  m = default_risk_method();
  m.impact.push_back({6, "Extreme", ""});
  m.impact.push_back({7, "Beyond", ""});
  EXPECT_TRUE(fields_of(validate_risk_method(m)).count("impact"));

  m = default_risk_method();
  m.levels.resize(1);
  f = fields_of(validate_risk_method(m));
  EXPECT_TRUE(f.count("levels"));

  m = default_risk_method();
  m.grid[1].pop_back();
  EXPECT_TRUE(fields_of(validate_risk_method(m)).count("grid[1]"));

  m = default_risk_method();
  m.grid[4][4] = 4;  // no level with rank 4
  EXPECT_EQ(fields_of(validate_risk_method(m)), (std::set<std::string>{"grid[4][4]"}));

  m = default_risk_method();
  m.appetite_rank = 4;
  m.impact[2].name = " ";
  m.levels[1].colour = "yellow";
  m.levels[2].key = "low";
  m.acceptance_validity_months = 37;
  EXPECT_EQ(fields_of(validate_risk_method(m)),
            (std::set<std::string>{"appetite_rank", "impact[2].name", "levels[1].colour",
                                   "levels[2].key", "acceptance_validity_months"}));
}

TEST(RiskMethod, ChangeNoteRequiredFromVersionTwo) {
  RiskMethod m = default_risk_method();
  m.number = 2;
  EXPECT_EQ(fields_of(validate_risk_method(m)), (std::set<std::string>{"change_note"}));
  m.change_note = "Appetite lowered after the board review";
  EXPECT_TRUE(validate_risk_method(m).empty());
}

TEST(RiskMethod, RemapKeepsValuesWhenSizesStay) {
  RiskMethod a = default_risk_method();
  RiskMethod b = a;
  b.grid[2][2] = 2;  // Possible x Moderate becomes high
  b.grid[2][3] = 2;
  b.grid[3][2] = 2;
  ASSERT_TRUE(validate_risk_method(b).empty());
  auto c = remap_rating(a, b, {}, 3, 3);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->likelihood_after, 3);
  EXPECT_EQ(c->impact_after, 3);
  EXPECT_EQ(c->level_before, 1);
  EXPECT_EQ(c->level_after, 2);
}

TEST(RiskMethod, RemapNeedsAMapWhenAScaleChangesSize) {
  RiskMethod a = default_risk_method();
  RiskMethod b = a;
  b.likelihood.pop_back();
  b.grid.pop_back();
  ASSERT_TRUE(validate_risk_method(b).empty());
  auto missing = remap_rating(a, b, {}, 5, 2);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "likelihood_map");

  ScaleMapping incomplete{{{1, 1}, {2, 2}, {3, 3}, {4, 4}}, {}};
  auto partial = remap_rating(a, b, incomplete, 5, 2);
  ASSERT_FALSE(partial);
  EXPECT_EQ(partial.error().field, "likelihood_map");
  EXPECT_NE(partial.error().message.find("5"), std::string::npos);

  ScaleMapping out_of_range{{{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}}, {}};
  EXPECT_FALSE(remap_rating(a, b, out_of_range, 5, 2));

  ScaleMapping map{{{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 4}}, {}};
  auto c = remap_rating(a, b, map, 5, 2);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->likelihood_after, 4);
  EXPECT_EQ(c->impact_after, 2);
  EXPECT_EQ(c->level_before, 2);
  EXPECT_EQ(c->level_after, 1);

  // An impact map on an unchanged scale is allowed and used.
  ScaleMapping shift{map.likelihood_map, {{1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 5}}};
  auto s = remap_rating(a, b, shift, 1, 1);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->impact_after, 2);
}

TEST(RiskMethodJson, RoundTripsTheWritablePart) {
  RiskMethod m = default_risk_method();
  m.change_note = "first";
  Json j = risk_method_to_json(m);
  EXPECT_EQ(j["appetite_level"]["key"], "medium");
  EXPECT_EQ(j["grid"][4][4], 3);
  for (const char* ro : {"number", "appetite_level", "created_by", "created_at"}) j.erase(ro);
  auto back = risk_method_from_json(j);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, m);
}

TEST(RiskMethodJson, RefusesUnknownAndReadOnlyKeysNamingThem) {
  Json j = risk_method_to_json(default_risk_method());
  j.erase("appetite_level");
  j.erase("created_by");
  j.erase("created_at");
  j["colour_scheme"] = "dark";
  j["likelihood"][1]["weight"] = 2;
  j["levels"][0]["rank"] = 3;
  auto r = risk_method_from_json(j);
  ASSERT_FALSE(r);
  EXPECT_EQ(
      fields_of(r.error().details),
      (std::set<std::string>{"number", "colour_scheme", "likelihood[1].weight", "levels[0].rank"}));
  EXPECT_FALSE(risk_method_from_json(Json::array()));
  EXPECT_FALSE(risk_method_from_json(Json{{"grid", Json{{1, "x"}}}}));
}

TEST(RiskMethodJson, DecodesScaleMaps) {
  auto m = scale_mapping_from_json(
      Json::parse(R"({"likelihood_map":{"2":1,"1":1},"method":{},"rerate":true})"));
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->likelihood_map, (std::vector<std::pair<int, int>>{{1, 1}, {2, 1}}));
  EXPECT_TRUE(m->impact_map.empty());
  auto bad = scale_mapping_from_json(Json::parse(R"({"impact_map":{"one":1}})"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "impact_map");
  EXPECT_FALSE(scale_mapping_from_json(Json::parse(R"({"impact_map":{"1":"2"}})")));
}

}  // namespace
}  // namespace isms
