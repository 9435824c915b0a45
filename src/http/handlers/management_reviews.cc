// Management reviews (docs/api.md "Management reviews"): plan, assemble the inputs from
// the registers, edit while planned or held, hold (the inputs freeze), approve (top
// management: reviews:approve), follow up actions, and the minutes as PDF.
#include <string>
#include <vector>

#include "domain/management_review.h"
#include "http/cached_get.h"
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "service/management_review_service.h"

namespace isms::http {
namespace {

constexpr const char* kReviewsPath = "/api/v1/management-reviews";

Response review_response(int status, const ReviewView& v) {
  return versioned_json(status, review_view_to_json(v), v.review.version);
}

Result<Response> list_reviews(const ManagementReviewService& service, const Request& req,
                              const std::string& today) {
  ISMS_ASSIGN(std::vector<ManagementReview> reviews, service.list(req.principal));
  return json_response(200, items_json(reviews, [&](const ManagementReview& r) {
                         // The list leaves out the bulky inputs snapshot.
                         Json j = management_review_to_json(r, today);
                         j.erase("inputs");
                         return j;
                       }));
}

Result<Response> create_review(const ManagementReviewService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/true));
  ISMS_TRY(require_object(body));
  if (body.contains("version")) return Error::invalid("version", "not accepted when creating");
  ISMS_ASSIGN(ReviewFields fields, review_fields_from_json(body));
  ISMS_ASSIGN(ReviewView v, service.create(req.principal, fields));
  Response res = review_response(201, v);
  res.headers.set("Location", std::string(kReviewsPath) + "/" + v.review.id);
  return res;
}

Result<Response> update_review(const ManagementReviewService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(ReviewFields fields, review_fields_from_json(body));
  ISMS_ASSIGN(fields.version, expected_version(req, fields.version));
  ISMS_ASSIGN(ReviewView v, service.update(req.principal, req.path_param("id"), fields));
  return review_response(200, v);
}

Result<Response> hold_review(const ManagementReviewService& service, const Request& req) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {"held_on"}));
  ISMS_ASSIGN(int64_t version, required_version(req, body.version));
  std::optional<std::string> held_on;
  if (const std::string* on = body.find("held_on")) held_on = *on;
  ISMS_ASSIGN(ReviewView v, service.hold(req.principal, req.path_param("id"), version, held_on));
  return review_response(200, v);
}

Result<Response> set_action(const ManagementReviewService& service, const Request& req) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {"status"}));
  ISMS_ASSIGN(std::optional<int64_t> version, expected_version(req, body.version));
  const std::string& text = req.path_param("index");
  size_t index = 0;
  bool digits = !text.empty() && text.size() <= 4;
  for (char c : text) digits = digits && c >= '0' && c <= '9';
  if (!digits) return Error::invalid("index", "must be the action's position (0, 1, ...)");
  index = static_cast<size_t>(std::stoul(text));
  if (!body.find("status")) return Error::invalid("status", "is required (open or done)");
  ISMS_ASSIGN(ReviewView v, service.set_action_status(req.principal, req.path_param("id"), index,
                                                      body.get("status"), version));
  return review_response(200, v);
}

}  // namespace

void add_management_review_routes(Router& router, const ServiceContext& ctx,
                                  const CachedGet& cached) {
  (void)cached;  // reviews change with every register they read: never cached
  ManagementReviewService service(ctx);
  const Clock* clock = ctx.clock;
  const std::string reviews = kReviewsPath;
  const std::string item = reviews + "/{id}";

  router.add(
      "GET", reviews,
      [service, clock](const Request& req) { return list_reviews(service, req, today_of(clock)); },
      RouteDoc{.operation_id = "listManagementReviews",
               .summary = "Every management review, newest planned date first (without inputs)",
               .tag = "management-reviews",
               .response_schema = "ManagementReviewList",
               .errors = {503},
               .access = needs("reviews:read")});
  router.add(
      "POST", reviews, [service](const Request& req) { return create_review(service, req); },
      RouteDoc{.operation_id = "createManagementReview",
               .summary = "Plan a review; its inputs are assembled from the registers at once",
               .tag = "management-reviews",
               .request_schema = "ManagementReviewCreate",
               .request_body_required = false,
               .status = 201,
               .response_schema = "ManagementReview",
               .response_headers = {"ETag", "Location"},
               .errors = {422, 503},
               .access = needs("reviews:write")});
  router.add(
      "GET", item,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ReviewView v, service.get(req.principal, req.path_param("id")));
        return review_response(200, v);
      },
      RouteDoc{.operation_id = "getManagementReview",
               .summary = "A review with its inputs, attendees, decisions and actions",
               .tag = "management-reviews",
               .response_schema = "ManagementReview",
               .response_headers = {"ETag"},
               .errors = {404, 503},
               .access = needs("reviews:read")});
  router.add(
      "PATCH", item, [service](const Request& req) { return update_review(service, req); },
      RouteDoc{.operation_id = "updateManagementReview",
               .summary = "Change a planned or held review (409 once approved)",
               .tag = "management-reviews",
               .request_schema = "ManagementReviewUpdate",
               .response_schema = "ManagementReview",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("reviews:write")});
  router.add(
      "POST", item + "/inputs/refresh",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ActionBody body, action_body(req, {}));
        ISMS_ASSIGN(int64_t version, required_version(req, body.version));
        ISMS_ASSIGN(ReviewView v,
                    service.refresh_inputs(req.principal, req.path_param("id"), version));
        return review_response(200, v);
      },
      RouteDoc{.operation_id = "refreshManagementReviewInputs",
               .summary = "Re-assemble the inputs from the registers (planned reviews only)",
               .tag = "management-reviews",
               .request_schema = "VersionRequest",
               .request_body_required = false,
               .response_schema = "ManagementReview",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("reviews:write")});
  router.add(
      "POST", item + "/hold", [service](const Request& req) { return hold_review(service, req); },
      RouteDoc{.operation_id = "holdManagementReview",
               .summary = "Record that the review was held; its inputs are frozen",
               .tag = "management-reviews",
               .request_schema = "ManagementReviewHold",
               .request_body_required = false,
               .response_schema = "ManagementReview",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("reviews:write")});
  router.add(
      "POST", item + "/approve",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ActionBody body, action_body(req, {}));
        ISMS_ASSIGN(int64_t version, required_version(req, body.version));
        ISMS_ASSIGN(ReviewView v,
                    service.approve(req.principal, req.path_param("id"), version, std::nullopt));
        return review_response(200, v);
      },
      RouteDoc{.operation_id = "approveManagementReview",
               .summary = "Top management approves a held review (policy sections 4 and 5)",
               .tag = "management-reviews",
               .request_schema = "VersionRequest",
               .request_body_required = false,
               .response_schema = "ManagementReview",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("reviews:approve")});
  router.add(
      "PATCH", item + "/actions/{index}",
      [service](const Request& req) { return set_action(service, req); },
      RouteDoc{.operation_id = "updateManagementReviewAction",
               .summary = "Mark an action open or done (also after approval)",
               .tag = "management-reviews",
               .request_schema = "ManagementReviewActionUpdate",
               .response_schema = "ManagementReview",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("reviews:write")});
  router.add(
      "GET", item + "/minutes.pdf",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(MinutesFile file, service.minutes_pdf(req.principal, req.path_param("id")));
        return file_response("application/pdf", std::move(file.bytes), file.file_name);
      },
      RouteDoc{.operation_id = "getManagementReviewMinutes",
               .summary = "The minutes as PDF: inputs, decisions, actions and the approval line",
               .tag = "management-reviews",
               .response_headers = {"Content-Disposition"},
               .errors = {404, 503},
               .access = needs("reviews:read"),
               .response_media_types = {"application/pdf"}});
}

}  // namespace isms::http
