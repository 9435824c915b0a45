// Component schemas of running the ISMS (docs/api.md, the sections of issue 6 from
// "Calendar" to "Reviews due"): the calendar, notifications, objectives and indicators,
// management reviews, exceptions and reviews due, and the dashboard's operations part —
// what calendar.cc, notifications.cc, objectives.cc, management_reviews.cc and
// exceptions.cc send and accept, as the encoders write them (service/calendar_records.cc,
// domain/notification*.cc, domain/objective_json.cc, service/objective_wire.cc,
// domain/management_review_json.cc, domain/policy_exception.cc, service/review_*.cc,
// service/operations_summary.cc).
#include "http/openapi_schemas.h"

namespace isms::http {
namespace {

Json ref(const std::string& name) { return Json{{"$ref", "#/components/schemas/" + name}}; }
Json str() { return Json{{"type", "string"}}; }
Json integer() { return Json{{"type", "integer"}}; }
Json boolean() { return Json{{"type", "boolean"}}; }
Json nullable_str() { return Json{{"type", {"string", "null"}}}; }
Json nullable_bool() { return Json{{"type", {"boolean", "null"}}}; }
Json datetime() { return Json{{"type", "string"}, {"format", "date-time"}}; }
Json nullable_time() { return Json{{"type", {"string", "null"}}, {"format", "date-time"}}; }
Json date() { return Json{{"type", "string"}, {"format", "date"}}; }
Json nullable_date() { return Json{{"type", {"string", "null"}}, {"format", "date"}}; }
Json array_of(Json items) { return Json{{"type", "array"}, {"items", std::move(items)}}; }
Json enum_of(Json values) { return Json{{"type", "string"}, {"enum", std::move(values)}}; }
Json nullable(const std::string& name) { return Json{{"oneOf", {ref(name), {{"type", "null"}}}}}; }
Json or_null(Json schema) { return Json{{"oneOf", {std::move(schema), {{"type", "null"}}}}}; }
Json version() { return Json{{"type", "integer"}, {"minimum", 1}}; }
Json int_range(int min, int max) {
  return Json{{"type", "integer"}, {"minimum", min}, {"maximum", max}};
}
Json string_max(int min, int max) {
  return Json{{"type", "string"}, {"minLength", min}, {"maxLength", max}};
}
Json names_map() {
  return Json{{"type", "object"},
              {"description", "Person id -> name."},
              {"additionalProperties", {{"type", "string"}}}};
}

// An object schema whose every property is required (what the server always sends).
Json object_of(Json properties) {
  Json required = Json::array();
  for (auto it = properties.begin(); it != properties.end(); ++it) required.push_back(it.key());
  return Json{{"type", "object"}, {"properties", std::move(properties)}, {"required", required}};
}

// A request body: only these members, `required` of them must be present.
Json closed(Json properties, Json required) {
  return Json{{"type", "object"},
              {"properties", std::move(properties)},
              {"required", std::move(required)},
              {"additionalProperties", false}};
}

Json list_of(const std::string& name) { return object_of({{"items", array_of(ref(name))}}); }

// `base`'s properties (all required) with `more` added.
Json extended(const Json& base, Json more) {
  Json props = base["properties"];
  for (auto it = more.begin(); it != more.end(); ++it) props[it.key()] = it.value();
  return object_of(std::move(props));
}

// `base`'s properties without `left_out`, all required.
Json without(const Json& base, const std::vector<std::string>& left_out) {
  Json props = base["properties"];
  for (const auto& k : left_out) props.erase(k);
  return object_of(std::move(props));
}

constexpr const char* kDecimalPattern = "^-?[0-9]+(\\.[0-9]+)?$";
// A decimal as the server writes it: "99.95" (docs/api.md "Objectives and indicators").
Json decimal() { return Json{{"type", "string"}, {"pattern", kDecimalPattern}}; }
// As a client may send it: a decimal string or a JSON integer (a float is refused).
Json decimal_in() { return Json{{"type", {"string", "integer"}}, {"pattern", kDecimalPattern}}; }

Json calendar_schemas() {
  Json weekdays = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  Json cadence = closed({{"kind", enum_of({"weekly", "monthly", "quarterly", "yearly", "custom"})},
                         {"weekday", enum_of(weekdays)},
                         {"day_of_month", int_range(1, 31)},
                         {"every", int_range(1, 365)},
                         {"unit", enum_of({"days", "weeks", "months", "years"})}},
                        {"kind"});
  cadence["description"] =
      "weekly: weekday; monthly: day_of_month; custom: every and unit; quarterly and yearly "
      "run from anchor_on. A missing weekday / day_of_month is the anchor's.";
  Json registers = enum_of({"risks", "documents", "access_rights", "suppliers", "backups",
                            "logging", "vulnerabilities", "objectives", "management_review",
                            "audit_programme", "isms", "assets", "controls", "other"});
  Json subject = object_of({{"register", registers}, {"object_id", nullable_str()}});
  Json subject_in = closed({{"register", registers}, {"object_id", nullable_str()}}, {"register"});
  Json requires_list = array_of(enum_of({"notes", "evidence", "decision"}));
  Json state = enum_of({"overdue", "due", "upcoming"});
  Json next_state = {{"type", {"string", "null"}},
                     {"enum", {"overdue", "due", "upcoming", nullptr}}};
  Json activity = object_of({{"id", str()},
                             {"ref", str()},
                             {"title", str()},
                             {"description", str()},
                             {"cadence", ref("Cadence")},
                             {"cadence_text", str()},
                             {"anchor_on", date()},
                             {"owner_id", nullable_str()},
                             {"owner_name", nullable_str()},
                             {"subject", subject},
                             {"requires", requires_list},
                             {"due_window_days", integer()},
                             {"policy_ref", str()},
                             {"default_key", nullable_str()},
                             {"status", enum_of({"active", "paused"})},
                             {"archived", boolean()},
                             {"next_due", nullable_date()},
                             {"next_state", next_state},
                             {"version", integer()},
                             {"created_at", datetime()},
                             {"updated_at", datetime()}});
  Json fields{{"title", string_max(1, 200)},     {"description", string_max(0, 10000)},
              {"cadence", ref("Cadence")},       {"anchor_on", date()},
              {"owner_id", nullable_str()},      {"subject", subject_in},
              {"requires", requires_list},       {"due_window_days", int_range(0, 90)},
              {"policy_ref", string_max(0, 200)}};
  Json update = fields;
  update["status"] = enum_of({"active", "paused"});
  update["version"] = version();
  Json occurrence =
      object_of({{"activity_id", str()},
                 {"due_on", date()},
                 {"state", enum_of({"done", "skipped", "overdue", "due", "upcoming"})},
                 {"record_id", nullable_str()},
                 {"completed_at", nullable_time()},
                 {"completed_by", nullable_str()},
                 {"completed_by_name", nullable_str()},
                 {"notes", str()},
                 {"decision", str()},
                 {"reason", str()},
                 {"evidence", array_of(str())}});
  Json agenda_item =
      object_of({{"source", enum_of({"occurrence", "exception_expiry", "corrective_action", "audit",
                                     "management_review", "incident_deadline", "review_due"})},
                 {"object_type", str()},
                 {"object_id", str()},
                 {"ref", nullable_str()},
                 {"title", str()},
                 {"owner_id", nullable_str()},
                 {"owner_name", nullable_str()},
                 {"due_on", date()},
                 {"due_at", nullable_time()},
                 {"state", enum_of({"overdue", "due", "upcoming", "done"})},
                 {"link", str()}});
  return Json{
      {"Cadence", cadence},
      {"Activity", activity},
      {"ActivityList", list_of("Activity")},
      {"ActivityCreate", closed(fields, {"title", "cadence"})},
      {"ActivityUpdate", closed(update, Json::array())},
      {"Occurrence", occurrence},
      {"OccurrenceList", list_of("Occurrence")},
      {"OccurrenceCompletion",
       closed({{"notes", {{"type", {"string", "null"}}, {"maxLength", 10000}}},
               {"evidence",
                {{"type", {"array", "null"}},
                 {"items", {{"type", "string"}, {"minLength", 1}, {"maxLength", 2000}}},
                 {"maxItems", 50},
                 {"description", "Evidence ids or https:// URLs."}}},
               {"decision", {{"type", {"string", "null"}}, {"maxLength", 10000}}}},
              Json::array())},
      {"OccurrenceSkip", closed({{"reason", string_max(1, 10000)}}, {"reason"})},
      {"AgendaItem", agenda_item},
      {"Agenda", list_of("AgendaItem")},
      {"CalendarSettings", object_of({{"time_zone", str()}})},
      {"CalendarSettingsUpdate",
       closed({{"time_zone", {{"type", "string"}, {"description", "An IANA zone name."}}}},
              {"time_zone"})},
  };
}

Json notification_schemas() {
  Json starttls = enum_of({"none", "opportunistic", "required"});
  Json events = enum_of({"reminder", "overdue", "digest"});
  Json settings =
      object_of({{"smtp", object_of({{"url", str()},
                                     {"from", str()},
                                     {"username", str()},
                                     {"password_set", boolean()},
                                     {"starttls", starttls}})},
                 {"offsets", array_of(integer())},
                 {"overdue_notice", boolean()},
                 {"digest", object_of({{"enabled", boolean()},
                                       {"weekday", int_range(1, 7)},
                                       {"hour", int_range(0, 23)}})},
                 {"channels", object_of({{"email", boolean()}, {"webhook", boolean()}})},
                 {"version", {{"type", "integer"}, {"minimum", 0}}}});
  Json settings_update = closed(
      {{"smtp", closed({{"url", string_max(0, 2048)},
                        {"from", string_max(0, 254)},
                        {"username", string_max(0, 256)},
                        {"password",
                         {{"type", {"string", "null"}},
                          {"maxLength", 1024},
                          {"description", "A string sets it, null removes it."}}},
                        {"starttls", starttls}},
                       Json::array())},
       {"offsets",
        {{"type", "array"}, {"items", int_range(0, 365)}, {"maxItems", 10}, {"uniqueItems", true}}},
       {"overdue_notice", boolean()},
       {"digest",
        closed({{"enabled", boolean()}, {"weekday", int_range(1, 7)}, {"hour", int_range(0, 23)}},
               Json::array())},
       {"channels", closed({{"email", boolean()}, {"webhook", boolean()}}, Json::array())},
       {"version", version()}},
      Json::array());
  Json webhook = object_of({{"id", str()},
                            {"url", str()},
                            {"events", array_of(events)},
                            {"description", str()},
                            {"active", boolean()},
                            {"version", integer()},
                            {"created_at", datetime()},
                            {"updated_at", datetime()}});
  Json created =
      extended(webhook, {{"secret",
                          {{"type", "string"},
                           {"pattern", "^whsec_[0-9a-f]{64}$"},
                           {"description", "The signing secret, shown only in this answer."}}}});
  Json event_list = {{"type", "array"}, {"items", events}, {"minItems", 1}};
  Json delivery = object_of(
      {{"id", str()},
       {"channel", enum_of({"email", "webhook"})},
       {"target", {{"type", "string"}, {"description", "E-mail address or webhook id."}}},
       {"event", enum_of({"reminder", "overdue", "digest", "test"})},
       {"person_id", str()},
       {"subject", str()},
       {"text", str()},
       {"payload", {{"type", "object"}}},
       {"status", enum_of({"pending", "sent", "failed", "abandoned"})},
       {"attempts", integer()},
       {"last_error", str()},
       {"next_attempt_at", nullable_time()},
       {"history",
        array_of(object_of({{"at", datetime()},
                            {"outcome", enum_of({"failed", "sent", "abandoned", "retry"})},
                            {"error", str()}}))},
       {"version", integer()},
       {"created_at", datetime()},
       {"updated_at", datetime()}});
  return Json{
      {"NotificationSettings", settings},
      {"NotificationSettingsUpdate", settings_update},
      {"TestEmailRequest", closed({{"to", str()}}, {"to"})},
      {"Webhook", webhook},
      {"WebhookList", list_of("Webhook")},
      {"CreatedWebhook", created},
      {"WebhookCreate", closed({{"url", string_max(1, 2048)},
                                {"events", event_list},
                                {"description", string_max(0, 200)}},
                               {"url"})},
      {"WebhookUpdate", closed({{"url", string_max(1, 2048)},
                                {"events", event_list},
                                {"description", string_max(0, 200)},
                                {"active", boolean()},
                                {"version", version()}},
                               Json::array())},
      {"Delivery", delivery},
      {"DeliveryPage",
       object_of({{"items", array_of(ref("Delivery"))}, {"next_cursor", nullable_str()}})},
      {"NotificationRun", object_of({{"planned", integer()},
                                     {"sent", integer()},
                                     {"failed", integer()},
                                     {"abandoned", integer()},
                                     {"skipped", integer()}})},
  };
}

Json objective_schemas() {
  Json direction = enum_of({"higher_is_better", "lower_is_better", "target_range"});
  Json frequency = enum_of({"monthly", "quarterly", "yearly"});
  Json range = {{"type", "array"}, {"items", decimal()}, {"minItems", 2}, {"maxItems", 2}};
  Json measurement = object_of({{"id", str()},
                                {"indicator_id", str()},
                                {"value", decimal()},
                                {"measured_on", date()},
                                {"period", str()},
                                {"note", str()},
                                {"recorded_by", nullable_str()},
                                {"recorded_by_name", str()},
                                {"on_target", nullable_bool()},
                                {"supersedes", nullable_str()},
                                {"superseded_by", nullable_str()},
                                {"superseded", boolean()},
                                {"created_at", datetime()}});
  Json indicator =
      object_of({{"id", str()},
                 {"ref", str()},
                 {"objective_id", str()},
                 {"name", str()},
                 {"description", str()},
                 {"unit", str()},
                 {"direction", direction},
                 {"target",
                  {{"oneOf", {decimal(), range, {{"type", "null"}}}},
                   {"description", "A decimal, or [min, max] for target_range."}}},
                 {"baseline", {{"type", {"string", "null"}}, {"pattern", kDecimalPattern}}},
                 {"frequency", frequency},
                 {"owner_id", nullable_str()},
                 {"status", enum_of({"active", "retired"})},
                 {"created_on", date()},
                 {"last_measured_on", nullable_date()},
                 {"next_due_on", date()},
                 {"measurement_overdue", boolean()},
                 {"version", integer()},
                 {"created_at", datetime()},
                 {"updated_at", datetime()}});
  Json summary = extended(
      indicator,
      {{"latest", nullable("Measurement")},
       {"on_target", nullable_bool()},
       {"trend", array_of(decimal())},
       {"trend_state",
        {{"type", {"string", "null"}}, {"enum", {"improving", "worsening", "steady", nullptr}}}}});
  Json view = extended(summary, {{"objective_ref", str()},
                                 {"objective_title", str()},
                                 {"owner_name", nullable_str()},
                                 {"measurements", array_of(ref("Measurement"))}});
  Json review = object_of({{"on", date()},
                           {"by", str()},
                           {"by_name", str()},
                           {"note", str()},
                           {"outcome", enum_of({"kept", "changed"})}});
  Json objective = object_of({{"id", str()},
                              {"ref", str()},
                              {"title", str()},
                              {"description", str()},
                              {"policy_section", str()},
                              {"default_key", nullable_str()},
                              {"owner_id", nullable_str()},
                              {"owner_name", nullable_str()},
                              {"status", enum_of({"active", "achieved", "withdrawn"})},
                              {"review_interval_months", integer()},
                              {"next_review_on", date()},
                              {"last_reviewed_on", nullable_date()},
                              {"review_overdue", boolean()},
                              {"reviews", array_of(ref("ObjectiveReview"))},
                              {"indicators", array_of(ref("IndicatorSummary"))},
                              {"version", integer()},
                              {"created_at", datetime()},
                              {"updated_at", datetime()}});
  Json objective_fields{{"title", str()},
                        {"description", str()},
                        {"policy_section", str()},
                        {"owner_id", nullable_str()},
                        {"status", enum_of({"active", "achieved"})},
                        {"review_interval_months", int_range(1, 36)},
                        {"next_review_on", date()}};
  Json objective_update = objective_fields;
  objective_update["status"] = enum_of({"active", "achieved", "withdrawn"});
  objective_update["version"] = version();
  Json range_in = {{"type", "array"}, {"items", decimal_in()}, {"minItems", 2}, {"maxItems", 2}};
  Json indicator_fields{{"name", str()},
                        {"description", str()},
                        {"unit", string_max(0, 20)},
                        {"owner_id", nullable_str()},
                        {"direction", direction},
                        {"frequency", frequency},
                        {"target", {{"oneOf", {decimal_in(), range_in}}}},
                        {"baseline", {{"oneOf", {decimal_in(), {{"type", "null"}}}}}}};
  Json indicator_update = indicator_fields;
  indicator_update["status"] = enum_of({"active", "retired"});
  indicator_update["version"] = version();
  auto counts = [](std::initializer_list<const char*> names) {
    Json props = Json::object();
    for (const char* n : names) props[n] = integer();
    return object_of(props);
  };
  return Json{
      {"Measurement", measurement},
      {"Indicator", indicator},
      {"IndicatorSummary", summary},
      {"IndicatorView", view},
      {"ObjectiveReview", review},
      {"Objective", objective},
      {"ObjectiveList", list_of("Objective")},
      {"ObjectivesSummary",
       object_of({{"today", date()},
                  {"objectives", counts({"total", "active", "achieved", "review_overdue"})},
                  {"indicators", counts({"total", "on_target", "off_target", "not_measured",
                                         "measurement_overdue"})},
                  {"items", array_of(ref("Objective"))}})},
      {"ObjectiveCreate", closed(objective_fields, {"title"})},
      {"ObjectiveUpdate", closed(objective_update, Json::array())},
      {"ObjectiveReviewRequest", closed({{"outcome", enum_of({"kept", "changed"})},
                                         {"note", string_max(0, 2000)},
                                         {"version", version()}},
                                        {"outcome"})},
      {"IndicatorCreate", closed(indicator_fields, {"name", "target"})},
      {"IndicatorUpdate", closed(indicator_update, Json::array())},
      {"MeasurementRequest", closed({{"value", decimal_in()},
                                     {"measured_on", date()},
                                     {"period", string_max(0, 40)},
                                     {"note", string_max(0, 2000)}},
                                    {"value"})},
      {"MeasurementList", object_of({{"indicator", ref("IndicatorSummary")},
                                     {"items", array_of(ref("Measurement"))}})},
      {"RecordedMeasurement", object_of({{"measurement", ref("Measurement")},
                                         {"superseded", nullable("Measurement")},
                                         {"indicator", ref("Indicator")}})},
  };
}

Json management_review_schemas() {
  Json category = enum_of({"continual_improvement", "isms_change", "resource_needs"});
  Json input_keys = {"a",  "b", "c", "d1", "d2",        "d3",
                     "d4", "e", "f", "g",  "incidents", "exceptions"};
  Json decision = object_of({{"text", str()}, {"category", category}});
  Json action = object_of({{"title", str()},
                           {"owner_id", str()},
                           {"due_on", date()},
                           {"status", enum_of({"open", "done"})},
                           {"finding_id", str()},
                           {"finding_ref", str()},
                           {"overdue", boolean()}});
  Json table = object_of(
      {{"title", str()}, {"columns", array_of(str())}, {"rows", array_of(array_of(str()))}});
  Json input = object_of({{"key", enum_of(input_keys)},
                          {"clause", str()},
                          {"heading", str()},
                          {"facts", array_of(object_of({{"label", str()}, {"value", str()}}))},
                          {"tables", array_of(table)},
                          {"notes", array_of(str())},
                          {"comment", str()}});
  Json review = object_of(
      {{"id", str()},
       {"ref", str()},
       {"title", str()},
       {"status", enum_of({"planned", "held", "approved"})},
       {"planned_on", date()},
       {"chair_id", str()},
       {"held_on", {{"type", "string"}, {"description", "\"\" until held."}}},
       {"attendee_ids", array_of(str())},
       {"guests", array_of(str())},
       {"decisions", array_of(ref("ReviewDecision"))},
       {"actions", array_of(ref("ReviewAction"))},
       {"minutes", str()},
       {"inputs", array_of(ref("ReviewInput"))},
       {"inputs_assembled_at", str()},
       {"inputs_since", str()},
       {"previous_review_id", str()},
       {"approved_by", str()},
       {"approved_by_name", str()},
       {"approved_at", {{"type", "string"}, {"description", "RFC 3339 once approved, else \"\"."}}},
       {"version", integer()},
       {"created_at", datetime()},
       {"updated_at", datetime()},
       {"persons", names_map()}});
  Json action_in = closed({{"title", str()},
                           {"owner_id", str()},
                           {"due_on", date()},
                           {"status", enum_of({"open", "done"})},
                           {"finding_id", {{"description", "Read-only: ignored."}}},
                           {"finding_ref", {{"description", "Read-only: ignored."}}},
                           {"overdue", {{"description", "Read-only: ignored."}}},
                           {"owner_name", {{"description", "Read-only: ignored."}}}},
                          Json::array());
  Json fields{
      {"title", str()},
      {"planned_on", date()},
      {"chair_id", str()},
      {"attendee_ids", array_of(str())},
      {"guests", array_of(str())},
      {"decisions", array_of(closed({{"text", str()}, {"category", category}}, Json::array()))},
      {"actions", array_of(action_in)},
      {"minutes", str()},
      {"comments",
       {{"type", "object"},
        {"description", "Input key -> the preparer's comment."},
        {"propertyNames", {{"enum", input_keys}}},
        {"additionalProperties", str()}}}};
  Json update = fields;
  update["held_on"] = date();
  update["version"] = version();
  return Json{
      {"ReviewDecision", decision},
      {"ReviewAction", action},
      {"ReviewInput", input},
      {"ManagementReview", review},
      {"ManagementReviewSummary", without(review, {"inputs", "persons"})},
      {"ManagementReviewList", list_of("ManagementReviewSummary")},
      {"ManagementReviewCreate", closed(fields, Json::array())},
      {"ManagementReviewUpdate", closed(update, Json::array())},
      {"ManagementReviewHold",
       closed({{"held_on", date()}, {"version", version()}}, Json::array())},
      {"ManagementReviewActionUpdate",
       closed({{"status", enum_of({"open", "done"})}, {"version", version()}}, {"status"})},
  };
}

Json exception_schemas() {
  Json ids = {{"type", "array"}, {"items", str()}};
  Json scope = object_of({{"document_id", nullable_str()},
                          {"section", str()},
                          {"control_ids", ids},
                          {"requirement_keys", ids},
                          {"asset_ids", ids}});
  Json exception =
      object_of({{"id", str()},
                 {"ref", str()},
                 {"status", enum_of({"requested", "approved", "rejected", "withdrawn", "revoked"})},
                 {"state", enum_of({"active", "expiring", "expired", "requested", "rejected",
                                    "withdrawn", "revoked"})},
                 {"days_left", {{"type", {"integer", "null"}}}},
                 {"requester_id", str()},
                 {"requester_name", str()},
                 {"title", str()},
                 {"reason", str()},
                 {"scope", scope},
                 {"compensating_controls", object_of({{"control_ids", ids}, {"text", str()}})},
                 {"risk", object_of({{"risk_id", nullable_str()}, {"statement", str()}})},
                 {"requested_expires_on", nullable_date()},
                 {"expires_on", nullable_date()},
                 {"approver_id", nullable_str()},
                 {"approver_name", str()},
                 {"decided_at", nullable_time()},
                 {"decision_note", str()},
                 {"withdrawn_at", nullable_time()},
                 {"revoked_at", nullable_time()},
                 {"revoked_by", nullable_str()},
                 {"revoke_note", str()},
                 {"renews_id", nullable_str()},
                 {"renewed_by_id", nullable_str()},
                 {"version", integer()},
                 {"created_at", datetime()},
                 {"updated_at", datetime()}});
  Json fields{
      {"title", str()},
      {"reason", str()},
      {"scope", closed({{"document_id", nullable_str()},
                        {"section", nullable_str()},
                        {"control_ids", ids},
                        {"requirement_keys", ids},
                        {"asset_ids", ids}},
                       Json::array())},
      {"compensating_controls",
       closed({{"control_ids", ids}, {"text", nullable_str()}}, Json::array())},
      {"risk", closed({{"risk_id", nullable_str()}, {"statement", nullable_str()}}, Json::array())},
      {"requested_expires_on", nullable_date()}};
  Json update = fields;
  update["version"] = version();
  Json review_types = {"document", "risk", "control", "evidence", "exception", "soa"};
  Json due_item = object_of({{"source", {{"type", "string"}, {"const", "review_due"}}},
                             {"object_type", enum_of(review_types)},
                             {"object_id", str()},
                             {"ref", str()},
                             {"title", str()},
                             {"owner_id", str()},
                             {"owner_name", str()},
                             {"due_on", date()},
                             {"state", enum_of({"overdue", "due", "upcoming"})},
                             {"link", str()}});
  return Json{
      {"PolicyException", exception},
      {"PolicyExceptionList",
       object_of({{"items", array_of(ref("PolicyException"))}, {"today", date()}})},
      {"PolicyExceptionRequest", closed(fields, {"title", "reason", "scope"})},
      {"PolicyExceptionUpdate", closed(update, Json::array())},
      {"PolicyExceptionRenewal", closed(fields, Json::array())},
      {"PolicyExceptionApproval",
       closed({{"expires_on", nullable_date()}, {"note", nullable_str()}, {"version", version()}},
              Json::array())},
      {"PolicyExceptionDecision",
       closed({{"note", string_max(1, 10000)}, {"version", version()}}, {"note"})},
      {"ReviewDueItem", due_item},
      {"ReviewsDue", object_of({{"items", array_of(ref("ReviewDueItem"))}, {"until", date()}})},
      {"ReviewCompletionRequest",
       closed({{"object_type", enum_of(review_types)},
               {"object_id", string_max(1, 200)},
               {"note", {{"type", {"string", "null"}}, {"maxLength", 2000}}}},
              {"object_type", "object_id"})},
      {"ReviewCompletion", object_of({{"object_type", enum_of(review_types)},
                                      {"object_id", str()},
                                      {"next_review_on", nullable_date()},
                                      {"renewal_id", nullable_str()},
                                      {"renewal_ref", nullable_str()}})},
  };
}

// GET /dashboard "operations" (service/operations_summary.cc): each part null without its
// read permission.
Json dashboard_operations_schema() {
  Json next_item = object_of({{"source", str()},
                              {"title", str()},
                              {"due_on", date()},
                              {"state", enum_of({"overdue", "due", "upcoming"})},
                              {"owner_name", str()},
                              {"link", str()}});
  Json brief = object_of({{"id", str()},
                          {"ref", str()},
                          {"on", str()},
                          {"status", enum_of({"planned", "held", "approved"})}});
  return object_of(
      {{"calendar", or_null(object_of({{"overdue", integer()},
                                       {"due", integer()},
                                       {"upcoming_30_days", integer()},
                                       {"next", array_of(next_item)}}))},
       {"incidents",
        or_null(object_of({{"open", integer()},
                           {"overdue_reports", integer()},
                           {"untriaged_events", integer()},
                           {"next_deadline", or_null(object_of({{"incident_id", str()},
                                                                {"ref", str()},
                                                                {"due_at", datetime()}}))}}))},
       {"audits", or_null(object_of({{"open_findings", integer()},
                                     {"open_actions", integer()},
                                     {"overdue_actions", integer()},
                                     {"actions_to_verify", integer()}}))},
       {"exceptions", or_null(object_of({{"requested", integer()},
                                         {"approved", integer()},
                                         {"expiring_30_days", integer()},
                                         {"expired", integer()}}))},
       {"management_reviews",
        or_null(object_of({{"last_approved", or_null(brief)}, {"next", or_null(brief)}}))}});
}

}  // namespace

Json running_schemas() {
  Json all = calendar_schemas();
  for (const Json& more : {notification_schemas(), objective_schemas(), management_review_schemas(),
                           exception_schemas()}) {
    for (auto it = more.begin(); it != more.end(); ++it) all[it.key()] = it.value();
  }
  all["DashboardOperations"] = dashboard_operations_schema();
  return all;
}

}  // namespace isms::http
