// The HTTP(S) server: serves the JSON API under /api/v1, /healthz, /readyz and the built web
// UI (static files with index.html fallback for client-side routes).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "base/error.h"
#include "http/tls_context.h"
#include "service/auth_service.h"
#include "service/context.h"

namespace isms::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";  // loopback by default
  int port = 8080;
  std::string web_root;             // directory with index.html; empty = API only
  int threads = 0;                  // 0 = max(4, cores): handlers block on the database
  size_t max_body_bytes = 1 << 20;  // larger bodies get 413
  // HTTPS when set (TlsContext::load); plain HTTP when null. The limits and timeouts
  // are the same either way; the TLS handshake counts against the header timeout.
  std::shared_ptr<const TlsContext> tls;
  AuthOptions auth;  // login lock-out and per-address throttling
  // Called once the socket is bound, with "host:port", before requests are served.
  std::function<void(const std::string& bound_address)> on_listening;
};

// Runs the server until SIGINT or SIGTERM, then drains and returns. Errors: kUnavailable
// when the address cannot be bound (message names bind:port).
Status serve(const ServerOptions& options, const ServiceContext& ctx);

}  // namespace isms::http
