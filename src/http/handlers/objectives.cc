// Information security objectives, indicators and measurements (docs/api.md "Objectives
// and indicators"): objectives with their yearly review, indicators with targets, and
// measurements over time (corrected by superseding), a summary for the dashboard and
// the management review, and a CSV export per indicator. Reads objectives:read, writes
// objectives:write.
#include <string>
#include <vector>

#include "http/cached_get.h"
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "service/objective_service.h"
#include "service/objective_wire.h"

namespace isms::http {
namespace {

constexpr const char* kObjectivesPath = "/api/v1/objectives";
constexpr const char* kIndicatorsPath = "/api/v1/indicators";

// true | false (default false); kInvalid naming the parameter otherwise.
Result<bool> bool_param(const Request& req, const char* name) {
  std::string v = query_or(req, name);
  if (v.empty() || v == "false") return false;
  if (v == "true") return true;
  return Error::invalid(name, "must be true or false");
}

Response objective_response(int status, const ObjectiveView& v) {
  return versioned_json(status, objective_view_json(v), v.objective.version);
}

Response indicator_response(int status, const IndicatorView& v) {
  return versioned_json(status, indicator_view_json(v), v.indicator.version);
}

Result<Response> list_objectives(const ObjectiveService& s, const Request& req) {
  ISMS_ASSIGN(bool withdrawn, bool_param(req, "include_withdrawn"));
  ISMS_ASSIGN(auto views, s.list(req.principal, withdrawn));
  return json_response(200, items_json(views, objective_view_json));
}

Result<Response> create_objective(const ObjectiveService& s, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(ObjectiveFields fields, objective_fields_from_json(body));
  ISMS_ASSIGN(ObjectiveView v, s.create(req.principal, fields));
  Response res = objective_response(201, v);
  res.headers.set("Location", std::string(kObjectivesPath) + "/" + v.objective.id);
  return res;
}

Result<Response> update_objective(const ObjectiveService& s, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(ObjectiveFields fields, objective_fields_from_json(body));
  ISMS_ASSIGN(fields.version, expected_version(req, fields.version));
  ISMS_ASSIGN(ObjectiveView v, s.update(req.principal, req.path_param("id"), fields));
  return objective_response(200, v);
}

Result<Response> withdraw_objective(const ObjectiveService& s, const Request& req) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {}));
  ISMS_ASSIGN(int64_t version, required_version(req, body.version));
  ISMS_ASSIGN(ObjectiveView v, s.withdraw(req.principal, req.path_param("id"), version));
  return objective_response(200, v);
}

Result<Response> review_objective(const ObjectiveService& s, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(ObjectiveReviewInput input, objective_review_from_json(body));
  ISMS_ASSIGN(input.version, expected_version(req, input.version));
  ISMS_ASSIGN(ObjectiveView v, s.review(req.principal, req.path_param("id"), input));
  return objective_response(200, v);
}

Result<Response> add_indicator(const ObjectiveService& s, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(IndicatorFields fields, indicator_fields_from_json(body));
  ISMS_ASSIGN(IndicatorView v, s.add_indicator(req.principal, req.path_param("id"), fields));
  Response res = indicator_response(201, v);
  res.headers.set("Location", std::string(kIndicatorsPath) + "/" + v.indicator.id);
  return res;
}

Result<Response> update_indicator(const ObjectiveService& s, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(IndicatorFields fields, indicator_fields_from_json(body));
  ISMS_ASSIGN(fields.version, expected_version(req, fields.version));
  ISMS_ASSIGN(IndicatorView v, s.update_indicator(req.principal, req.path_param("id"), fields));
  return indicator_response(200, v);
}

Result<Response> retire_indicator(const ObjectiveService& s, const Request& req) {
  ISMS_ASSIGN(ActionBody body, action_body(req, {}));
  ISMS_ASSIGN(int64_t version, required_version(req, body.version));
  ISMS_ASSIGN(IndicatorView v, s.retire_indicator(req.principal, req.path_param("id"), version));
  return indicator_response(200, v);
}

Result<Response> list_measurements(const ObjectiveService& s, const Request& req) {
  ISMS_ASSIGN(bool superseded, bool_param(req, "include_superseded"));
  ISMS_ASSIGN(IndicatorView v, s.get_indicator(req.principal, req.path_param("id"), superseded));
  Json items = Json::array();
  for (const Measurement& m : v.measurements) items.push_back(measurement_to_json(m, v.indicator));
  return json_response(200, Json{{"indicator", indicator_summary_json(v.summary, v.today)},
                                 {"items", std::move(items)}});
}

Result<Response> record_measurement(const ObjectiveService& s, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(MeasurementInput input, measurement_input_from_json(body));
  ISMS_ASSIGN(RecordedMeasurement r,
              s.record_measurement(req.principal, req.path_param("id"), input));
  return json_response(201, recorded_measurement_json(r));
}

Result<Response> supersede_measurement(const ObjectiveService& s, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(MeasurementInput input, measurement_input_from_json(body));
  ISMS_ASSIGN(RecordedMeasurement r,
              s.supersede_measurement(req.principal, req.path_param("id"), input));
  return json_response(201, recorded_measurement_json(r));
}

Result<Response> measurements_csv(const ObjectiveService& s, const Request& req) {
  std::string file_name;
  ISMS_ASSIGN(std::string csv, s.measurements_csv(req.principal, req.path_param("id"), &file_name));
  return file_response("text/csv; charset=utf-8", std::move(csv), file_name);
}

}  // namespace

void add_objective_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  (void)cached;  // answers depend on the organization's day: computed on every request
  ObjectiveService s(ctx);
  const std::string objectives = kObjectivesPath;
  const std::string objective = objectives + "/{id}";
  const std::string indicators = kIndicatorsPath;
  const std::string indicator = indicators + "/{id}";
  const AccessRule read = needs("objectives:read");
  const AccessRule write = needs("objectives:write");

  router.add(
      "GET", objectives, [s](const Request& req) { return list_objectives(s, req); },
      RouteDoc{.operation_id = "listObjectives",
               .summary = "Objectives by ref with their indicators' latest values",
               .tag = "objectives",
               .response_schema = "ObjectiveList",
               .query = {enum_param_doc("include_withdrawn", "Also withdrawn objectives.",
                                        {"true", "false"})},
               .errors = {422, 503},
               .access = read});
  router.add(
      "POST", objectives, [s](const Request& req) { return create_objective(s, req); },
      RouteDoc{.operation_id = "createObjective",
               .summary = "Create an objective (next review one interval from today)",
               .tag = "objectives",
               .request_schema = "ObjectiveCreate",
               .status = 201,
               .response_schema = "Objective",
               .response_headers = {"ETag", "Location"},
               .errors = {422, 503},
               .access = write});
  router.add(
      "GET", objectives + "/summary",
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ObjectivesSummary sum, s.summary(req.principal));
        return json_response(200, objectives_summary_json(sum));
      },
      RouteDoc{.operation_id = "objectivesSummary",
               .summary = "Counts of objectives and indicators on and off target, overdue "
                          "reviews and measurements, with every objective's indicators",
               .tag = "objectives",
               .response_schema = "ObjectivesSummary",
               .errors = {503},
               .access = read});
  router.add(
      "GET", objective,
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ObjectiveView v, s.get(req.principal, req.path_param("id")));
        return objective_response(200, v);
      },
      RouteDoc{.operation_id = "getObjective",
               .summary = "An objective with its review history and indicators",
               .tag = "objectives",
               .response_schema = "Objective",
               .response_headers = {"ETag"},
               .errors = {404, 503},
               .access = read});
  router.add(
      "PATCH", objective, [s](const Request& req) { return update_objective(s, req); },
      RouteDoc{.operation_id = "updateObjective",
               .summary = "Change an objective (version required)",
               .tag = "objectives",
               .request_schema = "ObjectiveUpdate",
               .response_schema = "Objective",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = write});
  router.add(
      "DELETE", objective, [s](const Request& req) { return withdraw_objective(s, req); },
      RouteDoc{.operation_id = "withdrawObjective",
               .summary = "Withdraw an objective (kept, archived; version required)",
               .tag = "objectives",
               .request_schema = "VersionRequest",
               .request_body_required = false,
               .response_schema = "Objective",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = write});
  router.add(
      "POST", objective + "/review", [s](const Request& req) { return review_objective(s, req); },
      RouteDoc{.operation_id = "reviewObjective",
               .summary = "Record the periodic review; the next review moves one interval on",
               .tag = "objectives",
               .request_schema = "ObjectiveReviewRequest",
               .response_schema = "Objective",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = write});
  router.add(
      "POST", objective + "/indicators", [s](const Request& req) { return add_indicator(s, req); },
      RouteDoc{.operation_id = "addIndicator",
               .summary = "Add an indicator to the objective",
               .tag = "objectives",
               .request_schema = "IndicatorCreate",
               .status = 201,
               .response_schema = "IndicatorView",
               .response_headers = {"ETag", "Location"},
               .errors = {404, 409, 422, 503},
               .access = write});
  router.add(
      "GET", indicator,
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(bool superseded, bool_param(req, "include_superseded"));
        ISMS_ASSIGN(IndicatorView v,
                    s.get_indicator(req.principal, req.path_param("id"), superseded));
        return indicator_response(200, v);
      },
      RouteDoc{.operation_id = "getIndicator",
               .summary = "An indicator with its measurements in date order",
               .tag = "objectives",
               .response_schema = "IndicatorView",
               .response_headers = {"ETag"},
               .query = {enum_param_doc("include_superseded", "Also superseded measurements.",
                                        {"true", "false"})},
               .errors = {404, 422, 503},
               .access = read});
  router.add(
      "PATCH", indicator, [s](const Request& req) { return update_indicator(s, req); },
      RouteDoc{.operation_id = "updateIndicator",
               .summary = "Change an indicator (version required)",
               .tag = "objectives",
               .request_schema = "IndicatorUpdate",
               .response_schema = "IndicatorView",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = write});
  router.add(
      "DELETE", indicator, [s](const Request& req) { return retire_indicator(s, req); },
      RouteDoc{.operation_id = "retireIndicator",
               .summary = "Retire an indicator (kept with its measurements; version required)",
               .tag = "objectives",
               .request_schema = "VersionRequest",
               .request_body_required = false,
               .response_schema = "IndicatorView",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = write});
  router.add(
      "GET", indicator + "/measurements",
      [s](const Request& req) { return list_measurements(s, req); },
      RouteDoc{.operation_id = "listMeasurements",
               .summary = "The indicator's measurements in date order (chart data)",
               .tag = "objectives",
               .response_schema = "MeasurementList",
               .query = {enum_param_doc("include_superseded", "Also superseded measurements.",
                                        {"true", "false"})},
               .errors = {404, 422, 503},
               .access = read});
  router.add(
      "POST", indicator + "/measurements",
      [s](const Request& req) { return record_measurement(s, req); },
      RouteDoc{.operation_id = "recordMeasurement",
               .summary = "Record a measurement (not dated in the future)",
               .tag = "objectives",
               .request_schema = "MeasurementRequest",
               .status = 201,
               .response_schema = "RecordedMeasurement",
               .errors = {404, 409, 422, 503},
               .access = write});
  router.add(
      "GET", indicator + "/measurements.csv",
      [s](const Request& req) { return measurements_csv(s, req); },
      RouteDoc{.operation_id = "exportMeasurementsCsv",
               .summary = "Every measurement of the indicator, superseded ones included, as CSV",
               .tag = "objectives",
               .errors = {404, 503},
               .access = read,
               .response_media_types = {"text/csv"}});
  router.add(
      "POST", "/api/v1/measurements/{id}/supersede",
      [s](const Request& req) { return supersede_measurement(s, req); },
      RouteDoc{.operation_id = "supersedeMeasurement",
               .summary = "Correct a measurement: a new one replaces it, the old one is kept",
               .tag = "objectives",
               .request_schema = "MeasurementRequest",
               .status = 201,
               .response_schema = "RecordedMeasurement",
               .errors = {404, 409, 422, 503},
               .access = write});
}

}  // namespace isms::http
