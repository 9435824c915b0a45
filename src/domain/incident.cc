#include "domain/incident.h"

#include <algorithm>

#include "base/time.h"
#include "domain/nis2_clock.h"
#include "domain/risk_common.h"

namespace isms {

namespace {

using risk_detail::check_text;

std::string str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool boolean(const Json& j, const char* key, bool fallback = false) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

int64_t integer(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

std::vector<std::string> strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

bool valid_instant(const std::string& s) {
  int64_t m = 0;
  return parse_utc_micros(s, &m);
}

void check_instant(std::vector<FieldError>& errors, const std::string& field,
                   const std::string& value, bool required) {
  if (value.empty()) {
    if (required) errors.push_back({field, "is required (RFC 3339 UTC)"});
    return;
  }
  if (!valid_instant(value)) errors.push_back({field, "must be an RFC 3339 UTC instant"});
}

void check_list(std::vector<FieldError>& errors, const std::string& field,
                const std::vector<std::string>& values, size_t max_len) {
  if (values.size() > kIncidentListMax) {
    errors.push_back({field, "at most " + std::to_string(kIncidentListMax) + " items"});
  }
  for (size_t i = 0; i < values.size(); ++i) {
    check_text(errors, field + "[" + std::to_string(i) + "]", values[i], max_len, false, true);
  }
}

}  // namespace

// ---- events ------------------------------------------------------------------------

std::vector<FieldError> validate_event(const SecurityEvent& e) {
  std::vector<FieldError> errors;
  check_text(errors, "summary", e.summary, kIncidentTitleMax, false, true);
  check_text(errors, "description", e.description, kIncidentTextMax, true, false);
  check_text(errors, "contact", e.contact, kIncidentShortMax, false, false);
  check_instant(errors, "occurred_at", e.occurred_at, false);
  check_list(errors, "asset_ids", e.asset_ids, 100);
  check_text(errors, "close_reason", e.close_reason, kIncidentTextMax, true, false);
  return errors;
}

Json event_body(const SecurityEvent& e) {
  return Json{{"summary", e.summary},           {"description", e.description},
              {"occurred_at", e.occurred_at},   {"asset_ids", e.asset_ids},
              {"contact", e.contact},           {"reporter_id", e.reporter_id},
              {"reported_at", e.reported_at},   {"incident_id", e.incident_id},
              {"close_reason", e.close_reason}, {"triaged_by", e.triaged_by},
              {"triaged_at", e.triaged_at}};
}

SecurityEvent event_from_body(const Json& b) {
  SecurityEvent e;
  e.summary = str(b, "summary");
  e.description = str(b, "description");
  e.occurred_at = str(b, "occurred_at");
  e.asset_ids = strings(b, "asset_ids");
  e.contact = str(b, "contact");
  e.reporter_id = str(b, "reporter_id");
  e.reported_at = str(b, "reported_at");
  e.incident_id = str(b, "incident_id");
  e.close_reason = str(b, "close_reason");
  e.triaged_by = str(b, "triaged_by");
  e.triaged_at = str(b, "triaged_at");
  return e;
}

Json event_to_json(const SecurityEvent& e) {
  Json j = event_body(e);
  j["id"] = e.id;
  j["ref"] = e.ref;
  j["status"] = e.status;
  j["version"] = e.version;
  j["created_at"] = e.created_at;
  j["updated_at"] = e.updated_at;
  return j;
}

// ---- incidents ----------------------------------------------------------------------

bool is_incident_severity(std::string_view s) {
  return s == "low" || s == "medium" || s == "high" || s == "critical";
}

int incident_status_rank(std::string_view s) {
  if (s == "open") return 0;
  if (s == "contained") return 1;
  if (s == "resolved") return 2;
  if (s == "closed") return 3;
  return -1;
}

bool is_incident_status(std::string_view s) { return incident_status_rank(s) >= 0; }

Json assessment_to_json(const SignificanceAssessment& a) {
  return Json{{"facts", significance_facts_to_json(a.facts)},
              {"result", significance_result_to_json(a.result)},
              {"override_significant",
               a.override_significant ? Json(*a.override_significant) : Json(nullptr)},
              {"justification", a.justification},
              {"significant", a.significant},
              {"assessed_at", a.assessed_at},
              {"assessed_by", a.assessed_by}};
}

SignificanceAssessment assessment_from_json(const Json& j) {
  SignificanceAssessment a;
  if (auto f = j.find("facts"); f != j.end()) {
    auto facts = significance_facts_from_json(*f);
    if (facts) a.facts = *facts;
  }
  // The result is recomputed from the stored facts: the rules are the source of truth and
  // the stored copy only records what the assessor saw.
  a.result = assess_significance(a.facts);
  if (auto o = j.find("override_significant"); o != j.end() && o->is_boolean()) {
    a.override_significant = o->get<bool>();
  }
  a.justification = str(j, "justification");
  a.significant = boolean(j, "significant");
  a.assessed_at = str(j, "assessed_at");
  a.assessed_by = str(j, "assessed_by");
  return a;
}

std::vector<FieldError> validate_incident(const Incident& i) {
  std::vector<FieldError> errors;
  check_text(errors, "title", i.title, kIncidentTitleMax, false, true);
  check_text(errors, "description", i.description, kIncidentTextMax, true, false);
  if (!is_incident_severity(i.severity)) {
    errors.push_back({"severity", "must be low, medium, high or critical"});
  }
  if (!is_incident_status(i.status)) {
    errors.push_back({"status", "must be open, contained, resolved or closed"});
  }
  check_instant(errors, "aware_at", i.aware_at, true);
  check_instant(errors, "occurred_at", i.occurred_at, false);
  check_instant(errors, "detected_at", i.detected_at, false);
  check_list(errors, "asset_ids", i.asset_ids, 100);
  check_list(errors, "suppliers", i.suppliers, kIncidentTitleMax);
  check_list(errors, "personal_data_categories", i.personal_data_categories, kIncidentTitleMax);
  if (i.data_subjects_approx < 0 || i.data_subjects_approx > 100000000000LL) {
    errors.push_back({"data_subjects_approx", "must be from 0 to 10^11"});
  }
  if (!i.personal_data && (!i.personal_data_categories.empty() || i.data_subjects_approx)) {
    errors.push_back(
        {"personal_data", "must be true when personal data categories or data subjects are given"});
  }
  return errors;
}

Json incident_body(const Incident& i) {
  Json j{{"title", i.title},
         {"description", i.description},
         {"severity", i.severity},
         {"handler_id", i.handler_id},
         {"aware_at", i.aware_at},
         {"occurred_at", i.occurred_at},
         {"detected_at", i.detected_at},
         {"resolved_at", i.resolved_at},
         {"asset_ids", i.asset_ids},
         {"suppliers", i.suppliers},
         {"personal_data", i.personal_data},
         {"personal_data_categories", i.personal_data_categories},
         {"data_subjects_approx", i.data_subjects_approx},
         {"cross_border", i.cross_border},
         {"ongoing", i.ongoing},
         {"event_ids", i.event_ids},
         {"significant", i.significant()},
         {"assessment", i.assessment ? assessment_to_json(*i.assessment) : Json(nullptr)},
         {"intermediate_request", nullptr},
         {"review", i.review}};
  if (i.intermediate_request) {
    j["intermediate_request"] = Json{{"requested_at", i.intermediate_request->requested_at},
                                     {"due_at", i.intermediate_request->due_at},
                                     {"by", i.intermediate_request->by}};
  }
  return j;
}

Incident incident_from_body(const Json& b) {
  Incident i;
  i.title = str(b, "title");
  i.description = str(b, "description");
  i.severity = str(b, "severity");
  i.handler_id = str(b, "handler_id");
  i.aware_at = str(b, "aware_at");
  i.occurred_at = str(b, "occurred_at");
  i.detected_at = str(b, "detected_at");
  i.resolved_at = str(b, "resolved_at");
  i.asset_ids = strings(b, "asset_ids");
  i.suppliers = strings(b, "suppliers");
  i.personal_data = boolean(b, "personal_data");
  i.personal_data_categories = strings(b, "personal_data_categories");
  i.data_subjects_approx = integer(b, "data_subjects_approx");
  i.cross_border = boolean(b, "cross_border");
  i.ongoing = boolean(b, "ongoing", true);
  i.event_ids = strings(b, "event_ids");
  if (auto a = b.find("assessment"); a != b.end() && a->is_object()) {
    i.assessment = assessment_from_json(*a);
  }
  if (auto r = b.find("intermediate_request"); r != b.end() && r->is_object()) {
    i.intermediate_request =
        IntermediateRequestRecord{str(*r, "requested_at"), str(*r, "due_at"), str(*r, "by")};
  }
  if (auto r = b.find("review"); r != b.end()) i.review = *r;
  return i;
}

Json incident_to_json(const Incident& i) {
  Json j = incident_body(i);
  j["id"] = i.id;
  j["ref"] = i.ref;
  j["status"] = i.status;
  j["version"] = i.version;
  j["created_at"] = i.created_at;
  j["updated_at"] = i.updated_at;
  return j;
}

// ---- timeline ---------------------------------------------------------------------

bool is_timeline_kind(std::string_view s) {
  return s == "note" || s == "status" || s == "assessment" || s == "report" || s == "containment" ||
         s == "communication" || s == "aware_at_change";
}

Json timeline_body(const TimelineEntry& t) {
  return Json{{"at", t.at}, {"kind", t.kind}, {"text", t.text}, {"author", t.author}};
}

TimelineEntry timeline_from_body(const Json& b) {
  TimelineEntry t;
  t.at = str(b, "at");
  t.kind = str(b, "kind");
  t.text = str(b, "text");
  t.author = str(b, "author");
  return t;
}

Json timeline_to_json(const TimelineEntry& t) {
  Json j = timeline_body(t);
  j["id"] = t.id;
  j["incident_id"] = t.incident_id;
  j["created_at"] = t.created_at;
  return j;
}

// ---- reports -----------------------------------------------------------------------

const std::vector<std::string>& report_field_names(std::string_view type) {
  // Art. 23(4)(a): early warning; (b) notification; (c) intermediate: status updates;
  // (d) final; (e) progress; GDPR Art. 33(3) (a)-(d) for the breach notification.
  static const std::vector<std::string> kEarly = {"suspected_malicious", "cross_border_impact",
                                                  "summary"};
  static const std::vector<std::string> kNotification = {
      "initial_assessment", "severity_and_impact", "indicators_of_compromise", "summary"};
  static const std::vector<std::string> kIntermediate = {"status_update", "summary"};
  static const std::vector<std::string> kFinal = {"detailed_description", "threat_type_root_cause",
                                                  "mitigation_measures", "cross_border_impact",
                                                  "summary"};
  static const std::vector<std::string> kProgress = {"progress", "summary"};
  static const std::vector<std::string> kGdpr = {
      "nature_of_breach",    "data_categories_and_numbers",
      "likely_consequences", "measures",
      "dpo_contact",         "summary"};
  static const std::vector<std::string> kNone;
  if (type == "early_warning") return kEarly;
  if (type == "notification") return kNotification;
  if (type == "intermediate") return kIntermediate;
  if (type == "final") return kFinal;
  if (type == "progress") return kProgress;
  if (type == "gdpr_breach") return kGdpr;
  return kNone;
}

Json report_body(const IncidentReport& r) {
  return Json{{"type", r.type},
              {"submitted_at", r.submitted_at},
              {"submitted_by", r.submitted_by},
              {"deadline", r.deadline},
              {"on_time", r.on_time},
              {"recipient", r.recipient},
              {"fields", r.fields.is_null() ? Json::object() : r.fields},
              {"frozen_json", r.frozen_json},
              {"pdf_base64url", r.pdf_base64url},
              {"pdf_sha256", r.pdf_sha256}};
}

IncidentReport report_from_body(const Json& b) {
  IncidentReport r;
  r.type = str(b, "type");
  r.submitted_at = str(b, "submitted_at");
  r.submitted_by = str(b, "submitted_by");
  r.deadline = str(b, "deadline");
  r.on_time = boolean(b, "on_time", true);
  r.recipient = str(b, "recipient");
  if (auto f = b.find("fields"); f != b.end()) r.fields = *f;
  r.frozen_json = str(b, "frozen_json");
  r.pdf_base64url = str(b, "pdf_base64url");
  r.pdf_sha256 = str(b, "pdf_sha256");
  return r;
}

Json report_to_json(const IncidentReport& r) {
  return Json{{"id", r.id},
              {"incident_id", r.incident_id},
              {"type", r.type},
              {"submitted_at", r.submitted_at},
              {"submitted_by", r.submitted_by},
              {"deadline", r.deadline},
              {"on_time", r.on_time},
              {"recipient", r.recipient},
              {"fields", r.fields.is_null() ? Json::object() : r.fields},
              {"pdf_sha256", r.pdf_sha256},
              {"json_url", "/api/v1/incidents/" + r.incident_id + "/reports/" + r.id + ".json"},
              {"pdf_url", "/api/v1/incidents/" + r.incident_id + "/reports/" + r.id + ".pdf"}};
}

}  // namespace isms
