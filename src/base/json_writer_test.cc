#include "base/json_writer.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <vector>

#include "base/json.h"

namespace isms {
namespace {

std::string written(std::string_view s) {
  std::string out;
  append_json_string(s, &out);
  return out;
}

std::string reference(std::string_view s) { return dump_json(Json(std::string(s))); }

TEST(JsonWriter, EscapesLikeNlohmann) {
  for (const std::string& s : std::vector<std::string>{
           "", "plain", "quote \" backslash \\ slash /", "\b\f\n\r\t", std::string("\0\x01\x1f", 3),
           "\x7f del", "Grüße, 日本語, emoji \xF0\x9F\x98\x80", "\xC2\x80 C1 control"}) {
    EXPECT_EQ(written(s), reference(s)) << s;
  }
  EXPECT_EQ(written(std::string_view("\x01", 1)), "\"\\u0001\"");
  EXPECT_EQ(written("\x1f"), "\"\\u001f\"");
}

TEST(JsonWriter, ReplacesInvalidUtf8LikeNlohmann) {
  for (std::string_view s :
       {"\xff", "a\x80z", "\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
        "\xF0\x9F\x98", "\xE2\x82", "\xE2\x82z", "\xE2\x82\xC3\xA9", "\xF0\x80", "\xC3",
        "x\xF5\xFF\xFE", "\xC2\xC2\x80"}) {
    EXPECT_EQ(written(s), reference(s)) << testing::PrintToString(s);
  }
}

// Random byte strings biased towards the interesting bytes: controls, quotes, backslashes,
// lead and continuation bytes, whole valid sequences.
TEST(JsonWriter, RandomStringsMatchDumpJson) {
  std::mt19937 rng(12345);
  const std::string pieces[] = {"a",
                                "Z",
                                " ",
                                "\"",
                                "\\",
                                "/",
                                "\n",
                                "\t",
                                std::string(1, '\0'),
                                "\x1b",
                                "\x7f",
                                "\xC3\xA9",
                                "\xE2\x82\xAC",
                                "\xF0\x9F\x98\x80",
                                "\xED\x9F\xBF",
                                "\xEF\xBF\xBF",
                                "\xF4\x8F\xBF\xBF"};
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    int n = static_cast<int>(rng() % 24);
    for (int k = 0; k < n; ++k) {
      if (rng() % 3 == 0) {
        s.push_back(static_cast<char>(rng() % 256));  // any byte, often ill-formed
      } else {
        s += pieces[rng() % std::size(pieces)];
      }
    }
    ASSERT_EQ(written(s), reference(s)) << testing::PrintToString(s);
  }
}

TEST(JsonWriter, IntegersAndBools) {
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{42}, std::numeric_limits<int64_t>::max(),
                    std::numeric_limits<int64_t>::min()}) {
    std::string out;
    append_json_int(v, &out);
    EXPECT_EQ(out, dump_json(Json(v)));
  }
  std::string out;
  append_json_bool(true, &out);
  append_json_optional(std::nullopt, &out);
  EXPECT_EQ(out, "truenull");
}

}  // namespace
}  // namespace isms
