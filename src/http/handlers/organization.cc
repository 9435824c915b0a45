// The organization, its people and roles, and the dashboard summary.
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "service/catalogue_json.h"
#include "service/operations_summary.h"
#include "service/organization_service.h"
#include "service/risk_service.h"
#include "service/soa_service.h"

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

// Issue 5 adds the risk summary (with risks:read) and the SoA status (with soa:read) to
// the dashboard; each is null without its permission.
Result<Json> risk_and_soa_parts(const ServiceContext& ctx, const Principal& p) {
  Json out{{"risks", nullptr}, {"soa", nullptr}};
  if (p.has("risks:read")) {
    ISMS_ASSIGN(RiskSummary summary, RiskService(ctx).summary(p));
    out["risks"] = risk_summary_to_json(summary);
  }
  if (p.has("soa:read")) {
    ISMS_ASSIGN(SoaWorkingCopy soa, SoaService(ctx).working_copy(p, {}));
    out["soa"] = Json{
        {"framework_ids", soa.framework_ids},
        {"totals", soa_totals_to_json(soa.totals)},
        {"last_approved",
         soa.last_approved ? soa_to_json(*soa.last_approved, /*with_lines=*/false) : Json(nullptr)},
        {"changed_since_approval", soa.changed_since_approval}};
  }
  return out;
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

  // Risk flags in top_risks depend on the date and the operations part's overdue counts on
  // the time (incident clocks run in hours): the minute is part of the key.
  const ServiceContext* context = &ctx;
  router.add(
      "GET", "/api/v1/dashboard",
      [service, cached, context](const Request& req) -> Result<Response> {
        std::string key = cache_key(
            {.scope = "", .resource = "dashboard@" + context->clock->now_utc().substr(0, 16)});
        return cached.serve(req, key, /*etag=*/false, [&]() -> Result<Response> {
          ISMS_ASSIGN(Dashboard dashboard, service.dashboard(req.principal));
          Json body = dashboard_to_json(dashboard);
          ISMS_ASSIGN(Json parts, risk_and_soa_parts(*context, req.principal));
          for (auto it = parts.begin(); it != parts.end(); ++it) body[it.key()] = it.value();
          ISMS_ASSIGN(body["operations"], operations_summary(*context, req.principal));
          return json_response(200, body);
        });
      },
      RouteDoc{.operation_id = "getDashboard",
               .summary = "ISMS dashboard summary",
               .tag = "dashboard",
               .response_schema = "Dashboard",
               .errors = {404, 503},
               .access = needs("organization:read")});
}

}  // namespace isms::http
