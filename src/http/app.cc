#include "http/app.h"

#include <algorithm>
#include <chrono>
#include <exception>

#include "base/cookies.h"
#include "base/crypto.h"
#include "base/secrets.h"
#include "http/access_log.h"
#include "http/error_mapping.h"
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/header_values.h"
#include "http/openapi.h"
#include "http/query_params.h"
#include "http/uri.h"
#include "service/register_descriptor.h"

namespace isms::http {
namespace {

// Compatible with a Vite production build: scripts and styles are same-origin files.
// 'unsafe-inline' for styles only, because UI libraries set style attributes and inject
// <style>; scripts stay strictly 'self'.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

constexpr size_t kMaxLoggedPathBytes = 512;

long long now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// The path part of the target for logs: never the query, which may carry search terms.
std::string_view loggable_path(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  return path.substr(0, kMaxLoggedPathBytes);
}

// Mixed into list ETags so a restarted server never confirms an older process's tags.
std::string new_etag_salt() {
  crypto_init();
  return hex_encode(random_bytes(8));
}

}  // namespace

// Ids come from the same CSPRNG, but drawn 64 at a time per thread: one getrandom()
// system call per request was measurable once cached responses made requests cheap.
std::string new_request_id() {
  constexpr size_t kIdBytes = 8, kBatch = 64;
  thread_local std::string pool;
  thread_local size_t used = 0;
  if (used == pool.size()) {
    pool = random_bytes(kIdBytes * kBatch);
    used = 0;
  }
  std::string id = hex_encode(std::string_view(pool).substr(used, kIdBytes));
  used += kIdBytes;
  return id;
}

App::App(const ServiceContext& ctx, AppOptions options, ResponseCacheOptions cache)
    : options_(std::move(options)),
      auth_(ctx, options_.auth),
      cache_(cache),
      cached_(ctx, &cache_, new_etag_salt()),
      static_files_(options_.web_root) {
  crypto_init();  // request ids use libsodium's generator; idempotent
  add_all_routes(router_, ctx, cached_, auth_,
                 [this]() -> const std::string& { return openapi_text_; });
  openapi_ = build_openapi(router_, all_registers());
  openapi_text_ = dump_json(openapi_);
  max_body_limit_ = options_.max_body_bytes;
  for (const Route& route : router_.routes()) {
    max_body_limit_ = std::max(max_body_limit_, route.doc.max_body_bytes);
  }
}

size_t App::body_limit(std::string_view method, std::string_view target) const {
  auto parts = split_target(target);
  if (!parts.ok()) return options_.max_body_bytes;
  auto segments = split_path(parts->path);
  if (!segments.ok()) return options_.max_body_bytes;
  RouteMatch match = router_.match(method, *segments);
  if (match.route == nullptr || match.route->doc.max_body_bytes == 0) {
    return options_.max_body_bytes;
  }
  return match.route->doc.max_body_bytes;
}

namespace {

bool is_write_method(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// A browser's Origin must be this server: scheme + Host header.
bool same_origin(const Request& request, bool tls) {
  const std::string* origin = request.headers.find("Origin");
  if (origin == nullptr) return true;  // not a browser cross-origin request
  const std::string* host = request.headers.find("Host");
  if (host == nullptr) return false;
  return *origin == std::string(tls ? "https://" : "http://") + *host;
}

}  // namespace

Status App::authorize(Request& request, const AccessRule& rule) const {
  request.tls = options_.tls;
  if (is_write_method(request.method) && !same_origin(request, options_.tls)) {
    return Error::forbidden("cross-site request refused (Origin does not match this server)");
  }
  ClientInfo client = client_of(request);
  const std::string* authorization = request.headers.find("Authorization");
  std::string cookie;
  if (const std::string* header = request.headers.find("Cookie")) {
    cookie = find_cookie(*header, kSessionCookie).value_or("");
  }
  request.session_token = cookie;
  if (rule.kind == AccessKind::kPublic) return ok_status();

  if (authorization != nullptr) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization->size() <= kBearer.size() ||
        !iequals(std::string_view(*authorization).substr(0, kBearer.size()), kBearer)) {
      return Error::unauthenticated("Authorization must be \"Bearer <API token>\"");
    }
    if (rule.kind == AccessKind::kSession) {
      return Error::unauthenticated("this route needs a browser session, not an API token");
    }
    ISMS_ASSIGN(request.principal,
                auth_.authenticate_token(authorization->substr(kBearer.size()), client));
  } else {
    if (cookie.empty()) return Error::unauthenticated("not logged in");
    ISMS_ASSIGN(SessionView view, auth_.session(cookie, client));
    if (is_write_method(request.method)) {
      const std::string* csrf = request.headers.find("X-CSRF-Token");
      if (csrf == nullptr || !secure_equals(*csrf, view.session.csrf_token)) {
        return Error::forbidden("missing or wrong X-CSRF-Token header");
      }
    }
    if (rule.kind != AccessKind::kSession && view.session.state != SessionState::kActive) {
      return Error::unauthenticated("finish logging in first (session state " +
                                    std::string(session_state_name(view.session.state)) + ")");
    }
    request.principal = std::move(view.principal);
  }
  if (rule.kind == AccessKind::kPermission && !request.principal.has(rule.permission)) {
    return Error::forbidden("this needs permission " + rule.permission);
  }
  return ok_status();
}

Response App::error(const Request& request, const Error& error) const {
  if (!client_sees_real_message(error.code)) {
    // The client got an opaque message; the real one must be findable by request id.
    log_event(error.code == ErrorCode::kUnavailable ? LogLevel::kWarn : LogLevel::kError,
              "request failed",
              Json{{"request_id", request.request_id},
                   {"code", std::string(error_code_name(error.code))},
                   {"error", error.message}});
  }
  return error_response(error, request.request_id);
}

Response App::dispatch(Request& request) const {
  auto target = split_target(request.target);
  if (!target.ok()) return error(request, target.error());
  auto segments = split_path(target->path);
  if (!segments.ok()) return error(request, segments.error());

  RouteMatch match = router_.match(request.method, *segments);
  if (match.route != nullptr) {
    const Route& route = *match.route;
    request.path_params = std::move(match.params);
    if (auto allowed = authorize(request, route.doc.access); !allowed.ok()) {
      return error(request, allowed.error());
    }
    auto query = parse_query(target->query);
    if (!query.ok()) return error(request, query.error());
    if (auto known = check_known_params(*query, route.doc.query); !known.ok()) {
      return error(request, known.error());
    }
    request.query = std::move(query).value();
    // The transport already enforced the limit; this covers callers without it (tests).
    size_t limit =
        route.doc.max_body_bytes > 0 ? route.doc.max_body_bytes : options_.max_body_bytes;
    if (request.body.size() > limit) {
      return error(request, Error::too_large("request body larger than " + std::to_string(limit) +
                                             " bytes"));
    }
    if (!request.body.empty() && !route.doc.raw_body) {
      const std::string* type = request.headers.find("Content-Type");
      if (type == nullptr || !is_json_content_type(*type)) {
        Error e;
        e.code = ErrorCode::kUnsupportedMediaType;
        e.message = "request body must be sent with Content-Type: application/json";
        return error(request, e);
      }
    }
    Result<Response> result = route.handler(request);
    if (!result.ok()) return error(request, result.error());
    return std::move(result).value();
  }
  if (!match.allowed.empty()) {
    Error e;
    e.code = ErrorCode::kMethodNotAllowed;
    e.message = "method " + request.method + " not allowed; allowed: " + join(match.allowed, ", ");
    Response res = error(request, e);
    res.headers.set("Allow", join(match.allowed, ", "));
    return res;
  }
  bool api_path = !segments->empty() && (*segments)[0] == "api";
  if (api_path || !static_files_.enabled()) {
    return error(request, Error::not_found("no route for " + std::string(target->path)));
  }
  if (request.method != "GET" && request.method != "HEAD") {
    Error e;
    e.code = ErrorCode::kMethodNotAllowed;
    e.message = "the web UI is read with GET";
    Response res = error(request, e);
    res.headers.set("Allow", "GET, HEAD");
    return res;
  }
  auto file = static_files_.get(*segments);
  if (!file.ok()) return error(request, file.error());
  return std::move(file).value();
}

void App::finish(const Request& request, Response& response, long long started_micros) const {
  Headers& h = response.headers;
  h.set("X-Request-Id", request.request_id);
  h.set("X-Content-Type-Options", "nosniff");
  h.set("Content-Security-Policy", kContentSecurityPolicy);
  h.set("Referrer-Policy", "no-referrer");
  h.set("X-Frame-Options", "DENY");
  if (options_.tls) h.set("Strict-Transport-Security", "max-age=31536000");
  // API answers may carry confidential data: never let a shared cache keep them.
  if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
  double duration_ms = static_cast<double>(now_micros() - started_micros) / 1000.0;
  log_request({.request_id = request.request_id,
               .method = request.method,
               .path = loggable_path(request.target),
               .status = response.status,
               .duration_ms = duration_ms,
               .bytes = response.body.size(),
               .remote = request.remote_address});
}

Response App::handle(Request& request) const noexcept {
  long long started = now_micros();
  Response response;
  try {
    request.request_id = new_request_id();
    response = dispatch(request);
  } catch (const std::exception& e) {
    response = error(request, Error::internal(std::string("unhandled exception: ") + e.what()));
  } catch (...) {
    response = error(request, Error::internal("unhandled non-standard exception"));
  }
  try {
    finish(request, response, started);
  } catch (...) {
    // Out of memory while adding headers or logging: send what we have.
  }
  return response;
}

Response App::reject(Request& partial, const Error& err) const noexcept {
  long long started = now_micros();
  Response response;
  try {
    partial.request_id = new_request_id();
    response = error(partial, err);
    response.close = true;
    finish(partial, response, started);
  } catch (...) {
    response.status = 500;
    response.close = true;
  }
  return response;
}

}  // namespace isms::http
