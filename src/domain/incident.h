// Security events, incidents, their timeline and filed reports (issue 6, "Incidents and
// NIS2 reporting"; policy 3.3: events are reported to the CISO). The records are
// operational records (store/README.md "Operational records", kinds event, incident,
// timeline_entry, incident_report); this file defines their bodies, their rules and their
// JSON. Clocks: domain/nis2_clock.h; significance: domain/significance.h. Pure; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "domain/significance.h"

namespace isms {

inline constexpr const char* kEventKind = "event";
inline constexpr const char* kIncidentKind = "incident";
inline constexpr const char* kTimelineKind = "timeline_entry";
inline constexpr const char* kIncidentReportKind = "incident_report";

inline constexpr size_t kIncidentTitleMax = 200;
inline constexpr size_t kIncidentTextMax = 10000;
inline constexpr size_t kIncidentShortMax = 500;
inline constexpr size_t kIncidentListMax = 200;

// ---- events ------------------------------------------------------------------------
// status: reported -> triaged (into an incident, new or existing) | closed (with reason)
struct SecurityEvent {
  std::string id, ref;  // EV-0001
  std::string status = "reported";
  std::string summary;      // 1..200
  std::string description;  // what happened, <= 10000
  std::string occurred_at;  // RFC 3339 UTC or ""
  std::vector<std::string> asset_ids;
  std::string contact;      // how to reach the reporter, <= 500
  std::string reporter_id;  // person
  std::string reported_at;
  std::string incident_id;  // when triaged
  std::string close_reason;
  std::string triaged_by;  // person or actor
  std::string triaged_at;
  int64_t version = 1;
  std::string created_at, updated_at;
};

std::vector<FieldError> validate_event(const SecurityEvent& e);
Json event_body(const SecurityEvent& e);  // the stored body
SecurityEvent event_from_body(const Json& body);
Json event_to_json(const SecurityEvent& e);  // API: body + id, ref, status, version, times

// ---- incidents ----------------------------------------------------------------------
// severity: low|medium|high|critical; status: open -> contained -> resolved -> closed
// (forward only; "handled" for Art. 23(4)(e) = resolved_at).
bool is_incident_severity(std::string_view s);
bool is_incident_status(std::string_view s);
int incident_status_rank(std::string_view s);  // open 0 .. closed 3; -1 unknown

struct SignificanceAssessment {
  SignificanceFacts facts;
  SignificanceResult result;  // computed from facts
  std::optional<bool> override_significant;
  std::string justification;  // required with an override
  bool significant = false;   // override or computed
  std::string assessed_at, assessed_by;
};
Json assessment_to_json(const SignificanceAssessment& a);
SignificanceAssessment assessment_from_json(const Json& j);  // stored form

struct IntermediateRequestRecord {
  std::string requested_at, due_at, by;
};

struct Incident {
  std::string id, ref;  // INC-0001
  std::string title, description;
  std::string severity = "medium";
  std::string status = "open";
  std::string handler_id;                             // person
  std::string aware_at;                               // clocks run from it
  std::string occurred_at, detected_at, resolved_at;  // "" = unknown / not yet
  std::vector<std::string> asset_ids;
  std::vector<std::string> suppliers;  // free text until a supplier register exists
  bool personal_data = false;
  std::vector<std::string> personal_data_categories;
  int64_t data_subjects_approx = 0;
  bool cross_border = false;
  bool ongoing = true;
  std::vector<std::string> event_ids;
  std::optional<SignificanceAssessment> assessment;
  std::optional<IntermediateRequestRecord> intermediate_request;
  Json review;  // null until the post-incident review
  int64_t version = 1;
  std::string created_at, updated_at;

  bool significant() const { return assessment && assessment->significant; }
};

std::vector<FieldError> validate_incident(const Incident& i);
Json incident_body(const Incident& i);
Incident incident_from_body(const Json& body);
Json incident_to_json(const Incident& i);  // API form without clocks

// ---- timeline ---------------------------------------------------------------------
// kinds: note|status|assessment|report|containment|communication|aware_at_change
bool is_timeline_kind(std::string_view s);
struct TimelineEntry {
  std::string id, incident_id;
  std::string at;  // when it happened
  std::string kind;
  std::string text;    // <= 10000
  std::string author;  // person id or actor
  std::string created_at;
};
Json timeline_body(const TimelineEntry& t);
TimelineEntry timeline_from_body(const Json& body);
Json timeline_to_json(const TimelineEntry& t);

// ---- filed reports -----------------------------------------------------------------
struct IncidentReport {
  std::string id, incident_id;
  std::string type;  // report_type_name
  std::string submitted_at, submitted_by;
  std::string deadline;  // due_at it answered ("" when no deadline was running)
  bool on_time = true;
  std::string recipient;
  Json fields;                // the report's own fields (by type)
  std::string frozen_json;    // exact bytes of the frozen document
  std::string pdf_base64url;  // the PDF rendered at filing
  std::string pdf_sha256;
  std::string created_at;
};
// The report fields each type accepts (Art. 23(4); GDPR Art. 33(3)).
const std::vector<std::string>& report_field_names(std::string_view type);
Json report_body(const IncidentReport& r);
IncidentReport report_from_body(const Json& body);
Json report_to_json(const IncidentReport& r);  // summary without the frozen bytes

}  // namespace isms
