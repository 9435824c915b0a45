// Keeps the served OpenAPI document and the route table in step, in both directions, and
// checks the document is internally consistent (every $ref resolves, every path parameter
// is declared, operation ids are unique).
#include "http/openapi.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "domain/asset.h"
#include "http/access_log.h"
#include "http/app.h"
#include "http/test_support.h"

namespace isms::http {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override { set_http_logging_enabled(false); }
  testing::FakeContext fake;
  App app{fake.ctx, AppOptions{}};
  const Json& doc = app.openapi();
};

TEST_F(OpenApiTest, EveryRouteIsDocumented) {
  for (const Route& r : app.router().routes()) {
    ASSERT_TRUE(doc["paths"].contains(r.pattern)) << r.pattern;
    EXPECT_TRUE(doc["paths"][r.pattern].contains(lower(r.method))) << r.method << " " << r.pattern;
  }
}

TEST_F(OpenApiTest, EveryDocumentedOperationIsRouted) {
  static const std::set<std::string> kMethods = {"get",     "put",  "post",  "delete",
                                                 "options", "head", "patch", "trace"};
  size_t operations = 0;
  for (auto path = doc["paths"].begin(); path != doc["paths"].end(); ++path) {
    for (auto op = path.value().begin(); op != path.value().end(); ++op) {
      if (!kMethods.count(op.key())) continue;
      ++operations;
      const auto& routes = app.router().routes();
      bool routed = std::any_of(routes.begin(), routes.end(), [&](const Route& r) {
        return r.pattern == path.key() && lower(r.method) == op.key();
      });
      EXPECT_TRUE(routed) << op.key() << " " << path.key();
    }
  }
  EXPECT_EQ(operations, app.router().routes().size());
}

TEST_F(OpenApiTest, RoutesCoverTheApiContract) {
  // docs/api.md, endpoint by endpoint.
  const std::vector<std::pair<std::string, std::string>> contract = {
      {"GET", "/healthz"},
      {"GET", "/readyz"},
      {"GET", "/api/v1/organization"},
      {"GET", "/api/v1/persons"},
      {"GET", "/api/v1/roles"},
      {"GET", "/api/v1/registers"},
      {"GET", "/api/v1/registers/{name}"},
      {"GET", "/api/v1/assets"},
      {"POST", "/api/v1/assets"},
      {"GET", "/api/v1/assets/{id}"},
      {"PATCH", "/api/v1/assets/{id}"},
      {"POST", "/api/v1/assets/{id}/archive"},
      {"POST", "/api/v1/demo"},
      {"GET", "/api/v1/dashboard"},
      {"GET", "/api/v1/ledger"},
      {"GET", "/api/v1/ledger/verify"},
      {"GET", "/api/v1/openapi.json"},
  };
  for (const auto& [method, pattern] : contract) {
    EXPECT_TRUE(doc["paths"].contains(pattern) && doc["paths"][pattern].contains(lower(method)))
        << method << " " << pattern;
  }
  EXPECT_EQ(app.router().routes().size(), contract.size());
}

TEST_F(OpenApiTest, OperationIdsAreUnique) {
  std::set<std::string> ids;
  for (const Route& r : app.router().routes()) {
    EXPECT_FALSE(r.doc.operation_id.empty()) << r.pattern;
    EXPECT_TRUE(ids.insert(r.doc.operation_id).second) << r.doc.operation_id;
  }
}

void collect_refs(const Json& j, std::vector<std::string>* out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "$ref" && it->is_string()) out->push_back(it->get<std::string>());
      collect_refs(it.value(), out);
    }
  } else if (j.is_array()) {
    for (const auto& e : j) collect_refs(e, out);
  }
}

TEST_F(OpenApiTest, EveryRefResolves) {
  std::vector<std::string> refs;
  collect_refs(doc, &refs);
  EXPECT_FALSE(refs.empty());
  for (const auto& ref : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
    Json::json_pointer pointer(ref.substr(1));
    EXPECT_TRUE(doc.contains(pointer)) << "dangling $ref " << ref;
  }
}

TEST_F(OpenApiTest, PathParametersAndQueryParametersAreDeclared) {
  for (const Route& r : app.router().routes()) {
    const Json& op = doc["paths"][r.pattern][lower(r.method)];
    std::set<std::string> path_params, query_params;
    for (const auto& p : op.value("parameters", Json::array())) {
      if (p["in"] == "path") path_params.insert(p["name"].get<std::string>());
      if (p["in"] == "query") query_params.insert(p["name"].get<std::string>());
    }
    auto expected = pattern_params(r.pattern);
    EXPECT_EQ(path_params, std::set<std::string>(expected.begin(), expected.end())) << r.pattern;
    std::set<std::string> accepted;
    for (const auto& q : r.doc.query) accepted.insert(q.name);
    EXPECT_EQ(query_params, accepted) << r.pattern;
  }
}

TEST_F(OpenApiTest, OperationsHaveSuccessAndErrorResponses) {
  for (const Route& r : app.router().routes()) {
    const Json& responses = doc["paths"][r.pattern][lower(r.method)]["responses"];
    EXPECT_TRUE(responses.contains(std::to_string(r.doc.status))) << r.pattern;
    EXPECT_TRUE(responses.contains("default")) << r.pattern;
    for (int status : r.doc.errors) {
      EXPECT_TRUE(responses.contains(std::to_string(status))) << r.pattern << " " << status;
    }
  }
}

TEST_F(OpenApiTest, AssetSchemaMatchesTheWireForm) {
  const Json& asset = doc["components"]["schemas"]["Asset"];
  Json wire = asset_to_json(Asset{});
  std::set<std::string> documented, sent;
  for (auto it = asset["properties"].begin(); it != asset["properties"].end(); ++it) {
    documented.insert(it.key());
  }
  for (auto it = wire.begin(); it != wire.end(); ++it) sent.insert(it.key());
  EXPECT_EQ(documented, sent);
  EXPECT_EQ(asset["properties"]["owner_id"]["type"], Json::parse(R"(["string","null"])"));
  EXPECT_EQ(asset["properties"]["name"]["type"], "string");
  EXPECT_EQ(asset["properties"]["confidentiality"]["enum"], Json::parse("[1,2,3,4]"));
}

TEST_F(OpenApiTest, WriteSchemasExcludeReadOnlyFields) {
  const Json& create = doc["components"]["schemas"]["AssetCreate"];
  EXPECT_FALSE(create["properties"].contains("id"));
  EXPECT_FALSE(create["properties"].contains("version"));
  EXPECT_FALSE(create["properties"].contains("owner_name"));
  EXPECT_TRUE(create["properties"].contains("name"));
  EXPECT_EQ(create["additionalProperties"], false);
  const Json& update = doc["components"]["schemas"]["AssetUpdate"];
  EXPECT_TRUE(update["properties"].contains("version"));
  EXPECT_TRUE(update["properties"].contains("justification"));
  EXPECT_FALSE(update["properties"].contains("created_at"));
}

TEST_F(OpenApiTest, ErrorSchemaListsEveryCode) {
  const Json& codes =
      doc["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"];
  EXPECT_EQ(codes.size(), static_cast<size_t>(ErrorCode::kMethodNotAllowed) + 1);
}

}  // namespace
}  // namespace isms::http
