// App: everything between the transport and the services, free of Boost so it can be
// tested without sockets. It owns the route table and the static file server, and turns
// one complete Request into one Response:
//
//   target parsing -> route match (404 / 405 + Allow) -> authentication and the route's
//   access rule (401 / 403, CSRF) -> query parameters checked against the route's
//   declared list -> body size (413, the route's limit) -> Content-Type check for bodies
//   (415; not for routes taking a raw file) -> handler -> error mapping;
//   or, outside /api/, the web UI's static files.
//
// Every response gets X-Request-Id and the security headers, every request one access
// log line, every opaque error a log line with its real message. handle() never throws.
// Thread-safe after construction: handle() and reject() may run concurrently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/error.h"
#include "base/json.h"
#include "http/cached_get.h"
#include "http/message.h"
#include "http/response_cache.h"
#include "http/router.h"
#include "http/static_files.h"
#include "service/auth_service.h"
#include "service/context.h"

namespace isms::http {

struct AppOptions {
  std::string web_root;             // empty = API only
  size_t max_body_bytes = 1 << 20;  // enforced by the transport; published here for it
  AuthOptions auth;                 // login lock-out and throttling
  bool tls = false;  // served over HTTPS: HSTS on every response, cookies marked Secure
};

class App {
 public:
  // ctx must outlive the App.
  // cache bounds the GET response cache (cached_get.h).
  App(const ServiceContext& ctx, AppOptions options, ResponseCacheOptions cache = {});
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // The request body limit of the route `method` `target` matches (RouteDoc::
  // max_body_bytes, else options().max_body_bytes; the default too when nothing matches).
  // The transport asks after reading the header, before any body byte.
  size_t body_limit(std::string_view method, std::string_view target) const;
  // The largest body_limit of any route: what the transport allows while reading headers.
  size_t max_body_limit() const { return max_body_limit_; }

  // Handles one complete request; assigns request.request_id.
  Response handle(Request& request) const noexcept;

  // The response for a request the transport could not read completely (bad syntax,
  // header or body over its limit): `error` mapped, headers added, logged, close set.
  // `partial` holds whatever was parsed (method and target may be empty).
  Response reject(Request& partial, const Error& error) const noexcept;

  const Router& router() const { return router_; }
  const Json& openapi() const { return openapi_; }
  const AppOptions& options() const { return options_; }
  ResponseCacheStats cache_stats() const { return cache_.stats(); }

 private:
  Response dispatch(Request& request) const;
  // Resolves request.principal for the route's access rule and checks it (401/403), the
  // CSRF token for cookie-authenticated writes and the Origin of every write.
  Status authorize(Request& request, const AccessRule& rule) const;
  Response error(const Request& request, const Error& error) const;
  void finish(const Request& request, Response& response, long long started_micros) const;

  AppOptions options_;
  AuthService auth_;
  mutable ResponseCache cache_;
  CachedGet cached_;
  Router router_;
  StaticFiles static_files_;
  Json openapi_;
  std::string openapi_text_;
  size_t max_body_limit_ = 0;
};

// A fresh random request id (16 lower-case hex characters).
std::string new_request_id();

}  // namespace isms::http
