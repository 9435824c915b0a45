// Handler-level tests of the issue 5 routes (risk method, threats, risks, cycles, controls,
// evidence, SoA): request decoding (query parameters, JSON bodies, If-Match, body limits,
// media types) and the wiring to the services, over App and a real SQLite store.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "http/access_log.h"
#include "http/app.h"
#include "http/test_support.h"
#include "service/test_fixture.h"

namespace isms::http {
namespace {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

class RiskRoutesTest : public isms::testing::ServiceFixture {
 protected:
  void SetUp() override {
    ServiceFixture::SetUp();
    set_http_logging_enabled(false);
    auto bearer = testing::bearer_for_new_user(ctx_, "riskmanager");
    ASSERT_TRUE(bearer) << bearer.error().message;
    bearer_ = *bearer;
    app_ = std::make_unique<App>(ctx_, AppOptions{});
  }
  void TearDown() override {
    app_.reset();
    ServiceFixture::TearDown();
  }

  Response call(std::string method, std::string target, std::string body = {},
                HeaderList headers = {}) {
    Request req;
    req.method = std::move(method);
    req.target = std::move(target);
    req.body = std::move(body);
    req.remote_address = "127.0.0.1";
    req.headers.add("Authorization", bearer_);
    for (const auto& [k, v] : headers) req.headers.add(k, v);
    return app_->handle(req);
  }
  Response send_json(std::string method, std::string target, std::string body,
                     HeaderList headers = {}) {
    headers.emplace_back("Content-Type", "application/json");
    return call(std::move(method), std::move(target), std::move(body), std::move(headers));
  }

  // The error code and field of an error response, checking its status.
  static void expect_error(const Response& r, int status, const std::string& code,
                           const std::string& field = {}) {
    EXPECT_EQ(r.status, status) << r.body;
    Json b = Json::parse(r.body, nullptr, false);
    ASSERT_TRUE(b.is_object()) << r.body;
    EXPECT_EQ(b["error"]["code"], code) << r.body;
    if (!field.empty()) {
      EXPECT_EQ(b["error"].value("field", ""), field) << r.body;
    }
  }
  // The fields named in an invalid (422) response's details.
  static std::vector<std::string> detail_fields(const Response& r) {
    std::vector<std::string> out;
    Json b = Json::parse(r.body, nullptr, false);
    for (const auto& d : b["error"].value("details", Json::array())) {
      out.push_back(d.value("field", ""));
    }
    return out;
  }
  static bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }

  std::string bearer_;
  std::unique_ptr<App> app_;
};

TEST_F(RiskRoutesTest, UnknownQueryParametersAreNamed) {
  expect_error(call("GET", "/api/v1/risks?colour=red"), 400, "malformed", "colour");
  expect_error(call("GET", "/api/v1/controls?owner=x"), 400, "malformed", "owner");
  expect_error(call("GET", "/api/v1/threats?q=x"), 400, "malformed", "q");
  expect_error(call("GET", "/api/v1/soa?version=1"), 400, "malformed", "version");
  expect_error(call("GET", "/api/v1/risks/heat-map?cell=residual:1:1"), 400, "malformed", "cell");
}

TEST_F(RiskRoutesTest, BadListParameterValuesAreNamed) {
  expect_error(call("GET", "/api/v1/risks?limit=0"), 400, "malformed", "limit");
  expect_error(call("GET", "/api/v1/risks?limit=501"), 400, "malformed", "limit");
  expect_error(call("GET", "/api/v1/risks?sort=-colour"), 400, "malformed", "sort");
  expect_error(call("GET", "/api/v1/risks?treatment=mitigate,ignore"), 400, "malformed",
               "treatment");
  expect_error(call("GET", "/api/v1/risks?cell=residual:7:1"), 400, "malformed", "cell");
  expect_error(call("GET", "/api/v1/risks?cell=sideways:1:1"), 400, "malformed", "cell");
  expect_error(call("GET", "/api/v1/risks?min_residual_level=6"), 400, "malformed",
               "min_residual_level");
  expect_error(call("GET", "/api/v1/risks?above_appetite=yes"), 400, "malformed", "above_appetite");
  expect_error(call("GET", "/api/v1/risks?archived=maybe"), 400, "malformed", "archived");
  expect_error(call("GET", "/api/v1/controls?status=done"), 400, "malformed", "status");
  expect_error(call("GET", "/api/v1/controls?requirement=A.5.15"), 400, "malformed", "requirement");
  expect_error(call("GET", "/api/v1/risks/heat-map?basis=both"), 400, "malformed", "basis");
  expect_error(call("GET", "/api/v1/risks/export?format=docx"), 400, "malformed", "format");
  expect_error(call("GET", "/api/v1/soa/export?format=docx"), 400, "malformed", "format");
  expect_error(call("GET", "/api/v1/risk-method/versions/first"), 400, "malformed", "number");
}

TEST_F(RiskRoutesTest, SearchIsLimitedTo200Characters) {
  std::string q201(201, 'a');
  expect_error(call("GET", "/api/v1/risks?q=" + q201), 400, "malformed", "q");
  expect_error(call("GET", "/api/v1/controls?q=" + q201), 400, "malformed", "q");
  // 200 characters of two bytes each are within the limit: characters are counted.
  std::string q200;
  for (int i = 0; i < 200; ++i) q200 += "%C3%A9";  // é
  Response ok = call("GET", "/api/v1/risks?q=" + q200);
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_F(RiskRoutesTest, BadJsonBodies) {
  expect_error(send_json("POST", "/api/v1/risks", "{"), 400, "malformed");
  expect_error(send_json("POST", "/api/v1/risks", "[1]"), 422, "invalid", "body");
  expect_error(send_json("POST", "/api/v1/risks", ""), 400, "malformed");
  expect_error(send_json("POST", "/api/v1/controls", "{\"title\":"), 400, "malformed");
  // A new object has no version to match.
  Response versioned = send_json("POST", "/api/v1/risks", R"({"title":"t","version":1})");
  expect_error(versioned, 422, "invalid", "version");
  // Action bodies refuse members they do not know, naming them.
  Response unknown = send_json("POST", "/api/v1/risks/nope/archive",
                               R"({"version":1,"reason":"r","colour":"red"})");
  expect_error(unknown, 422, "invalid");
  EXPECT_TRUE(has(detail_fields(unknown), "colour")) << unknown.body;
  // Saving a method needs the method, the number it replaces and the re-rating choice.
  Response method = send_json("POST", "/api/v1/risk-method", R"({"likelihood_map":{}})");
  expect_error(method, 422, "invalid");
  std::vector<std::string> fields = detail_fields(method);
  EXPECT_TRUE(has(fields, "method")) << method.body;
  EXPECT_TRUE(has(fields, "expected_number")) << method.body;
  EXPECT_TRUE(has(fields, "rerate")) << method.body;
}

TEST_F(RiskRoutesTest, WrongMediaTypeIsRefused) {
  expect_error(call("POST", "/api/v1/risks", R"({"title":"t"})", {{"Content-Type", "text/plain"}}),
               415, "unsupported_media_type");
  expect_error(call("PATCH", "/api/v1/soa/lines/iso27001-2022/A.5.1", R"({"version":0})",
                    {{"Content-Type", "application/xml"}}),
               415, "unsupported_media_type");
}

TEST_F(RiskRoutesTest, BodiesOverTheRouteLimitAre413) {
  std::string mib(1 << 20, ' ');
  expect_error(send_json("POST", "/api/v1/risks", "{}" + mib), 413, "too_large");
  // Evidence files may be up to 25 MiB, SoA imports up to 20 MiB; one byte more is refused.
  std::string evidence(25u * 1024 * 1024 + 1, 'x');
  expect_error(call("POST", "/api/v1/controls/any/evidence?file_name=a.txt", std::move(evidence),
                    {{"Content-Type", "text/plain"}}),
               413, "too_large");
  std::string sheet(20u * 1024 * 1024 + 1, 'x');
  expect_error(call("POST", "/api/v1/soa/import?file_name=a.csv", std::move(sheet),
                    {{"Content-Type", "text/csv"}}),
               413, "too_large");
  EXPECT_EQ(app_->body_limit("POST", "/api/v1/controls/c1/evidence"), 25u * 1024 * 1024);
  EXPECT_EQ(app_->body_limit("POST", "/api/v1/soa/import?dry_run=true"), 20u * 1024 * 1024);
}

TEST_F(RiskRoutesTest, IfMatchHandling) {
  // Not a quoted positive integer: malformed, naming the header.
  expect_error(send_json("PATCH", "/api/v1/risks/r1", R"({"title":"t"})", {{"If-Match", "*"}}), 400,
               "malformed", "If-Match");
  // Header and body disagree.
  expect_error(send_json("PATCH", "/api/v1/controls/c1", R"({"title":"t","version":3})",
                         {{"If-Match", "\"2\""}}),
               422, "invalid", "version");
  // Actions need a version from one of them.
  expect_error(send_json("POST", "/api/v1/risks/r1/accept", R"({"justification":"ok"})"), 422,
               "invalid", "version");
  expect_error(send_json("POST", "/api/v1/risk-cycles/c1/close", "{}"), 422, "invalid", "version");
  expect_error(send_json("POST", "/api/v1/evidence/e1/archive", ""), 422, "invalid", "version");
}

TEST_F(RiskRoutesTest, SoaImportParameters) {
  expect_error(
      call("POST", "/api/v1/soa/import?mapping=%7Bref", "a,b\n", {{"Content-Type", "text/csv"}}),
      400, "malformed", "mapping");
  expect_error(
      call("POST", "/api/v1/soa/import?mapping=%5B%5D", "a,b\n", {{"Content-Type", "text/csv"}}),
      400, "malformed", "mapping");
  expect_error(
      call("POST", "/api/v1/soa/import?dry_run=perhaps", "a,b\n", {{"Content-Type", "text/csv"}}),
      400, "malformed", "dry_run");
  expect_error(call("POST", "/api/v1/soa/import", "", {{"Content-Type", "text/csv"}}), 400,
               "malformed");
}

TEST_F(RiskRoutesTest, EvidenceUploadDecoding) {
  // A link is described in its JSON body; file parameters do not belong to it.
  expect_error(send_json("POST", "/api/v1/controls/c1/evidence?title=x",
                         R"({"kind":"link","title":"t","url":"https://example.test"})"),
               400, "malformed", "title");
  // A file needs its name (it decides CSV and JSON detection).
  expect_error(call("POST", "/api/v1/controls/c1/evidence", "hello",
                    {{"Content-Type", "application/octet-stream"}}),
               422, "invalid", "file_name");
  expect_error(call("POST", "/api/v1/controls/c1/evidence?file_name=a.txt", "",
                    {{"Content-Type", "application/octet-stream"}}),
               400, "malformed");
}

// Wiring to the services: the defaults made at initialize are served.
TEST_F(RiskRoutesTest, MethodThreatsAndSoaAreServed) {
  Response method = call("GET", "/api/v1/risk-method");
  ASSERT_EQ(method.status, 200) << method.body;
  Json m = Json::parse(method.body);
  EXPECT_EQ(m["number"], 1);
  EXPECT_EQ(m["likelihood"].size(), 5u);

  Response threats = call("GET", "/api/v1/threats");
  ASSERT_EQ(threats.status, 200) << threats.body;
  Json items = Json::parse(threats.body)["items"];
  ASSERT_FALSE(items.empty());
  for (const auto& t : items) EXPECT_EQ(t["kind"], "threat");
  // A threat is not found under /vulnerabilities.
  std::string threat_id = items[0]["id"].get<std::string>();
  EXPECT_EQ(call("GET", "/api/v1/threats/" + threat_id).status, 200);
  expect_error(call("GET", "/api/v1/vulnerabilities/" + threat_id), 404, "not_found");

  Response soa = call("GET", "/api/v1/soa");
  ASSERT_EQ(soa.status, 200) << soa.body;
  EXPECT_EQ(Json::parse(soa.body)["totals"]["lines"], 93);

  Response dashboard = call("GET", "/api/v1/dashboard");
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  Json d = Json::parse(dashboard.body);
  EXPECT_TRUE(d["risks"].is_object()) << dashboard.body;
  EXPECT_TRUE(d["risks"]["residual"]["counts"].is_array());
  EXPECT_EQ(d["soa"]["totals"]["lines"], 93);
  EXPECT_TRUE(d.contains("assets"));  // the existing fields stay
}

TEST_F(RiskRoutesTest, EvidenceFileRoundTrip) {
  Response created = send_json("POST", "/api/v1/controls", R"({"title":"Daily backups"})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = Json::parse(created.body)["control"]["id"].get<std::string>();
  EXPECT_EQ(*created.headers.find("Location"), "/api/v1/controls/" + id);
  EXPECT_EQ(*created.headers.find("ETag"), "\"1\"");

  Response added =
      call("POST", "/api/v1/controls/" + id + "/evidence?file_name=backup%20log.txt&title=Log",
           "backup ok\n", {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(added.status, 201) << added.body;
  Json e = Json::parse(added.body);
  EXPECT_EQ(e["kind"], "file");
  EXPECT_EQ(e["size"], 10);
  std::string media = e["media_type"].get<std::string>();
  EXPECT_EQ(media.rfind("text/plain", 0), 0u) << media;

  Response file = call("GET", "/api/v1/evidence/" + e["id"].get<std::string>() + "/file");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.body, "backup ok\n");
  const std::string* disposition = file.headers.find("Content-Disposition");
  ASSERT_NE(disposition, nullptr);
  EXPECT_EQ(disposition->rfind("attachment; filename=\"", 0), 0u) << *disposition;

  // An executable is refused naming the file.
  Response exe =
      call("POST", "/api/v1/controls/" + id + "/evidence?file_name=tool.exe",
           std::string("MZ\x90\0\x03\0\0\0", 8), {{"Content-Type", "application/x-msdownload"}});
  expect_error(exe, 415, "unsupported_media_type");

  Response list = call("GET", "/api/v1/controls/" + id + "/evidence");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(Json::parse(list.body)["items"].size(), 1u);
}

}  // namespace
}  // namespace isms::http
