// The risk method (docs/api.md "Risk method": current, versions, preview of a change, a
// new version) and the threat and vulnerability catalogues ("Threats and
// vulnerabilities"), which share one shape and one set of handlers.
#include <string>
#include <vector>

#include "domain/risk_method.h"
#include "domain/threat.h"
#include "http/cached_get.h"
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "http/query_params.h"
#include "service/risk_service.h"

namespace isms::http {
namespace {

constexpr const char* kMethodPath = "/api/v1/risk-method";
// A method is a few kilobytes; the limit leaves room for long descriptions.
constexpr size_t kMethodBodyLimit = 256u << 10;

// The body of a preview or a save: {"method", "likelihood_map"?, "impact_map"?} and, to
// save, "expected_number" and "rerate". Every problem is reported at once.
struct MethodRequest {
  RiskMethod method;
  ScaleMapping mapping;
  int64_t expected_number = 0;
  bool rerate = false;
};

Result<MethodRequest> method_request(const Request& req, bool save) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_TRY(require_object(body));
  std::vector<FieldError> problems;
  MethodRequest out;
  Json maps = Json::object();
  bool has_method = false, has_number = false, has_rerate = false;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    if (key == "method") {
      has_method = true;
      Result<RiskMethod> m = risk_method_from_json(it.value());
      if (m.ok()) {
        out.method = std::move(m).value();
      } else if (m.error().code == ErrorCode::kInvalid) {
        for (const auto& d : m.error().details) problems.push_back(d);
        if (m.error().details.empty()) problems.push_back({"method", m.error().message});
      } else {
        return m.error();
      }
    } else if (key == "likelihood_map" || key == "impact_map") {
      maps[key] = it.value();
    } else if (save && key == "expected_number") {
      has_number = true;
      if (it->is_number_integer() && it->get<int64_t>() >= 1) {
        out.expected_number = it->get<int64_t>();
      } else {
        problems.push_back({key, "must be a positive integer"});
      }
    } else if (save && key == "rerate") {
      has_rerate = true;
      if (it->is_boolean()) {
        out.rerate = it->get<bool>();
      } else {
        problems.push_back({key, "must be true or false"});
      }
    } else {
      problems.push_back({key, "unknown field"});
    }
  }
  if (!has_method) problems.push_back({"method", "is required"});
  if (save && !has_number) {
    problems.push_back({"expected_number", "is required (the current method's number)"});
  }
  if (save && !has_rerate) problems.push_back({"rerate", "is required (true or false)"});
  Result<ScaleMapping> mapping = scale_mapping_from_json(maps);
  if (mapping.ok()) {
    out.mapping = std::move(mapping).value();
  } else if (mapping.error().code == ErrorCode::kInvalid) {
    for (const auto& d : mapping.error().details) problems.push_back(d);
    if (mapping.error().details.empty()) {
      problems.push_back({mapping.error().field.empty() ? "likelihood_map" : mapping.error().field,
                          mapping.error().message});
    }
  } else {
    return mapping.error();
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return out;
}

Json rating_change_json(const RatingChange& c) {
  return Json{{"likelihood_before", c.likelihood_before}, {"impact_before", c.impact_before},
              {"level_before", c.level_before},           {"likelihood_after", c.likelihood_after},
              {"impact_after", c.impact_after},           {"level_after", c.level_after}};
}

Json preview_to_json(const MethodChangePreview& p) {
  Json changed = Json::array();
  for (const auto& item : p.changed) {
    changed.push_back({{"risk_id", item.risk_id},
                       {"ref", item.ref},
                       {"title", item.title},
                       {"inherent", rating_change_json(item.inherent)},
                       {"residual", rating_change_json(item.residual)}});
  }
  return Json{{"current", risk_method_to_json(p.current)},
              {"proposed", risk_method_to_json(p.proposed)},
              {"changed_count", p.changed_count},
              {"unchanged_count", p.unchanged_count},
              {"changed", std::move(changed)}};
}

Result<int64_t> method_number(const Request& req) {
  return parse_int_param("number", req.path_param("number"), 1, INT64_MAX);
}

// --- threats and vulnerabilities

struct SourceKind {
  RiskSourceKind kind;
  const char* path;      // "/api/v1/threats"
  const char* singular;  // "Threat": operation ids
  const char* noun;      // "threat": summaries and errors
};

const SourceKind kSourceKinds[] = {
    {RiskSourceKind::kThreat, "/api/v1/threats", "Threat", "threat"},
    {RiskSourceKind::kVulnerability, "/api/v1/vulnerabilities", "Vulnerability", "vulnerability"},
};

Response source_response(int status, const RiskSource& s) {
  return versioned_json(status, risk_source_to_json(s), s.version);
}

// The entry `id` when it is of `kind`: a threat's id under /vulnerabilities is unknown there.
Result<RiskSource> source_of_kind(const RiskService& service, const Request& req,
                                  const SourceKind& kind) {
  const std::string& id = req.path_param("id");
  ISMS_ASSIGN(RiskSource s, service.source(req.principal, id));
  if (s.kind != kind.kind) return Error::not_found(std::string("no ") + kind.noun + " " + id);
  return s;
}

Result<Response> create_source(const RiskService& service, const Request& req,
                               const SourceKind& kind) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_TRY(require_object(body));
  if (body.contains("version")) return Error::invalid("version", "not accepted when creating");
  ISMS_ASSIGN(RiskSourceFields fields, risk_source_fields_from_json(body));
  ISMS_ASSIGN(RiskSource s, service.create_source(req.principal, kind.kind, fields));
  Response res = source_response(201, s);
  res.headers.set("Location", std::string(kind.path) + "/" + s.id);
  return res;
}

Result<Response> update_source(const RiskService& service, const Request& req,
                               const SourceKind& kind) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(RiskSourceFields fields, risk_source_fields_from_json(body));
  ISMS_ASSIGN(fields.version, expected_version(req, fields.version));
  ISMS_TRY(source_of_kind(service, req, kind));
  ISMS_ASSIGN(RiskSource s, service.update_source(req.principal, req.path_param("id"), fields));
  return source_response(200, s);
}

Result<Response> archive_source(const RiskService& service, const Request& req,
                                const SourceKind& kind) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {}));
  ISMS_ASSIGN(int64_t version, required_version(req, body.version));
  ISMS_TRY(source_of_kind(service, req, kind));
  ISMS_ASSIGN(RiskSource s, service.archive_source(req.principal, req.path_param("id"), version));
  return source_response(200, s);
}

void add_source_routes(Router& router, const RiskService& service, const CachedGet& cached,
                       const SourceKind& kind) {
  const std::string base = kind.path;
  const std::string item = base + "/{id}";
  const std::string singular = kind.singular;
  const std::string noun = kind.noun;
  const std::string plural = kind.kind == RiskSourceKind::kThreat ? "threats" : "vulnerabilities";
  const std::string plural_op =
      kind.kind == RiskSourceKind::kThreat ? "Threats" : "Vulnerabilities";

  router.add(
      "GET", base,
      [service, cached, kind, plural](const Request& req) -> Result<Response> {
        ArchivedFilter archived = ArchivedFilter::kActiveOnly;
        if (const std::string* v = req.query_param("archived")) {
          ISMS_ASSIGN(archived, parse_archived_param(*v));
        }
        std::string key = cache_key({.resource = plural, .query = &req.query});
        return cached.serve(req, key, /*etag=*/true, [&]() -> Result<Response> {
          ISMS_ASSIGN(std::vector<RiskSource> list,
                      service.sources(req.principal, kind.kind, archived));
          return json_response(200, items_json(list, risk_source_to_json));
        });
      },
      RouteDoc{.operation_id = "list" + plural_op,
               .summary = "The " + noun + " catalogue, by name",
               .tag = "risks",
               .response_schema = "RiskSourceList",
               .query = {archived_param_doc("entries")},
               .errors = {503},
               .access = needs("risks:read")});
  router.add(
      "POST", base,
      [service, kind](const Request& req) { return create_source(service, req, kind); },
      RouteDoc{.operation_id = "create" + singular,
               .summary = "Add a " + noun + " (name unique, case-insensitively)",
               .tag = "risks",
               .request_schema = "RiskSourceCreate",
               .status = 201,
               .response_schema = "RiskSource",
               .response_headers = {"ETag", "Location"},
               .errors = {409, 422, 503},
               .access = needs("risks:write")});
  router.add(
      "GET", item,
      [service, kind](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(RiskSource s, source_of_kind(service, req, kind));
        return source_response(200, s);
      },
      RouteDoc{.operation_id = "get" + singular,
               .summary = "Read one " + noun,
               .tag = "risks",
               .response_schema = "RiskSource",
               .response_headers = {"ETag"},
               .errors = {404, 503},
               .access = needs("risks:read")});
  router.add(
      "PATCH", item,
      [service, kind](const Request& req) { return update_source(service, req, kind); },
      RouteDoc{.operation_id = "update" + singular,
               .summary = "Change a " + noun + " (If-Match or body version required)",
               .tag = "risks",
               .request_schema = "RiskSourceUpdate",
               .response_schema = "RiskSource",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("risks:write")});
  router.add(
      "POST", item + "/archive",
      [service, kind](const Request& req) { return archive_source(service, req, kind); },
      RouteDoc{.operation_id = "archive" + singular,
               .summary = "Archive a " + noun + " (risks naming it keep it)",
               .tag = "risks",
               .request_schema = "VersionRequest",
               .request_body_required = false,
               .response_schema = "RiskSource",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("risks:write")});
}

}  // namespace

void add_risk_method_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  RiskService service(ctx);
  const std::string method = kMethodPath;
  // The method changes only by ledgered writes: its reads are cached.
  auto through_cache = [cached](std::string resource, auto compute) {
    return [cached, resource, compute](const Request& req) {
      std::string key =
          cache_key({.resource = resource + "/" + req.path_param("number"), .query = &req.query});
      return cached.serve(req, key, /*etag=*/true, [&] { return compute(req); });
    };
  };

  router.add("GET", method,
             through_cache("risk-method",
                           [service](const Request& req) -> Result<Response> {
                             ISMS_ASSIGN(RiskMethod m, service.current_method(req.principal));
                             return json_response(200, risk_method_to_json(m));
                           }),
             RouteDoc{.operation_id = "getRiskMethod",
                      .summary = "The current risk method: scales, levels, grid and appetite",
                      .tag = "risks",
                      .response_schema = "RiskMethod",
                      .errors = {404, 503},
                      .access = needs("risks:read")});
  router.add(
      "POST", method,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(MethodRequest r, method_request(req, /*save=*/true));
        ISMS_ASSIGN(RiskMethod m, service.save_method(req.principal, r.method, r.mapping,
                                                      r.expected_number, r.rerate));
        Response res = json_response(201, risk_method_to_json(m));
        res.headers.set("Location",
                        std::string(kMethodPath) + "/versions/" + std::to_string(m.number));
        return res;
      },
      RouteDoc{.operation_id = "saveRiskMethod",
               .summary = "Store a new method version (number + 1); optionally re-rate every "
                          "risk by the scale maps",
               .tag = "risks",
               .request_schema = "RiskMethodSave",
               .status = 201,
               .response_schema = "RiskMethod",
               .response_headers = {"Location"},
               .errors = {409, 422, 503},
               .access = needs("risks:method"),
               .max_body_bytes = kMethodBodyLimit});
  router.add(
      "POST", method + "/preview",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(MethodRequest r, method_request(req, /*save=*/false));
        ISMS_ASSIGN(MethodChangePreview p,
                    service.preview_method(req.principal, r.method, r.mapping));
        return json_response(200, preview_to_json(p));
      },
      RouteDoc{.operation_id = "previewRiskMethod",
               .summary = "What a changed method would do to every rating (nothing stored)",
               .tag = "risks",
               .request_schema = "RiskMethodPreviewRequest",
               .response_schema = "RiskMethodPreview",
               .errors = {422, 503},
               .access = needs("risks:read"),
               .max_body_bytes = kMethodBodyLimit});
  router.add("GET", method + "/versions",
             through_cache("risk-method/versions",
                           [service](const Request& req) -> Result<Response> {
                             ISMS_ASSIGN(std::vector<RiskMethod> list,
                                         service.methods(req.principal));
                             return json_response(200, items_json(list, risk_method_to_json));
                           }),
             RouteDoc{.operation_id = "listRiskMethods",
                      .summary = "Every method version, oldest first",
                      .tag = "risks",
                      .response_schema = "RiskMethodList",
                      .errors = {503},
                      .access = needs("risks:read")});
  router.add("GET", method + "/versions/{number}",
             through_cache("risk-method/version",
                           [service](const Request& req) -> Result<Response> {
                             ISMS_ASSIGN(int64_t number, method_number(req));
                             ISMS_ASSIGN(RiskMethod m, service.method(req.principal, number));
                             return json_response(200, risk_method_to_json(m));
                           }),
             RouteDoc{.operation_id = "getRiskMethodVersion",
                      .summary = "One method version",
                      .tag = "risks",
                      .response_schema = "RiskMethod",
                      .errors = {404, 503},
                      .access = needs("risks:read")});

  for (const SourceKind& kind : kSourceKinds) add_source_routes(router, service, cached, kind);
}

}  // namespace isms::http
