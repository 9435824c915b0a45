// /healthz (the process is up) and /readyz (the database answers).
#include "http/handlers/common.h"
#include "http/handlers/routes.h"

namespace isms::http {

void add_health_routes(Router& router, const ServiceContext& ctx) {
  router.add(
      "GET", "/healthz",
      [](const Request&) -> Result<Response> {
        return json_response(200, Json{{"status", "ok"}});
      },
      RouteDoc{.operation_id = "getHealth",
               .summary = "Liveness: the process is up",
               .tag = "health",
               .response_schema = "Health",
               .access = public_access()});

  const ServiceContext* c = &ctx;
  router.add(
      "GET", "/readyz",
      [c](const Request&) -> Result<Response> {
        Status ping = c->store->ping();
        if (!ping.ok()) {
          // Whatever the store reports, to a load balancer this means "not ready".
          return Error::unavailable("database ping failed: " + ping.error().message);
        }
        return json_response(200, Json{{"status", "ready"}, {"database", c->store->engine()}});
      },
      RouteDoc{.operation_id = "getReadiness",
               .summary = "Readiness: the database answers",
               .tag = "health",
               .response_schema = "Ready",
               .errors = {503},
               .access = public_access()});
}

}  // namespace isms::http
