// IncidentService: security events, incidents, significance assessments, the NIS2/GDPR
// reporting clocks and filed (frozen) reports (docs/parts/incidents.md "API";
// docs/nis2-reporting.md). Records are operational records of kinds event, incident,
// timeline_entry and incident_report (store/README.md).
//
// Permissions: events:report files an event and reads the caller's own events;
// incidents:read reads everything; incidents:write triages, creates and changes incidents,
// assesses, files reports and records the post-incident review.
// Ledger entries: event.report, event.triage, incident.create, incident.update,
// incident.note, incident.assess, incident.report (with the PDF's sha256),
// incident.intermediate_request, incident.review. Every incident change also appends a
// timeline entry (never edited or deleted). Bodies are strict JSON: unknown members are
// refused and every problem is named. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "domain/access.h"
#include "domain/incident.h"
#include "service/context.h"

namespace isms {

struct IncidentFilter {
  std::optional<std::string> status;    // open|contained|resolved|closed
  std::optional<std::string> severity;  // low|medium|high|critical
  std::optional<bool> significant;
  std::optional<bool> overdue;  // a reporting clock is overdue now
};

// A frozen report's bytes.
struct ReportFile {
  std::string content_type;
  std::string body;
  std::string file_name;
};

class IncidentService {
 public:
  explicit IncidentService(const ServiceContext& ctx) : ctx_(ctx) {}

  // ---- events
  // {summary, description?, occurred_at?, asset_ids?, contact?}; reporter = caller's person
  // (the operator may pass reporter_id). Returns the event JSON.
  Result<Json> report_event(const Principal& p, const Json& body) const;
  // mine: only the caller's events (events:report); otherwise incidents:read.
  Result<Json> list_events(const Principal& p, bool mine) const;
  Result<Json> get_event(const Principal& p, const std::string& id) const;
  // {action: "incident", incident: {...create fields}} | {action: "link", incident_id}
  // | {action: "close", reason}; optional version.
  Result<Json> triage_event(const Principal& p, const std::string& id, const Json& body) const;

  // ---- incidents (the incident JSON carries "clocks" and "next_deadline")
  Result<Json> list_incidents(const Principal& p, const IncidentFilter& f) const;
  Result<Json> create_incident(const Principal& p, const Json& body) const;
  Result<Json> get_incident(const Principal& p, const std::string& id) const;
  // Versioned: body "version" (or If-Match) required; aware_at needs aware_at_reason.
  Result<Json> update_incident(const Principal& p, const std::string& id, const Json& body,
                               std::optional<int64_t> if_match) const;
  Result<Json> timeline(const Principal& p, const std::string& id) const;
  // {text, kind?: note|containment|communication, at?}
  Result<Json> add_note(const Principal& p, const std::string& id, const Json& body) const;
  // {facts: {...}, override_significant?: bool, justification?}
  Result<Json> assess(const Principal& p, const std::string& id, const Json& body) const;
  Result<Json> clocks(const Principal& p, const std::string& id) const;
  // {requested_at, due_at, by}
  Result<Json> request_intermediate(const Principal& p, const std::string& id,
                                    const Json& body) const;

  // ---- reports
  Result<Json> list_reports(const Principal& p, const std::string& id) const;
  // {type, recipient, fields: {...}}: freezes the snapshot and renders the PDF.
  Result<Json> file_report(const Principal& p, const std::string& id, const Json& body) const;
  Result<Json> get_report(const Principal& p, const std::string& id,
                          const std::string& report_id) const;
  // format "json" | "pdf": the frozen bytes.
  Result<ReportFile> report_file(const Principal& p, const std::string& id,
                                 const std::string& report_id, const std::string& format) const;

  // ---- post-incident review: {lessons, findings: [{grade, title, description,
  // requirement_keys, action: {title, owner_id, due_on}}]}
  Result<Json> review(const Principal& p, const std::string& id, const Json& body) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
