// Loading the demo organization into an empty registry.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/demo_service.h"

namespace isms::http {

void add_demo_routes(Router& router, const ServiceContext& ctx) {
  DemoService service(ctx);
  router.add(
      "POST", "/api/v1/demo",
      [service](const Request& req) -> Result<Response> {
        // The body is optional and, when sent, must be {} (no options exist yet).
        ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/true));
        ISMS_TRY(require_object(body));
        if (!body.empty()) return Error::invalid(body.begin().key(), "unknown field");
        ISMS_ASSIGN(DemoResult result, service.load(req.principal));
        return json_response(201, Json{{"persons", result.persons}, {"assets", result.assets}});
      },
      RouteDoc{.operation_id = "loadDemo",
               .summary = "Load the demo organization (empty registry only)",
               .tag = "demo",
               .request_schema = "DemoRequest",
               .request_body_required = false,
               .status = 201,
               .response_schema = "DemoResult",
               .errors = {409, 422, 503},
               .access = needs("demo:load")});
}

}  // namespace isms::http
