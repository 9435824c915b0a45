// Organization settings: MFA requirements by role, session timeouts.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/settings_service.h"

namespace isms::http {

void add_settings_routes(Router& router, const ServiceContext& ctx) {
  SettingsService service(ctx);
  const std::string path = "/api/v1/settings";

  router.add(
      "GET", path,
      [service](const Request&) -> Result<Response> {
        ISMS_ASSIGN(OrganizationSettings settings, service.get());
        return json_response(200, settings_to_json(settings));
      },
      RouteDoc{.operation_id = "getSettings",
               .summary = "Organization settings",
               .tag = "settings",
               .response_schema = "Settings",
               .errors = {401, 503},
               .access = authenticated_access()});
  router.add(
      "PUT", path,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
        ISMS_ASSIGN(SettingsUpdate update, settings_update_from_json(body));
        ISMS_ASSIGN(OrganizationSettings settings, service.put(req.principal, update));
        return json_response(200, settings_to_json(settings));
      },
      RouteDoc{.operation_id = "putSettings",
               .summary = "Replace the organization settings (version required)",
               .tag = "settings",
               .request_schema = "SettingsUpdate",
               .response_schema = "Settings",
               .errors = {401, 403, 409, 422, 503},
               .access = needs("settings:manage")});
}

}  // namespace isms::http
