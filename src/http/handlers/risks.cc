// The risk register (docs/api.md "Risks"): list with filters and cursor pagination,
// create, read, change, accept the residual risk, revoke an acceptance, archive; the heat
// map, the summary the dashboard shows and the register export.
//
// The accept route needs only risks:read: who may accept depends on the residual level
// and the method (owner or risks:write within the appetite, risks:accept and the
// acceptance role above it), which only the service knows, and its 403 names the role.
#include <string>
#include <vector>

#include "domain/risk.h"
#include "http/cached_get.h"
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "http/query_params.h"
#include "service/risk_service.h"

namespace isms::http {
namespace {

constexpr const char* kRisksPath = "/api/v1/risks";
constexpr int kMaxRank = 5;   // levels are ranks 0..5 (kMaxRiskLevels)
constexpr int kMaxScale = 6;  // scale values are 1..6 (kMaxScaleLevels)

// In the order of RiskSort.
const std::vector<std::string>& sort_keys() {
  static const std::vector<std::string> keys = {
      "ref",        "title",          "inherent_level", "residual_level",
      "owner_name", "next_review_on", "updated_at"};
  return keys;
}

std::vector<std::string> treatment_names() {
  std::vector<std::string> out;
  for (int i = 0; i <= static_cast<int>(Treatment::kTransfer); ++i) {
    out.emplace_back(treatment_name(static_cast<Treatment>(i)));
  }
  return out;
}

std::vector<QueryParamDoc> list_params() {
  std::string treatments;
  for (const auto& t : treatment_names()) treatments += (treatments.empty() ? "" : ", ") + t;
  return {
      limit_param_doc(),
      cursor_param_doc(),
      include_total_param_doc(),
      sort_param_doc(sort_keys(), "ref"),
      string_param_doc("owner_id", "Filter: comma-separated owner person ids."),
      string_param_doc("treatment", "Filter: comma-separated treatments (" + treatments + ")."),
      string_param_doc("asset_id", "Filter: risks naming this asset."),
      string_param_doc("control_id", "Filter: risks naming this control."),
      string_param_doc("threat_id", "Filter: risks with this threat."),
      string_param_doc("vulnerability_id", "Filter: risks with this vulnerability."),
      {"above_appetite", "true: only risks whose residual level is above the appetite.",
       Json{{"type", "boolean"}, {"default", false}}},
      {"min_residual_level", "Filter: residual level rank at least this (0 = lowest).",
       Json{{"type", "integer"}, {"minimum", 0}, {"maximum", kMaxRank}}},
      {"cell",
       "One heat-map cell: residual:L:I or inherent:L:I (likelihood L, impact I, rated under "
       "the current method).",
       Json{{"type", "string"}, {"pattern", "^(residual|inherent):[1-6]:[1-6]$"}}},
      {"review_due", "true: only risks whose next review date has passed.",
       Json{{"type", "boolean"}, {"default", false}}},
      search_param_doc("ref, title or description"),
      archived_param_doc("risks"),
  };
}

const std::vector<QueryParamDoc>& risk_list_params() {
  static const std::vector<QueryParamDoc> docs = list_params();
  return docs;
}

// "residual:3:4" -> the cell filter of `q`.
Status parse_cell(const std::string& value, RiskQuery* q) {
  auto bad = [] {
    return Error::malformed("cell: must be residual:L:I or inherent:L:I (L, I from 1 to 6)",
                            "cell");
  };
  size_t first = value.find(':');
  if (first == std::string::npos) return bad();
  size_t second = value.find(':', first + 1);
  if (second == std::string::npos) return bad();
  std::string basis = value.substr(0, first);
  if (basis != "residual" && basis != "inherent") return bad();
  auto l = parse_int_param("cell", value.substr(first + 1, second - first - 1), 1, kMaxScale);
  auto i = parse_int_param("cell", value.substr(second + 1), 1, kMaxScale);
  if (!l.ok() || !i.ok()) return bad();
  q->cell_residual = basis == "residual";
  q->likelihood = static_cast<int>(*l);
  q->impact = static_cast<int>(*i);
  return ok_status();
}

Result<RiskListRequest> parse_list(const QueryParams& params, const std::string& today) {
  ISMS_TRY(check_known_params(params, risk_list_params()));
  RiskListRequest request;
  RiskQuery& q = request.query;
  q.limit = kRegisterDefaultLimit;
  for (const auto& [name, value] : params) {
    if (name == "limit") {
      ISMS_ASSIGN(int64_t limit, parse_int_param(name, value, 1, kRegisterMaxLimit));
      q.limit = static_cast<int>(limit);
    } else if (name == "cursor") {
      request.cursor = value;
    } else if (name == "include_total") {
      ISMS_ASSIGN(q.with_total, parse_bool_param(name, value));
    } else if (name == "sort") {
      ISMS_ASSIGN(size_t index, parse_sort_param(value, sort_keys(), &q.descending));
      q.sort = static_cast<RiskSort>(index);
    } else if (name == "owner_id") {
      ISMS_ASSIGN(q.owner_ids, parse_list_param(name, value, kRegisterFilterMax, nullptr));
    } else if (name == "treatment") {
      ISMS_ASSIGN(q.treatments,
                  parse_list_param(name, value, kRegisterFilterMax, [](const std::string& v) {
                    return parse_treatment(v).has_value();
                  }));
    } else if (name == "asset_id") {
      q.asset_id = value;
    } else if (name == "control_id") {
      q.control_id = value;
    } else if (name == "threat_id") {
      q.threat_id = value;
    } else if (name == "vulnerability_id") {
      q.vulnerability_id = value;
    } else if (name == "above_appetite") {
      ISMS_ASSIGN(request.above_appetite, parse_bool_param(name, value));
    } else if (name == "min_residual_level") {
      ISMS_ASSIGN(int64_t rank, parse_int_param(name, value, 0, kMaxRank));
      q.min_residual_level = static_cast<int>(rank);
    } else if (name == "cell") {
      ISMS_TRY(parse_cell(value, &q));
    } else if (name == "review_due") {
      ISMS_ASSIGN(bool due, parse_bool_param(name, value));
      // The same rule as the review_overdue flag: the review date has passed.
      if (due) q.review_before = today;
    } else if (name == "q") {
      ISMS_TRY(check_search_param(value));
      q.search = value;
    } else if (name == "archived") {
      ISMS_ASSIGN(q.archived, parse_archived_param(value));
    }
  }
  return request;
}

Response risk_response(int status, const RiskView& v) {
  return versioned_json(status, risk_view_to_json(v), v.risk.version);
}

Result<Response> list_risks(const RiskService& service, const Request& req,
                            const RiskListRequest& request) {
  ISMS_ASSIGN(RiskListResult result, service.list(req.principal, request));
  Json items = Json::array();
  for (const RiskView& v : result.items) items.push_back(risk_view_to_json(v));
  return json_response(
      200, page_json(std::move(items), result.next_cursor, result.total, request.query.with_total));
}

Result<Response> create_risk(const RiskService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_TRY(require_object(body));
  // A new risk has no version to match.
  if (body.contains("version")) return Error::invalid("version", "not accepted when creating");
  ISMS_ASSIGN(RiskPatch patch, risk_patch_from_json(body));
  ISMS_ASSIGN(RiskView v, service.create(req.principal, patch));
  Response res = risk_response(201, v);
  res.headers.set("Location", std::string(kRisksPath) + "/" + v.risk.id);
  return res;
}

Result<Response> update_risk(const RiskService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(RiskPatch patch, risk_patch_from_json(body));
  ISMS_ASSIGN(patch.version, expected_version(req, patch.version));
  ISMS_ASSIGN(RiskView v, service.update(req.principal, req.path_param("id"), patch));
  return risk_response(200, v);
}

Result<Response> accept_risk(const RiskService& service, const Request& req) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {"justification", "expires_on"}));
  ISMS_ASSIGN(int64_t version, required_version(req, body.version));
  std::optional<std::string> expires_on;
  if (const std::string* v = body.find("expires_on")) expires_on = *v;
  ISMS_ASSIGN(RiskView v, service.accept(req.principal, req.path_param("id"), version,
                                         body.get("justification"), expires_on));
  return risk_response(200, v);
}

Result<Response> revoke_acceptance(const RiskService& service, const Request& req) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {"reason"}));
  ISMS_ASSIGN(int64_t version, required_version(req, body.version));
  ISMS_ASSIGN(RiskView v, service.revoke_acceptance(req.principal, req.path_param("id"), version,
                                                    body.get("reason")));
  return risk_response(200, v);
}

Result<Response> archive_risk(const RiskService& service, const Request& req) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {"reason"}));
  ISMS_ASSIGN(int64_t version, required_version(req, body.version));
  ISMS_ASSIGN(RiskView v,
              service.archive(req.principal, req.path_param("id"), version, body.get("reason")));
  return risk_response(200, v);
}

Result<bool> heat_map_basis(const Request& req) {
  std::string basis = query_or(req, "basis", "residual");
  if (basis == "residual") return true;
  if (basis == "inherent") return false;
  return Error::malformed("basis: must be residual or inherent", "basis");
}

Result<Response> export_register(const RiskService& service, const Request& req) {
  std::string format = query_or(req, "format", "xlsx");
  RiskService::RegisterFormat f;
  if (format == "xlsx") {
    f = RiskService::RegisterFormat::kXlsx;
  } else if (format == "pdf") {
    f = RiskService::RegisterFormat::kPdf;
  } else {
    return Error::malformed("format: must be xlsx or pdf", "format");
  }
  ISMS_ASSIGN(RiskService::RegisterFile file, service.export_register(req.principal, f));
  return file_response(file.media_type, std::move(file.bytes), file.file_name);
}

}  // namespace

void add_risk_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  RiskService service(ctx);
  const Clock* clock = ctx.clock;
  const std::string risks = kRisksPath;
  const std::string item = risks + "/{id}";

  // Lists, the heat map and the summary are served through the data-versioned cache. Flags
  // (review_overdue, acceptance_expired) depend on the date: it is part of the key.
  router.add(
      "GET", risks,
      [service, cached, clock](const Request& req) -> Result<Response> {
        std::string today = today_of(clock);
        ISMS_ASSIGN(RiskListRequest request, parse_list(req.query, today));
        std::string key = cache_key({.resource = "risks@" + today, .query = &req.query});
        return cached.serve(req, key, /*etag=*/true,
                            [&] { return list_risks(service, req, request); });
      },
      RouteDoc{.operation_id = "listRisks",
               .summary = "List risks (filter, sort, cursor pagination)",
               .tag = "risks",
               .response_schema = "RiskList",
               .query = risk_list_params(),
               .errors = {503},
               .access = needs("risks:read")});
  router.add(
      "POST", risks, [service](const Request& req) { return create_risk(service, req); },
      RouteDoc{.operation_id = "createRisk",
               .summary = "Create a risk, rated under the current method",
               .tag = "risks",
               .request_schema = "RiskCreate",
               .status = 201,
               .response_schema = "Risk",
               .response_headers = {"ETag", "Location"},
               .errors = {409, 422, 503},
               .access = needs("risks:write")});
  // Literal segments: the router prefers them to {id}.
  router.add(
      "GET", risks + "/heat-map",
      [service, cached](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(bool residual, heat_map_basis(req));
        std::string key = cache_key({.resource = "risks/heat-map", .query = &req.query});
        return cached.serve(req, key, /*etag=*/true, [&]() -> Result<Response> {
          ISMS_ASSIGN(HeatMap map, service.heat_map(req.principal, residual));
          return json_response(200, heat_map_to_json(map));
        });
      },
      RouteDoc{.operation_id = "getRiskHeatMap",
               .summary = "Risks per (likelihood, impact) cell of the current method",
               .tag = "risks",
               .response_schema = "HeatMap",
               .query = {{"basis", "residual (default) or inherent.",
                          Json{{"type", "string"},
                               {"enum", {"residual", "inherent"}},
                               {"default", "residual"}}}},
               .errors = {503},
               .access = needs("risks:read")});
  router.add(
      "GET", risks + "/summary",
      [service, cached, clock](const Request& req) -> Result<Response> {
        std::string key = cache_key({.resource = "risks/summary@" + today_of(clock)});
        return cached.serve(req, key, /*etag=*/true, [&]() -> Result<Response> {
          ISMS_ASSIGN(RiskSummary summary, service.summary(req.principal));
          return json_response(200, risk_summary_to_json(summary));
        });
      },
      RouteDoc{.operation_id = "getRiskSummary",
               .summary = "Both heat maps, risks above appetite, top owners and top risks",
               .tag = "risks",
               .response_schema = "RiskSummary",
               .errors = {503},
               .access = needs("risks:read")});
  router.add(
      "GET", risks + "/export",
      [service](const Request& req) { return export_register(service, req); },
      RouteDoc{
          .operation_id = "exportRiskRegister",
          .summary = "The risk register as a file: method, register and both matrices",
          .tag = "risks",
          .response_headers = {"Content-Disposition"},
          .query = {{"format", "xlsx (default) or pdf.",
                     Json{{"type", "string"}, {"enum", {"xlsx", "pdf"}}, {"default", "xlsx"}}}},
          .errors = {503},
          .access = needs("risks:read"),
          .response_media_types = {
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "application/pdf"}});
  router.add(
      "GET", item,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(RiskView v, service.get(req.principal, req.path_param("id")));
        return risk_response(200, v);
      },
      RouteDoc{.operation_id = "getRisk",
               .summary = "Read one risk",
               .tag = "risks",
               .response_schema = "Risk",
               .response_headers = {"ETag"},
               .errors = {404, 503},
               .access = needs("risks:read")});
  router.add(
      "PATCH", item, [service](const Request& req) { return update_risk(service, req); },
      RouteDoc{.operation_id = "updateRisk",
               .summary = "Change a risk (If-Match or body version required); a higher "
                          "residual level drops the acceptance",
               .tag = "risks",
               .request_schema = "RiskUpdate",
               .response_schema = "Risk",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("risks:write")});
  router.add(
      "POST", item + "/accept", [service](const Request& req) { return accept_risk(service, req); },
      RouteDoc{.operation_id = "acceptRisk",
               .summary = "Accept the residual risk (within the appetite: the owner or "
                          "risks:write; above it: risks:accept and the method's acceptance "
                          "role, named in the 403)",
               .tag = "risks",
               .request_schema = "RiskAcceptRequest",
               .response_schema = "Risk",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("risks:read")});
  router.add(
      "POST", item + "/revoke-acceptance",
      [service](const Request& req) { return revoke_acceptance(service, req); },
      RouteDoc{.operation_id = "revokeRiskAcceptance",
               .summary = "Revoke the acceptance of a risk (reason required)",
               .tag = "risks",
               .request_schema = "ReasonVersionRequest",
               .response_schema = "Risk",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("risks:write")});
  router.add(
      "POST", item + "/archive",
      [service](const Request& req) { return archive_risk(service, req); },
      RouteDoc{.operation_id = "archiveRisk",
               .summary = "Archive a risk (reason required)",
               .tag = "risks",
               .request_schema = "ReasonVersionRequest",
               .response_schema = "Risk",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("risks:write")});
}

}  // namespace isms::http
