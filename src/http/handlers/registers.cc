// Register descriptors: what the generic web UI renders lists and forms from.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/register_descriptor.h"

namespace isms::http {

void add_register_routes(Router& router) {
  router.add(
      "GET", "/api/v1/registers",
      [](const Request&) -> Result<Response> {
        Json items = Json::array();
        for (const RegisterDescriptor* d : all_registers()) items.push_back(register_to_json(*d));
        return json_response(200, Json{{"items", std::move(items)}});
      },
      RouteDoc{.operation_id = "listRegisters",
               .summary = "Descriptors of all registers",
               .tag = "registers",
               .response_schema = "RegisterList"});

  router.add(
      "GET", "/api/v1/registers/{name}",
      [](const Request& req) -> Result<Response> {
        const std::string& name = req.path_param("name");
        for (const RegisterDescriptor* d : all_registers()) {
          if (d->name == name) return json_response(200, register_to_json(*d));
        }
        return Error::not_found("no register named '" + name + "'");
      },
      RouteDoc{.operation_id = "getRegister",
               .summary = "Descriptor of one register",
               .tag = "registers",
               .response_schema = "RegisterDescriptor",
               .errors = {404}});
}

}  // namespace isms::http
