// The ISMS calendar (docs/api.md "Calendar"): activities and their occurrences, completing
// and skipping an occurrence, the agenda of every dated duty (also as iCalendar), and the
// organization's time zone.
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/calendar_ics.h"
#include "http/handlers/common.h"
#include "http/handlers/risk_control_common.h"
#include "http/handlers/routes.h"
#include "service/calendar_agenda.h"
#include "service/calendar_service.h"

namespace isms::http {
namespace {

constexpr const char* kActivitiesPath = "/api/v1/activities";
constexpr const char* kTag = "calendar";

Response activity_response(int status, const ActivityView& v) {
  return versioned_json(status, activity_view_to_json(v), v.activity.version);
}

Result<bool> bool_param(const Request& req, const std::string& name) {
  std::string v = query_or(req, name, "false");
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  return Error::malformed(name + " must be true or false", name);
}

Result<AgendaQuery> agenda_query(const Request& req) {
  AgendaQuery q;
  q.from = query_or(req, "from");
  q.to = query_or(req, "to");
  q.owner_id = query_or(req, "owner");
  ISMS_ASSIGN(q.include_done, bool_param(req, "include_done"));
  return q;
}

Result<Response> create_activity(const CalendarService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(ActivityFields fields, activity_fields_from_json(body));
  ISMS_ASSIGN(ActivityView v, service.create(req.principal, fields));
  Response res = activity_response(201, v);
  res.headers.set("Location", std::string(kActivitiesPath) + "/" + v.activity.id);
  return res;
}

Result<Response> update_activity(const CalendarService& service, const Request& req) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
  ISMS_ASSIGN(ActivityFields fields, activity_fields_from_json(body));
  ISMS_ASSIGN(fields.version, expected_version(req, fields.version));
  ISMS_ASSIGN(ActivityView v, service.update(req.principal, req.path_param("id"), fields));
  return activity_response(200, v);
}

Result<Response> record_occurrence(const CalendarService& service, const Request& req, bool skip) {
  ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/true));
  ISMS_ASSIGN(Completion c, completion_from_json(body, skip));
  const std::string id = req.path_param("id");
  const std::string date = req.path_param("date");
  ISMS_ASSIGN(Occurrence o, skip ? service.skip(req.principal, id, date, c, std::nullopt)
                                 : service.complete(req.principal, id, date, c, std::nullopt));
  return json_response(200, occurrence_to_json(o));
}

Result<Response> ics_export(const ServiceContext& ctx, const Request& req) {
  ISMS_ASSIGN(AgendaQuery q, agenda_query(req));
  ISMS_ASSIGN(std::vector<AgendaItem> items, calendar_agenda(ctx, req.principal, q));
  std::vector<IcsEvent> events;
  for (const AgendaItem& i : items) {
    IcsEvent e;
    e.uid = i.source + "-" + i.object_id + "-" + i.due_on + "@isms";
    e.date = i.due_on;
    e.summary = (i.ref.empty() ? "" : i.ref + " ") + i.title;
    e.description = "State: " + i.state + "\nOwner: " +
                    (i.owner_name.empty() ? std::string("unassigned") : i.owner_name) +
                    "\nSource: " + i.source;
    if (!i.due_at.empty()) e.description += "\nDeadline: " + i.due_at;
    e.status = i.state == "done" ? "CANCELLED" : "CONFIRMED";
    events.push_back(std::move(e));
  }
  Response res = file_response("text/calendar; charset=utf-8",
                               ics_calendar(events, ctx.clock->now_utc(), "ISMS calendar"),
                               "isms-calendar.ics");
  return res;
}

}  // namespace

void add_calendar_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  (void)cached;  // every answer depends on today in the organization's zone: not cached
  CalendarService service(ctx);
  const std::string list = kActivitiesPath;
  const std::string item = list + "/{id}";
  const ServiceContext* context = &ctx;

  router.add(
      "GET", list,
      [service](const Request& req) -> Result<Response> {
        ActivityFilter f{query_or(req, "status"), query_or(req, "owner"), query_or(req, "subject")};
        ISMS_ASSIGN(std::vector<ActivityView> views, service.list(req.principal, f));
        Json items = Json::array();
        for (const ActivityView& v : views) items.push_back(activity_view_to_json(v));
        return json_response(200, Json{{"items", std::move(items)}});
      },
      RouteDoc{.operation_id = "listActivities",
               .summary = "Recurring activities of the ISMS calendar with their next occurrence",
               .tag = kTag,
               .response_schema = "ActivityList",
               .query = {enum_param_doc("status", "Only activities in this state.",
                                        {"active", "paused", "archived"}),
                         string_param_doc("owner", "Owner person id, or none for unassigned."),
                         string_param_doc("subject", "Subject register (risks, documents, ...).")},
               .errors = {422, 503},
               .access = needs("calendar:read")});
  router.add(
      "POST", list, [service](const Request& req) { return create_activity(service, req); },
      RouteDoc{.operation_id = "createActivity",
               .summary = "Create a recurring activity",
               .tag = kTag,
               .request_schema = "ActivityCreate",
               .status = 201,
               .response_schema = "Activity",
               .response_headers = {"ETag", "Location"},
               .errors = {422, 503},
               .access = needs("calendar:write")});
  router.add(
      "GET", item,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ActivityView v, service.get(req.principal, req.path_param("id")));
        return activity_response(200, v);
      },
      RouteDoc{.operation_id = "getActivity",
               .summary = "One activity",
               .tag = kTag,
               .response_schema = "Activity",
               .response_headers = {"ETag"},
               .errors = {404, 503},
               .access = needs("calendar:read")});
  router.add(
      "PATCH", item, [service](const Request& req) { return update_activity(service, req); },
      RouteDoc{.operation_id = "updateActivity",
               .summary = "Change an activity (cadence, owner, requirements, pause, ...)",
               .tag = kTag,
               .request_schema = "ActivityUpdate",
               .response_schema = "Activity",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("calendar:write")});
  router.add(
      "DELETE", item,
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(std::optional<int64_t> version, expected_version(req, std::nullopt));
        ISMS_ASSIGN(ActivityView v, service.archive(req.principal, req.path_param("id"), version));
        return activity_response(200, v);
      },
      RouteDoc{.operation_id = "archiveActivity",
               .summary = "Archive an activity (its records are kept)",
               .tag = kTag,
               .response_schema = "Activity",
               .response_headers = {"ETag"},
               .errors = {404, 409, 503},
               .if_match = true,
               .access = needs("calendar:write")});
  // The same as a POST action, as the other registers archive (and the CLI's client sends).
  router.add(
      "POST", item + "/archive",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(ActionBody body, action_body(req, {}));
        ISMS_ASSIGN(std::optional<int64_t> version, expected_version(req, body.version));
        ISMS_ASSIGN(ActivityView v, service.archive(req.principal, req.path_param("id"), version));
        return activity_response(200, v);
      },
      RouteDoc{.operation_id = "archiveActivityAction",
               .summary = "Archive an activity (POST form of DELETE)",
               .tag = kTag,
               .request_schema = "VersionRequest",
               .request_body_required = false,
               .response_schema = "Activity",
               .response_headers = {"ETag"},
               .errors = {404, 409, 422, 503},
               .if_match = true,
               .access = needs("calendar:write")});
  router.add(
      "GET", item + "/occurrences",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(std::vector<Occurrence> list,
                    service.occurrences(req.principal, req.path_param("id"), query_or(req, "from"),
                                        query_or(req, "to")));
        Json items = Json::array();
        for (const Occurrence& o : list) items.push_back(occurrence_to_json(o));
        return json_response(200, Json{{"items", std::move(items)}});
      },
      RouteDoc{.operation_id = "listOccurrences",
               .summary = "Occurrences of an activity in a range (generated and recorded)",
               .tag = kTag,
               .response_schema = "OccurrenceList",
               .query = {string_param_doc("from", "First day YYYY-MM-DD (default today-30)."),
                         string_param_doc("to", "Last day YYYY-MM-DD (at most 400 days on).")},
               .errors = {404, 422, 503},
               .access = needs("calendar:read")});
  router.add(
      "POST", item + "/occurrences/{date}/complete",
      [service](const Request& req) { return record_occurrence(service, req, false); },
      RouteDoc{.operation_id = "completeOccurrence",
               .summary = "Complete an occurrence with notes, evidence and a decision as the "
                          "activity requires (its owner, or calendar:write)",
               .tag = kTag,
               .request_schema = "OccurrenceCompletion",
               .request_body_required = false,
               .response_schema = "Occurrence",
               .errors = {403, 404, 409, 422, 503},
               .access = authenticated_access()});
  router.add(
      "POST", item + "/occurrences/{date}/skip",
      [service](const Request& req) { return record_occurrence(service, req, true); },
      RouteDoc{.operation_id = "skipOccurrence",
               .summary = "Skip an occurrence with a reason",
               .tag = kTag,
               .request_schema = "OccurrenceSkip",
               .response_schema = "Occurrence",
               .errors = {404, 409, 422, 503},
               .access = needs("calendar:write")});
  router.add(
      "GET", "/api/v1/calendar/agenda",
      [context](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(AgendaQuery q, agenda_query(req));
        ISMS_ASSIGN(std::vector<AgendaItem> items, calendar_agenda(*context, req.principal, q));
        Json out = Json::array();
        for (const AgendaItem& i : items) out.push_back(agenda_item_to_json(i));
        return json_response(200, Json{{"items", std::move(out)}});
      },
      RouteDoc{
          .operation_id = "getAgenda",
          .summary = "Every dated duty in a range: occurrences, reviews due, expiring "
                     "exceptions, corrective actions, audits, management reviews, incident "
                     "deadlines (calendar:read sees all; others their own)",
          .tag = kTag,
          .response_schema = "Agenda",
          .query = {string_param_doc("from", "First day YYYY-MM-DD (required)."),
                    string_param_doc("to", "Last day YYYY-MM-DD (required, <= from+400)."),
                    string_param_doc("owner", "Only this person's items."),
                    enum_param_doc("include_done", "Include done occurrences.", {"true", "false"})},
          .errors = {422, 503},
          .access = authenticated_access()});
  router.add(
      "GET", "/api/v1/calendar.ics",
      [context](const Request& req) { return ics_export(*context, req); },
      RouteDoc{.operation_id = "exportCalendarIcs",
               .summary = "The agenda as iCalendar (RFC 5545) all-day events",
               .tag = kTag,
               .query = {string_param_doc("from", "First day YYYY-MM-DD (required)."),
                         string_param_doc("to", "Last day YYYY-MM-DD (required)."),
                         string_param_doc("owner", "Only this person's items.")},
               .errors = {422, 503},
               .access = authenticated_access(),
               .response_media_types = {"text/calendar"}});
  router.add(
      "GET", "/api/v1/calendar/settings",
      [service](const Request& req) -> Result<Response> {
        ISMS_ASSIGN(std::string zone, service.time_zone(req.principal));
        return json_response(200, Json{{"time_zone", zone}});
      },
      RouteDoc{.operation_id = "getCalendarSettings",
               .summary = "The organization's time zone (the calendar's days)",
               .tag = kTag,
               .response_schema = "CalendarSettings",
               .errors = {503},
               .access = needs("calendar:read")});
  auto put_settings = [service](const Request& req) -> Result<Response> {
    ISMS_ASSIGN(Json body, json_body(req, /*empty_is_object=*/false));
    if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
    for (auto it = body.begin(); it != body.end(); ++it) {
      if (it.key() != "time_zone") return Error::invalid(it.key(), "unknown field");
    }
    if (!body.contains("time_zone") || !body["time_zone"].is_string()) {
      return Error::invalid("time_zone", "is required: an IANA zone name");
    }
    ISMS_ASSIGN(std::string zone,
                service.set_time_zone(req.principal, body["time_zone"].get<std::string>()));
    return json_response(200, Json{{"time_zone", zone}});
  };
  router.add("PUT", "/api/v1/calendar/settings", put_settings,
             RouteDoc{.operation_id = "putCalendarSettings",
                      .summary = "Set the organization's time zone",
                      .tag = kTag,
                      .request_schema = "CalendarSettingsUpdate",
                      .response_schema = "CalendarSettings",
                      .errors = {422, 503},
                      .access = needs("calendar:write")});
  router.add("PATCH", "/api/v1/calendar/settings", put_settings,
             RouteDoc{.operation_id = "patchCalendarSettings",
                      .summary = "Set the organization's time zone (same as PUT)",
                      .tag = kTag,
                      .request_schema = "CalendarSettingsUpdate",
                      .response_schema = "CalendarSettings",
                      .errors = {422, 503},
                      .access = needs("calendar:write")});
}

}  // namespace isms::http
