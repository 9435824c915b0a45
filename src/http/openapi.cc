#include "http/openapi.h"

#include <algorithm>
#include <cctype>

#include "http/openapi_schemas.h"

namespace isms::http {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Json schema_ref(const std::string& name) { return Json{{"$ref", "#/components/schemas/" + name}}; }

Json json_content(const Json& schema) { return Json{{"application/json", {{"schema", schema}}}}; }

// A body that is a file (PDF, XLSX, YAML, ...): bytes as they are.
Json binary() { return Json{{"type", "string"}, {"contentMediaType", "application/octet-stream"}}; }

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No content";
    case 400:
      return "Malformed request (JSON, UTF-8 or query parameter)";
    case 401:
      return "Not logged in: no, unknown or expired session or API token";
    case 403:
      return "Forbidden: missing permission, CSRF token or same origin";
    case 404:
      return "Not found";
    case 409:
      return "Conflict (stale version, duplicate or state)";
    case 413:
      return "Request body too large";
    case 415:
      return "Content-Type is not application/json";
    case 422:
      return "Validation failed";
    case 429:
      return "Too many failed logins (Retry-After)";
    case 503:
      return "Database unavailable";
  }
  return "Response";
}

Json header_doc(const std::string& name) {
  if (name == "ETag") {
    return Json{{"description", "The object's version, quoted: \"3\"."},
                {"schema", {{"type", "string"}}}};
  }
  if (name == "Location") {
    return Json{{"description", "URL of the created object."}, {"schema", {{"type", "string"}}}};
  }
  if (name == "Content-Disposition") {
    return Json{{"description", "attachment; filename=\"<name>\": a file to save."},
                {"schema", {{"type", "string"}}}};
  }
  return Json{{"schema", {{"type", "string"}}}};
}

Json operation(const Route& route) {
  const RouteDoc& d = route.doc;
  Json op{{"operationId", d.operation_id}, {"summary", d.summary}};
  if (!d.tag.empty()) op["tags"] = Json::array({d.tag});
  // Who may call it (docs/api.md "Authentication and access").
  op["x-access"] = access_label(d.access);

  Json params = Json::array();
  for (const auto& name : pattern_params(route.pattern)) {
    params.push_back(
        {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  for (const auto& q : d.query) {
    params.push_back({{"name", q.name},
                      {"in", "query"},
                      {"required", false},
                      {"description", q.description},
                      {"schema", q.schema}});
  }
  if (d.if_match) {
    params.push_back({{"name", "If-Match"},
                      {"in", "header"},
                      {"required", false},
                      {"description", "The version last read, quoted (\"3\"); or body version."},
                      {"schema", {{"type", "string"}}}});
  }
  if (!params.empty()) op["parameters"] = params;

  if (!d.request_schema.empty()) {
    Json content = json_content(schema_ref(d.request_schema));
    // A route taking either JSON or a file (evidence: a link or the file itself).
    if (d.raw_body) content["*/*"] = {{"schema", binary()}};
    op["requestBody"] = {{"required", d.request_body_required}, {"content", content}};
  } else if (d.raw_body) {
    // A file sent as is, in any media type.
    op["requestBody"] = {{"required", true}, {"content", {{"*/*", {{"schema", binary()}}}}}};
  }
  if (d.max_body_bytes > 0) op["x-max-body-bytes"] = d.max_body_bytes;

  Json success{{"description", reason_phrase(d.status)}};
  if (d.status != 204 && !d.response_media_types.empty()) {
    Json content = Json::object();
    // A route answering JSON or a file (an incident report, its frozen JSON or its PDF):
    // the JSON has its schema.
    for (const auto& type : d.response_media_types) {
      bool json = type == "application/json" && !d.response_schema.empty();
      content[type] = {{"schema", json ? schema_ref(d.response_schema) : binary()}};
    }
    success["content"] = content;
  } else if (d.status != 204) {
    success["content"] = json_content(d.response_schema.empty() ? Json{{"type", "object"}}
                                                                : schema_ref(d.response_schema));
  }
  if (!d.response_headers.empty()) {
    Json headers = Json::object();
    for (const auto& h : d.response_headers) headers[h] = header_doc(h);
    success["headers"] = headers;
  }
  Json responses{{std::to_string(d.status), success}};

  std::vector<int> errors = d.errors;
  if (!d.query.empty() || !d.request_schema.empty() || d.raw_body ||
      !pattern_params(route.pattern).empty()) {
    errors.push_back(400);
  }
  if (!d.request_schema.empty()) {
    errors.push_back(413);
    errors.push_back(415);
  } else if (d.raw_body) {
    errors.push_back(413);
  }
  // Without credentials: 401. With them but without the permission: 403; and every write
  // is refused (403) from another origin or, with the session cookie, without the CSRF token.
  if (d.access.kind != AccessKind::kPublic) errors.push_back(401);
  if (d.access.kind == AccessKind::kPermission || route.method != "GET") errors.push_back(403);
  std::sort(errors.begin(), errors.end());
  errors.erase(std::unique(errors.begin(), errors.end()), errors.end());
  Json error_response{{"$ref", "#/components/responses/Error"}};
  for (int status : errors) {
    responses[std::to_string(status)] = {{"description", reason_phrase(status)},
                                         {"content", json_content(schema_ref("Error"))}};
  }
  responses["default"] = error_response;
  op["responses"] = responses;
  return op;
}

}  // namespace

std::vector<std::string> pattern_params(const std::string& pattern) {
  std::vector<std::string> out;
  size_t open = pattern.find('{');
  while (open != std::string::npos) {
    size_t close = pattern.find('}', open);
    if (close == std::string::npos) break;
    out.push_back(pattern.substr(open + 1, close - open - 1));
    open = pattern.find('{', close);
  }
  return out;
}

Json build_openapi(const Router& router, const std::vector<const RegisterDescriptor*>& registers) {
  Json paths = Json::object();
  for (const Route& route : router.routes()) {
    paths[route.pattern][lower(route.method)] = operation(route);
  }

  Json schemas = fixed_schemas();
  for (const RegisterDescriptor* d : registers) {
    Json generated = register_schemas(*d, register_wire_example(d->name));
    for (auto it = generated.begin(); it != generated.end(); ++it) schemas[it.key()] = it.value();
  }

  Json responses{{"Error",
                  {{"description", "Error (see docs/api.md for codes)"},
                   {"content", json_content(schema_ref("Error"))}}}};

  return Json{
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "isms API"},
        {"version", "1"},
        {"description",
         "JSON API of isms, an ISMS for ISO/IEC 27001:2022 and NIS2. Every response carries "
         "X-Request-Id; errors share one body (components/schemas/Error)."}}},
      {"jsonSchemaDialect", "https://spec.openapis.org/oas/3.1/dialect/base"},
      {"paths", paths},
      {"components", {{"schemas", schemas}, {"responses", responses}}},
  };
}

}  // namespace isms::http
