#include "http/app.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "http/access_log.h"
#include "http/test_support.h"
#include "service/test_fixture.h"

namespace isms::http {
namespace {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

Response call_app(const App& app, std::string method, std::string target, std::string body,
                  const HeaderList& headers) {
  Request req;
  req.method = std::move(method);
  req.target = std::move(target);
  req.body = std::move(body);
  req.remote_address = "127.0.0.1";
  for (const auto& [k, v] : headers) req.headers.add(k, v);
  return app.handle(req);
}

Json body_of(const Response& r) { return Json::parse(r.body); }

void expect_error(const Response& r, int status, const std::string& code,
                  const std::string& field = {}) {
  EXPECT_EQ(r.status, status) << r.body;
  Json b = Json::parse(r.body, nullptr, false);
  ASSERT_TRUE(b.is_object()) << r.body;
  EXPECT_EQ(b["error"]["code"], code) << r.body;
  EXPECT_EQ(b["error"]["request_id"], *r.headers.find("X-Request-Id"));
  if (!field.empty()) {
    EXPECT_EQ(b["error"].value("field", ""), field) << r.body;
  }
}

// App over a real (SQLite) store; requests carry the API token of a CISO unless they
// bring their own Authorization header or ask for none (auth = false).
class AppTest : public isms::testing::ServiceFixture {
 protected:
  void SetUp() override {
    ServiceFixture::SetUp();
    set_http_logging_enabled(false);
    auto bearer = testing::bearer_for_new_user(ctx_, "tester");
    ASSERT_TRUE(bearer) << bearer.error().message;
    bearer_ = *bearer;
  }
  void TearDown() override {
    app_.reset();
    ServiceFixture::TearDown();
  }

  Response call(std::string method, std::string target, std::string body = {},
                HeaderList headers = {}, bool auth = true) {
    bool has_authorization = std::any_of(headers.begin(), headers.end(),
                                         [](const auto& h) { return h.first == "Authorization"; });
    if (auth && !has_authorization) headers.emplace_back("Authorization", bearer_);
    return call_app(app(), std::move(method), std::move(target), std::move(body), headers);
  }
  Response post_json(std::string target, std::string body, HeaderList headers = {}) {
    headers.emplace_back("Content-Type", "application/json");
    return call("POST", std::move(target), std::move(body), std::move(headers));
  }

  App& app() {
    if (!app_) {
      AppOptions options;
      options.web_root = web_root_;
      options.tls = tls_;
      app_ = std::make_unique<App>(ctx_, options);
    }
    return *app_;
  }

  std::string bearer_;
  std::string web_root_;
  bool tls_ = false;
  std::unique_ptr<App> app_;
};

// App over a FakeStore: every data access (authentication included) fails.
class AppFakeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { set_http_logging_enabled(false); }
  Response call(std::string method, std::string target, HeaderList headers = {}) {
    return call_app(app_, std::move(method), std::move(target), {}, headers);
  }
  testing::FakeContext fake_;
  App app_{fake_.ctx, AppOptions{}};
};

TEST_F(AppTest, HealthzAndSecurityHeaders) {
  Response r = call("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body_of(r), Json::parse(R"({"status":"ok"})"));
  EXPECT_EQ(*r.headers.find("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(*r.headers.find("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(*r.headers.find("Referrer-Policy"), "no-referrer");
  const std::string& csp = *r.headers.find("Content-Security-Policy");
  EXPECT_EQ(csp.rfind("default-src 'self'", 0), 0u);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(*r.headers.find("Cache-Control"), "no-store");
  const std::string& id = *r.headers.find("X-Request-Id");
  EXPECT_EQ(id.size(), 16u);
  EXPECT_NE(id, *call("GET", "/healthz").headers.find("X-Request-Id"));
}

TEST_F(AppFakeStoreTest, ReadyzReportsDatabase) {
  Response ok = call("GET", "/readyz");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(body_of(ok), Json::parse(R"({"status":"ready","database":"sqlite"})"));
  fake_.store.ping_ok = false;
  Response down = call("GET", "/readyz");
  expect_error(down, 503, "unavailable");
  EXPECT_EQ(down.body.find("secret"), std::string::npos);
}

TEST_F(AppTest, UnknownRouteIsNotFound) {
  expect_error(call("GET", "/api/v1/nope"), 404, "not_found");
  expect_error(call("GET", "/api/v1/assets/"), 404, "not_found");
  expect_error(call("GET", "/"), 404, "not_found");  // no web root
}

TEST_F(AppTest, WrongMethodIsMethodNotAllowedWithAllow) {
  Response r = call("DELETE", "/api/v1/assets/abc");
  expect_error(r, 405, "method_not_allowed");
  EXPECT_EQ(*r.headers.find("Allow"), "GET, HEAD, PATCH");
  EXPECT_EQ(*call("PUT", "/api/v1/assets").headers.find("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(*call("POST", "/healthz").headers.find("Allow"), "GET, HEAD");
}

TEST_F(AppTest, HeadIsServedLikeGet) {
  Response r = call("HEAD", "/healthz");
  EXPECT_EQ(r.status, 200);  // the transport drops the body, keeps Content-Length
}

TEST_F(AppTest, BadTargetsAreMalformed) {
  expect_error(call("GET", "*"), 400, "malformed");
  expect_error(call("GET", "/api/v1/assets%zz"), 400, "malformed");
  expect_error(call("GET", "/api/v1/assets/%ff"), 400, "malformed");
  expect_error(call("GET", "/api/v1/assets?q=%zz"), 400, "malformed", "q");
  expect_error(call("GET", "/api/v1/assets?q=%c3%28"), 400, "malformed", "q");
}

TEST_F(AppTest, UnknownQueryParametersAreRejectedOnEveryRoute) {
  expect_error(call("GET", "/healthz?verbose=1"), 400, "malformed", "verbose");
  expect_error(call("GET", "/api/v1/assets?bogus=1"), 400, "malformed", "bogus");
  expect_error(call("GET", "/api/v1/persons?limit=5"), 400, "malformed", "limit");
  expect_error(call("GET", "/api/v1/ledger?after=-1"), 400, "malformed", "after");
  expect_error(call("GET", "/api/v1/ledger?limit=1001"), 400, "malformed", "limit");
  expect_error(call("GET", "/api/v1/ledger?object_id="), 400, "malformed", "object_id");
  expect_error(call("GET", "/api/v1/assets?limit=0"), 400, "malformed", "limit");
  expect_error(call("GET", "/api/v1/assets?sort=color"), 400, "malformed", "sort");
}

TEST_F(AppTest, BodiesNeedJsonContentType) {
  expect_error(call("POST", "/api/v1/assets", R"({"name":"x"})"), 415, "unsupported_media_type");
  expect_error(call("POST", "/api/v1/assets", R"({"name":"x"})", {{"Content-Type", "text/plain"}}),
               415, "unsupported_media_type");
  expect_error(call("PATCH", "/api/v1/assets/a", "{}",
                    {{"Content-Type", "application/x-www-form-urlencoded"}}),
               415, "unsupported_media_type");
  // Without a body no Content-Type is needed.
  EXPECT_NE(call("POST", "/api/v1/demo").status, 415);
}

TEST_F(AppTest, MalformedBodiesAre400) {
  expect_error(post_json("/api/v1/assets", "{\"name\":"), 400, "malformed");
  expect_error(post_json("/api/v1/assets", "{\"name\":\"\xff\"}"), 400, "malformed");
  expect_error(post_json("/api/v1/assets", ""), 400, "malformed");  // body required
  expect_error(post_json("/api/v1/assets", std::string(10000, '[')), 400, "malformed");
}

TEST_F(AppTest, CreateRejectsMetadataFieldsAndNonObjects) {
  expect_error(post_json("/api/v1/assets", R"({"name":"x","version":1})"), 422, "invalid",
               "version");
  expect_error(post_json("/api/v1/assets", "[]"), 422, "invalid", "body");
  expect_error(post_json("/api/v1/assets", R"({"name":"x","color":"red"})"), 422, "invalid",
               "color");
}

TEST_F(AppTest, UpdateChecksIfMatch) {
  auto patch = [&](std::string body, std::string if_match) {
    std::vector<std::pair<std::string, std::string>> h{{"Content-Type", "application/json"}};
    if (!if_match.empty()) h.emplace_back("If-Match", if_match);
    return call("PATCH", "/api/v1/assets/a1", std::move(body), std::move(h));
  };
  expect_error(patch("{}", "3"), 400, "malformed", "If-Match");
  expect_error(patch("{}", "*"), 400, "malformed", "If-Match");
  expect_error(patch(R"({"version":4})", "\"3\""), 422, "invalid", "version");
  expect_error(patch(R"({"version":"4"})", ""), 422, "invalid", "version");
}

TEST_F(AppTest, ArchiveBodyIsChecked) {
  expect_error(post_json("/api/v1/assets/a1/archive", R"({"reason":"old","why":1})"), 422,
               "invalid", "why");
  expect_error(post_json("/api/v1/assets/a1/archive", R"({"reason":5})"), 422, "invalid", "reason");
  expect_error(post_json("/api/v1/assets/a1/archive", R"({"reason":"x","version":0})"), 422,
               "invalid", "version");
  expect_error(post_json("/api/v1/assets/a1/archive", R"("x")"), 422, "invalid", "body");
}

TEST_F(AppTest, DemoAcceptsOnlyAnEmptyObject) {
  expect_error(post_json("/api/v1/demo", R"({"size":"big"})"), 422, "invalid", "size");
  expect_error(post_json("/api/v1/demo", "[]"), 422, "invalid", "body");
}

// With the database down, a request with credentials fails while they are checked: an
// opaque 503, never 401 (the credentials may be fine) and never the real message.
TEST_F(AppFakeStoreTest, DatabaseFailuresAreOpaque503) {
  for (const char* target :
       {"/api/v1/assets", "/api/v1/assets/a1", "/api/v1/organization", "/api/v1/persons",
        "/api/v1/roles", "/api/v1/dashboard", "/api/v1/ledger", "/api/v1/ledger/verify"}) {
    for (const auto& credentials :
         {std::pair<std::string, std::string>{"Authorization", testing::kUnknownBearer},
          std::pair<std::string, std::string>{"Cookie", "isms_session=abcdefghijklmnop"}}) {
      Response r = call("GET", target, {credentials});
      expect_error(r, 503, "unavailable");
      EXPECT_EQ(r.body.find("secret"), std::string::npos) << target;
    }
  }
}

TEST_F(AppFakeStoreTest, WithoutCredentialsNoDatabaseIsNeeded) {
  expect_error(call("GET", "/api/v1/assets"), 401, "unauthenticated");
  expect_error(call("GET", "/api/v1/assets", {{"Authorization", "Basic YWRtaW46YWRtaW4="}}), 401,
               "unauthenticated");
  expect_error(call("GET", "/api/v1/assets", {{"Authorization", "Bearer not-a-token"}}), 401,
               "unauthenticated");
}

// Authorization comes before query parameters and bodies are looked at: nothing about a
// route's inputs is revealed to a caller without access.
TEST_F(AppTest, CredentialsAreCheckedFirst) {
  expect_error(call("GET", "/api/v1/assets?bogus=1", {}, {}, false), 401, "unauthenticated");
  expect_error(call("POST", "/api/v1/assets", R"({"name":"x"})", {}, false), 401,
               "unauthenticated");
  expect_error(call("GET", "/api/v1/assets", {}, {{"Authorization", testing::kUnknownBearer}}), 401,
               "unauthenticated");
  auto contractor = testing::bearer_for_new_user(ctx_, "contractor", "contractor");
  ASSERT_TRUE(contractor) << contractor.error().message;
  HeaderList as_contractor{{"Authorization", *contractor}, {"Content-Type", "application/json"}};
  expect_error(call("POST", "/api/v1/assets", R"({"name":"x","color":1})", as_contractor), 403,
               "forbidden");
  expect_error(call("GET", "/api/v1/ledger?bogus=1", {}, as_contractor), 403, "forbidden");
  EXPECT_EQ(call("GET", "/api/v1/assets", {}, as_contractor).status, 200);
}

// The session cookie's attributes, over plain HTTP and over TLS (Secure, and HSTS).
TEST_F(AppTest, SessionCookieIsHttpOnlyStrictAndSecureOverTls) {
  for (bool tls : {false, true}) {
    tls_ = tls;
    app_.reset();
    std::string body =
        R"({"username":"admin","password":")" + init_.admin_one_time_password + R"("})";
    Response r = call("POST", "/api/v1/auth/login", body, {{"Content-Type", "application/json"}},
                      /*auth=*/false);
    ASSERT_EQ(r.status, 200) << r.body;
    const std::string* cookie = r.headers.find("Set-Cookie");
    ASSERT_NE(cookie, nullptr);
    EXPECT_EQ(cookie->rfind("isms_session=", 0), 0u) << *cookie;
    EXPECT_NE(cookie->find("HttpOnly"), std::string::npos) << *cookie;
    EXPECT_NE(cookie->find("SameSite=Strict"), std::string::npos) << *cookie;
    EXPECT_EQ(cookie->find("Secure") != std::string::npos, tls) << *cookie;
    EXPECT_EQ(r.headers.has("Strict-Transport-Security"), tls);
  }
}

TEST_F(AppTest, RegistersNeedNoDatabase) {
  Response list = call("GET", "/api/v1/registers");
  EXPECT_EQ(list.status, 200);
  EXPECT_EQ(body_of(list)["items"][0]["name"], "assets");
  Response one = call("GET", "/api/v1/registers/assets");
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(body_of(one)["path"], "/api/v1/assets");
  expect_error(call("GET", "/api/v1/registers/nope"), 404, "not_found");
}

TEST_F(AppTest, ServesOpenApi) {
  Response r = call("GET", "/api/v1/openapi.json");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(body_of(r)["openapi"], "3.1.0");
}

TEST_F(AppTest, RejectBuildsFullErrorResponse) {
  Request partial;
  Response r = app().reject(partial, Error::too_large("request body larger than 1048576 bytes"));
  expect_error(r, 413, "too_large");
  EXPECT_TRUE(r.close);
  EXPECT_TRUE(r.headers.has("Content-Security-Policy"));
}

// Routes may allow larger bodies than the 1 MiB default (imports, document bodies); the
// transport asks App for the route's limit before reading the body.
TEST_F(AppTest, BodyLimitsArePerRoute) {
  EXPECT_EQ(app().body_limit("POST", "/api/v1/assets"), size_t{1} << 20);
  EXPECT_EQ(app().body_limit("POST", "/api/v1/catalogue/import?format=oscal"), size_t{16} << 20);
  EXPECT_EQ(app().body_limit("PATCH", "/api/v1/documents/x"), size_t{6} << 20);
  EXPECT_EQ(app().body_limit("POST", "/no/such/route"), size_t{1} << 20);
  EXPECT_EQ(app().body_limit("POST", "bad target"), size_t{1} << 20);
  // The largest route limit: evidence files (25 MiB, issue 5).
  EXPECT_EQ(app().max_body_limit(), size_t{25} << 20);
  // Without the transport (as here) App still refuses a body over the route's limit.
  expect_error(post_json("/api/v1/assets", std::string((1 << 20) + 1, ' ')), 413, "too_large");
}

// A library import is the file itself: YAML is not refused with 415.
TEST_F(AppTest, RawBodyRoutesAcceptAnyContentType) {
  Response r = call("POST", "/api/v1/catalogue/import?format=ciso-assistant", "not: [valid",
                    {{"Content-Type", "application/yaml"}});
  EXPECT_NE(r.status, 415) << r.body;
  expect_error(call("POST", "/api/v1/citations/scan", "{\"text\":\"x\"}",
                    {{"Content-Type", "application/yaml"}}),
               415, "unsupported_media_type");
}

class AppStaticTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    dir_ = std::filesystem::temp_directory_path() / ("isms_app_web_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "assets");
    std::ofstream(dir_ / "index.html") << "<!doctype html>";
    std::ofstream(dir_ / "assets" / "app-1.js") << "x";
    web_root_ = dir_.string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(AppStaticTest, ServesUiAndFallsBack) {
  Response index = call("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html>");
  EXPECT_EQ(*index.headers.find("Cache-Control"), "no-cache");
  EXPECT_TRUE(index.headers.has("X-Request-Id"));
  EXPECT_EQ(call("GET", "/assets/some-asset-id?tab=deps").body, "<!doctype html>");
  Response js = call("GET", "/assets/app-1.js");
  EXPECT_EQ(js.body, "x");
  EXPECT_EQ(*js.headers.find("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(call("HEAD", "/").status, 200);
}

TEST_F(AppStaticTest, ApiPathsNeverFallBack) {
  expect_error(call("GET", "/api/v1/unknown"), 404, "not_found");
  expect_error(call("GET", "/api"), 404, "not_found");
  expect_error(call("GET", "/api/"), 404, "not_found");
}

TEST_F(AppStaticTest, RejectsTraversalAndWrongMethods) {
  expect_error(call("GET", "/../etc/passwd"), 400, "malformed");
  expect_error(call("GET", "/assets/%2e%2e/%2e%2e/etc/passwd"), 400, "malformed");
  expect_error(call("GET", "/%2Fetc%2Fpasswd"), 400, "malformed");
  Response post = call("POST", "/settings");
  expect_error(post, 405, "method_not_allowed");
  EXPECT_EQ(*post.headers.find("Allow"), "GET, HEAD");
}

}  // namespace
}  // namespace isms::http
