#include "http/header_values.h"

#include <gtest/gtest.h>

namespace isms::http {
namespace {

TEST(JsonContentType, Accepts) {
  for (const char* ok : {"application/json", "Application/JSON", "application/json; charset=utf-8",
                         "application/json;charset=UTF-8", "application/json ; charset=\"utf-8\"",
                         "application/json; charset=utf8", " application/json ",
                         "application/json; foo=bar", "application/json;"}) {
    EXPECT_TRUE(is_json_content_type(ok)) << ok;
  }
}

TEST(JsonContentType, Rejects) {
  for (const char* bad :
       {"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/jsonx", "application/json-patch+json", "application/merge-patch+json",
        "text/json", "application/json; charset=latin1", "application/json; charset=utf-16",
        "application/json; garbage", "application / json"}) {
    EXPECT_FALSE(is_json_content_type(bad)) << bad;
  }
}

TEST(IfMatch, Absent) {
  auto r = parse_if_match(nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_value());
}

TEST(IfMatch, QuotedVersion) {
  std::string v = "\"3\"";
  EXPECT_EQ(**parse_if_match(&v), 3);
  v = " \"42\" ";
  EXPECT_EQ(**parse_if_match(&v), 42);
}

TEST(IfMatch, RejectsEverythingElse) {
  for (const char* bad : {"", "3", "\"\"", "\"0\"", "\"-1\"", "\"3", "3\"", "W/\"3\"", "*",
                          "\"3\", \"4\"", "\"3a\"", "\"99999999999999999999\"", "\" 3\""}) {
    std::string v = bad;
    auto r = parse_if_match(&v);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(r.error().field, "If-Match");
  }
}

TEST(ETag, QuotesVersion) { EXPECT_EQ(etag_for_version(7), "\"7\""); }

TEST(IfNoneMatch, WeakComparisonOverAList) {
  const std::string tag = "\"12.ab\"";
  auto matches = [&](std::string v) { return if_none_match_matches(&v, tag); };
  EXPECT_FALSE(if_none_match_matches(nullptr, tag));
  EXPECT_TRUE(matches("\"12.ab\""));
  EXPECT_TRUE(matches("W/\"12.ab\""));
  EXPECT_TRUE(matches("\"x\" , \"12.ab\""));
  EXPECT_TRUE(matches(" * "));
  EXPECT_FALSE(matches("\"12.ac\""));
  EXPECT_FALSE(matches("12.ab"));
  EXPECT_FALSE(matches(""));
}

}  // namespace
}  // namespace isms::http
