// Controls and their evidence (docs/api.md "Controls and evidence"): list, create, read,
// change, archive, record an effectiveness check; add evidence as a link (JSON) or as the
// raw file (any Content-Type, at most 25 MiB, type detected from the content), list it,
// download a file, archive evidence.
#include <string>
#include <vector>

#include "domain/control.h"
#include "http/cached_get.h"
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "http/header_values.h"
#include "http/query_params.h"
#include "service/control_service.h"

namespace isms::http {
namespace {

constexpr const char* kControlsPath = "/api/v1/controls";
constexpr const char* kEvidencePath = "/api/v1/evidence";

// In the order of ControlSort.
const std::vector<std::string>& sort_keys() {
  static const std::vector<std::string> keys = {"ref",        "title",         "status",
                                                "owner_name", "next_check_on", "updated_at"};
  return keys;
}

std::vector<QueryParamDoc> make_list_params() {
  std::string statuses;
  for (int i = 0; i <= static_cast<int>(ControlStatus::kNotApplicable); ++i) {
    statuses += std::string(statuses.empty() ? "" : ", ") +
                std::string(control_status_name(static_cast<ControlStatus>(i)));
  }
  return {
      limit_param_doc(),
      cursor_param_doc(),
      include_total_param_doc(),
      sort_param_doc(sort_keys(), "ref"),
      string_param_doc("status", "Filter: comma-separated statuses (" + statuses + ")."),
      string_param_doc("owner_id", "Filter: comma-separated owner person ids."),
      string_param_doc("requirement",
                       "Filter: controls naming this requirement (framework:ref, e.g. "
                       "iso27001-2022:A.5.15)."),
      string_param_doc("risk_id", "Filter: controls the risk names."),
      {"check_due", "true: only controls whose effectiveness check date has passed.",
       Json{{"type", "boolean"}, {"default", false}}},
      search_param_doc("ref, title or description (not of confidential controls)"),
      archived_param_doc("controls"),
  };
}

const std::vector<QueryParamDoc>& control_list_params() {
  static const std::vector<QueryParamDoc> docs = make_list_params();
  return docs;
}

Result<ControlListRequest> parse_list(const QueryParams& params, const std::string& today) {
  ISMS_TRY(check_known_params(params, control_list_params()));
  ControlListRequest request;
  ControlQuery& q = request.query;
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
      q.sort = static_cast<ControlSort>(index);
    } else if (name == "status") {
      ISMS_ASSIGN(q.statuses,
                  parse_list_param(name, value, kRegisterFilterMax, [](const std::string& v) {
                    return parse_control_status(v).has_value();
                  }));
    } else if (name == "owner_id") {
      ISMS_ASSIGN(q.owner_ids, parse_list_param(name, value, kRegisterFilterMax, nullptr));
    } else if (name == "requirement") {
      if (value.find(':') == std::string::npos) {
        return Error::malformed("requirement: must be framework:ref", "requirement");
      }
      q.requirement_key = value;
    } else if (name == "risk_id") {
      q.risk_id = value;
    } else if (name == "check_due") {
      ISMS_ASSIGN(bool due, parse_bool_param(name, value));
      // The same rule as check_overdue: the check date has passed.
      if (due) q.check_before = today;
    } else if (name == "q") {
      ISMS_TRY(check_search_param(value));
      q.search = value;
    } else if (name == "archived") {
      ISMS_ASSIGN(q.archived, parse_archived_param(value));
    }
  }
  return request;
}

Json control_view_to_json(const ControlView& v, const std::string& today) {
  Json evidence = Json::array();
  for (const Evidence& e : v.evidence) evidence.push_back(evidence_to_json(e, today));
  return Json{{"control", control_to_json(v.control, today)}, {"evidence", std::move(evidence)}};
}

Response control_response(int status, const ControlView& v, const std::string& today) {
  return versioned_json(status, control_view_to_json(v, today), v.control.version);
}

Result<Response> list_controls(const ControlService& service, const Request& req,
                               const ControlListRequest& request, const std::string& today) {
  ISMS_ASSIGN(ControlListResult result, service.list(req.principal, request));
  Json items = Json::array();
  for (const Control& c : result.items) items.push_back(control_to_json(c, today));
  return json_response(
      200, page_json(std::move(items), result.next_cursor, result.total, request.query.with_total));
}

Result<Response> create_control(const ControlService& service, const Request& req,
                                const std::string& today) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_TRY(require_object(body));
  if (body.contains("version")) return Error::invalid("version", "not accepted when creating");
  ISMS_ASSIGN(ControlPatch patch, control_patch_from_json(body));
  ISMS_ASSIGN(ControlView v, service.create(req.principal, patch));
  Response res = control_response(201, v, today);
  res.headers.set("Location", std::string(kControlsPath) + "/" + v.control.id);
  return res;
}

Result<Response> update_control(const ControlService& service, const Request& req,
                                const std::string& today) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(ControlPatch patch, control_patch_from_json(body));
  ISMS_ASSIGN(patch.version, expected_version(req, patch.version));
  ISMS_ASSIGN(ControlView v, service.update(req.principal, req.path_param("id"), patch));
  return control_response(200, v, today);
}

Result<Response> archive_control(const ControlService& service, const Request& req,
                                 const std::string& today) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {"reason"}));
  ISMS_ASSIGN(int64_t version, required_version(req, body.version));
  ISMS_ASSIGN(ControlView v,
              service.archive(req.principal, req.path_param("id"), version, body.get("reason")));
  return control_response(200, v, today);
}

Result<Response> check_control(const ControlService& service, const Request& req,
                               const std::string& today) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {"note", "checked_on"}));
  ISMS_ASSIGN(int64_t version, required_version(req, body.version));
  std::optional<std::string> checked_on;
  if (const std::string* v = body.find("checked_on")) checked_on = *v;
  ISMS_ASSIGN(ControlView v, service.record_check(req.principal, req.path_param("id"), version,
                                                  body.get("note"), checked_on));
  return control_response(200, v, today);
}

// The query parameters of a file upload; a link sends everything in its JSON body.
const std::vector<std::string>& upload_params() {
  static const std::vector<std::string> names = {"title", "file_name", "valid_from", "valid_until",
                                                 "description"};
  return names;
}

Result<Response> add_evidence(const ControlService& service, const Request& req,
                              const std::string& today) {
  const std::string& control_id = req.path_param("id");
  const std::string* type = req.headers.find("Content-Type");
  Evidence added;
  if (type != nullptr && is_json_content_type(*type)) {
    for (const std::string& name : upload_params()) {
      if (req.query_param(name) != nullptr) {
        return Error::malformed(name + ": only for a file upload (a link is described in the body)",
                                name);
      }
    }
    ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
    ISMS_ASSIGN(EvidenceLink link, evidence_link_from_json(body));
    ISMS_ASSIGN(added, service.add_link(req.principal, control_id, link));
  } else {
    if (req.body.empty()) return Error::malformed("request body is required (the evidence file)");
    EvidenceUpload upload;
    upload.file_name = query_or(req, "file_name");
    if (upload.file_name.empty()) {
      return Error::invalid("file_name", "is required for a file upload (query parameter)");
    }
    upload.title = query_or(req, "title");
    upload.description = query_or(req, "description");
    upload.valid_from = query_or(req, "valid_from");
    if (const std::string* v = req.query_param("valid_until")) upload.valid_until = *v;
    upload.content = req.body;
    ISMS_ASSIGN(added, service.add_file(req.principal, control_id, upload));
  }
  return versioned_json(201, evidence_to_json(added, today), added.version);
}

Result<Response> list_evidence(const ControlService& service, const Request& req,
                               const std::string& today) {
  bool include_archived = false;
  if (const std::string* v = req.query_param("archived")) {
    ISMS_ASSIGN(include_archived, parse_bool_param("archived", *v));
  }
  ISMS_ASSIGN(std::vector<Evidence> list,
              service.evidence(req.principal, req.path_param("id"), include_archived));
  return json_response(
      200, items_json(list, [&](const Evidence& e) { return evidence_to_json(e, today); }));
}

Result<Response> evidence_file(const ControlService& service, const Request& req) {
  ISMS_ASSIGN(EvidenceFile file, service.evidence_file(req.principal, req.path_param("id")));
  if (file.evidence.kind != EvidenceKind::kFile) {
    return Error::not_found("evidence " + file.evidence.id + " is a link, not a file");
  }
  return file_response(file.evidence.media_type, std::move(file.content), file.evidence.file_name);
}

Result<Response> archive_evidence(const ControlService& service, const Request& req,
                                  const std::string& today) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {}));
  ISMS_ASSIGN(int64_t version, required_version(req, body.version));
  ISMS_ASSIGN(Evidence e, service.archive_evidence(req.principal, req.path_param("id"), version));
  return versioned_json(200, evidence_to_json(e, today), e.version);
}

}  // namespace

void add_control_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  ControlService service(ctx);
  const Clock* clock = ctx.clock;
  const std::string controls = kControlsPath;
  const std::string item = controls + "/{id}";
  const std::string evidence_item = std::string(kEvidencePath) + "/{id}";

  router.add(
      "GET", controls,
      [service, cached, clock](const Request& req) -> Result<Response> {
        std::string today = today_of(clock);
        ISMS_ASSIGN(ControlListRequest request, parse_list(req.query, today));
        // check_overdue and evidence counts depend on the date: part of the key.
        std::string key = cache_key({.resource = "controls@" + today, .query = &req.query});
        return cached.serve(req, key, /*etag=*/true,
                            [&] { return list_controls(service, req, request, today); });
      },
      RouteDoc{.operation_id = "listControls",
               .summary = "List controls (filter, sort, cursor pagination); descriptions of "
                          "confidential controls are hidden",
               .tag = "controls",
               .response_schema = "ControlList",
               .query = control_list_params(),
               .errors = {503},
               .access = needs("controls:read")});
  router.add(
      "POST", controls,
      [service, clock](const Request& req) {
        return create_control(service, req, today_of(clock));
      },
      RouteDoc{.operation_id = "createControl",
               .summary = "Create a control (requirement_keys must name catalogue requirements)",
               .tag = "controls",
               .request_schema = "ControlCreate",
               .status = 201,
               .response_schema = "ControlView",
               .response_headers = {"ETag", "Location"},
               .errors = {409, 422, 503},
               .access = needs("controls:write")});
  router.add(
      "GET", item,
      [service, clock](const Request& req) -> Result<Response> {
        // Not cached: reading a confidential control's description is itself ledgered.
        ISMS_ASSIGN(ControlView v, service.get(req.principal, req.path_param("id")));
        return control_response(200, v, today_of(clock));
      },
      RouteDoc{.operation_id = "getControl",
               .summary = "A control with its evidence",
               .tag = "controls",
               .response_schema = "ControlView",
               .response_headers = {"ETag"},
               .errors = {404, 503},
               .access = needs("controls:read")});
  router.add(
      "PATCH", item,
      [service, clock](const Request& req) {
        return update_control(service, req, today_of(clock));
      },
      RouteDoc{.operation_id = "updateControl",
               .summary = "Change a control (If-Match or body version required)",
               .tag = "controls",
               .request_schema = "ControlUpdate",
               .response_schema = "ControlView",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("controls:write")});
  router.add(
      "POST", item + "/archive",
      [service, clock](const Request& req) {
        return archive_control(service, req, today_of(clock));
      },
      RouteDoc{.operation_id = "archiveControl",
               .summary = "Archive a control (reason required)",
               .tag = "controls",
               .request_schema = "ArchiveRequest",
               .response_schema = "ControlView",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("controls:write")});
  router.add(
      "POST", item + "/check",
      [service, clock](const Request& req) { return check_control(service, req, today_of(clock)); },
      RouteDoc{.operation_id = "checkControl",
               .summary = "Record an effectiveness check; next_check_on moves by the interval",
               .tag = "controls",
               .request_schema = "ControlCheckRequest",
               .response_schema = "ControlView",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("controls:write")});
  router.add(
      "POST", item + "/evidence",
      [service, clock](const Request& req) { return add_evidence(service, req, today_of(clock)); },
      RouteDoc{.operation_id = "addEvidence",
               .summary = "Add evidence: a link (JSON body, Content-Type application/json) or the "
                          "file itself as the body (any other Content-Type; type detected from the "
                          "content; executables and unknown binaries 415)",
               .tag = "controls",
               .request_schema = "EvidenceLinkRequest",
               .status = 201,
               .response_schema = "Evidence",
               .response_headers = {"ETag"},
               .query = {string_param_doc("title", "File upload: the evidence title."),
                         string_param_doc("file_name", "File upload: the original file name."),
                         string_param_doc("valid_from", "File upload: YYYY-MM-DD (default today)."),
                         string_param_doc("valid_until", "File upload: YYYY-MM-DD (default none)."),
                         string_param_doc("description", "File upload: a description.")},
               .errors = {404, 409, 413, 415, 422, 503},
               .access = needs("controls:write"),
               .max_body_bytes = kEvidenceFileMax,
               .raw_body = true});
  router.add(
      "GET", item + "/evidence",
      [service, clock](const Request& req) { return list_evidence(service, req, today_of(clock)); },
      RouteDoc{.operation_id = "listEvidence",
               .summary = "A control's evidence, newest first",
               .tag = "controls",
               .response_schema = "EvidenceList",
               .query = {{"archived", "true: include archived evidence (default false).",
                          Json{{"type", "boolean"}, {"default", false}}}},
               .errors = {404, 503},
               .access = needs("controls:read")});
  router.add(
      "GET", evidence_item + "/file",
      [service](const Request& req) { return evidence_file(service, req); },
      RouteDoc{.operation_id = "downloadEvidence",
               .summary = "The evidence file's bytes, as the detected type",
               .tag = "controls",
               .response_headers = {"Content-Disposition"},
               .errors = {404, 503},
               .access = needs("controls:read"),
               .response_media_types = {"application/pdf", "image/png", "image/jpeg", "image/gif",
                                        "text/plain", "text/csv", "application/json",
                                        "application/zip"}});
  router.add(
      "POST", evidence_item + "/archive",
      [service, clock](const Request& req) {
        return archive_evidence(service, req, today_of(clock));
      },
      RouteDoc{.operation_id = "archiveEvidence",
               .summary = "Archive evidence",
               .tag = "controls",
               .request_schema = "VersionRequest",
               .request_body_required = false,
               .response_schema = "Evidence",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("controls:write")});
}

}  // namespace isms::http
