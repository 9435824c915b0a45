// The people of the organization: list, read, create, change, access review.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/admin_common.h"
#include "service/person_service.h"

namespace isms::http {

using admin::BodyReader;

void add_person_routes(Router& router, const ServiceContext& ctx) {
  PersonService service(ctx);
  const std::string persons = "/api/v1/persons";
  const std::string item = persons + "/{id}";

  router.add(
      "GET", persons,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(std::vector<Person> list, service.list(req.principal));
        Json items = Json::array();
        for (const auto& p : list) items.push_back(person_to_json(p));
        return json_response(200, Json{{"items", std::move(items)}});
      },
      RouteDoc{.operation_id = "listPersons",
               .summary = "All persons, by name",
               .tag = "people",
               .response_schema = "PersonList",
               .errors = {401, 403, 503},
               .access = needs("people:read")});
  router.add(
      "GET", item,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Person person, service.get(req.principal, req.path_param("id")));
        return json_response(200, person_to_json(person));
      },
      RouteDoc{.operation_id = "getPerson",
               .summary = "Read one person",
               .tag = "people",
               .response_schema = "Person",
               .errors = {401, 403, 404, 503},
               .access = needs("people:read")});
  router.add(
      "POST", persons,
      [service, persons](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
        ISMS_ASSIGN(PersonPatch patch, person_patch_from_json(body, /*allow_version=*/false));
        ISMS_ASSIGN(Person person, service.create(req.principal, patch.fields));
        Response res = json_response(201, person_to_json(person));
        res.headers.set("Location", persons + "/" + person.id);
        return res;
      },
      RouteDoc{.operation_id = "createPerson",
               .summary = "Add a person",
               .tag = "people",
               .request_schema = "PersonCreate",
               .status = 201,
               .response_schema = "Person",
               .response_headers = {"Location"},
               .errors = {401, 403, 409, 422, 503},
               .access = needs("people:write")});
  router.add(
      "PATCH", item,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
        ISMS_ASSIGN(PersonPatch patch, person_patch_from_json(body, /*allow_version=*/true));
        ISMS_ASSIGN(Person person,
                    service.update(req.principal, req.path_param("id"), patch, req.remote_address));
        return json_response(200, person_to_json(person));
      },
      RouteDoc{.operation_id = "updatePerson",
               .summary = "Change a person (version required); ending employment or changing "
                          "roles ends their sessions and tokens",
               .tag = "people",
               .request_schema = "PersonUpdate",
               .response_schema = "Person",
               .errors = {401, 403, 404, 409, 422, 503},
               .access = needs("people:write")});
  router.add(
      "POST", item + "/access-review",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
        BodyReader r(body);
        std::string note = r.required_string("note").value_or("");
        ISMS_TRY(r.finish());
        ISMS_ASSIGN(Person person,
                    service.access_review(req.principal, req.path_param("id"), note));
        return json_response(200, person_to_json(person));
      },
      RouteDoc{.operation_id = "reviewPersonAccess",
               .summary = "Record an access review (note required) and clear the flag",
               .tag = "people",
               .request_schema = "AccessReviewRequest",
               .response_schema = "Person",
               .errors = {401, 403, 404, 422, 503},
               .access = needs("access:review")});
}

}  // namespace isms::http
