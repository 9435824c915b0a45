// Register descriptors: what the generic web UI renders lists and forms from.
#include <map>
#include <memory>

#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/register_descriptor.h"

namespace isms::http {

// The descriptors are compiled in: their responses are built once, at registration.
void add_register_routes(Router& router) {
  Json items = Json::array();
  for (const RegisterDescriptor* d : all_registers()) items.push_back(register_to_json(*d));
  auto list = std::make_shared<const Response>(json_response(200, Json{{"items", items}}));
  auto one = std::make_shared<std::map<std::string, Response>>();
  for (const RegisterDescriptor* d : all_registers()) {
    one->emplace(d->name, json_response(200, register_to_json(*d)));
  }

  router.add(
      "GET", "/api/v1/registers", [list](const Request&) -> Result<Response> { return *list; },
      RouteDoc{.operation_id = "listRegisters",
               .summary = "Descriptors of all registers",
               .tag = "registers",
               .response_schema = "RegisterList",
               .access = authenticated_access()});

  router.add(
      "GET", "/api/v1/registers/{name}",
      [one = std::shared_ptr<const std::map<std::string, Response>>(one)](
          const Request& req) -> Result<Response> {
        const std::string& name = req.path_param("name");
        if (auto it = one->find(name); it != one->end()) return it->second;
        return Error::not_found("no register named '" + name + "'");
      },
      RouteDoc{.operation_id = "getRegister",
               .summary = "Descriptor of one register",
               .tag = "registers",
               .response_schema = "RegisterDescriptor",
               .errors = {404},
               .access = authenticated_access()});
}

}  // namespace isms::http
