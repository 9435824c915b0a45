// Internals of the audit module's routes (audits.cc: programmes, audits, checklists,
// reports; audits_findings.cc: findings and corrective actions).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/message.h"
#include "http/router.h"
#include "service/context.h"

namespace isms::http::audit_routes {

void add_finding_routes(Router& router, const ServiceContext& ctx);

// Comma-separated values of query parameter `name` ("" = none).
std::vector<std::string> list_param(const Request& req, const std::string& name);
// true | false; kInvalid naming the parameter otherwise; nullopt when absent.
Result<std::optional<bool>> bool_param(const Request& req, const std::string& name);
// The body as a JSON object with "version" set from If-Match and/or the body (required).
Result<Json> versioned_body(const Request& req);

}  // namespace isms::http::audit_routes
