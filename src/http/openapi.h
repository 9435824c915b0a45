// The OpenAPI 3.1 document served at GET /api/v1/openapi.json, generated from the route
// table (paths, operations, parameters, statuses) and the register descriptors (component
// schemas). openapi_test.cc checks that document and route table agree in both directions.
#pragma once

#include <vector>

#include "base/json.h"
#include "http/router.h"
#include "service/register_descriptor.h"

namespace isms::http {

// REQUIRES: every schema a route names exists among the generated components (checked by
// openapi_test.cc, not at run time).
Json build_openapi(const Router& router, const std::vector<const RegisterDescriptor*>& registers);

// "/api/v1/assets/{id}" -> {"id"}.
std::vector<std::string> pattern_params(const std::string& pattern);

}  // namespace isms::http
