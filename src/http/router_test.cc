#include "http/router.h"

#include <gtest/gtest.h>

namespace isms::http {
namespace {

Handler tag(std::string name) {
  return [name](const Request&) -> Result<Response> {
    Response r;
    r.body = name;
    return r;
  };
}

// Documentation with the one thing Router::add insists on: an access rule.
RouteDoc doc() { return RouteDoc{.access = public_access()}; }

std::string run(const RouteMatch& m) {
  Request req;
  return m.route->handler(req)->body;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add("GET", "/api/v1/assets", tag("list"), doc());
    router.add("POST", "/api/v1/assets", tag("create"), doc());
    router.add("GET", "/api/v1/assets/{id}", tag("get"), doc());
    router.add("PATCH", "/api/v1/assets/{id}", tag("patch"), doc());
    router.add("POST", "/api/v1/assets/{id}/archive", tag("archive"), doc());
    router.add("GET", "/api/v1/assets/summary", tag("summary"), doc());
    router.add("GET", "/healthz", tag("health"), doc());
  }
  Router router;
};

TEST_F(RouterTest, MatchesLiteralRoutes) {
  auto m = router.match("GET", {"api", "v1", "assets"});
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(run(m), "list");
  EXPECT_TRUE(m.params.empty());
  EXPECT_EQ(run(router.match("POST", {"api", "v1", "assets"})), "create");
  EXPECT_EQ(run(router.match("GET", {"healthz"})), "health");
}

TEST_F(RouterTest, ExtractsParameters) {
  auto m = router.match("GET", {"api", "v1", "assets", "a b/c"});
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(run(m), "get");
  EXPECT_EQ(m.params.at("id"), "a b/c");
  auto a = router.match("POST", {"api", "v1", "assets", "x1", "archive"});
  ASSERT_NE(a.route, nullptr);
  EXPECT_EQ(run(a), "archive");
  EXPECT_EQ(a.params.at("id"), "x1");
}

TEST_F(RouterTest, LiteralSegmentBeatsParameter) {
  EXPECT_EQ(run(router.match("GET", {"api", "v1", "assets", "summary"})), "summary");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  for (const auto& segments : std::vector<std::vector<std::string>>{
           {},
           {"api"},
           {"api", "v1", "asset"},
           {"api", "v1", "assets", ""},  // trailing slash
           {"api", "v1", "assets", "x", "archive", "more"},
           {"API", "v1", "assets"},
       }) {
    auto m = router.match("GET", segments);
    EXPECT_EQ(m.route, nullptr);
    EXPECT_TRUE(m.allowed.empty());
  }
}

TEST_F(RouterTest, EmptyParameterDoesNotMatch) {
  auto m = router.match("GET", {"api", "v1", "assets", ""});
  EXPECT_EQ(m.route, nullptr);
}

TEST_F(RouterTest, WrongMethodListsAllowedMethods) {
  auto m = router.match("DELETE", {"api", "v1", "assets", "x"});
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "HEAD", "PATCH"}));
  auto c = router.match("PUT", {"api", "v1", "assets"});
  EXPECT_EQ(c.allowed, (std::vector<std::string>{"GET", "HEAD", "POST"}));
  auto a = router.match("GET", {"api", "v1", "assets", "x", "archive"});
  EXPECT_EQ(a.allowed, (std::vector<std::string>{"POST"}));
}

TEST_F(RouterTest, MethodsAreCaseSensitive) {
  auto m = router.match("get", {"healthz"});
  EXPECT_EQ(m.route, nullptr);
  EXPECT_FALSE(m.allowed.empty());
}

TEST_F(RouterTest, HeadUsesGetRoute) {
  auto m = router.match("HEAD", {"api", "v1", "assets", "x"});
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(run(m), "get");
  EXPECT_EQ(m.params.at("id"), "x");
}

TEST(RouterDeathTest, RejectsBadPatterns) {
  EXPECT_DEATH(
      {
        Router r;
        r.add("GET", "/a/{", tag("x"), doc());
      },
      "invalid route");
  EXPECT_DEATH(
      {
        Router r;
        r.add("GET", "/a", tag("x"), doc());
        r.add("GET", "/a", tag("y"), doc());
      },
      "added twice");
  EXPECT_DEATH(
      {
        Router r;
        r.add("GET", "/a//b", tag("x"), doc());
      },
      "empty segment");
  EXPECT_DEATH(
      {
        Router r;
        r.add("GET", "/a", tag("x"), {});
      },
      "no access rule");
  EXPECT_DEATH(
      {
        Router r;
        r.add("GET", "/a", tag("x"), RouteDoc{.access = needs("assets:fly")});
      },
      "unknown permission assets:fly");
}

TEST(AccessLabel, NamesTheRule) {
  EXPECT_EQ(access_label(public_access()), "public");
  EXPECT_EQ(access_label(session_access()), "session");
  EXPECT_EQ(access_label(authenticated_access()), "authenticated");
  EXPECT_EQ(access_label(needs("assets:read")), "assets:read");
}

TEST(ParamName, Extracts) {
  EXPECT_EQ(param_name("{id}"), "id");
  EXPECT_EQ(param_name("id"), "");
  EXPECT_EQ(param_name("{}"), "");
}

}  // namespace
}  // namespace isms::http
