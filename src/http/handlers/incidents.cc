// Events, incidents, significance, NIS2/GDPR clocks and frozen reports (docs/parts/
// incidents.md "API"). Thin: decode, call IncidentService, encode. The service checks the
// object rules (a reporter reads only their own events).
#include <string>

#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "service/incident_service.h"

namespace isms::http {
namespace {

constexpr const char* kEvents = "/api/v1/events";
constexpr const char* kIncidents = "/api/v1/incidents";

Result<std::optional<bool>> bool_param(const Request& req, const char* name) {
  std::string v = query_or(req, name);
  if (v.empty()) return std::optional<bool>();
  if (v == "true") return std::optional<bool>(true);
  if (v == "false") return std::optional<bool>(false);
  return Error::malformed(std::string(name) + " must be true or false", name);
}

Result<Response> list_incidents(const IncidentService& s, const Request& req) {
  IncidentFilter f;
  if (auto v = query_or(req, "status"); !v.empty()) f.status = v;
  if (auto v = query_or(req, "severity"); !v.empty()) f.severity = v;
  ISMS_ASSIGN(f.significant, bool_param(req, "significant"));
  ISMS_ASSIGN(f.overdue, bool_param(req, "overdue"));
  ISMS_ASSIGN(Json out, s.list_incidents(req.principal, f));
  return json_response(200, out);
}

// "<id>", "<id>.json" or "<id>.pdf".
Result<Response> report_item(const IncidentService& s, const Request& req) {
  std::string rid = req.path_param("report_id");
  std::string id = req.path_param("id");
  for (const char* ext : {".json", ".pdf"}) {
    std::string e = ext;
    if (rid.size() > e.size() && rid.compare(rid.size() - e.size(), e.size(), e) == 0) {
      ISMS_ASSIGN(ReportFile f, s.report_file(req.principal, id,
                                              rid.substr(0, rid.size() - e.size()), e.substr(1)));
      return file_response(f.content_type, std::move(f.body), f.file_name);
    }
  }
  ISMS_ASSIGN(Json out, s.get_report(req.principal, id, rid));
  return json_response(200, out);
}

// `request` / `response`: the component schemas of the JSON body ("" = none) and answer.
RouteDoc doc(std::string op, std::string summary, AccessRule access, std::vector<int> errors,
             std::string request, std::string response, int status = 200) {
  RouteDoc d;
  d.operation_id = std::move(op);
  d.summary = std::move(summary);
  d.tag = "incidents";
  d.request_schema = std::move(request);
  d.status = status;
  d.response_schema = std::move(response);
  d.errors = std::move(errors);
  d.access = std::move(access);
  return d;
}

RouteDoc with_etag(RouteDoc d) {
  d.response_headers = {"ETag"};
  return d;
}

}  // namespace

void add_incident_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  (void)cached;  // clocks change with time: nothing here is cached
  IncidentService s(ctx);
  const std::string events = kEvents;
  const std::string incidents = kIncidents;
  const std::string item = incidents + "/{id}";

  // ---- events
  router.add(
      "POST", events,
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        ISMS_ASSIGN(Json out, s.report_event(req.principal, body));
        Response res = json_response(201, out);
        res.headers.set("Location", std::string(kEvents) + "/" + out["id"].get<std::string>());
        return res;
      },
      [] {
        RouteDoc d =
            doc("reportEvent", "Report a security event to the CISO (policy 3.3)",
                needs("events:report"), {422, 503}, "SecurityEventReport", "SecurityEvent", 201);
        d.response_headers = {"Location"};
        return d;
      }());
  router.add(
      "GET", events,
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(std::optional<bool> mine, bool_param(req, "mine"));
        ISMS_ASSIGN(Json out, s.list_events(req.principal, mine.value_or(false)));
        return json_response(200, out);
      },
      [] {
        RouteDoc d = doc("listEvents",
                         "Reported events, newest first: all with incidents:read, the caller's "
                         "own with mine=true (events:report)",
                         authenticated_access(), {403, 503}, "", "SecurityEventList");
        d.query = {string_param_doc("mine", "true: only the events the caller reported.")};
        return d;
      }());
  router.add(
      "GET", events + "/{id}",
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json out, s.get_event(req.principal, req.path_param("id")));
        return json_response(200, out);
      },
      doc("getEvent", "One event (its reporter or incidents:read)", authenticated_access(),
          {403, 404, 503}, "", "SecurityEvent"));
  router.add(
      "POST", events + "/{id}/triage",
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        ISMS_ASSIGN(Json out, s.triage_event(req.principal, req.path_param("id"), body));
        return json_response(200, out);
      },
      doc("triageEvent", "Triage an event into a new incident, link it to one, or close it",
          needs("incidents:write"), {404, 409, 422, 503}, "EventTriageRequest", "TriagedEvent"));

  // ---- incidents
  router.add(
      "GET", incidents, [s](const Request& req) { return list_incidents(s, req); },
      [] {
        RouteDoc d = doc("listIncidents", "Incidents with their reporting clocks, newest first",
                         needs("incidents:read"), {400, 422, 503}, "", "IncidentList");
        d.query = {string_param_doc("status", "open, contained, resolved or closed."),
                   string_param_doc("severity", "low, medium, high or critical."),
                   string_param_doc("significant", "true or false."),
                   string_param_doc("overdue", "true: a reporting deadline has passed.")};
        return d;
      }());
  router.add(
      "POST", incidents,
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        ISMS_ASSIGN(Json out, s.create_incident(req.principal, body));
        Response res = versioned_json(201, out, out["version"].get<int64_t>());
        res.headers.set("Location", std::string(kIncidents) + "/" + out["id"].get<std::string>());
        return res;
      },
      [] {
        RouteDoc d = doc("createIncident", "Open an incident", needs("incidents:write"), {422, 503},
                         "IncidentCreate", "Incident", 201);
        d.response_headers = {"ETag", "Location"};
        return d;
      }());
  router.add(
      "GET", item,
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json out, s.get_incident(req.principal, req.path_param("id")));
        return versioned_json(200, out, out["version"].get<int64_t>());
      },
      with_etag(doc("getIncident", "An incident with its clocks", needs("incidents:read"),
                    {404, 503}, "", "Incident")));
  router.add(
      "PATCH", item,
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        ISMS_ASSIGN(std::optional<int64_t> if_match, expected_version(req, std::nullopt));
        ISMS_ASSIGN(Json out,
                    s.update_incident(req.principal, req.path_param("id"), body, if_match));
        return versioned_json(200, out, out["version"].get<int64_t>());
      },
      [] {
        RouteDoc d =
            doc("updateIncident",
                "Change an incident (version required; aware_at needs aware_at_reason)",
                needs("incidents:write"), {404, 409, 422, 503}, "IncidentUpdate", "Incident");
        d.response_headers = {"ETag"};
        d.if_match = true;
        return d;
      }());
  router.add(
      "GET", item + "/timeline",
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json out, s.timeline(req.principal, req.path_param("id")));
        return json_response(200, out);
      },
      doc("incidentTimeline", "The append-only timeline", needs("incidents:read"), {404, 503}, "",
          "IncidentTimeline"));
  router.add(
      "POST", item + "/timeline",
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        ISMS_ASSIGN(Json out, s.add_note(req.principal, req.path_param("id"), body));
        return json_response(201, out);
      },
      doc("addIncidentNote", "Append a note, containment or communication entry",
          needs("incidents:write"), {404, 422, 503}, "TimelineNoteRequest", "IncidentTimeline",
          201));
  router.add(
      "POST", item + "/assessment",
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        ISMS_ASSIGN(Json out, s.assess(req.principal, req.path_param("id"), body));
        return versioned_json(200, out, out["version"].get<int64_t>());
      },
      with_etag(doc("assessIncident",
                    "Assess significance from facts (Implementing Regulation (EU) 2024/2690); "
                    "an override needs a justification",
                    needs("incidents:write"), {404, 409, 422, 503}, "AssessmentRequest",
                    "Incident")));
  router.add(
      "GET", item + "/clocks",
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json out, s.clocks(req.principal, req.path_param("id")));
        return json_response(200, out);
      },
      doc("incidentClocks", "The NIS2 and GDPR reporting clocks now", needs("incidents:read"),
          {404, 503}, "", "IncidentClocks"));
  router.add(
      "POST", item + "/intermediate-request",
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        ISMS_ASSIGN(Json out, s.request_intermediate(req.principal, req.path_param("id"), body));
        return versioned_json(200, out, out["version"].get<int64_t>());
      },
      with_etag(doc("requestIntermediateReport",
                    "Record the authority's request for an intermediate report",
                    needs("incidents:write"), {404, 409, 422, 503}, "IntermediateReportRequest",
                    "Incident")));
  router.add(
      "GET", item + "/reports",
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json out, s.list_reports(req.principal, req.path_param("id")));
        return json_response(200, out);
      },
      doc("listIncidentReports", "Filed reports, oldest first", needs("incidents:read"), {404, 503},
          "", "IncidentReportList"));
  router.add(
      "POST", item + "/reports",
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        ISMS_ASSIGN(Json out, s.file_report(req.principal, req.path_param("id"), body));
        return json_response(201, out);
      },
      doc("fileIncidentReport",
          "File a report: freezes the incident, clocks and timeline as JSON and renders the PDF",
          needs("incidents:write"), {404, 422, 503}, "IncidentReportRequest", "IncidentReport",
          201));
  router.add(
      "GET", item + "/reports/{report_id}", [s](const Request& req) { return report_item(s, req); },
      [] {
        RouteDoc d = doc("getIncidentReport",
                         "A filed report; {report_id}.json: the frozen JSON bytes, "
                         "{report_id}.pdf: the frozen PDF",
                         needs("incidents:read"), {404, 503}, "", "IncidentReportOrFile");
        d.response_media_types = {"application/json", "application/pdf"};
        return d;
      }());
  router.add(
      "POST", item + "/review",
      [s](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(Json body, json_body(req, false));
        ISMS_ASSIGN(Json out, s.review(req.principal, req.path_param("id"), body));
        return versioned_json(200, out, out["version"].get<int64_t>());
      },
      with_etag(doc("reviewIncident",
                    "Record the post-incident review; its findings go to the findings register",
                    needs("incidents:write"), {404, 409, 422, 503}, "IncidentReviewRequest",
                    "Incident")));
}

}  // namespace isms::http
