// The Statement of Applicability (docs/api.md "Statement of Applicability"): the working
// lines, approval into frozen versions, comparison, exports and the import of an existing
// SoA from CSV/XLSX (the raw file as the body, the column mapping as a query parameter).
// Lines and import need soa:write, approval soa:approve; the approver is the caller.
#include <string>
#include <vector>

#include "domain/soa.h"
#include "formats/soa_import.h"
#include "http/cached_get.h"
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "http/query_params.h"
#include "service/admin_common.h"
#include "service/soa_service.h"

namespace isms::http {
namespace {

using admin::BodyReader;

constexpr const char* kSoaPath = "/api/v1/soa";
constexpr size_t kImportBodyLimit = 20u << 20;  // docs/api.md: the file, at most 20 MiB
constexpr size_t kMaxFrameworks = 10;

Json working_copy_to_json(const SoaWorkingCopy& w) {
  Json lines = Json::array();
  for (const Applicability& a : w.lines) lines.push_back(applicability_to_json(a));
  return Json{
      {"framework_ids", w.framework_ids},
      {"lines", std::move(lines)},
      {"totals", soa_totals_to_json(w.totals)},
      {"last_approved",
       w.last_approved ? soa_to_json(*w.last_approved, /*with_lines=*/false) : Json(nullptr)},
      {"changed_since_approval", w.changed_since_approval}};
}

Json import_result_to_json(const SoaImportResult& r) {
  Json rows = Json::array();
  for (const SoaImportRow& row : r.rows) rows.push_back(soa_import_row_to_json(row));
  Json changes = Json::array();
  for (const SoaLineChange& c : r.changes) changes.push_back(soa_line_change_to_json(c));
  return Json{{"mapping", soa_mapping_to_json(r.mapping)},
              {"headers", r.headers},
              {"rows", std::move(rows)},
              {"changes", std::move(changes)},
              {"rows_ok", r.rows_ok},
              {"rows_rejected", r.rows_rejected},
              {"rows_unchanged", r.rows_unchanged},
              {"applied", r.applied}};
}

Result<std::vector<std::string>> frameworks_of(const Request& req) {
  std::vector<std::string> out;
  if (const std::string* v = req.query_param("framework")) {
    ISMS_ASSIGN(out, parse_list_param("framework", *v, kMaxFrameworks, nullptr));
  }
  return out;
}

Result<Response> update_line(const SoaService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(ApplicabilityFields fields, applicability_fields_from_json(body));
  // If-Match names a stored line's version; a line never decided is version 0 in the body.
  ISMS_ASSIGN(fields.version, expected_version(req, fields.version));
  ISMS_ASSIGN(Applicability line, service.update_line(req.principal, req.path_param("framework"),
                                                      req.path_param("ref"), fields));
  return versioned_json(200, applicability_to_json(line), line.version);
}

Result<Response> approve(const SoaService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/true));
  ISMS_TRY(require_object(body));
  BodyReader r(body);
  std::string note = r.string("note").value_or("");
  ISMS_TRY(r.finish());
  ISMS_ASSIGN(Soa soa, service.approve(req.principal, note));
  Response res = json_response(201, soa_to_json(soa, /*with_lines=*/true));
  res.headers.set("Location", std::string(kSoaPath) + "/versions/" + soa.id);
  return res;
}

Result<Response> compare(const SoaService& service, const Request& req) {
  std::vector<FieldError> missing;
  for (const char* name : {"a", "b"}) {
    if (query_or(req, name).empty()) {
      missing.push_back({name, "is required (a version id or working)"});
    }
  }
  if (!missing.empty()) return Error::invalid(std::move(missing));
  ISMS_ASSIGN(std::vector<SoaLineChange> changes,
              service.compare(req.principal, query_or(req, "a"), query_or(req, "b")));
  return json_response(200, items_json(changes, soa_line_change_to_json));
}

Result<Response> export_soa(const SoaService& service, const Request& req) {
  std::string format = query_or(req, "format", "xlsx");
  SoaExportFormat f;
  if (format == "xlsx") {
    f = SoaExportFormat::kXlsx;
  } else if (format == "pdf") {
    f = SoaExportFormat::kPdf;
  } else if (format == "csv") {
    f = SoaExportFormat::kCsv;
  } else {
    return Error::malformed("format: must be xlsx, pdf or csv", "format");
  }
  ISMS_ASSIGN(SoaExport file, service.export_soa(req.principal, query_or(req, "version"), f));
  return file_response(file.media_type, std::move(file.bytes), file.file_name);
}

Result<SoaImportRequest> import_request(const Request& req) {
  if (req.body.empty()) return Error::malformed("request body is required (the CSV or XLSX file)");
  SoaImportRequest out;
  out.file_name = query_or(req, "file_name");
  if (out.file_name.empty()) {
    // Without a name, an XLSX file (a zip archive) is told from CSV by its first bytes.
    out.file_name = req.body.rfind("PK\x03\x04", 0) == 0 ? "import.xlsx" : "import.csv";
  }
  if (const std::string* v = req.query_param("dry_run")) {
    ISMS_ASSIGN(out.dry_run, parse_bool_param("dry_run", *v));
  }
  if (const std::string* v = req.query_param("mapping")) {
    ISMS_TRY(check_json_depth(*v, kMaxJsonDepth));
    Result<Json> mapping = parse_json(*v);
    if (!mapping.ok()) {
      return Error::malformed("mapping: not valid JSON (" + mapping.error().message + ")",
                              "mapping");
    }
    if (!mapping->is_object()) return Error::malformed("mapping: must be a JSON object", "mapping");
    ISMS_ASSIGN(out.mapping, soa_mapping_from_json(*mapping));
  }
  out.content = req.body;
  return out;
}

Result<Response> import_soa(const SoaService& service, const Request& req) {
  ISMS_ASSIGN(SoaImportRequest request, import_request(req));
  ISMS_ASSIGN(SoaImportResult result, service.import(req.principal, request));
  return json_response(200, import_result_to_json(result));
}

}  // namespace

void add_soa_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  SoaService service(ctx);
  const Clock* clock = ctx.clock;
  const std::string soa = kSoaPath;
  const std::string line = soa + "/lines/{framework}/{ref}";
  // Reads change only with ledgered writes; evidence validity depends on the date.
  auto through_cache = [cached, clock](std::string resource, auto compute) {
    return [cached, clock, resource, compute](const Request& req) {
      std::string key =
          cache_key({.resource = resource + "/" + req.path_param("id") + "@" + today_of(clock),
                     .query = &req.query});
      return cached.serve(req, key, /*etag=*/true, [&] { return compute(req); });
    };
  };

  router.add("GET", soa,
             through_cache("soa",
                           [service](const Request& req) -> Result<Response> {
                             ISMS_ASSIGN(std::vector<std::string> frameworks, frameworks_of(req));
                             ISMS_ASSIGN(SoaWorkingCopy w,
                                         service.working_copy(req.principal, frameworks));
                             return json_response(200, working_copy_to_json(w));
                           }),
             RouteDoc{.operation_id = "getSoa",
                      .summary = "The working Statement of Applicability: every line in scope, "
                                 "totals and the last approved version",
                      .tag = "soa",
                      .response_schema = "SoaWorkingCopy",
                      .query = {string_param_doc(
                          "framework",
                          "Comma-separated framework ids (default: Annex A of iso27001-2022, "
                          "plus the nis2-2024-2690 Annex when the organization includes it).")},
                      .errors = {404, 503},
                      .access = needs("soa:read")});
  router.add(
      "GET", line,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Applicability a, service.line(req.principal, req.path_param("framework"),
                                                  req.path_param("ref")));
        return versioned_json(200, applicability_to_json(a), a.version);
      },
      RouteDoc{.operation_id = "getSoaLine",
               .summary = "One line of the working SoA",
               .tag = "soa",
               .response_schema = "Applicability",
               .response_headers = {"ETag"},
               .errors = {404, 503},
               .access = needs("soa:read")});
  router.add(
      "PATCH", line, [service](const Request& req) { return update_line(service, req); },
      RouteDoc{.operation_id = "updateSoaLine",
               .summary = "Decide a line: applicable and why, justification, "
                          "implementation (version 0 for a line never decided)",
               .tag = "soa",
               .request_schema = "ApplicabilityUpdate",
               .response_schema = "Applicability",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("soa:write")});
  router.add(
      "POST", soa + "/approve", [service](const Request& req) { return approve(service, req); },
      RouteDoc{.operation_id = "approveSoa",
               .summary = "Approve the working SoA as the next frozen version (422 "
                          "listing undecided lines)",
               .tag = "soa",
               .request_schema = "SoaApproveRequest",
               .request_body_required = false,
               .status = 201,
               .response_schema = "Soa",
               .response_headers = {"Location"},
               .errors = {409, 422, 503},
               .access = needs("soa:approve")});
  router.add("GET", soa + "/versions",
             through_cache("soa/versions",
                           [service](const Request& req) -> Result<Response> {
                             ISMS_ASSIGN(std::vector<Soa> list, service.versions(req.principal));
                             return json_response(200, items_json(list, [](const Soa& s) {
                                                    return soa_to_json(s, /*with_lines=*/false);
                                                  }));
                           }),
             RouteDoc{.operation_id = "listSoaVersions",
                      .summary = "Approved SoA versions (without lines), newest first",
                      .tag = "soa",
                      .response_schema = "SoaList",
                      .errors = {503},
                      .access = needs("soa:read")});
  router.add("GET", soa + "/versions/{id}",
             through_cache("soa/version",
                           [service](const Request& req) -> Result<Response> {
                             ISMS_ASSIGN(Soa s,
                                         service.version(req.principal, req.path_param("id")));
                             return json_response(200, soa_to_json(s, /*with_lines=*/true));
                           }),
             RouteDoc{.operation_id = "getSoaVersion",
                      .summary = "One approved SoA version with its frozen lines",
                      .tag = "soa",
                      .response_schema = "Soa",
                      .errors = {404, 503},
                      .access = needs("soa:read")});
  router.add(
      "GET", soa + "/compare",
      through_cache("soa/compare", [service](const Request& req) { return compare(service, req); }),
      RouteDoc{.operation_id = "compareSoa",
               .summary = "Lines that differ between two versions (or the working copy)",
               .tag = "soa",
               .response_schema = "SoaComparison",
               .query = {string_param_doc("a", "A version id or working (before)."),
                         string_param_doc("b", "A version id or working (after).")},
               .errors = {404, 422, 503},
               .access = needs("soa:read")});
  router.add(
      "GET", soa + "/export", [service](const Request& req) { return export_soa(service, req); },
      RouteDoc{.operation_id = "exportSoa",
               .summary = "The SoA as a file: XLSX in the auditors' layout, PDF or CSV",
               .tag = "soa",
               .response_headers = {"Content-Disposition"},
               .query = {{"format", "xlsx (default), pdf or csv.",
                          Json{{"type", "string"},
                               {"enum", {"xlsx", "pdf", "csv"}},
                               {"default", "xlsx"}}},
                         string_param_doc("version", "A version id or working (default).")},
               .errors = {404, 503},
               .access = needs("soa:read"),
               .response_media_types = {
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "application/pdf", "text/csv"}});
  router.add(
      "POST", soa + "/import", [service](const Request& req) { return import_soa(service, req); },
      RouteDoc{.operation_id = "importSoa",
               .summary = "Import an existing SoA from the CSV or XLSX file sent as the body: "
                          "a dry run (default) shows every row's outcome and what would change",
               .tag = "soa",
               .response_schema = "SoaImportResult",
               .query = {{"dry_run",
                          "true (default): store nothing; false: apply the rows "
                          "that were not rejected.",
                          Json{{"type", "boolean"}, {"default", true}}},
                         string_param_doc("file_name",
                                          "The file's name (.csv or .xlsx); default from the "
                                          "content."),
                         string_param_doc("mapping",
                                          "Column mapping as JSON: {\"sheet\",\"header_row\","
                                          "\"ref\",\"applicable\",...}, columns by letter or "
                                          "header text; absent: suggested from the headers.")},
               .errors = {422, 503},
               .access = needs("soa:write"),
               .max_body_bytes = kImportBodyLimit,
               .raw_body = true});
}

}  // namespace isms::http
