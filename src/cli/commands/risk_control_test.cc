#include "cli/commands/risk_control.h"

#include <gtest/gtest.h>

namespace isms::cli {
namespace {

TEST(ParseRating, ReadsLikelihoodAndFourImpacts) {
  auto r = parse_rating("inherent", "4:3/2/0/1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["likelihood"], 4);
  EXPECT_EQ((*r)["impact"]["confidentiality"], 3);
  EXPECT_EQ((*r)["impact"]["integrity"], 2);
  EXPECT_EQ((*r)["impact"]["availability"], 0);
  EXPECT_EQ((*r)["impact"]["authenticity"], 1);
  EXPECT_EQ(rating_text(*r), "4:3/2/0/1");
}

TEST(ParseRating, RefusesBadForms) {
  for (const char* bad : {"9:x", "4", "4:3/2/0", "4:3/2/0/1/1", "0:1/0/0/0", "7:1/0/0/0",
                          "4:3/2/0/9", "a:1/1/1/1", "4:3//0/1", ""}) {
    auto r = parse_rating("residual", bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, "residual");
    EXPECT_NE(r.error().message.find("L:C/I/A/AU"), std::string::npos);
    EXPECT_NE(r.error().message.find(std::string("'") + bad + "'"), std::string::npos);
  }
}

TEST(RatingLabel, AddsTheLevelName) {
  Json rating = *parse_rating("r", "2:1/0/0/3");
  EXPECT_EQ(rating_label(rating), "2:1/0/0/3");
  rating["level"] = Json{{"name", "High"}};
  EXPECT_EQ(rating_label(rating), "2:1/0/0/3 High");
  EXPECT_EQ(rating_label(Json(nullptr)), "-");
}

TEST(ParseScaleMap, PairsBecomeAnObject) {
  auto m = parse_scale_map("likelihood-map", "5=4, 4=3,1=1");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(*m, (Json{{"5", 4}, {"4", 3}, {"1", 1}}));
  EXPECT_EQ(*parse_scale_map("x", ""), Json::object());
  for (const char* bad : {"5", "5=", "=4", "5=four", "9=1"}) {
    auto r = parse_scale_map("impact-map", bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "impact-map");
  }
}

TEST(CollectPages, FollowsTheCursorOnlyWhenAsked) {
  int calls = 0;
  auto page = [&](const std::string& cursor) -> Result<Json> {
    ++calls;
    if (cursor.empty()) return Json{{"items", {1, 2}}, {"next_cursor", "c2"}};
    if (cursor == "c2") return Json{{"items", {3}}, {"next_cursor", nullptr}};
    return Error::invalid("cursor", "unexpected");
  };
  auto one = collect_pages(false, page);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ((*one)["items"].size(), 2u);
  EXPECT_EQ(calls, 1);
  auto all = collect_pages(true, page);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ((*all)["items"], Json({1, 2, 3}));
  EXPECT_TRUE((*all)["next_cursor"].is_null());
  EXPECT_EQ(calls, 3);
}

TEST(PageJson, NullCursorAndOptionalTotal) {
  Json p = page_json(Json::array(), "", std::nullopt);
  EXPECT_TRUE(p["next_cursor"].is_null());
  EXPECT_FALSE(p.contains("total"));
  p = page_json(Json::array(), "abc", 7);
  EXPECT_EQ(p["next_cursor"], "abc");
  EXPECT_EQ(p["total"], 7);
}

}  // namespace
}  // namespace isms::cli
