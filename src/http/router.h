// Router: the route table of the JSON API and its matching.
//
// A route is (method, pattern, handler, documentation). Patterns are absolute paths whose
// segments are literals or parameters "{name}" matching one non-empty segment:
// "/api/v1/assets/{id}/archive". The documentation part is what the OpenAPI document is
// generated from (openapi.cc), and the query parameter list is also enforced: App rejects
// a parameter a route does not declare, so the document cannot drift from behaviour.
//
// Matching: among routes whose pattern matches the path, the most specific wins (a literal
// segment beats a parameter at the first segment where they differ). When patterns match
// but none for the method: 405 with the allowed methods. HEAD is served by a GET route.
// Thread safety: build on one thread, then match() concurrently.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "http/message.h"

namespace isms::http {

// One query parameter a route accepts.
struct QueryParamDoc {
  std::string name;
  std::string description;
  Json schema;  // JSON Schema of the raw string value, as OpenAPI shows it
};

// Who may call a route (docs/api.md "Authentication and access"). App enforces it before
// the handler runs; Router::add refuses a route without one, and the authorization matrix
// test (authorization_matrix_test.cc) checks each route against an independent table.
enum class AccessKind {
  kUndeclared,     // not allowed in the route table
  kPublic,         // no credentials needed
  kSession,        // any session, also one that has not finished login (session endpoints)
  kAuthenticated,  // an active session or a token; no particular permission
  kPermission,     // an active session or token holding `permission`
};

struct AccessRule {
  AccessKind kind = AccessKind::kUndeclared;
  std::string permission{};  // for kPermission
};

inline AccessRule public_access() { return {AccessKind::kPublic, ""}; }
inline AccessRule session_access() { return {AccessKind::kSession, ""}; }
inline AccessRule authenticated_access() { return {AccessKind::kAuthenticated, ""}; }
inline AccessRule needs(std::string permission) {
  return {AccessKind::kPermission, std::move(permission)};
}
// "public", "session", "authenticated" or the permission name (OpenAPI x-access).
std::string access_label(const AccessRule& rule);

// Every member has a default initializer so routes can use designated initializers
// naming only what they need (-Wmissing-field-initializers).
struct RouteDoc {
  std::string operation_id{};  // unique, camelCase: "listAssets"
  std::string summary{};
  std::string tag{};             // OpenAPI tag grouping the operation
  std::string request_schema{};  // component schema of the JSON body; empty = no body
  bool request_body_required = true;
  int status = 200;                             // success status
  std::string response_schema{};                // component schema of the success body
  std::vector<std::string> response_headers{};  // e.g. "ETag", "Location"
  std::vector<QueryParamDoc> query{};
  std::vector<int> errors{};  // error statuses this operation documents (besides "default")
  bool if_match = false;      // accepts If-Match: "<version>" (optimistic concurrency)
  AccessRule access{};        // required (Router::add aborts on kUndeclared)
  // Request body limit in bytes; 0 = the server's default (AppOptions::max_body_bytes,
  // 1 MiB). The transport decides 413 on it before reading the body (App::body_limit).
  size_t max_body_bytes = 0;
  // The body is a file (YAML, JSON, ...) passed to the handler as bytes: any Content-Type
  // is accepted (no 415) and OpenAPI documents it as binary. request_schema stays empty.
  bool raw_body = false;
  // Media types of a success body that is a file rather than JSON ("application/pdf",
  // "text/csv", ...); empty = JSON of response_schema.
  std::vector<std::string> response_media_types{};
};

// A handler decodes the request, calls one service method and encodes the result.
// Errors it returns are mapped by App through error_mapping; it must not throw (App
// still catches, logs and answers 500 if one does).
using Handler = std::function<Result<Response>(const Request&)>;

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteDoc doc;
  std::vector<std::string> segments;  // pattern split at '/', filled by Router::add
};

struct RouteMatch {
  const Route* route = nullptr;  // set on a match
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed;  // set when the path matched but not the method
};

class Router {
 public:
  // REQUIRES: pattern starts with '/', parameter segments are "{name}", (method, pattern)
  // not added before. Violations are programming errors and abort.
  void add(std::string method, std::string pattern, Handler handler, RouteDoc doc);

  // `segments` are the decoded path segments (uri.h split_path).
  // Result: route set -> matched; route null and allowed non-empty -> 405; both empty -> 404.
  RouteMatch match(std::string_view method, const std::vector<std::string>& segments) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// "{id}" -> "id"; empty when segment is not a parameter.
std::string param_name(std::string_view segment);

}  // namespace isms::http
