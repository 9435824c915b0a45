// The organization, its people and roles, and the dashboard summary.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/catalogue_json.h"
#include "service/organization_service.h"

namespace isms::http {
namespace {

Json counts_object(const std::vector<std::pair<std::string, int64_t>>& counts) {
  Json out = Json::object();
  for (const auto& [name, n] : counts) out[name] = n;
  return out;
}

Json dashboard_to_json(const Dashboard& d) {
  return Json{
      {"organization", organization_to_json(d.organization)},
      {"assets",
       {{"total", d.assets.total},
        {"by_classification", counts_object(d.assets.by_classification)},
        {"by_lifecycle_status", counts_object(d.assets.by_lifecycle_status)},
        {"without_owner", d.assets.without_owner}}},
      {"persons", d.persons},
      {"ledger", {{"entries", d.ledger.seq}, {"head_hash", d.ledger.hash}}},
      // null unless the caller may read the catalogue and documents.
      {"coverage", d.coverage ? coverage_to_json(*d.coverage) : Json(nullptr)},
  };
}

}  // namespace

// Every read here is served through the data-versioned cache (cached_get.h): the
// dashboard counts all assets, which costs milliseconds at 10^5 assets, and none of these
// change between writes.
void add_organization_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  OrganizationService service(ctx);
  auto through_cache = [cached](const char* resource, auto compute) {
    return [cached, resource, compute](const Request& req) {
      return cached.serve(req, cache_key({.scope = "", .resource = resource}), /*etag=*/false,
                          [&] { return compute(req); });
    };
  };

  router.add("GET", "/api/v1/organization",
             through_cache("organization",
                           [service](const Request&) -> Result<Response> {
                             ISMS_ASSIGN(Organization org, service.organization());
                             return json_response(200, organization_to_json(org));
                           }),
             RouteDoc{.operation_id = "getOrganization",
                      .summary = "The organization this ISMS belongs to",
                      .tag = "organization",
                      .response_schema = "Organization",
                      .errors = {404, 503},
                      .access = needs("organization:read")});

  router.add("GET", "/api/v1/dashboard",
             through_cache("dashboard",
                           [service](const Request& req) -> Result<Response> {
                             ISMS_ASSIGN(Dashboard dashboard, service.dashboard(req.principal));
                             return json_response(200, dashboard_to_json(dashboard));
                           }),
             RouteDoc{.operation_id = "getDashboard",
                      .summary = "ISMS dashboard summary",
                      .tag = "dashboard",
                      .response_schema = "Dashboard",
                      .errors = {404, 503},
                      .access = needs("organization:read")});
}

}  // namespace isms::http
