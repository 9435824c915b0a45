// Policies, standards and procedures (docs/api.md "Documents"): list, create, read, edit
// the draft, versions, diff, rendering, preview, import and export. The workflow steps
// and acknowledgements are in documents_workflow.cc.
#include <string>
#include <vector>

#include "http/cached_get.h"
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/query_params.h"
#include "service/document_json.h"
#include "service/document_service.h"

namespace isms::http {
namespace {

constexpr const char* kDocuments = "/api/v1/documents";
constexpr size_t kMaxSearch = 4000;

// Limits of the routes whose body carries a document body (at most 2 MiB of Markdown;
// JSON escapes need room) or a whole import (8 MiB of files, escaped).
constexpr size_t kDocumentBodyLimit = 6u << 20;
constexpr size_t kImportBodyLimit = 12u << 20;

std::string today(const Clock* clock) { return clock->now_utc().substr(0, 10); }

Result<DocumentQuery> list_query(const Request& req) {
  DocumentQuery query;
  if (const std::string* v = req.query_param("kind")) {
    ISMS_ASSIGN(query.kinds, parse_list_param("kind", *v, 3, [](const std::string& s) {
                  return parse_document_kind(s).has_value();
                }));
  }
  if (const std::string* v = req.query_param("status")) {
    ISMS_ASSIGN(query.statuses, parse_list_param("status", *v, 5, [](const std::string& s) {
                  return parse_version_status(s).has_value();
                }));
  }
  if (const std::string* v = req.query_param("q")) {
    if (v->size() > kMaxSearch) return Error::malformed("q: at most 4000 bytes", "q");
    query.search = *v;
  }
  if (const std::string* v = req.query_param("archived")) {
    if (*v == "false") {
      query.archived = ArchivedFilter::kActiveOnly;
    } else if (*v == "true") {
      query.archived = ArchivedFilter::kArchivedOnly;
    } else if (*v == "all") {
      query.archived = ArchivedFilter::kAll;
    } else {
      return Error::malformed("archived: must be false, true or all", "archived");
    }
  }
  return query;
}

std::vector<QueryParamDoc> list_params() {
  return {
      {"kind", "policy, standard, procedure (comma-separated for several).",
       Json{{"type", "string"}}},
      {"status",
       "Status of the latest version: draft, in_review, approved, published, "
       "superseded (comma-separated).",
       Json{{"type", "string"}}},
      {"q", "Case-insensitive text in the title (at most 4000 bytes).",
       Json{{"type", "string"}, {"maxLength", kMaxSearch}}},
      {"archived", "false (default), true or all.",
       Json{{"type", "string"}, {"enum", {"false", "true", "all"}}, {"default", "false"}}},
  };
}

Result<Response> create(const DocumentService& service, const Clock* clock, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(DocumentPatch patch, document_patch_from_json(body, /*allow_version=*/false));
  ISMS_ASSIGN(DocumentView view, service.create(req.principal, patch.fields));
  Response res = json_response(201, document_view_to_json(view, today(clock)));
  res.headers.set("Location", std::string(kDocuments) + "/" + view.document.id);
  return res;
}

Result<Response> update(const DocumentService& service, const Clock* clock, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(DocumentPatch patch, document_patch_from_json(body, /*allow_version=*/true));
  ISMS_ASSIGN(DocumentView view, service.update_draft(req.principal, req.path_param("id"), patch));
  return json_response(200, document_view_to_json(view, today(clock)));
}

Result<Response> diff(const DocumentService& service, const Request& req) {
  std::vector<FieldError> missing;
  for (const char* name : {"from", "to"}) {
    if (query_or(req, name).empty()) missing.push_back({name, "is required (a version id)"});
  }
  if (!missing.empty()) return Error::invalid(std::move(missing));
  ISMS_ASSIGN(VersionDiff d, service.diff(req.principal, req.path_param("id"),
                                          query_or(req, "from"), query_or(req, "to")));
  return json_response(200, version_diff_to_json(d));
}

// HTML is shown in the browser; a PDF is a file to save, named after the title and label.
Result<Response> render(const DocumentService& service, const Request& req) {
  const std::string& id = req.path_param("id");
  std::string format = query_or(req, "format", "html");
  if (format != "html" && format != "pdf") return Error::invalid("format", "must be html or pdf");
  std::string version_id = query_or(req, "version");
  ISMS_ASSIGN(std::string bytes, service.render(req.principal, id, version_id, format));
  if (format == "html") {
    Response res;
    res.headers.set("Content-Type", "text/html; charset=utf-8");
    res.body = std::move(bytes);
    return res;
  }
  std::string title, label;
  if (version_id.empty()) {
    ISMS_ASSIGN(DocumentView view, service.get(req.principal, id));
    if (view.latest) {
      title = view.latest->content.title;
      label = view.latest->content.label;
    }
  } else {
    ISMS_ASSIGN(DocumentVersion v, service.version(req.principal, id, version_id));
    title = v.content.title;
    label = v.content.label;
  }
  return file_response("application/pdf", std::move(bytes),
                       file_slug(title, "document") + "-" + file_slug(label, "draft") + ".pdf");
}

Result<Response> preview(const DocumentService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(DocumentContent content, document_preview_from_json(body));
  ISMS_ASSIGN(DocumentPreview result, service.preview(req.principal, content));
  return json_response(200, document_preview_to_json(result));
}

Result<Response> import_files(const DocumentService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(std::vector<DocumentImportFile> files, document_import_files_from_json(body));
  ISMS_ASSIGN(std::vector<DocumentImportOutcome> outcomes, service.import(req.principal, files));
  return json_response(200, items_json(outcomes, import_outcome_to_json));
}

}  // namespace

void add_document_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  DocumentService service(ctx);
  const Clock* clock = ctx.clock;
  const std::string documents = kDocuments;
  const std::string item = documents + "/{id}";

  router.add(
      "GET", documents,
      [service, cached, clock](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(DocumentQuery query, list_query(req));
        // review_due depends on the date: part of the key.
        std::string date = today(clock);
        std::string key = cache_key({.resource = "documents@" + date, .query = &req.query});
        return cached.serve(req, key, /*etag=*/true, [&]() -> Result<Response> {
          ISMS_ASSIGN(std::vector<Document> list, service.list(req.principal, query));
          return json_response(
              200, items_json(list, [&](const Document& d) { return document_to_json(d, date); }));
        });
      },
      RouteDoc{.operation_id = "listDocuments",
               .summary = "Documents the caller may read, by title",
               .tag = "documents",
               .response_schema = "DocumentList",
               .query = list_params(),
               .errors = {503},
               .access = needs("documents:read")});
  router.add(
      "POST", documents,
      [service, clock](const Request& req) { return create(service, clock, req); },
      RouteDoc{.operation_id = "createDocument",
               .summary = "Create a document with version 1 as a draft",
               .tag = "documents",
               .request_schema = "DocumentCreate",
               .status = 201,
               .response_schema = "DocumentView",
               .response_headers = {"Location"},
               .errors = {409, 422, 503},
               .access = needs("documents:write"),
               .max_body_bytes = kDocumentBodyLimit});
  // Literal segments before {id}: the router prefers them anyway, the document lists them
  // in this order.
  router.add(
      "POST", documents + "/preview",
      [service](const Request& req) { return preview(service, req); },
      RouteDoc{.operation_id = "previewDocument",
               .summary = "HTML, sections and citations of a body being edited (nothing stored)",
               .tag = "documents",
               .request_schema = "DocumentPreviewRequest",
               .response_schema = "DocumentPreview",
               .errors = {422, 503},
               .access = needs("documents:read"),
               .max_body_bytes = kDocumentBodyLimit});
  router.add(
      "POST", documents + "/import",
      [service](const Request& req) { return import_files(service, req); },
      RouteDoc{.operation_id = "importDocuments",
               .summary = "Import text, Markdown or HTML files in one transaction (all or "
                          "nothing)",
               .tag = "documents",
               .request_schema = "DocumentImportRequest",
               .response_schema = "DocumentImportResult",
               .errors = {409, 422, 503},
               .access = needs("documents:write"),
               .max_body_bytes = kImportBodyLimit});
  router.add(
      "GET", documents + "/export",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(std::vector<DocumentImportFile> files, service.export_markdown(req.principal));
        return json_response(200, document_files_to_json(files));
      },
      RouteDoc{.operation_id = "exportDocuments",
               .summary = "Every readable document's latest version as Markdown with front "
                          "matter (policy as code)",
               .tag = "documents",
               .response_schema = "DocumentFiles",
               .errors = {503},
               .access = needs("documents:read")});
  router.add(
      "GET", item,
      [service, clock](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(DocumentView view, service.get(req.principal, req.path_param("id")));
        return json_response(200, document_view_to_json(view, today(clock)));
      },
      RouteDoc{.operation_id = "getDocument",
               .summary = "A document with its latest and published versions",
               .tag = "documents",
               .response_schema = "DocumentView",
               .errors = {404, 503},
               .access = needs("documents:read")});
  router.add(
      "PATCH", item, [service, clock](const Request& req) { return update(service, clock, req); },
      RouteDoc{.operation_id = "updateDocument",
               .summary = "Change the open draft (version of the draft required)",
               .tag = "documents",
               .request_schema = "DocumentUpdate",
               .response_schema = "DocumentView",
               .errors = {404, 409, 422, 503},
               .access = needs("documents:write"),
               .max_body_bytes = kDocumentBodyLimit});
  router.add(
      "GET", item + "/versions",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(std::vector<DocumentVersion> list,
                    service.versions(req.principal, req.path_param("id")));
        return json_response(200, items_json(list, [](const DocumentVersion& v) {
                               return version_to_json(v, /*with_body=*/false);
                             }));
      },
      RouteDoc{.operation_id = "listDocumentVersions",
               .summary = "The document's versions (without bodies), oldest first",
               .tag = "documents",
               .response_schema = "VersionList",
               .errors = {404, 503},
               .access = needs("documents:read")});
  router.add(
      "GET", item + "/versions/{vid}",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(DocumentVersion v,
                    service.version(req.principal, req.path_param("id"), req.path_param("vid")));
        return json_response(200, version_to_json(v, /*with_body=*/true));
      },
      RouteDoc{.operation_id = "getDocumentVersion",
               .summary = "One version with body, sections, citations and warnings",
               .tag = "documents",
               .response_schema = "Version",
               .errors = {404, 503},
               .access = needs("documents:read")});
  router.add(
      "GET", item + "/diff", [service](const Request& req) { return diff(service, req); },
      RouteDoc{.operation_id = "diffDocumentVersions",
               .summary = "Changed fields and the line diff of the bodies of two versions",
               .tag = "documents",
               .response_schema = "VersionDiff",
               .query = {{"from", "Version id (before).", Json{{"type", "string"}}},
                         {"to", "Version id (after).", Json{{"type", "string"}}}},
               .errors = {404, 422, 503},
               .access = needs("documents:read")});
  router.add(
      "GET", item + "/render", [service](const Request& req) { return render(service, req); },
      RouteDoc{
          .operation_id = "renderDocument",
          .summary = "The document for people: an HTML page, or a PDF file to save",
          .tag = "documents",
          .response_headers = {"Content-Disposition"},
          .query = {{"format", "html (default) or pdf.",
                     Json{{"type", "string"}, {"enum", {"html", "pdf"}}, {"default", "html"}}},
                    {"version", "Version id (default: the latest).", Json{{"type", "string"}}}},
          .errors = {404, 422, 503},
          .access = needs("documents:read"),
          .response_media_types = {"text/html", "application/pdf"}});
}

}  // namespace isms::http
