#include "http/uri.h"

#include <gtest/gtest.h>

namespace isms::http {
namespace {

TEST(PercentDecode, DecodesEscapes) {
  EXPECT_EQ(*percent_decode("a%20b%2Fc%41", false), "a b/cA");
  EXPECT_EQ(*percent_decode("%e2%82%ac", false), "\xE2\x82\xAC");  // euro sign, lower-case hex
  EXPECT_EQ(*percent_decode("a+b", false), "a+b");
  EXPECT_EQ(*percent_decode("a+b", true), "a b");
  EXPECT_EQ(*percent_decode("%2B", true), "+");
  EXPECT_EQ(*percent_decode("", true), "");
}

TEST(PercentDecode, RejectsInvalidEscapes) {
  for (const char* bad : {"%", "%2", "%zz", "%2g", "abc%", "abc%4", "%%41"}) {
    auto r = percent_decode(bad, true, "q");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(r.error().field, "q");
  }
}

TEST(PercentDecode, RejectsInvalidUtf8AndNul) {
  for (const char* bad : {"%ff", "%c3%28", "%ed%a0%80" /* surrogate */, "%c0%af" /* overlong */,
                          "%e2%82", "%00", "a%00b"}) {
    auto r = percent_decode(bad, false, "name");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
  }
}

TEST(SplitTarget, SplitsPathAndQuery) {
  auto t = split_target("/api/v1/assets?limit=5&q=a?b");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/api/v1/assets");
  EXPECT_EQ(t->query, "limit=5&q=a?b");
  EXPECT_EQ(split_target("/x")->query, "");
}

TEST(SplitTarget, RejectsNonOriginForm) {
  for (const char* bad : {"", "*", "http://example.com/", "api/v1", "/a#frag"}) {
    auto t = split_target(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().code, ErrorCode::kMalformed);
  }
}

TEST(SplitPath, Segments) {
  EXPECT_EQ(*split_path("/"), std::vector<std::string>{});
  EXPECT_EQ(*split_path("/a/b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(*split_path("/a/"), (std::vector<std::string>{"a", ""}));
  EXPECT_EQ(*split_path("/a%2Fb/c%20d"), (std::vector<std::string>{"a/b", "c d"}));
  EXPECT_EQ(*split_path("/a+b"), (std::vector<std::string>{"a+b"}));  // '+' is literal in paths
  EXPECT_FALSE(split_path("/a%zz").ok());
  EXPECT_FALSE(split_path("/a%ff").ok());
  EXPECT_FALSE(split_path("no-slash").ok());
}

TEST(ParseQuery, ParsesPairs) {
  auto q = parse_query("limit=5&q=hello+world%21&flag&empty=");
  ASSERT_TRUE(q.ok());
  QueryParams expected{{"limit", "5"}, {"q", "hello world!"}, {"flag", ""}, {"empty", ""}};
  EXPECT_EQ(*q, expected);
  EXPECT_TRUE(parse_query("")->empty());
  EXPECT_EQ(parse_query("a=1&&b=2&")->size(), 2u);
  EXPECT_EQ((*parse_query("a=x=y"))[0].second, "x=y");
  EXPECT_EQ((*parse_query("s%6Frt=name"))[0].first, "sort");
}

TEST(ParseQuery, RejectsDuplicatesNamingTheParameter) {
  auto q = parse_query("limit=1&limit=2");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(q.error().field, "limit");
}

TEST(ParseQuery, RejectsBadEncodingNamingTheParameter) {
  auto q = parse_query("limit=5&q=%zz");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().field, "q");
  auto u = parse_query("q=%c3");
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().field, "q");
}

TEST(ParseQuery, RejectsBadNames) {
  EXPECT_FALSE(parse_query("=5").ok());
  EXPECT_FALSE(parse_query("%zz=5").ok());
  EXPECT_FALSE(parse_query("%ff=5").ok());
}

}  // namespace
}  // namespace isms::http
