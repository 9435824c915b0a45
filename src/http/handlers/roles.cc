// Roles and the permission catalogue.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/role_service.h"

namespace isms::http {

void add_role_routes(Router& router, const ServiceContext& ctx) {
  RoleService service(ctx);
  const std::string roles = "/api/v1/roles";
  const std::string item = roles + "/{id}";

  router.add(
      "GET", "/api/v1/permissions",
      [](const Request&) -> Result<Response> {
        Json items = Json::array();
        for (const auto& p : all_permissions()) {
          items.push_back(Json{{"name", p.name}, {"description", p.description}});
        }
        return json_response(200, Json{{"items", std::move(items)}});
      },
      RouteDoc{.operation_id = "listPermissions",
               .summary = "Every permission a role can hold",
               .tag = "roles",
               .response_schema = "PermissionList",
               .errors = {401},
               .access = authenticated_access()});
  router.add(
      "GET", roles,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(std::vector<Role> list, service.list(req.principal));
        Json items = Json::array();
        for (const auto& r : list) items.push_back(role_to_json(r));
        return json_response(200, Json{{"items", std::move(items)}});
      },
      RouteDoc{.operation_id = "listRoles",
               .summary = "The roles of the ISMS",
               .tag = "roles",
               .response_schema = "RoleList",
               .errors = {401, 403, 503},
               .access = needs("roles:read")});
  router.add(
      "POST", roles,
      [service, roles](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
        ISMS_ASSIGN(RoleFields fields, role_fields_from_json(body, /*allow_key=*/true));
        ISMS_ASSIGN(Role role, service.create(req.principal, fields));
        Response res = json_response(201, role_to_json(role));
        res.headers.set("Location", roles + "/" + role.id);
        return res;
      },
      RouteDoc{.operation_id = "createRole",
               .summary = "Create a custom role",
               .tag = "roles",
               .request_schema = "RoleCreate",
               .status = 201,
               .response_schema = "Role",
               .response_headers = {"Location"},
               .errors = {401, 403, 409, 422, 503},
               .access = needs("roles:manage")});
  router.add(
      "PATCH", item,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
        ISMS_ASSIGN(RoleFields fields, role_fields_from_json(body, /*allow_key=*/false));
        ISMS_ASSIGN(Role role, service.update(req.principal, req.path_param("id"), fields));
        return json_response(200, role_to_json(role));
      },
      RouteDoc{.operation_id = "updateRole",
               .summary = "Change a role (built-in roles: name and description only)",
               .tag = "roles",
               .request_schema = "RoleUpdate",
               .response_schema = "Role",
               .errors = {401, 403, 404, 422, 503},
               .access = needs("roles:manage")});
  router.add(
      "DELETE", item,
      [service](const Request& req) -> Result<Response> {
        ISMS_TRY(service.remove(req.principal, req.path_param("id")));
        Response res;
        res.status = 204;
        return res;
      },
      RouteDoc{.operation_id = "deleteRole",
               .summary = "Delete a custom role no person holds",
               .tag = "roles",
               .status = 204,
               .errors = {401, 403, 404, 409, 503},
               .access = needs("roles:manage")});
}

}  // namespace isms::http
