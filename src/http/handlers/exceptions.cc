// Exceptions (docs/api.md "Exceptions", policy 3.3) and "needs review" (docs/api.md
// "Reviews due"): request, change while requested, approve, reject, withdraw, revoke,
// renew; the list of objects whose review date is near or passed, and completing a review.
// Over HTTP the acting person is always the caller's person.
#include <string>
#include <vector>

#include "base/time_zone.h"
#include "domain/policy_exception.h"
#include "http/cached_get.h"
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "service/exception_service.h"
#include "service/review_completion.h"
#include "service/review_due.h"
#include "service/time_zone_setting.h"

namespace isms::http {
namespace {

constexpr const char* kExceptionsPath = "/api/v1/exceptions";

Response exception_response(int status, const ExceptionResult& r) {
  return versioned_json(status, exception_to_json(r.exception, r.today), r.exception.version);
}

Result<Response> list_exceptions(const ExceptionService& service, const Request& req) {
  ExceptionListQuery q;
  std::string status = query_or(req, "status");
  if (!status.empty()) {
    size_t start = 0;
    while (start <= status.size()) {
      size_t comma = status.find(',', start);
      if (comma == std::string::npos) comma = status.size();
      q.statuses.push_back(status.substr(start, comma - start));
      start = comma + 1;
    }
  }
  q.state = query_or(req, "state");
  std::string mine = query_or(req, "mine", "false");
  if (mine != "true" && mine != "false") return Error::invalid("mine", "must be true or false");
  q.mine = mine == "true";
  ISMS_ASSIGN(ExceptionList list, service.list(req.principal, q));
  Json items = Json::array();
  for (const PolicyException& e : list.items) items.push_back(exception_to_json(e, list.today));
  return json_response(200, Json{{"items", std::move(items)}, {"today", list.today}});
}

Result<Response> request_exception(const ExceptionService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(ExceptionFields fields, exception_fields_from_json(body));
  ISMS_ASSIGN(ExceptionResult r, service.request(req.principal, fields, std::nullopt));
  Response res = exception_response(201, r);
  res.headers.set("Location", std::string(kExceptionsPath) + "/" + r.exception.id);
  return res;
}

Result<Response> update_exception(const ExceptionService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(ExceptionFields fields, exception_fields_from_json(body));
  ISMS_ASSIGN(fields.version, expected_version(req, fields.version));
  ISMS_ASSIGN(ExceptionResult r,
              service.update(req.principal, req.path_param("id"), fields, std::nullopt));
  return exception_response(200, r);
}

// approve / reject / revoke: {note, version[, expires_on]}.
Result<Response> decide(const ExceptionService& service, const Request& req,
                        ExceptionAction action) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/true));
  ISMS_ASSIGN(ExceptionDecision d,
              exception_decision_from_json(body, action == ExceptionAction::kApprove));
  ISMS_ASSIGN(d.version, expected_version(req, d.version));
  const std::string& id = req.path_param("id");
  Result<ExceptionResult> r = Error::internal("no decision");
  if (action == ExceptionAction::kApprove) {
    r = service.approve(req.principal, id, d, std::nullopt);
  } else if (action == ExceptionAction::kReject) {
    r = service.reject(req.principal, id, d, std::nullopt);
  } else {
    r = service.revoke(req.principal, id, d, std::nullopt);
  }
  if (!r) return r.error();
  return exception_response(200, *r);
}

Result<Response> withdraw(const ExceptionService& service, const Request& req) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {}));
  ISMS_ASSIGN(auto version, expected_version(req, body.version));
  ISMS_ASSIGN(ExceptionResult r,
              service.withdraw(req.principal, req.path_param("id"), version, std::nullopt));
  return exception_response(200, r);
}

Result<Response> renew(const ExceptionService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/true));
  ISMS_ASSIGN(ExceptionFields fields, exception_fields_from_json(body));
  ISMS_ASSIGN(ExceptionResult r,
              service.renew(req.principal, req.path_param("id"), fields, std::nullopt));
  Response res = exception_response(201, r);
  res.headers.set("Location", std::string(kExceptionsPath) + "/" + r.exception.id);
  return res;
}

Json agenda_item_json(const AgendaItem& a) {
  return Json{{"source", a.source},         {"object_type", a.object_type},
              {"object_id", a.object_id},   {"ref", a.ref},
              {"title", a.title},           {"owner_id", a.owner_id},
              {"owner_name", a.owner_name}, {"due_on", a.due_on},
              {"state", a.state},           {"link", a.link}};
}

Result<Response> reviews_due(const ServiceContext& ctx, const Request& req) {
  std::string until = query_or(req, "until");
  if (until.empty()) {
    // Default: the organization's today + 30 days (the "due" window).
    ISMS_ASSIGN(auto tx, ctx.store->begin_read());
    ISMS_ASSIGN(std::string today, organization_today(ctx, *tx));
    ISMS_ASSIGN(until, add_days(today, 30));
  }
  ISMS_ASSIGN(auto items, list_reviews_due(ctx, req.principal, until));
  Json out = Json::array();
  for (const AgendaItem& a : items) out.push_back(agenda_item_json(a));
  return json_response(200, Json{{"items", std::move(out)}, {"until", until}});
}

Result<Response> complete(const ServiceContext& ctx, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(ReviewCompletionRequest r, review_completion_from_json(body));
  ISMS_ASSIGN(ReviewCompletion c, complete_review(ctx, req.principal, r, std::nullopt));
  return json_response(200, review_completion_to_json(c));
}

RouteDoc action_doc(std::string id, std::string summary, std::string permission,
                    std::string request_schema, bool body_required = false) {
  return RouteDoc{.operation_id = std::move(id),
                  .summary = std::move(summary),
                  .tag = "exceptions",
                  .request_schema = std::move(request_schema),
                  .request_body_required = body_required,
                  .response_schema = "PolicyException",
                  .response_headers = {"ETag"},
                  .errors = {403, 404, 409, 422, 503},
                  .if_match = true,
                  .access = needs(std::move(permission))};
}

}  // namespace

void add_exception_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  (void)cached;  // states depend on the day and on who asks: not cached
  ExceptionService service(ctx);
  const ServiceContext* c = &ctx;
  const std::string list = kExceptionsPath;
  const std::string item = list + "/{id}";

  router.add(
      "GET", list, [service](const Request& req) { return list_exceptions(service, req); },
      RouteDoc{
          .operation_id = "listExceptions",
          .summary = "Exceptions, newest first: all with exceptions:read, else one's own",
          .tag = "exceptions",
          .response_schema = "PolicyExceptionList",
          .query = {string_param_doc("status",
                                     "Comma-separated statuses: requested, "
                                     "approved, rejected, withdrawn, revoked."),
                    enum_param_doc("state", "Approved ones by derived state.",
                                   {"active", "expiring", "expired"}),
                    enum_param_doc("mine", "Only the caller's own requests.", {"true", "false"})},
          .errors = {403, 422, 503},
          .access = authenticated_access()});
  router.add(
      "POST", list, [service](const Request& req) { return request_exception(service, req); },
      RouteDoc{.operation_id = "requestException",
               .summary = "Request an exception (the caller is the requester)",
               .tag = "exceptions",
               .request_schema = "PolicyExceptionRequest",
               .status = 201,
               .response_schema = "PolicyException",
               .response_headers = {"ETag", "Location"},
               .errors = {422, 503},
               .access = needs("exceptions:request")});
  router.add(
      "GET", item,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ExceptionResult r, service.get(req.principal, req.path_param("id")));
        return exception_response(200, r);
      },
      RouteDoc{.operation_id = "getException",
               .summary = "One exception (exceptions:read, or its requester)",
               .tag = "exceptions",
               .response_schema = "PolicyException",
               .response_headers = {"ETag"},
               .errors = {403, 404, 503},
               .access = authenticated_access()});
  router.add(
      "PATCH", item, [service](const Request& req) { return update_exception(service, req); },
      RouteDoc{.operation_id = "updateException",
               .summary = "Change one's own request while it is requested",
               .tag = "exceptions",
               .request_schema = "PolicyExceptionUpdate",
               .response_schema = "PolicyException",
               .response_headers = {"ETag"},
               .errors = {403, 404, 409, 422, 503},
               .if_match = true,
               .access = needs("exceptions:request")});
  router.add(
      "POST", item + "/approve",
      [service](const Request& req) { return decide(service, req, ExceptionAction::kApprove); },
      action_doc("approveException",
                 "Approve with an expiry at most 12 months ahead (never one's own request)",
                 "exceptions:approve", "PolicyExceptionApproval"));
  router.add(
      "POST", item + "/reject",
      [service](const Request& req) { return decide(service, req, ExceptionAction::kReject); },
      action_doc("rejectException", "Reject with a note (never one's own request)",
                 "exceptions:approve", "PolicyExceptionDecision", true));
  router.add(
      "POST", item + "/revoke",
      [service](const Request& req) { return decide(service, req, ExceptionAction::kRevoke); },
      action_doc("revokeException", "Revoke an approved exception with a note",
                 "exceptions:approve", "PolicyExceptionDecision", true));
  router.add(
      "POST", item + "/withdraw", [service](const Request& req) { return withdraw(service, req); },
      action_doc("withdrawException", "The requester withdraws their request", "exceptions:request",
                 "VersionRequest"));
  RouteDoc renew_doc =
      action_doc("renewException", "A new request renewing an approved exception, linked to it",
                 "exceptions:request", "PolicyExceptionRenewal");
  renew_doc.status = 201;
  renew_doc.response_headers = {"ETag", "Location"};
  renew_doc.if_match = false;
  router.add(
      "POST", item + "/renew", [service](const Request& req) { return renew(service, req); },
      renew_doc);

  router.add(
      "GET", "/api/v1/reviews/due", [c](const Request& req) { return reviews_due(*c, req); },
      RouteDoc{.operation_id = "listReviewsDue",
               .summary = "Documents, risks, controls, evidence, exceptions and the SoA whose "
                          "review date is near or passed, as the caller may read them",
               .tag = "reviews",
               .response_schema = "ReviewsDue",
               .query = {string_param_doc("until", "YYYY-MM-DD, default today + 30 days.")},
               .errors = {422, 503},
               .access = authenticated_access()});
  router.add(
      "POST", "/api/v1/reviews/complete", [c](const Request& req) { return complete(*c, req); },
      RouteDoc{.operation_id = "completeReview",
               .summary = "Complete a review through the object's own service (its permission "
                          "applies): the review date moves by the interval",
               .tag = "reviews",
               .request_schema = "ReviewCompletionRequest",
               .response_schema = "ReviewCompletion",
               .errors = {403, 404, 409, 422, 503},
               .access = authenticated_access()});
}

}  // namespace isms::http
