// The OpenAPI document itself, and the order in which resources are registered.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"

namespace isms::http {

void add_openapi_route(Router& router, std::function<const std::string&()> document) {
  router.add(
      "GET", "/api/v1/openapi.json",
      [document = std::move(document)](const Request&) -> Result<Response> {
        Response res;
        res.headers.set("Content-Type", std::string(kJsonContentType));
        res.body = document();
        return res;
      },
      RouteDoc{.operation_id = "getOpenApi",
               .summary = "This OpenAPI 3.1 document",
               .tag = "meta",
               .response_schema = "OpenApiDocument",
               .access = public_access()});
}

void add_all_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached,
                    const AuthService& auth, std::function<const std::string&()> openapi_document) {
  add_health_routes(router, ctx);
  add_auth_routes(router, ctx, auth);
  add_me_routes(router, ctx, auth);
  add_token_routes(router, ctx, auth);
  add_organization_routes(router, ctx, cached);
  add_person_routes(router, ctx);
  add_role_routes(router, ctx);
  add_user_routes(router, ctx);
  add_group_routes(router, ctx);
  add_settings_routes(router, ctx);
  add_register_routes(router);
  add_asset_routes(router, ctx, cached);
  add_grant_routes(router, ctx);
  add_demo_routes(router, ctx);
  add_catalogue_routes(router, ctx, cached);
  add_document_routes(router, ctx, cached);
  add_document_workflow_routes(router, ctx);
  add_traceability_routes(router, ctx, cached);
  add_risk_method_routes(router, ctx, cached);
  add_risk_routes(router, ctx, cached);
  add_risk_cycle_routes(router, ctx, cached);
  add_control_routes(router, ctx, cached);
  add_soa_routes(router, ctx, cached);
  add_calendar_routes(router, ctx, cached);
  add_notification_routes(router, ctx, cached);
  add_objective_routes(router, ctx, cached);
  add_audit_routes(router, ctx, cached);
  add_management_review_routes(router, ctx, cached);
  add_exception_routes(router, ctx, cached);
  add_incident_routes(router, ctx, cached);
  add_ledger_routes(router, ctx);
  add_openapi_route(router, std::move(openapi_document));
}

}  // namespace isms::http
