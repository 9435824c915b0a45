// Request and Response: the HTTP layer's own small message types.
//
// The transport (transport.cc, the only Beast translation unit) converts wire messages
// into these and back, so routing, handlers, error mapping and their tests never include
// Boost. Plain values; not thread-safe (one request is handled by one thread at a time).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/access.h"

namespace isms::http {

// Header fields in arrival order. Names compare case-insensitively; a name may repeat.
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  // Appends a field (keeps earlier fields of the same name).
  void add(std::string name, std::string value);
  // Replaces every field named `name` by one field.
  void set(std::string_view name, std::string value);
  // The first field named `name`, or nullptr.
  const std::string* find(std::string_view name) const;
  bool has(std::string_view name) const { return find(name) != nullptr; }
  const std::vector<Field>& fields() const { return fields_; }

 private:
  std::vector<Field> fields_;
};

// ASCII case-insensitive equality (header names, tokens).
bool iequals(std::string_view a, std::string_view b);

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct Request {
  // Filled by the transport.
  std::string method;  // "GET", "POST", ... as sent (HTTP methods are case-sensitive)
  std::string target;  // request target as sent: "/path?query", still percent-encoded
  Headers headers;
  std::string body;
  std::string remote_address;  // peer IP address, no port

  // Filled by App before a handler runs.
  std::string request_id;
  std::map<std::string, std::string> path_params;  // "{id}" -> decoded segment
  QueryParams query;                               // decoded, names unique
  // Who is calling, resolved by App from the session cookie or bearer token before the
  // handler runs. Unauthenticated (empty user_id, no operator access) on public routes.
  Principal principal;
  // The raw session token from the cookie, when the request came with one (session
  // routes need it to rotate or end the session).
  std::string session_token;
  bool tls = false;  // served over HTTPS (cookies get Secure)

  // The decoded value of query parameter `name`, or nullptr when absent.
  const std::string* query_param(std::string_view name) const;
  // The decoded path parameter `name`; empty when the route has none of that name.
  const std::string& path_param(const std::string& name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // When true the transport closes the connection after writing this response (used
  // when a request body was left unread, e.g. 413).
  bool close = false;
};

// The content type of every JSON response.
inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

}  // namespace isms::http
