// Quarterly sittings of the Risk Management Forum (docs/api.md "Risk cycles"): list with
// the schedule, open, read, change, review a risk, close into a snapshot, compare.
#include <string>
#include <vector>

#include "domain/risk_cycle.h"
#include "http/cached_get.h"
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "service/risk_cycle_service.h"

namespace isms::http {
namespace {

constexpr const char* kCyclesPath = "/api/v1/risk-cycles";

// {"cycle","reviews"}; the service's next_due and schedule_state (which know whether this
// is the newest cycle) win over what the cycle alone would show.
Json cycle_view_to_json(const CycleView& v, const std::string& today) {
  Json cycle = risk_cycle_to_json(v.cycle, today);
  if (!v.next_due.empty()) cycle["next_due"] = v.next_due;
  if (!v.schedule_state.empty()) cycle["schedule_state"] = v.schedule_state;
  Json reviews = Json::array();
  for (const RiskReview& r : v.reviews) reviews.push_back(risk_review_to_json(r));
  return Json{{"cycle", std::move(cycle)}, {"reviews", std::move(reviews)}};
}

Response cycle_response(int status, const CycleView& v, const std::string& today) {
  return versioned_json(status, cycle_view_to_json(v, today), v.cycle.version);
}

Json schedule_to_json(const ScheduleStatus& s) {
  return Json{{"next_due", s.next_due.empty() ? Json(nullptr) : Json(s.next_due)},
              {"state", s.state}};
}

Result<Response> list_cycles(const RiskCycleService& service, const Request& req,
                             const std::string& today) {
  ISMS_ASSIGN(std::vector<RiskCycle> cycles, service.list(req.principal));
  ISMS_ASSIGN(ScheduleStatus schedule, service.schedule(req.principal));
  Json items = Json::array();
  for (const RiskCycle& c : cycles) items.push_back(risk_cycle_to_json(c, today));
  return json_response(200,
                       Json{{"items", std::move(items)}, {"schedule", schedule_to_json(schedule)}});
}

Result<Response> open_cycle(const RiskCycleService& service, const Request& req,
                            const std::string& today) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/true));
  ISMS_TRY(require_object(body));
  if (body.contains("version")) return Error::invalid("version", "not accepted when opening");
  ISMS_ASSIGN(CycleFields fields, cycle_fields_from_json(body));
  ISMS_ASSIGN(CycleView v, service.open(req.principal, fields));
  Response res = cycle_response(201, v, today);
  res.headers.set("Location", std::string(kCyclesPath) + "/" + v.cycle.id);
  return res;
}

Result<Response> update_cycle(const RiskCycleService& service, const Request& req,
                              const std::string& today) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(CycleFields fields, cycle_fields_from_json(body));
  ISMS_ASSIGN(fields.version, expected_version(req, fields.version));
  ISMS_ASSIGN(CycleView v, service.update(req.principal, req.path_param("id"), fields));
  return cycle_response(200, v, today);
}

Result<Response> review_risk(const RiskCycleService& service, const Request& req,
                             const std::string& today) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(ReviewRequest review, review_request_from_json(body));
  // Over HTTP the reviewer is always the caller's person.
  ISMS_ASSIGN(CycleView v,
              service.review(req.principal, req.path_param("id"), review, std::nullopt));
  return cycle_response(200, v, today);
}

Result<Response> close_cycle(const RiskCycleService& service, const Request& req,
                             const std::string& today) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {}));
  ISMS_ASSIGN(int64_t version, required_version(req, body.version));
  ISMS_ASSIGN(CycleView v, service.close(req.principal, req.path_param("id"), version));
  return cycle_response(200, v, today);
}

Result<Response> compare_cycles(const RiskCycleService& service, const Request& req) {
  std::vector<FieldError> missing;
  if (query_or(req, "a").empty()) missing.push_back({"a", "is required (a closed cycle's id)"});
  if (query_or(req, "b").empty()) missing.push_back({"b", "is required (a cycle id or live)"});
  if (!missing.empty()) return Error::invalid(std::move(missing));
  ISMS_ASSIGN(CycleComparison c,
              service.compare(req.principal, query_or(req, "a"), query_or(req, "b")));
  return json_response(200, cycle_comparison_to_json(c));
}

}  // namespace

void add_risk_cycle_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  RiskCycleService service(ctx);
  const Clock* clock = ctx.clock;
  const std::string cycles = kCyclesPath;
  const std::string item = cycles + "/{id}";

  router.add(
      "GET", cycles,
      [service, cached, clock](const Request& req) -> Result<Response> {
        // The schedule state (due, overdue) depends on the date.
        std::string today = today_of(clock);
        std::string key = cache_key({.resource = "risk-cycles@" + today});
        return cached.serve(req, key, /*etag=*/true,
                            [&] { return list_cycles(service, req, today); });
      },
      RouteDoc{.operation_id = "listRiskCycles",
               .summary = "Every risk cycle, newest first, and when the next one is due",
               .tag = "risk-cycles",
               .response_schema = "RiskCycleList",
               .errors = {503},
               .access = needs("risks:read")});
  router.add(
      "POST", cycles,
      [service, clock](const Request& req) { return open_cycle(service, req, today_of(clock)); },
      RouteDoc{.operation_id = "openRiskCycle",
               .summary = "Open a cycle (409 while another is open)",
               .tag = "risk-cycles",
               .request_schema = "RiskCycleCreate",
               .request_body_required = false,
               .status = 201,
               .response_schema = "RiskCycleView",
               .response_headers = {"ETag", "Location"},
               .errors = {409, 422, 503},
               .access = needs("risks:write")});
  router.add(
      "GET", cycles + "/compare",
      [service](const Request& req) { return compare_cycles(service, req); },
      RouteDoc{.operation_id = "compareRiskCycles",
               .summary = "Risks added, removed, raised and lowered between a closed cycle and "
                          "another closed cycle or the live register",
               .tag = "risk-cycles",
               .response_schema = "RiskCycleComparison",
               .query = {string_param_doc("a", "A closed cycle's id (before)."),
                         string_param_doc("b", "A cycle id or live (after).")},
               .errors = {404, 409, 422, 503},
               .access = needs("risks:read")});
  router.add(
      "GET", item,
      [service, clock](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(CycleView v, service.get(req.principal, req.path_param("id")));
        return cycle_response(200, v, today_of(clock));
      },
      RouteDoc{.operation_id = "getRiskCycle",
               .summary = "A cycle with its reviews",
               .tag = "risk-cycles",
               .response_schema = "RiskCycleView",
               .response_headers = {"ETag"},
               .errors = {404, 503},
               .access = needs("risks:read")});
  router.add(
      "PATCH", item,
      [service, clock](const Request& req) { return update_cycle(service, req, today_of(clock)); },
      RouteDoc{.operation_id = "updateRiskCycle",
               .summary = "Change an open cycle: title, attendees, decisions, minutes, interval",
               .tag = "risk-cycles",
               .request_schema = "RiskCycleUpdate",
               .response_schema = "RiskCycleView",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("risks:write")});
  router.add(
      "POST", item + "/reviews",
      [service, clock](const Request& req) { return review_risk(service, req, today_of(clock)); },
      RouteDoc{.operation_id = "reviewRisk",
               .summary = "Record the review of one risk (changed: the risk is updated in the "
                          "same transaction)",
               .tag = "risk-cycles",
               .request_schema = "RiskReviewRequest",
               .response_schema = "RiskCycleView",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .access = needs("risks:write")});
  router.add(
      "POST", item + "/close",
      [service, clock](const Request& req) { return close_cycle(service, req, today_of(clock)); },
      RouteDoc{.operation_id = "closeRiskCycle",
               .summary = "Close the cycle into a frozen snapshot of the register",
               .tag = "risk-cycles",
               .request_schema = "VersionRequest",
               .request_body_required = false,
               .response_schema = "RiskCycleView",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("risks:write")});
}

}  // namespace isms::http
