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

std::string run(const RouteMatch& m) {
  Request req;
  return m.route->handler(req)->body;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add("GET", "/api/v1/assets", tag("list"), {});
    router.add("POST", "/api/v1/assets", tag("create"), {});
    router.add("GET", "/api/v1/assets/{id}", tag("get"), {});
    router.add("PATCH", "/api/v1/assets/{id}", tag("patch"), {});
    router.add("POST", "/api/v1/assets/{id}/archive", tag("archive"), {});
    router.add("GET", "/api/v1/assets/summary", tag("summary"), {});
    router.add("GET", "/healthz", tag("health"), {});
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
        r.add("GET", "/a/{", tag("x"), {});
      },
      "invalid route");
  EXPECT_DEATH(
      {
        Router r;
        r.add("GET", "/a", tag("x"), {});
        r.add("GET", "/a", tag("y"), {});
      },
      "added twice");
  EXPECT_DEATH(
      {
        Router r;
        r.add("GET", "/a//b", tag("x"), {});
      },
      "empty segment");
}

TEST(ParamName, Extracts) {
  EXPECT_EQ(param_name("{id}"), "id");
  EXPECT_EQ(param_name("id"), "");
  EXPECT_EQ(param_name("{}"), "");
}

}  // namespace
}  // namespace isms::http
