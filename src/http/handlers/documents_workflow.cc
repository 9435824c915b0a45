// The workflow of a document's open version (docs/api.md "Documents"): new version,
// submit, return, approve, publish, archive; and acknowledgement of published versions
// (status, acknowledge, remind, the caller's own pending ones).
#include <string>
#include <vector>

#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/document_json.h"
#include "service/document_service.h"

namespace isms::http {
namespace {

constexpr const char* kItem = "/api/v1/documents/{id}";

std::string today(const Clock* clock) { return clock->now_utc().substr(0, 10); }

// One workflow step: the body decoded for `step`, then the service call.
using Step = Result<DocumentView> (*)(const DocumentService&, const Principal&, const std::string&,
                                      const WorkflowRequest&);

Result<DocumentView> submit(const DocumentService& s, const Principal& p, const std::string& id,
                            const WorkflowRequest& w) {
  return s.submit(p, id, w.version);
}
Result<DocumentView> return_to_draft(const DocumentService& s, const Principal& p,
                                     const std::string& id, const WorkflowRequest& w) {
  return s.return_to_draft(p, id, w.version, w.comment);
}
Result<DocumentView> approve(const DocumentService& s, const Principal& p, const std::string& id,
                             const WorkflowRequest& w) {
  return s.approve(p, id, w.version);
}
Result<DocumentView> publish(const DocumentService& s, const Principal& p, const std::string& id,
                             const WorkflowRequest& w) {
  return s.publish(p, id, w.version);
}
Result<DocumentView> archive(const DocumentService& s, const Principal& p, const std::string& id,
                             const WorkflowRequest& w) {
  return s.archive(p, id, w.reason);
}

struct StepRoute {
  const char* step;  // path suffix and workflow_request_from_json's step
  Step call;
  const char* operation_id;
  const char* summary;
  const char* request_schema;
  const char* permission;
};

const StepRoute kSteps[] = {
    {"submit", submit, "submitDocument", "Submit the draft for approval", "WorkflowVersion",
     "documents:write"},
    // The reviewer returns a version as well as the writers do: the service decides between
    // them (information owner or documents:write); the route only needs the document readable.
    {"return", return_to_draft, "returnDocument",
     "Return the version in review to draft, with a comment (the information owner or a "
     "documents:write holder)",
     "WorkflowReturn", "documents:read"},
    // Likewise approval: the service checks policies:approve and the information owner, and
    // its 403 names the owner (docs/api.md), which a route-level refusal could not.
    {"approve", approve, "approveDocument",
     "Approve the version in review (policies:approve and the document's information owner "
     "only)",
     "WorkflowVersion", "documents:read"},
    {"publish", publish, "publishDocument",
     "Publish the approved version; the previous one is superseded", "WorkflowVersion",
     "documents:write"},
    {"archive", archive, "archiveDocument", "Archive the document (reason required)",
     "DocumentArchiveRequest", "documents:write"},
};

}  // namespace

void add_document_workflow_routes(Router& router, const ServiceContext& ctx) {
  DocumentService service(ctx);
  const Clock* clock = ctx.clock;
  const std::string item = kItem;

  router.add(
      "POST", item + "/new-version",
      [service, clock](const Request& req) -> Result<Response> {
        ISMS_TRY(empty_body(req));
        ISMS_ASSIGN(DocumentView view, service.new_version(req.principal, req.path_param("id")));
        return json_response(200, document_view_to_json(view, today(clock)));
      },
      RouteDoc{.operation_id = "newDocumentVersion",
               .summary = "Open a new draft from the published version (409 when a version "
                          "is open)",
               .tag = "documents",
               .request_schema = "EmptyRequest",
               .request_body_required = false,
               .response_schema = "DocumentView",
               .errors = {404, 409, 503},
               .access = needs("documents:write")});
  for (const StepRoute& s : kSteps) {
    std::string step = s.step;
    Step call = s.call;
    router.add(
        "POST", item + "/" + step,
        [service, clock, step, call](const Request& req) -> Result<Response> {
          ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
          ISMS_ASSIGN(WorkflowRequest w, workflow_request_from_json(body, step));
          ISMS_ASSIGN(DocumentView view, call(service, req.principal, req.path_param("id"), w));
          return json_response(200, document_view_to_json(view, today(clock)));
        },
        RouteDoc{.operation_id = s.operation_id,
                 .summary = s.summary,
                 .tag = "documents",
                 .request_schema = s.request_schema,
                 .response_schema = "DocumentView",
                 .errors = {404, 409, 422, 503},
                 .access = needs(s.permission)});
  }

  router.add(
      "GET", item + "/acknowledgements",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(AcknowledgementStatus status,
                    service.acknowledgements(req.principal, req.path_param("id"),
                                             query_or(req, "version")));
        return json_response(200, acknowledgement_status_to_json(status));
      },
      RouteDoc{.operation_id = "listDocumentAcknowledgements",
               .summary = "Who acknowledged a published version and who has not yet",
               .tag = "documents",
               .response_schema = "AcknowledgementStatus",
               .query = {{"version", "Version id (default: the published version).",
                          Json{{"type", "string"}}}},
               .errors = {404, 503},
               .access = needs("documents:read")});
  router.add(
      "POST", item + "/acknowledge",
      [service](const Request& req) -> Result<Response> {
        ISMS_TRY(empty_body(req));
        ISMS_ASSIGN(AcknowledgementStatus status,
                    service.acknowledge(req.principal, req.path_param("id")));
        return json_response(200, acknowledgement_status_to_json(status));
      },
      RouteDoc{.operation_id = "acknowledgeDocument",
               .summary = "Acknowledge having read the published version (one's own)",
               .tag = "documents",
               .request_schema = "EmptyRequest",
               .request_body_required = false,
               .response_schema = "AcknowledgementStatus",
               .errors = {404, 409, 503},
               .access = needs("policies:accept")});
  router.add(
      "POST", item + "/remind",
      [service](const Request& req) -> Result<Response> {
        ISMS_TRY(empty_body(req));
        ISMS_ASSIGN(std::vector<Acknowledgement> reminded,
                    service.remind(req.principal, req.path_param("id")));
        return json_response(200, items_json(reminded, acknowledgement_to_json));
      },
      RouteDoc{.operation_id = "remindDocument",
               .summary = "Remind everyone who has not acknowledged the published version",
               .tag = "documents",
               .request_schema = "EmptyRequest",
               .request_body_required = false,
               .response_schema = "AcknowledgementList",
               .errors = {404, 409, 503},
               .access = needs("documents:write")});
  router.add(
      "GET", "/api/v1/me/acknowledgements",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(std::vector<PendingAcknowledgement> pending, service.my_pending(req.principal));
        return json_response(200, items_json(pending, pending_acknowledgement_to_json));
      },
      RouteDoc{.operation_id = "listMyAcknowledgements",
               .summary = "Published documents the caller has yet to acknowledge",
               .tag = "documents",
               .response_schema = "PendingAcknowledgementList",
               .errors = {503},
               .access = authenticated_access()});
}

}  // namespace isms::http
