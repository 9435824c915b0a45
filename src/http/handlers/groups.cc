// Working groups: persons who share access to confidential objects assigned to them.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/group_service.h"

namespace isms::http {

void add_group_routes(Router& router, const ServiceContext& ctx) {
  GroupService service(ctx);
  const std::string groups = "/api/v1/groups";
  const std::string item = groups + "/{id}";

  router.add(
      "GET", groups,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(std::vector<WorkingGroup> list, service.list(req.principal));
        Json items = Json::array();
        for (const auto& g : list) items.push_back(working_group_to_json(g));
        return json_response(200, Json{{"items", std::move(items)}});
      },
      RouteDoc{.operation_id = "listGroups",
               .summary = "All working groups, by name",
               .tag = "groups",
               .response_schema = "WorkingGroupList",
               .errors = {401, 403, 503},
               .access = needs("groups:read")});
  router.add(
      "GET", item,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(WorkingGroup group, service.get(req.principal, req.path_param("id")));
        return json_response(200, working_group_to_json(group));
      },
      RouteDoc{.operation_id = "getGroup",
               .summary = "Read one working group",
               .tag = "groups",
               .response_schema = "WorkingGroup",
               .errors = {401, 403, 404, 503},
               .access = needs("groups:read")});
  router.add(
      "POST", groups,
      [service, groups](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
        ISMS_ASSIGN(GroupPatch patch, group_patch_from_json(body, /*allow_version=*/false));
        ISMS_ASSIGN(WorkingGroup group, service.create(req.principal, patch.fields));
        Response res = json_response(201, working_group_to_json(group));
        res.headers.set("Location", groups + "/" + group.id);
        return res;
      },
      RouteDoc{.operation_id = "createGroup",
               .summary = "Create a working group",
               .tag = "groups",
               .request_schema = "WorkingGroupCreate",
               .status = 201,
               .response_schema = "WorkingGroup",
               .response_headers = {"Location"},
               .errors = {401, 403, 409, 422, 503},
               .access = needs("groups:manage")});
  router.add(
      "PATCH", item,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
        ISMS_ASSIGN(GroupPatch patch, group_patch_from_json(body, /*allow_version=*/true));
        ISMS_ASSIGN(WorkingGroup group, service.update(req.principal, req.path_param("id"), patch));
        return json_response(200, working_group_to_json(group));
      },
      RouteDoc{.operation_id = "updateGroup",
               .summary = "Change a working group's name, description or members (version "
                          "required)",
               .tag = "groups",
               .request_schema = "WorkingGroupUpdate",
               .response_schema = "WorkingGroup",
               .errors = {401, 403, 404, 409, 422, 503},
               .access = needs("groups:manage")});
}

}  // namespace isms::http
