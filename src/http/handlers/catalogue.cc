// The requirements catalogue (docs/api.md "Catalogue"): frameworks, requirements,
// mappings, search, library imports, OSCAL export, and the citation scanner.
#include <string>
#include <vector>

#include "formats/catalogue_formats.h"
#include "http/cached_get.h"
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/query_params.h"
#include "service/admin_common.h"
#include "service/catalogue_json.h"
#include "service/catalogue_service.h"

namespace isms::http {
namespace {

using admin::BodyReader;

constexpr const char* kCatalogue = "/api/v1/catalogue";
constexpr int kSearchDefaultLimit = 50;
constexpr int kSearchMaxLimit = 500;
constexpr size_t kSearchMaxQuery = 4000;
// POST /citations/scan: the text as long as a document body may be; the JSON around it
// (escapes) gets room of its own.
constexpr size_t kScanMaxText = 2u << 20;
constexpr size_t kScanMaxBody = 4u << 20;

Json string_param() { return Json{{"type", "string"}}; }

// The search's parameters are checked like body fields (422 naming them, all at once):
// they are what a person typed into the search box.
Result<Response> search(const CatalogueService& service, const Request& req) {
  std::string q = query_or(req, "q");
  std::vector<FieldError> problems;
  if (q.empty() || q.size() > kSearchMaxQuery) {
    problems.push_back({"q", "must be 1 to 4000 bytes"});
  }
  int64_t limit = kSearchDefaultLimit;
  if (const std::string* v = req.query_param("limit")) {
    auto parsed = parse_int_param("limit", *v, 1, kSearchMaxLimit);
    if (parsed.ok()) {
      limit = *parsed;
    } else {
      problems.push_back({"limit", "must be an integer from 1 to 500"});
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  ISMS_ASSIGN(
      std::vector<Requirement> found,
      service.search(req.principal, q, query_or(req, "framework"), static_cast<int>(limit)));
  return json_response(200, items_json(found, requirement_to_json));
}

// format: as given, else read from the bytes (an OSCAL catalog is a JSON object; a CISO
// Assistant library is YAML).
Result<std::string> import_format(const Request& req) {
  if (const std::string* f = req.query_param("format")) {
    if (*f != "ciso-assistant" && *f != "oscal") {
      return Error::invalid("format", "must be ciso-assistant or oscal");
    }
    return *f;
  }
  size_t first = req.body.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && req.body[first] == '{') return std::string("oscal");
  return std::string("ciso-assistant");
}

Result<Response> import_library(const CatalogueService& service, const Request& req) {
  if (req.body.empty()) return Error::malformed("request body is required (the library file)");
  ISMS_ASSIGN(std::string format, import_format(req));
  std::string framework = query_or(req, "framework");
  if (!framework.empty() && format != "oscal") {
    return Error::invalid("framework",
                          "only for format=oscal (a CISO Assistant library names "
                          "its frameworks)");
  }
  ISMS_ASSIGN(CatalogueImportResult result,
              service.import_library(req.principal, format, req.body, framework));
  return json_response(200, catalogue_import_result_to_json(result));
}

Result<Response> scan(const CatalogueService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  BodyReader r(body);
  std::string text = r.required_string("text").value_or("");
  ISMS_TRY(r.finish());
  if (text.size() > kScanMaxText) return Error::too_large("text: larger than 2 MiB");
  ISMS_ASSIGN(CitationScan result, service.scan(req.principal, text));
  return json_response(200, citation_scan_to_json(result));
}

Result<Response> requirement(const CatalogueService& service, const Request& req) {
  const std::string& key = req.path_param("key");
  auto parts = split_requirement_key(key);
  if (!parts) {
    return Error::not_found("no requirement '" + key +
                            "' (a key is <framework>:<ref>, e.g. iso27001-2022:A.5.1)");
  }
  ISMS_ASSIGN(RequirementDetail detail,
              service.requirement(req.principal, parts->first, parts->second));
  return json_response(200, requirement_detail_to_json(detail));
}

std::vector<QueryParamDoc> search_params() {
  return {
      {"q",
       "Case-insensitive text in the key, title or description (1-4000 bytes; % and _ are "
       "literal).",
       Json{{"type", "string"}, {"minLength", 1}, {"maxLength", kSearchMaxQuery}}},
      {"framework", "Only this framework's requirements.", string_param()},
      {"limit", "At most this many (1-500, default 50).",
       Json{{"type", "integer"},
            {"minimum", 1},
            {"maximum", kSearchMaxLimit},
            {"default", kSearchDefaultLimit}}},
  };
}

}  // namespace

void add_catalogue_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  CatalogueService service(ctx);
  const std::string frameworks = std::string(kCatalogue) + "/frameworks";
  const std::string framework = frameworks + "/{id}";
  // The catalogue changes only by imports, which are ledger entries: its reads are
  // served through the data-versioned cache.
  auto through_cache = [cached](std::string resource, auto compute) {
    return [cached, resource, compute](const Request& req) {
      std::string key = cache_key(
          {.scope = "", .resource = resource + "/" + req.path_param("id"), .query = &req.query});
      return cached.serve(req, key, /*etag=*/true, [&] { return compute(req); });
    };
  };

  router.add("GET", frameworks,
             through_cache("catalogue/frameworks",
                           [service](const Request& req) -> Result<Response> {
                             ISMS_ASSIGN(std::vector<Framework> list,
                                         service.frameworks(req.principal));
                             return json_response(200, items_json(list, framework_to_json));
                           }),
             RouteDoc{.operation_id = "listFrameworks",
                      .summary = "Frameworks of the requirements catalogue",
                      .tag = "catalogue",
                      .response_schema = "FrameworkList",
                      .errors = {503},
                      .access = needs("catalogue:read")});
  router.add(
      "GET", framework,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Framework f, service.framework(req.principal, req.path_param("id")));
        return json_response(200, framework_to_json(f));
      },
      RouteDoc{.operation_id = "getFramework",
               .summary = "Read one framework",
               .tag = "catalogue",
               .response_schema = "Framework",
               .errors = {404, 503},
               .access = needs("catalogue:read")});
  router.add("GET", framework + "/requirements",
             through_cache("catalogue/requirements",
                           [service](const Request& req) -> Result<Response> {
                             ISMS_ASSIGN(std::vector<Requirement> list,
                                         service.requirements(req.principal, req.path_param("id")));
                             return json_response(200, items_json(list, requirement_to_json));
                           }),
             RouteDoc{.operation_id = "listFrameworkRequirements",
                      .summary = "A framework's requirements in catalogue order (the tree "
                                 "follows parent_ref_id)",
                      .tag = "catalogue",
                      .response_schema = "RequirementList",
                      .errors = {404, 503},
                      .access = needs("catalogue:read")});
  router.add(
      "GET", framework + "/oscal",
      [service](const Request& req) -> Result<Response> {
        const std::string& id = req.path_param("id");
        ISMS_ASSIGN(std::string catalog, service.export_oscal(req.principal, id));
        return file_response(kJsonContentType, std::move(catalog), id + "-oscal.json");
      },
      RouteDoc{.operation_id = "exportFrameworkOscal",
               .summary = "The framework as an OSCAL 1.1.2 catalog (a file to save)",
               .tag = "catalogue",
               .response_schema = "OscalCatalog",
               .response_headers = {"Content-Disposition"},
               .errors = {404, 503},
               .access = needs("catalogue:read")});
  router.add(
      "GET", std::string(kCatalogue) + "/requirements/{key}",
      [service](const Request& req) { return requirement(service, req); },
      RouteDoc{.operation_id = "getRequirement",
               .summary = "One requirement (key framework:ref, URL-encoded) with its "
                          "ancestors, children, mappings both ways and the published sections "
                          "citing it",
               .tag = "catalogue",
               .response_schema = "RequirementDetail",
               .errors = {404, 503},
               .access = needs("catalogue:read")});
  router.add(
      "GET", std::string(kCatalogue) + "/search",
      [service](const Request& req) { return search(service, req); },
      RouteDoc{.operation_id = "searchRequirements",
               .summary = "Search requirements by key, title and description",
               .tag = "catalogue",
               .response_schema = "RequirementList",
               .query = search_params(),
               .errors = {422, 503},
               .access = needs("catalogue:read")});
  router.add(
      "GET", std::string(kCatalogue) + "/mappings",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(
            std::vector<MappingView> list,
            service.mappings(req.principal, query_or(req, "framework"), query_or(req, "ref")));
        return json_response(200, items_json(list, mapping_to_json));
      },
      RouteDoc{.operation_id = "listMappings",
               .summary = "Mappings touching a framework, or one of its requirements (both "
                          "directions)",
               .tag = "catalogue",
               .response_schema = "MappingList",
               .query = {{"framework", "Framework id.", string_param()},
                         {"ref", "A requirement's ref id within the framework.", string_param()}},
               .errors = {404, 422, 503},
               .access = needs("catalogue:read")});
  router.add(
      "POST", std::string(kCatalogue) + "/import",
      [service](const Request& req) { return import_library(service, req); },
      RouteDoc{.operation_id = "importCatalogue",
               .summary = "Import a CISO Assistant library (YAML) or an OSCAL catalog (JSON), "
                          "sent as the body; the same library twice changes nothing",
               .tag = "catalogue",
               .response_schema = "CatalogueImportResult",
               .query = {{"format",
                          "ciso-assistant or oscal; default: oscal when the body is a JSON "
                          "object, else ciso-assistant.",
                          Json{{"type", "string"}, {"enum", {"ciso-assistant", "oscal"}}}},
                         {"framework", "OSCAL only: the framework id (default: from the title).",
                          string_param()}},
               .errors = {422, 503},
               .access = needs("catalogue:manage"),
               .max_body_bytes = kMaxLibraryBytes,
               .raw_body = true});
  router.add(
      "POST", "/api/v1/citations/scan",
      [service](const Request& req) { return scan(service, req); },
      RouteDoc{.operation_id = "scanCitations",
               .summary = "Find the requirement references in a text (offsets are UTF-8 bytes)",
               .tag = "catalogue",
               .request_schema = "CitationScanRequest",
               .response_schema = "CitationScan",
               .errors = {422, 503},
               .access = needs("catalogue:read"),
               .max_body_bytes = kScanMaxBody});
}

}  // namespace isms::http
