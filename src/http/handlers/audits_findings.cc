// Routes of findings and corrective actions (docs/api.md "Audits, findings, corrective
// actions"). Reads need audits:read, writes audits:write; the owner of a corrective action
// may record its implementation without audits:write.
#include <string>

#include "http/handlers/audits_internal.h"
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "service/audit_service.h"

namespace isms::http::audit_routes {
namespace {

constexpr const char* kFindings = "/api/v1/findings";
constexpr const char* kActions = "/api/v1/corrective-actions";

Result<Json> object_body(const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_TRY(require_object(body));
  return body;
}

Result<Response> finding_response(const AuditService& s, int status, const FindingView& v) {
  ISMS_ASSIGN(std::string today, s.today());
  return versioned_json(status, finding_view_to_json(v, today), v.finding.version);
}

Result<Response> action_response(const AuditService& s, int status, const CorrectiveAction& a) {
  ISMS_ASSIGN(std::string today, s.today());
  return versioned_json(status, action_to_json(a, today), a.version);
}

// "me" names the caller's person.
Result<std::optional<std::string>> owner_param(const Request& req) {
  std::string owner = query_or(req, "owner");
  if (owner.empty()) return std::optional<std::string>();
  if (owner == "me") {
    if (req.principal.person_id.empty()) {
      return Error::invalid("owner", "\"me\" needs a caller who is a person");
    }
    return std::optional<std::string>(req.principal.person_id);
  }
  return std::optional<std::string>(owner);
}

Result<Response> list_findings(const AuditService& s, const Request& req) {
  FindingFilter f;
  if (auto v = query_or(req, "source"); !v.empty()) f.source = v;
  if (auto v = query_or(req, "source_id"); !v.empty()) f.source_id = v;
  if (auto v = query_or(req, "grade"); !v.empty()) f.grade = v;
  f.statuses = list_param(req, "status");
  ISMS_ASSIGN(f.overdue, bool_param(req, "overdue"));
  ISMS_ASSIGN(f.owner_id, owner_param(req));
  ISMS_ASSIGN(auto list, s.list_findings(req.principal, f));
  ISMS_ASSIGN(std::string today, s.today());
  return json_response(
      200, items_json(list, [&](const FindingView& v) { return finding_view_to_json(v, today); }));
}

Result<Response> list_actions(const AuditService& s, const Request& req) {
  ActionFilter f;
  f.statuses = list_param(req, "status");
  ISMS_ASSIGN(f.overdue, bool_param(req, "overdue"));
  ISMS_ASSIGN(f.owner_id, owner_param(req));
  if (auto v = query_or(req, "finding_id"); !v.empty()) f.finding_id = v;
  ISMS_ASSIGN(auto list, s.list_actions(req.principal, f));
  ISMS_ASSIGN(std::string today, s.today());
  return json_response(
      200, items_json(list, [&](const CorrectiveAction& a) { return action_to_json(a, today); }));
}

RouteDoc doc(std::string op, std::string summary, AccessRule access, std::vector<int> errors,
             int status = 200, bool body = false, bool if_match = false,
             bool body_required = true) {
  RouteDoc d;
  d.operation_id = std::move(op);
  d.summary = std::move(summary);
  d.tag = "findings";
  d.access = std::move(access);
  d.errors = std::move(errors);
  d.status = status;
  d.if_match = if_match;
  d.request_body_required = body && body_required;
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

void add_finding_routes(Router& router, const ServiceContext& ctx) {
  AuditService service(ctx);
  const std::string findings = kFindings;
  const std::string finding = findings + "/{id}";
  const std::string actions = kActions;
  const std::string action = actions + "/{id}";
  const AccessRule read = needs("audits:read");
  const AccessRule write = needs("audits:write");

  RouteDoc list_doc = schemas(doc("listFindings", "Findings with their actions", read, {422, 503}),
                              "", "FindingList");
  list_doc.query = {
      string_param_doc("source",
                       "audit, incident, management_review, risk_cycle or self_assessment"),
      string_param_doc("source_id", "Only the findings of this source record."),
      string_param_doc("grade",
                       "major_nonconformity, minor_nonconformity, observation, "
                       "opportunity"),
      string_param_doc("status", "open, closed (comma-separated)"),
      string_param_doc("overdue", "true: open with an overdue action; false: the others"),
      string_param_doc("owner", "A person id, or me")};
  router.add(
      "GET", findings, [service](const Request& req) { return list_findings(service, req); },
      list_doc);
  router.add(
      "POST", findings,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, object_body(req));
        ISMS_ASSIGN(FindingView v, service.create_finding(req.principal, body));
        ISMS_ASSIGN(Response res, finding_response(service, 201, v));
        res.headers.set("Location", std::string(kFindings) + "/" + v.finding.id);
        return res;
      },
      schemas(doc("createFinding", "Record a finding (any source) with an optional first action",
                  write, {404, 409, 422, 503}, 201, true),
              "FindingCreate", "Finding"));
  router.add(
      "GET", finding,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(FindingView v, service.get_finding(req.principal, req.path_param("id")));
        return finding_response(service, 200, v);
      },
      schemas(doc("getFinding", "A finding with its source and its actions", read, {404, 503}), "",
              "Finding"));
  router.add(
      "PATCH", finding,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, versioned_body(req));
        ISMS_ASSIGN(FindingView v,
                    service.update_finding(req.principal, req.path_param("id"), body));
        return finding_response(service, 200, v);
      },
      schemas(doc("updateFinding", "Change an open finding", write, {404, 409, 422, 503}, 200, true,
                  true),
              "FindingUpdate", "Finding"));
  router.add(
      "POST", finding + "/close",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ActionBody body, action_body(req, {"note"}));
        ISMS_ASSIGN(int64_t version, required_version(req, body.version));
        ISMS_ASSIGN(FindingView v, service.close_finding(req.principal, req.path_param("id"),
                                                         version, body.get("note")));
        return finding_response(service, 200, v);
      },
      schemas(doc("closeFinding",
                  "Close a finding: nonconformities once an action is verified effective and "
                  "none is pending; observations and opportunities with a decision note",
                  write, {404, 409, 422, 503}, 200, true, true, false),
              "FindingCloseRequest", "Finding"));
  router.add(
      "POST", finding + "/actions",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, object_body(req));
        ISMS_ASSIGN(CorrectiveAction a,
                    service.add_action(req.principal, req.path_param("id"), body));
        ISMS_ASSIGN(Response res, action_response(service, 201, a));
        res.headers.set("Location", std::string(kActions) + "/" + a.id);
        return res;
      },
      schemas(doc("addCorrectiveAction", "Add a corrective action to an open finding", write,
                  {404, 409, 422, 503}, 201, true),
              "CorrectiveActionCreate", "CorrectiveAction"));

  RouteDoc actions_doc =
      schemas(doc("listCorrectiveActions", "Corrective actions by due date", read, {422, 503}), "",
              "CorrectiveActionList");
  actions_doc.query = {
      string_param_doc("status", "open, implemented, verified, ineffective (comma-separated)"),
      string_param_doc("owner", "A person id, or me"),
      string_param_doc("overdue", "true: open and past the due date"),
      string_param_doc("finding_id", "Only the actions of this finding.")};
  router.add(
      "GET", actions, [service](const Request& req) { return list_actions(service, req); },
      actions_doc);
  router.add(
      "GET", action,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(CorrectiveAction a, service.get_action(req.principal, req.path_param("id")));
        return action_response(service, 200, a);
      },
      schemas(doc("getCorrectiveAction", "A corrective action", read, {404, 503}), "",
              "CorrectiveAction"));
  router.add(
      "PATCH", action,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, versioned_body(req));
        ISMS_ASSIGN(CorrectiveAction a,
                    service.update_action(req.principal, req.path_param("id"), body));
        return action_response(service, 200, a);
      },
      schemas(doc("updateCorrectiveAction", "Change an open corrective action", write,
                  {404, 409, 422, 503}, 200, true, true),
              "CorrectiveActionUpdate", "CorrectiveAction"));
  router.add(
      "POST", action + "/implement",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, versioned_body(req));
        ISMS_ASSIGN(CorrectiveAction a,
                    service.implement_action(req.principal, req.path_param("id"), body));
        return action_response(service, 200, a);
      },
      // The owner may record their own action's implementation: the service checks
      // audits:write or ownership.
      schemas(doc("implementCorrectiveAction",
                  "Record the implementation (audits:write, or the action's owner)",
                  authenticated_access(), {403, 404, 409, 422, 503}, 200, true, true, false),
              "ImplementationRequest", "CorrectiveAction"));
  router.add(
      "POST", action + "/verify",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, versioned_body(req));
        ISMS_ASSIGN(CorrectiveAction a,
                    service.verify_action(req.principal, req.path_param("id"), body, std::nullopt));
        return action_response(service, 200, a);
      },
      schemas(doc("verifyCorrectiveAction",
                  "Record the effectiveness verification (not by the action's owner); an "
                  "effective one may close its finding",
                  write, {403, 404, 409, 422, 503}, 200, true, true),
              "VerificationRequest", "CorrectiveAction"));
}

}  // namespace isms::http::audit_routes
