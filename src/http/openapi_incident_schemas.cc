// Component schemas of audits, findings and corrective actions, and of events and incidents
// (docs/api.md, the sections of issue 6 "Audit programmes" to "Incidents"): what
// audits.cc, audits_findings.cc and incidents.cc send and accept, as the encoders write
// them (domain/audit.cc, domain/finding.cc, service/audit_report_service.cc,
// domain/incident.cc, domain/significance.cc, domain/nis2_clock.cc, service/incident_*.cc).
#include "http/openapi_schemas.h"

namespace isms::http {
namespace {

Json ref(const std::string& name) { return Json{{"$ref", "#/components/schemas/" + name}}; }
Json str() { return Json{{"type", "string"}}; }
Json integer() { return Json{{"type", "integer"}}; }
Json boolean() { return Json{{"type", "boolean"}}; }
Json nullable_str() { return Json{{"type", {"string", "null"}}}; }
Json datetime() { return Json{{"type", "string"}, {"format", "date-time"}}; }
Json nullable_time() { return Json{{"type", {"string", "null"}}, {"format", "date-time"}}; }
Json date() { return Json{{"type", "string"}, {"format", "date"}}; }
Json nullable_date() { return Json{{"type", {"string", "null"}}, {"format", "date"}}; }
Json array_of(Json items) { return Json{{"type", "array"}, {"items", std::move(items)}}; }
Json enum_of(Json values) { return Json{{"type", "string"}, {"enum", std::move(values)}}; }
Json nullable(const std::string& name) { return Json{{"oneOf", {ref(name), {{"type", "null"}}}}}; }
Json or_null(Json schema) { return Json{{"oneOf", {std::move(schema), {{"type", "null"}}}}}; }
Json version() { return Json{{"type", "integer"}, {"minimum", 1}}; }
Json string_max(int min, int max) {
  return Json{{"type", "string"}, {"minLength", min}, {"maxLength", max}};
}
// An RFC 3339 instant, or "" while unknown / not yet (incidents keep "" for absent times).
Json instant_or_empty() {
  return Json{{"type", "string"}, {"description", "RFC 3339 UTC, or \"\" when not set."}};
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

Json grade() {
  return enum_of({"major_nonconformity", "minor_nonconformity", "observation", "opportunity"});
}

Json audit_schemas() {
  Json results = {"not_checked", "conform", "nonconform", "observation", "not_applicable"};
  Json programme = object_of({{"id", str()},
                              {"ref", str()},
                              {"year", integer()},
                              {"title", str()},
                              {"objectives", str()},
                              {"owner_id", nullable_str()},
                              {"status", enum_of({"draft", "approved"})},
                              {"approved_by", nullable_str()},
                              {"approved_by_person_id", nullable_str()},
                              {"approved_at", nullable_time()},
                              {"version", integer()},
                              {"created_at", datetime()},
                              {"updated_at", datetime()}});
  Json item = object_of({{"index", integer()},
                         {"requirement_key", str()},
                         {"requirement_title", str()},
                         {"question", str()},
                         {"result", enum_of(results)},
                         {"notes", str()},
                         {"evidence", array_of(str())},
                         {"checked_by", nullable_str()},
                         {"checked_at", nullable_time()},
                         {"version", integer()}});
  Json totals = Json::object();
  for (const auto& r : results) totals[r.get<std::string>()] = integer();
  Json audit = object_of({{"id", str()},
                          {"ref", str()},
                          {"programme_id", nullable_str()},
                          {"title", str()},
                          {"type", enum_of({"internal", "external", "supplier", "certification"})},
                          {"scope", str()},
                          {"criteria", array_of(str())},
                          {"lead_auditor_id", str()},
                          {"auditor_ids", array_of(str())},
                          {"start_on", date()},
                          {"end_on", date()},
                          {"status", enum_of({"planned", "in_progress", "completed", "cancelled"})},
                          {"conclusion", str()},
                          {"started_at", nullable_time()},
                          {"completed_at", nullable_time()},
                          {"cancelled_at", nullable_time()},
                          {"cancel_reason", nullable_str()},
                          {"checklist", array_of(ref("ChecklistItem"))},
                          {"checklist_totals", object_of(totals)},
                          {"version", integer()},
                          {"created_at", datetime()},
                          {"updated_at", datetime()}});
  Json audit_fields{{"title", string_max(1, 200)},
                    {"type", enum_of({"internal", "external", "supplier", "certification"})},
                    {"scope", str()},
                    {"criteria",
                     {{"type", "array"},
                      {"items", str()},
                      {"description", "Requirement keys of the catalogue."}}},
                    {"lead_auditor_id", str()},
                    {"auditor_ids", array_of(str())},
                    {"start_on", date()},
                    {"end_on", date()}};
  Json audit_create = audit_fields;
  audit_create["programme_id"] = nullable_str();
  Json audit_update = audit_fields;
  audit_update["conclusion"] = str();
  audit_update["version"] = version();
  Json report_totals =
      object_of({{"findings", integer()},
                 {"by_grade", {{"type", "object"}, {"additionalProperties", integer()}}},
                 {"open", integer()},
                 {"closed", integer()},
                 {"overdue", integer()},
                 {"actions", integer()},
                 {"actions_open", integer()},
                 {"actions_verified", integer()},
                 {"actions_ineffective", integer()}});
  Json item_update = closed({{"version", version()},
                             {"question", str()},
                             {"result", enum_of(results)},
                             {"notes", str()},
                             {"evidence", array_of(str())},
                             {"finding", or_null(ref("ChecklistFindingIntake"))}},
                            Json::array());
  item_update["description"] = "version: the item's version (or If-Match).";
  return Json{
      {"AuditProgramme", programme},
      {"AuditProgrammeList", list_of("AuditProgramme")},
      {"AuditProgrammeView", extended(programme, {{"audits", array_of(ref("AuditSummary"))}})},
      {"AuditProgrammeCreate",
       closed({{"year", {{"type", "integer"}, {"minimum", 2000}, {"maximum", 2999}}},
               {"title", string_max(1, 200)},
               {"objectives", str()},
               {"owner_id", str()}},
              {"year", "title"})},
      {"AuditProgrammeUpdate", closed({{"title", string_max(1, 200)},
                                       {"objectives", str()},
                                       {"owner_id", str()},
                                       {"version", version()}},
                                      Json::array())},
      {"ChecklistItem", item},
      {"Audit", audit},
      {"AuditSummary", without(audit, {"checklist"})},
      {"AuditList", list_of("AuditSummary")},
      {"AuditCreate", closed(audit_create, {"title", "scope", "criteria", "lead_auditor_id",
                                            "start_on", "end_on"})},
      {"AuditUpdate", closed(audit_update, Json::array())},
      {"AuditCompleteRequest",
       closed({{"version", version()}, {"conclusion", str()}}, Json::array())},
      {"AuditCancelRequest",
       closed({{"version", version()}, {"reason", string_max(1, 10000)}}, {"reason"})},
      {"ChecklistItemUpdate", item_update},
      {"AuditCheckResult", extended(audit, {{"raised_finding", nullable("Finding")}})},
      {"AuditReport", object_of({{"audit", ref("Audit")},
                                 {"programme_ref", nullable_str()},
                                 {"findings", array_of(ref("Finding"))},
                                 {"totals", report_totals},
                                 {"persons",
                                  {{"type", "object"},
                                   {"description", "Person id -> name."},
                                   {"additionalProperties", str()}}},
                                 {"generated_at", datetime()}})},
  };
}

Json finding_schemas() {
  Json action = object_of({{"id", str()},
                           {"ref", str()},
                           {"finding_id", str()},
                           {"title", str()},
                           {"root_cause", str()},
                           {"action", str()},
                           {"owner_id", str()},
                           {"due_on", date()},
                           {"status", enum_of({"open", "implemented", "verified", "ineffective"})},
                           {"overdue", boolean()},
                           {"implemented_on", nullable_date()},
                           {"implemented_by", nullable_str()},
                           {"implementation_note", str()},
                           {"verified_on", nullable_date()},
                           {"verified_by", nullable_str()},
                           {"effective", {{"type", {"boolean", "null"}}}},
                           {"verification_note", str()},
                           {"version", integer()},
                           {"created_at", datetime()},
                           {"updated_at", datetime()}});
  Json finding = object_of({{"id", str()},
                            {"ref", str()},
                            {"source", enum_of({"audit", "incident", "management_review",
                                                "risk_cycle", "self_assessment"})},
                            {"source_id", nullable_str()},
                            {"source_ref", nullable_str()},
                            {"source_title", nullable_str()},
                            {"checklist_index", {{"type", {"integer", "null"}}}},
                            {"grade", grade()},
                            {"title", str()},
                            {"description", str()},
                            {"requirement_keys", array_of(str())},
                            {"owner_id", nullable_str()},
                            {"status", enum_of({"open", "closed"})},
                            {"overdue", boolean()},
                            {"closed_at", nullable_time()},
                            {"closed_by", nullable_str()},
                            {"close_note", nullable_str()},
                            {"actions", array_of(ref("CorrectiveAction"))},
                            {"version", integer()},
                            {"created_at", datetime()},
                            {"updated_at", datetime()}});
  Json first_action = closed({{"title", string_max(1, 200)},
                              {"root_cause", str()},
                              {"owner_id", str()},
                              {"due_on", date()}},
                             {"title", "owner_id", "due_on"});
  Json intake{{"grade", grade()},           {"title", string_max(1, 200)},
              {"description", str()},       {"requirement_keys", array_of(str())},
              {"owner_id", nullable_str()}, {"action", or_null(ref("FirstCorrectiveAction"))}};
  Json audit_intake = intake;
  audit_intake["checklist_index"] = {{"type", {"integer", "null"}}, {"minimum", 0}};
  Json create = intake;
  create["source"] =
      enum_of({"audit", "incident", "management_review", "risk_cycle", "self_assessment"});
  create["source_id"] = nullable_str();
  Json action_fields{{"title", string_max(1, 200)},
                     {"root_cause", str()},
                     {"action", str()},
                     {"owner_id", str()},
                     {"due_on", date()}};
  Json action_update = action_fields;
  action_update["version"] = version();
  return Json{
      {"CorrectiveAction", action},
      {"CorrectiveActionList", list_of("CorrectiveAction")},
      {"Finding", finding},
      {"FindingList", list_of("Finding")},
      {"FirstCorrectiveAction", first_action},
      {"ChecklistFindingIntake", closed(intake, {"grade"})},
      {"AuditFindingCreate", closed(audit_intake, {"grade"})},
      {"FindingCreate", closed(create, {"source", "grade", "title"})},
      {"FindingUpdate", closed({{"version", version()},
                                {"grade", grade()},
                                {"title", string_max(1, 200)},
                                {"description", str()},
                                {"requirement_keys", array_of(str())},
                                {"owner_id", nullable_str()}},
                               Json::array())},
      {"FindingCloseRequest", closed({{"version", version()}, {"note", str()}}, Json::array())},
      {"CorrectiveActionCreate", closed(action_fields, {"title", "owner_id", "due_on"})},
      {"CorrectiveActionUpdate", closed(action_update, Json::array())},
      {"ImplementationRequest",
       closed({{"version", version()}, {"implemented_on", date()}, {"note", str()}},
              Json::array())},
      {"VerificationRequest", closed({{"version", version()},
                                      {"effective", boolean()},
                                      {"verified_on", date()},
                                      {"note", str()}},
                                     {"effective"})},
  };
}

Json event_schemas() {
  Json event =
      object_of({{"id", str()},
                 {"ref", str()},
                 {"status", enum_of({"reported", "triaged", "closed"})},
                 {"summary", str()},
                 {"description", str()},
                 {"occurred_at", instant_or_empty()},
                 {"asset_ids", array_of(str())},
                 {"contact", str()},
                 {"reporter_id", str()},
                 {"reported_at", datetime()},
                 {"incident_id", {{"type", "string"}, {"description", "\"\" until triaged."}}},
                 {"close_reason", str()},
                 {"triaged_by", str()},
                 {"triaged_at", instant_or_empty()},
                 {"version", integer()},
                 {"created_at", datetime()},
                 {"updated_at", datetime()}});
  return Json{
      {"SecurityEvent", event},
      {"SecurityEventList", list_of("SecurityEvent")},
      {"SecurityEventReport", closed({{"summary", string_max(1, 200)},
                                      {"description", string_max(0, 10000)},
                                      {"occurred_at", nullable_str()},
                                      {"asset_ids", array_of(str())},
                                      {"contact", string_max(0, 500)}},
                                     {"summary"})},
      {"EventTriageRequest", closed({{"action", enum_of({"incident", "link", "close"})},
                                     {"incident", ref("IncidentFields")},
                                     {"incident_id", str()},
                                     {"reason", string_max(1, 10000)},
                                     {"version", version()}},
                                    {"action"})},
      {"TriagedEvent",
       extended(event, {{"incident", or_null(object_of({{"id", str()}, {"ref", str()}}))}})},
  };
}

Json incident_schemas() {
  Json severity = enum_of({"low", "medium", "high", "critical"});
  Json status = enum_of({"open", "contained", "resolved", "closed"});
  Json report_type = enum_of(
      {"early_warning", "notification", "intermediate", "final", "progress", "gdpr_breach"});
  Json fact_number = {{"type", "integer"}, {"minimum", 0}, {"maximum", 1000000000000000LL}};
  Json entity_types =
      array_of(enum_of({"cloud_computing_service_provider", "managed_security_service_provider",
                        "managed_service_provider"}));
  const char* const flags[] = {
      "scheduled_maintenance", "trade_secrets_exfiltrated",          "death",
      "health_damage",         "malicious_access_severe_disruption", "data_compromised_malicious"};
  const char* const numbers[] = {"financial_loss_eur",
                                 "annual_turnover_eur",
                                 "recurring_count",
                                 "recurring_financial_loss_eur",
                                 "complete_unavailability_minutes",
                                 "limited_availability_minutes",
                                 "service_users_union",
                                 "users_limited_availability",
                                 "users_data_compromised"};
  Json facts{{"entity_types", entity_types}};
  for (const char* f : flags) facts[f] = boolean();
  for (const char* n : numbers) facts[n] = fact_number;
  Json result = object_of(
      {{"significant", boolean()},
       {"criteria_met", array_of(object_of({{"code", str()}, {"basis", str()}, {"text", str()}}))},
       {"reasoning", str()}});
  Json assessment = object_of({{"facts", ref("SignificanceFacts")},
                               {"result", result},
                               {"override_significant", {{"type", {"boolean", "null"}}}},
                               {"justification", str()},
                               {"significant", boolean()},
                               {"assessed_at", datetime()},
                               {"assessed_by", str()}});
  Json review = object_of({{"lessons", str()},
                           {"reviewed_at", datetime()},
                           {"reviewed_by", str()},
                           {"findings", array_of(object_of({{"finding_id", str()},
                                                            {"finding_ref", str()},
                                                            {"action_id", str()},
                                                            {"action_ref", str()}}))}});
  Json record = object_of(
      {{"id", str()},
       {"ref", str()},
       {"status", status},
       {"title", str()},
       {"description", str()},
       {"severity", severity},
       {"handler_id", str()},
       {"aware_at", datetime()},
       {"occurred_at", instant_or_empty()},
       {"detected_at", instant_or_empty()},
       {"resolved_at", instant_or_empty()},
       {"asset_ids", array_of(str())},
       {"suppliers", array_of(str())},
       {"personal_data", boolean()},
       {"personal_data_categories", array_of(str())},
       {"data_subjects_approx", integer()},
       {"cross_border", boolean()},
       {"ongoing", boolean()},
       {"event_ids", array_of(str())},
       {"significant", boolean()},
       {"assessment", nullable("IncidentAssessment")},
       {"intermediate_request",
        or_null(object_of({{"requested_at", datetime()}, {"due_at", datetime()}, {"by", str()}}))},
       {"review", nullable("IncidentReview")},
       {"version", integer()},
       {"created_at", datetime()},
       {"updated_at", datetime()}});
  Json clock = object_of({{"type", report_type},
                          {"basis", str()},
                          {"state", enum_of({"pending", "due_soon", "overdue", "submitted",
                                             "submitted_late", "not_required"})},
                          {"start_at", instant_or_empty()},
                          {"due_at", instant_or_empty()},
                          {"due_local", str()},
                          {"submitted_at", instant_or_empty()},
                          {"remaining_seconds", {{"type", {"integer", "null"}}}},
                          {"note", str()}});
  Json fields{
      {"title", string_max(1, 200)},
      {"description", string_max(0, 10000)},
      {"severity", severity},
      {"handler_id", nullable_str()},
      {"aware_at", nullable_str()},
      {"occurred_at", nullable_str()},
      {"detected_at", nullable_str()},
      {"asset_ids", array_of(str())},
      {"suppliers", array_of(str())},
      {"personal_data", boolean()},
      {"personal_data_categories", array_of(str())},
      {"data_subjects_approx", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100000000000LL}}},
      {"cross_border", boolean()},
      {"ongoing", boolean()}};
  Json update = fields;
  update["status"] = status;
  update["aware_at_reason"] = str();
  update["version"] = version();
  Json timeline = object_of({{"id", str()},
                             {"incident_id", str()},
                             {"at", datetime()},
                             {"kind", enum_of({"note", "status", "assessment", "report",
                                               "containment", "communication", "aware_at_change"})},
                             {"text", str()},
                             {"author", str()},
                             {"created_at", datetime()}});
  Json report = object_of({{"id", str()},
                           {"incident_id", str()},
                           {"type", report_type},
                           {"submitted_at", datetime()},
                           {"submitted_by", str()},
                           {"deadline", instant_or_empty()},
                           {"on_time", boolean()},
                           {"recipient", str()},
                           {"fields", {{"type", "object"}}},
                           {"pdf_sha256", str()},
                           {"json_url", str()},
                           {"pdf_url", str()}});
  Json frozen = object_of({{"report", object_of({{"id", str()},
                                                 {"type", report_type},
                                                 {"submitted_at", datetime()},
                                                 {"submitted_by", str()},
                                                 {"deadline", instant_or_empty()},
                                                 {"on_time", boolean()},
                                                 {"recipient", str()},
                                                 {"fields", {{"type", "object"}}}})},
                           {"incident", ref("IncidentRecord")},
                           {"clocks", array_of(ref("ReportClock"))},
                           {"timeline", array_of(ref("TimelineEntry"))},
                           {"zone", str()}});
  Json review_finding = closed({{"grade", grade()},
                                {"title", string_max(1, 200)},
                                {"description", str()},
                                {"requirement_keys", array_of(str())},
                                {"owner_id", str()},
                                {"action", or_null(ref("FirstCorrectiveAction"))}},
                               {"grade", "title"});
  return Json{
      {"SignificanceFacts", object_of(facts)},
      {"SignificanceFactsInput", closed(facts, Json::array())},
      {"IncidentAssessment", assessment},
      {"IncidentReview", review},
      {"IncidentRecord", record},
      {"ReportClock", clock},
      {"Incident", extended(record, {{"clocks", array_of(ref("ReportClock"))},
                                     {"next_deadline", nullable_time()},
                                     {"overdue", boolean()},
                                     {"zone", str()}})},
      {"IncidentList", list_of("Incident")},
      {"IncidentFields", closed(fields, Json::array())},
      {"IncidentCreate", closed(fields, {"title"})},
      {"IncidentUpdate", closed(update, Json::array())},
      {"TimelineEntry", timeline},
      {"IncidentTimeline", list_of("TimelineEntry")},
      {"TimelineNoteRequest", closed({{"text", string_max(1, 10000)},
                                      {"kind", enum_of({"note", "containment", "communication"})},
                                      {"at", nullable_str()}},
                                     {"text"})},
      {"AssessmentRequest", closed({{"facts", ref("SignificanceFactsInput")},
                                    {"override_significant", boolean()},
                                    {"justification", string_max(0, 5000)},
                                    {"version", version()}},
                                   {"facts"})},
      {"IncidentClocks", object_of({{"incident_id", str()},
                                    {"aware_at", datetime()},
                                    {"zone", str()},
                                    {"now", datetime()},
                                    {"next_deadline", nullable_time()},
                                    {"items", array_of(ref("ReportClock"))}})},
      {"IntermediateReportRequest",
       closed({{"requested_at", str()}, {"due_at", str()}, {"by", string_max(1, 200)}},
              {"requested_at", "due_at", "by"})},
      {"IncidentReport", report},
      {"IncidentReportList", list_of("IncidentReport")},
      {"FrozenIncidentReport", frozen},
      {"IncidentReportOrFile",
       {{"oneOf", {ref("IncidentReport"), ref("FrozenIncidentReport")}},
        {"description",
         "{report_id}: the report; {report_id}.json: the frozen document, byte for byte as "
         "filed; {report_id}.pdf: the PDF (application/pdf)."}}},
      {"IncidentReportRequest",
       closed(
           {{"type", report_type},
            {"recipient", string_max(1, 200)},
            {"fields",
             {{"type", "object"},
              {"description",
               "Per type (docs/api.md \"Incidents\"): early_warning suspected_malicious, "
               "cross_border_impact, summary; notification initial_assessment, "
               "severity_and_impact, indicators_of_compromise, summary; intermediate "
               "status_update, summary; final detailed_description, threat_type_root_cause, "
               "mitigation_measures, cross_border_impact, summary; progress progress, summary; "
               "gdpr_breach nature_of_breach, data_categories_and_numbers, "
               "likely_consequences, measures, dpo_contact, summary."},
              {"additionalProperties", {{"type", {"string", "boolean"}}, {"maxLength", 10000}}}}}},
           {"type", "recipient"})},
      {"IncidentReviewRequest",
       closed({{"lessons", string_max(1, 10000)},
               {"findings", {{"type", "array"}, {"items", review_finding}, {"maxItems", 50}}}},
              {"lessons"})},
  };
}

}  // namespace

Json audit_incident_schemas() {
  Json all = audit_schemas();
  for (const Json& more : {finding_schemas(), event_schemas(), incident_schemas()}) {
    for (auto it = more.begin(); it != more.end(); ++it) all[it.key()] = it.value();
  }
  return all;
}

}  // namespace isms::http
