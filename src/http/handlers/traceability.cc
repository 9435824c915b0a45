// Traceability and gaps (docs/api.md "Traceability and gaps"): which requirements the
// published documents cite, the gap report and its CSV/XLSX export, and coverage figures.
// The route rule is catalogue:read; the service also requires documents:read.
#include <string>
#include <vector>

#include "domain/catalogue.h"
#include "http/cached_get.h"
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/catalogue_json.h"
#include "service/traceability_service.h"

namespace isms::http {
namespace {

constexpr const char* kTrace = "/api/v1/traceability";

// Without ?framework=, ISO/IEC 27001:2022.
std::string framework_of(const Request& req) {
  return query_or(req, "framework", std::string(kIso27001Id));
}

Result<std::string> scope_of(const Request& req) {
  std::string scope = query_or(req, "scope");
  if (!scope.empty() && scope != "clauses") {
    return Error::invalid("scope", "must be clauses, or absent for the framework's default");
  }
  return scope;
}

QueryParamDoc framework_param() {
  return {"framework", "Framework id (default iso27001-2022).",
          Json{{"type", "string"}, {"default", std::string(kIso27001Id)}}};
}

QueryParamDoc scope_param() {
  return {"scope",
          "clauses: ISO/IEC 27001 clauses 4-10; absent: the framework's default (Annex A "
          "controls, NIS2 Annex subsections, assessable requirements).",
          Json{{"type", "string"}, {"enum", {"clauses"}}}};
}

Result<Response> export_gaps(const TraceabilityService& service, const Request& req) {
  std::string framework = framework_of(req);
  ISMS_ASSIGN(std::string scope, scope_of(req));
  std::string format = query_or(req, "format", "csv");
  if (format != "csv" && format != "xlsx") return Error::invalid("format", "must be csv or xlsx");
  ISMS_ASSIGN(std::string bytes,
              service.export_gap_report(req.principal, framework, scope, format));
  std::string name = "gaps-" + framework + (scope.empty() ? "" : "-" + scope) + "." + format;
  return file_response(format == "csv"
                           ? "text/csv; charset=utf-8"
                           : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       std::move(bytes), name);
}

}  // namespace

void add_traceability_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  TraceabilityService service(ctx);
  // Reports change only with documents and the catalogue, both ledgered: cached.
  auto through_cache = [cached](std::string resource, auto compute) {
    return [cached, resource, compute](const Request& req) {
      std::string key = cache_key({.resource = resource, .query = &req.query});
      return cached.serve(req, key, /*etag=*/true, [&] { return compute(req); });
    };
  };
  const std::string trace = kTrace;

  router.add("GET", trace + "/matrix",
             through_cache("traceability/matrix",
                           [service](const Request& req) -> Result<Response> {
                             ISMS_ASSIGN(std::vector<TraceRow> rows,
                                         service.matrix(req.principal, framework_of(req)));
                             return json_response(200, items_json(rows, trace_row_to_json));
                           }),
             RouteDoc{.operation_id = "getTraceabilityMatrix",
                      .summary = "Every requirement of a framework with the published sections "
                                 "citing it",
                      .tag = "traceability",
                      .response_schema = "TraceMatrix",
                      .query = {framework_param()},
                      .errors = {404, 503},
                      .access = needs("catalogue:read")});
  router.add("GET", trace + "/gaps",
             through_cache("traceability/gaps",
                           [service](const Request& req) -> Result<Response> {
                             ISMS_ASSIGN(std::string scope, scope_of(req));
                             ISMS_ASSIGN(
                                 GapReport report,
                                 service.gap_report(req.principal, framework_of(req), scope));
                             return json_response(200, gap_report_to_json(report));
                           }),
             RouteDoc{.operation_id = "getGapReport",
                      .summary = "Coverage figures, rows and the requirements no published "
                                 "document cites",
                      .tag = "traceability",
                      .response_schema = "GapReport",
                      .query = {framework_param(), scope_param()},
                      .errors = {404, 422, 503},
                      .access = needs("catalogue:read")});
  router.add(
      "GET", trace + "/gaps/export",
      [service](const Request& req) { return export_gaps(service, req); },
      RouteDoc{
          .operation_id = "exportGapReport",
          .summary = "The gap report as a CSV or XLSX file",
          .tag = "traceability",
          .response_headers = {"Content-Disposition"},
          .query = {framework_param(),
                    scope_param(),
                    {"format", "csv (default) or xlsx.",
                     Json{{"type", "string"}, {"enum", {"csv", "xlsx"}}, {"default", "csv"}}}},
          .errors = {404, 422, 503},
          .access = needs("catalogue:read"),
          .response_media_types = {
              "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
  router.add("GET", trace + "/coverage",
             through_cache("traceability/coverage",
                           [service](const Request& req) -> Result<Response> {
                             ISMS_ASSIGN(CoverageSummary summary, service.coverage(req.principal));
                             return json_response(200, coverage_to_json(summary));
                           }),
             RouteDoc{.operation_id = "getCoverage",
                      .summary = "Coverage figures of the built-in frameworks (also on the "
                                 "dashboard)",
                      .tag = "traceability",
                      .response_schema = "CoverageSummary",
                      .errors = {503},
                      .access = needs("catalogue:read")});
}

}  // namespace isms::http
