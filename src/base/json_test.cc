#include "base/json.h"

#include <gtest/gtest.h>

namespace isms {
namespace {

TEST(ParseJson, AcceptsObjectsAndScalars) {
  EXPECT_TRUE(parse_json(R"({"a":[1,2,{"b":null}]})"));
  EXPECT_TRUE(parse_json("3"));
}

TEST(ParseJson, MalformedTruncatedAndNonUtf8AreMalformed) {
  for (std::string_view bad : {"{", "{\"a\":", "{'a':1}", "", "nul", "{\"a\":1}}"}) {
    auto r = parse_json(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed) << bad;
  }
  auto r = parse_json("{\"a\":\"\xff\"}");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("UTF-8"), std::string::npos);
}

TEST(ParseJson, NumberOverflowIsMalformedNotACrash) {
  auto r = parse_json(R"({"a":1e400})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
}

TEST(ParseJson, DeepNestingIsRefused) {
  std::string deep(100000, '[');
  auto r = parse_json(deep);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("nested"), std::string::npos);
  std::string fine = std::string(60, '[') + std::string(60, ']');
  EXPECT_TRUE(parse_json(fine));
  // Brackets inside strings do not count.
  EXPECT_TRUE(parse_json("\"" + std::string(1000, '[') + "\""));
}

TEST(Utf8, RejectsOverlongsAndSurrogates) {
  EXPECT_TRUE(is_valid_utf8("plain \xE2\x82\xAC \xF0\x9F\x94\x92"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));          // truncated
}

}  // namespace
}  // namespace isms
