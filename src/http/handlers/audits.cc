// Routes of the audit programme, audits, checklists and per-audit reports (docs/api.md
// "Audits, findings, corrective actions"); findings and corrective actions are in
// audits_findings.cc. Reads need audits:read, writes audits:write.
#include <string>
#include <vector>

#include "http/handlers/audits_internal.h"
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "service/audit_service.h"
#include "service/audit_support.h"

namespace isms::http {

namespace audit_routes {

std::vector<std::string> list_param(const Request& req, const std::string& name) {
  std::vector<std::string> out;
  std::string v = query_or(req, name);
  size_t start = 0;
  while (start <= v.size() && !v.empty()) {
    size_t comma = v.find(',', start);
    std::string part =
        v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Result<std::optional<bool>> bool_param(const Request& req, const std::string& name) {
  std::string v = query_or(req, name);
  if (v.empty()) return std::optional<bool>();
  if (v == "true") return std::optional<bool>(true);
  if (v == "false") return std::optional<bool>(false);
  return Error::invalid(name, "must be true or false");
}

Result<Json> versioned_body(const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/true));
  ISMS_TRY(require_object(body));
  ISMS_ASSIGN(int64_t version, required_version(req, audit_internal::body_version(body)));
  body["version"] = version;
  return body;
}

}  // namespace audit_routes

namespace {

using namespace audit_routes;

constexpr const char* kProgrammes = "/api/v1/audit-programmes";
constexpr const char* kAudits = "/api/v1/audits";

Json programme_view_json(const ProgrammeView& v) {
  Json j = programme_to_json(v.programme);
  Json audits = Json::array();
  for (const Audit& a : v.audits) {
    Json item = audit_to_json(a);
    item.erase("checklist");
    audits.push_back(std::move(item));
  }
  j["audits"] = std::move(audits);
  return j;
}

Response programme_response(int status, const ProgrammeView& v) {
  return versioned_json(status, programme_view_json(v), v.programme.version);
}

Response audit_response(int status, const Audit& a) {
  return versioned_json(status, audit_to_json(a), a.version);
}

Result<Json> object_body(const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_TRY(require_object(body));
  return body;
}

Result<Response> list_audits(const AuditService& s, const Request& req) {
  AuditFilter f;
  f.statuses = list_param(req, "status");
  if (std::string y = query_or(req, "year"); !y.empty()) {
    if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos) {
      return Error::invalid("year", "must be a year YYYY");
    }
    f.year = std::stoi(y);
  }
  if (std::string prog = query_or(req, "programme_id"); !prog.empty()) f.programme_id = prog;
  ISMS_ASSIGN(auto audits, s.list_audits(req.principal, f));
  return json_response(200, items_json(audits, [](const Audit& a) {
                         Json j = audit_to_json(a);
                         j.erase("checklist");
                         return j;
                       }));
}

Result<int64_t> index_param(const Request& req) {
  std::string v = req.path_param("index");
  if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) {
    return Error::invalid("index", "must be a checklist item's index (0, 1, ...)");
  }
  return std::stoll(v);
}

RouteDoc doc(std::string op, std::string summary, AccessRule access, std::vector<int> errors,
             int status = 200) {
  RouteDoc d;
  d.operation_id = std::move(op);
  d.summary = std::move(summary);
  d.tag = "audits";
  d.access = std::move(access);
  d.errors = std::move(errors);
  d.status = status;
  return d;
}

RouteDoc with_body(RouteDoc d, bool if_match = false, bool required = true) {
  d.request_body_required = required;
  d.if_match = if_match;
  d.response_headers = {"ETag"};
  return d;
}

RouteDoc with_etag(RouteDoc d) {
  d.response_headers = {"ETag"};
  return d;
}

// The component schemas of the JSON body ("" = none) and of the answer.
RouteDoc schemas(RouteDoc d, std::string request, std::string response) {
  d.request_schema = std::move(request);
  d.response_schema = std::move(response);
  return d;
}

}  // namespace

void add_audit_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  (void)cached;  // lists depend on the date (overdue) and are small: served uncached
  AuditService service(ctx);
  const std::string programmes = kProgrammes;
  const std::string programme = programmes + "/{id}";
  const std::string audits = kAudits;
  const std::string audit = audits + "/{id}";
  const AccessRule read = needs("audits:read");
  const AccessRule write = needs("audits:write");

  router.add(
      "GET", programmes,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(auto list, service.list_programmes(req.principal));
        return json_response(200, items_json(list, programme_to_json));
      },
      schemas(doc("listAuditProgrammes", "Audit programmes, newest year first", read, {503}), "",
              "AuditProgrammeList"));
  router.add(
      "POST", programmes,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, object_body(req));
        ISMS_ASSIGN(ProgrammeView v, service.create_programme(req.principal, body));
        Response res = programme_response(201, v);
        res.headers.set("Location", std::string(kProgrammes) + "/" + v.programme.id);
        return res;
      },
      schemas(
          with_body(doc("createAuditProgramme", "Create the programme of a year (409 if it exists)",
                        write, {409, 422, 503}, 201)),
          "AuditProgrammeCreate", "AuditProgrammeView"));
  router.add(
      "GET", programme,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ProgrammeView v, service.get_programme(req.principal, req.path_param("id")));
        return programme_response(200, v);
      },
      schemas(with_etag(doc("getAuditProgramme", "A programme with the audits planned in it", read,
                            {404, 503})),
              "", "AuditProgrammeView"));
  router.add(
      "PATCH", programme,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, versioned_body(req));
        ISMS_ASSIGN(ProgrammeView v,
                    service.update_programme(req.principal, req.path_param("id"), body));
        return programme_response(200, v);
      },
      schemas(with_body(doc("updateAuditProgramme",
                            "Change a programme (an approved one returns to draft)", write,
                            {404, 409, 422, 503}),
                        true),
              "AuditProgrammeUpdate", "AuditProgrammeView"));
  router.add(
      "POST", programme + "/approve",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ActionBody body, action_body(req, {}));
        ISMS_ASSIGN(int64_t version, required_version(req, body.version));
        ISMS_ASSIGN(ProgrammeView v,
                    service.approve_programme(req.principal, req.path_param("id"), version));
        return programme_response(200, v);
      },
      schemas(with_body(doc("approveAuditProgramme", "Approve a draft programme", write,
                            {404, 409, 422, 503}),
                        true, false),
              "VersionRequest", "AuditProgrammeView"));

  RouteDoc list_doc =
      schemas(doc("listAudits", "Audits by reference", read, {422, 503}), "", "AuditList");
  list_doc.query = {
      string_param_doc("status", "planned, in_progress, completed, cancelled (comma-separated)"),
      string_param_doc("year", "The year the audit starts in (YYYY)."),
      string_param_doc("programme_id", "Only the audits of this programme.")};
  router.add(
      "GET", audits, [service](const Request& req) { return list_audits(service, req); }, list_doc);
  router.add(
      "POST", audits,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, object_body(req));
        ISMS_ASSIGN(Audit a, service.create_audit(req.principal, body));
        Response res = audit_response(201, a);
        res.headers.set("Location", std::string(kAudits) + "/" + a.id);
        return res;
      },
      schemas(with_body(doc("createAudit",
                            "Plan an audit; its checklist is generated from the criteria", write,
                            {422, 503}, 201)),
              "AuditCreate", "Audit"));
  router.add(
      "GET", audit,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Audit a, service.get_audit(req.principal, req.path_param("id")));
        return audit_response(200, a);
      },
      schemas(with_etag(doc("getAudit", "An audit with its checklist", read, {404, 503})), "",
              "Audit"));
  router.add(
      "PATCH", audit,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, versioned_body(req));
        ISMS_ASSIGN(Audit a, service.update_audit(req.principal, req.path_param("id"), body));
        return audit_response(200, a);
      },
      schemas(with_body(doc("updateAudit", "Change a planned or running audit", write,
                            {404, 409, 422, 503}),
                        true),
              "AuditUpdate", "Audit"));
  router.add(
      "POST", audit + "/start",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ActionBody body, action_body(req, {}));
        ISMS_ASSIGN(int64_t version, required_version(req, body.version));
        ISMS_ASSIGN(Audit a, service.start_audit(req.principal, req.path_param("id"), version));
        return audit_response(200, a);
      },
      schemas(with_body(doc("startAudit", "Start a planned audit", write, {404, 409, 422, 503}),
                        true, false),
              "VersionRequest", "Audit"));
  router.add(
      "POST", audit + "/complete",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ActionBody body, action_body(req, {"conclusion"}));
        ISMS_ASSIGN(int64_t version, required_version(req, body.version));
        std::optional<std::string> conclusion;
        if (const std::string* c = body.find("conclusion")) conclusion = *c;
        ISMS_ASSIGN(Audit a, service.complete_audit(req.principal, req.path_param("id"), version,
                                                    conclusion));
        return audit_response(200, a);
      },
      schemas(with_body(doc("completeAudit",
                            "Complete an audit: every checklist item decided and a conclusion",
                            write, {404, 409, 422, 503}),
                        true, false),
              "AuditCompleteRequest", "Audit"));
  router.add(
      "POST", audit + "/cancel",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ActionBody body, action_body(req, {"reason"}));
        ISMS_ASSIGN(int64_t version, required_version(req, body.version));
        ISMS_ASSIGN(Audit a, service.cancel_audit(req.principal, req.path_param("id"), version,
                                                  body.get("reason")));
        return audit_response(200, a);
      },
      schemas(with_body(doc("cancelAudit", "Cancel a planned or running audit, with a reason",
                            write, {404, 409, 422, 503}),
                        true),
              "AuditCancelRequest", "Audit"));
  router.add(
      "PATCH", audit + "/checklist/{index}",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(int64_t index, index_param(req));
        ISMS_ASSIGN(Json body, versioned_body(req));
        ISMS_ASSIGN(CheckResultView v,
                    service.check_item(req.principal, req.path_param("id"), index, body));
        ISMS_ASSIGN(std::string today, service.today());
        Json out = audit_to_json(v.audit);
        out["raised_finding"] = v.finding ? finding_view_to_json(*v.finding, today) : Json(nullptr);
        return versioned_json(200, out, v.audit.version);
      },
      schemas(with_body(doc("checkAuditItem",
                            "Decide one checklist item (If-Match: the item's version); "
                            "\"finding\" raises its finding in the same write",
                            write, {404, 409, 422, 503}),
                        true),
              "ChecklistItemUpdate", "AuditCheckResult"));
  router.add(
      "GET", audit + "/findings",
      [service](const Request& req) -> Result<Response> {
        FindingFilter f;
        f.source = "audit";
        f.source_id = req.path_param("id");
        auto exists = service.get_audit(req.principal, *f.source_id);
        if (!exists) return std::move(exists).error();
        ISMS_ASSIGN(auto list, service.list_findings(req.principal, f));
        ISMS_ASSIGN(std::string today, service.today());
        return json_response(200, items_json(list, [&](const FindingView& v) {
                               return finding_view_to_json(v, today);
                             }));
      },
      schemas(
          doc("listAuditFindings", "The findings of an audit with their actions", read, {404, 503}),
          "", "FindingList"));
  router.add(
      "POST", audit + "/findings",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, object_body(req));
        ISMS_ASSIGN(FindingView v,
                    service.create_audit_finding(req.principal, req.path_param("id"), body));
        ISMS_ASSIGN(std::string today, service.today());
        Response res = versioned_json(201, finding_view_to_json(v, today), v.finding.version);
        res.headers.set("Location", "/api/v1/findings/" + v.finding.id);
        return res;
      },
      schemas(with_body(doc("createAuditFinding",
                            "Raise a finding from the audit (optionally from a checklist item)",
                            write, {404, 409, 422, 503}, 201)),
              "AuditFindingCreate", "Finding"));
  router.add(
      "GET", audit + "/report",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(AuditReport r, service.report(req.principal, req.path_param("id")));
        return json_response(200, audit_report_to_json(r));
      },
      schemas(doc("getAuditReport",
                  "The audit report: checklist, findings with actions and verifications, totals",
                  read, {404, 503}),
              "", "AuditReport"));
  RouteDoc pdf_doc = doc("getAuditReportPdf", "The audit report as PDF", read, {404, 503});
  pdf_doc.response_media_types = {"application/pdf"};
  router.add(
      "GET", audit + "/report.pdf",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Audit a, service.get_audit(req.principal, req.path_param("id")));
        ISMS_ASSIGN(std::string pdf, service.report_pdf(req.principal, a.id));
        return file_response("application/pdf", std::move(pdf), "audit-report-" + a.ref + ".pdf");
      },
      pdf_doc);

  audit_routes::add_finding_routes(router, ctx);
}

}  // namespace isms::http
