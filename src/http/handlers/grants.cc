// Explicit per-object grants on assets. Who may manage them is decided by GrantService
// (read rule + grants:manage or ownership); the route only asks for assets:read.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/admin_common.h"
#include "service/grant_service.h"

namespace isms::http {

using admin::BodyReader;

void add_grant_routes(Router& router, const ServiceContext& ctx) {
  GrantService service(ctx);
  const std::string grants = "/api/v1/assets/{id}/grants";

  router.add(
      "GET", grants,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(std::vector<GrantView> list,
                    service.list_asset_grants(req.principal, req.path_param("id")));
        Json items = Json::array();
        for (const auto& g : list) items.push_back(grant_view_to_json(g));
        return json_response(200, Json{{"items", std::move(items)}});
      },
      RouteDoc{.operation_id = "listAssetGrants",
               .summary = "Persons explicitly granted access to an asset",
               .tag = "grants",
               .response_schema = "ObjectGrantList",
               .errors = {401, 403, 404, 503},
               .access = needs("assets:read")});
  router.add(
      "POST", grants,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
        BodyReader r(body);
        std::string person_id = r.required_string("person_id").value_or("");
        ISMS_TRY(r.finish());
        ISMS_ASSIGN(GrantView grant,
                    service.add_asset_grant(req.principal, req.path_param("id"), person_id));
        return json_response(201, grant_view_to_json(grant));
      },
      RouteDoc{.operation_id = "addAssetGrant",
               .summary = "Grant a person access to an asset",
               .tag = "grants",
               .request_schema = "GrantRequest",
               .status = 201,
               .response_schema = "ObjectGrant",
               .errors = {401, 403, 404, 409, 422, 503},
               .access = needs("assets:read")});
  router.add(
      "DELETE", grants + "/{person_id}",
      [service](const Request& req) -> Result<Response> {
        ISMS_TRY(service.remove_asset_grant(req.principal, req.path_param("id"),
                                            req.path_param("person_id")));
        Response res;
        res.status = 204;
        return res;
      },
      RouteDoc{.operation_id = "removeAssetGrant",
               .summary = "Withdraw a person's grant on an asset",
               .tag = "grants",
               .status = 204,
               .errors = {401, 403, 404, 503},
               .access = needs("assets:read")});
}

}  // namespace isms::http
