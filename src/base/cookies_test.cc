#include "base/cookies.h"

#include <gtest/gtest.h>

namespace isms {
namespace {

TEST(FindCookie, FindsByName) {
  EXPECT_EQ(find_cookie("a=b; c=d", "a"), "b");
  EXPECT_EQ(find_cookie("a=b; c=d", "c"), "d");
  EXPECT_EQ(find_cookie("a=b; c=d", "e"), std::nullopt);
  EXPECT_EQ(find_cookie("", "a"), std::nullopt);
  EXPECT_EQ(find_cookie("isms_session=abc-DEF_123", "isms_session"), "abc-DEF_123");
}

TEST(FindCookie, ToleratesSpacing) {
  EXPECT_EQ(find_cookie("a=b;c=d", "c"), "d");
  EXPECT_EQ(find_cookie("  a = b  ;\tc=d\t", "a"), "b");
  EXPECT_EQ(find_cookie("a=b;  c=d  ", "c"), "d");
  EXPECT_EQ(find_cookie("a=b;;; c=d;", "c"), "d");
}

TEST(FindCookie, UnquotesValues) {
  EXPECT_EQ(find_cookie("a=\"quoted\"; b=c", "a"), "quoted");
  EXPECT_EQ(find_cookie("a=\"\"", "a"), "");
  // A lone quote is not a quoted value, and '"' is not a cookie-octet.
  EXPECT_EQ(find_cookie("a=\"open", "a"), std::nullopt);
  EXPECT_EQ(find_cookie("a=\"in\"side\"", "a"), std::nullopt);
}

TEST(FindCookie, EmptyValue) { EXPECT_EQ(find_cookie("a=; b=c", "a"), ""); }

TEST(FindCookie, FirstMatchWins) {
  EXPECT_EQ(find_cookie("a=1; a=2", "a"), "1");
  EXPECT_EQ(find_cookie("x=0; a=1; b=2; a=3", "a"), "1");
}

TEST(FindCookie, NamesAreCaseSensitive) {
  EXPECT_EQ(find_cookie("Session=x; session=y", "session"), "y");
  EXPECT_EQ(find_cookie("SESSION=x", "session"), std::nullopt);
}

TEST(FindCookie, ValueMayContainEquals) { EXPECT_EQ(find_cookie("a=b=c; d=e", "a"), "b=c"); }

TEST(FindCookie, SkipsMalformedPairs) {
  EXPECT_EQ(find_cookie("garbage; a=b", "a"), "b");
  EXPECT_EQ(find_cookie("=nameless; a=b", "a"), "b");
  EXPECT_EQ(find_cookie("a=has space; a=ok", "a"), "ok");
  EXPECT_EQ(find_cookie("a=com,ma; a=ok", "a"), "ok");
  EXPECT_EQ(find_cookie("a=back\\slash; a=ok", "a"), "ok");
  EXPECT_EQ(find_cookie(std::string("a=ctl\x01; a=ok"), "a"), "ok");
  EXPECT_EQ(find_cookie("a=\xc3\xa9; a=ok", "a"), "ok");
  EXPECT_EQ(find_cookie("a b=1; a=ok", "a b"), std::nullopt);  // not a token
  EXPECT_EQ(find_cookie("a=b", ""), std::nullopt);
}

TEST(FindCookie, CapsInputAt8KiB) {
  std::string filler = "f=" + std::string(8 * 1024 - 10, 'x') + "; a=b";
  ASSERT_LE(filler.size(), kCookieHeaderMaxBytes);
  EXPECT_EQ(find_cookie(filler, "a"), "b");
  std::string over = "a=b; f=" + std::string(8 * 1024, 'x');
  EXPECT_EQ(find_cookie(over, "a"), std::nullopt);
}

TEST(SetCookie, Defaults) {
  EXPECT_EQ(set_cookie_header("isms_session", "abc", CookieOptions{}),
            "isms_session=abc; Path=/; HttpOnly; SameSite=Strict");
}

TEST(SetCookie, AllOptions) {
  CookieOptions o;
  o.path = "/api";
  o.http_only = false;
  o.same_site = "Lax";
  o.secure = true;
  o.max_age_seconds = 3600;
  EXPECT_EQ(set_cookie_header("csrf", "t0k", o),
            "csrf=t0k; Path=/api; Max-Age=3600; Secure; SameSite=Lax");
  o.same_site = "";
  o.path = "";
  o.max_age_seconds.reset();
  EXPECT_EQ(set_cookie_header("csrf", "t0k", o), "csrf=t0k; Secure");
}

TEST(SetCookie, ZeroMaxAgeDeletes) {
  CookieOptions o;
  o.max_age_seconds = 0;
  EXPECT_EQ(set_cookie_header("isms_session", "", o),
            "isms_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  o.max_age_seconds = -5;
  EXPECT_EQ(set_cookie_header("s", "", o), "s=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
}

TEST(SetCookie, CannotBeSplitByInput) {
  CookieOptions o;
  o.path = "/x; Domain=evil.example\r\nX: y";
  o.same_site = "Strict; Secure";
  std::string h = set_cookie_header("n;a\r\nme", "v; Max-Age=99\r\n", o);
  EXPECT_EQ(h.find('\r'), std::string::npos);
  EXPECT_EQ(h.find('\n'), std::string::npos);
  EXPECT_EQ(h,
            "name=vMax-Age=99; Path=/x Domain=evil.exampleX: y; HttpOnly; SameSite=StrictSecure");
}

TEST(SetCookie, RoundTripsThroughFindCookie) {
  std::string h = set_cookie_header("isms_csrf", "AbC-_9", CookieOptions{});
  std::string pair = h.substr(0, h.find(';'));
  EXPECT_EQ(find_cookie("other=1; " + pair, "isms_csrf"), "AbC-_9");
}

}  // namespace
}  // namespace isms
