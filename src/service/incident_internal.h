// Internals shared by the incident service files (incident_service.cc, incident_events.cc,
// incident_reports.cc): operational record <-> domain conversions, loading, the timeline
// append every change makes, and the clocks of an incident. Not part of the service API.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "domain/incident.h"
#include "domain/nis2_clock.h"
#include "service/context.h"
#include "service/ledger_recorder.h"
#include "store/store.h"

namespace isms::incident_internal {

inline constexpr const char* kEventCounter = "event";
inline constexpr const char* kIncidentCounter = "incident";

OpRecord event_record(const SecurityEvent& e);
SecurityEvent event_of(const OpRecord& r);
OpRecord incident_record(const Incident& i, const std::string& due_at);
Incident incident_of(const OpRecord& r);
TimelineEntry timeline_of(const OpRecord& r);
IncidentReport report_of(const OpRecord& r);

Result<SecurityEvent> load_event(StoreTx& tx, const std::string& id);
Result<Incident> load_incident(StoreTx& tx, const std::string& id);
Result<std::vector<TimelineEntry>> load_timeline(StoreTx& tx, const std::string& incident_id);
Result<std::vector<IncidentReport>> load_reports(StoreTx& tx, const std::string& incident_id);

// Appends a timeline entry (kind, text) at `at` by `author`.
Status append_timeline(StoreTx& tx, const std::string& incident_id, const std::string& kind,
                       const std::string& text, const std::string& author, const std::string& at,
                       const std::string& now);

// The clocks of the incident at `now` in the organization's zone.
Result<std::vector<ReportClock>> incident_clocks(const Incident& i,
                                                 const std::vector<IncidentReport>& reports,
                                                 const std::string& zone, int64_t now);
// The due_at column: the earliest unmet deadline (RFC 3339) or "".
std::string due_column(const std::vector<ReportClock>& clocks);

// Writes the incident (version + 1, due_at recomputed) in the caller's transaction.
Status store_incident(StoreTx& tx, Incident& i, int64_t expected_version, const std::string& zone,
                      int64_t now_micros, const std::string& now);

// {"incident", "clocks", "next_deadline", "zone"}
Json incident_view(const Incident& i, const std::vector<ReportClock>& clocks,
                   const std::string& zone);

// Who the caller is for authorship: the person id, else the ledger actor.
std::string author_of(const Principal& p);

// Parses an RFC 3339 UTC instant (kInvalid naming field); "" stays "" when allowed.
Result<std::string> instant_field(const Json& v, const std::string& field);
int64_t micros_of(const std::string& instant);

}  // namespace isms::incident_internal

namespace isms::admin {
class BodyReader;
}

namespace isms::incident_internal {

// Reads the incident's editable members from `r` onto `i` (create: title required). The
// aware_at reason (aware_at_reason) goes to *aware_reason. Records problems in `r`.
void read_incident_fields(admin::BodyReader& r, Incident* i, std::string* aware_reason);
// Field rules + references: handler a person, asset ids assets, aware_at not in the future.
Status check_incident(StoreTx& tx, const Incident& i, int64_t now_micros);
// Inserts a new incident (INC-nnnn) with its first timeline entry and ledger entry.
Result<Incident> insert_incident(StoreTx& tx, LedgerRecorder& ledger, Incident i,
                                 const std::string& author, const std::string& zone,
                                 int64_t now_micros, const std::string& now);

}  // namespace isms::incident_internal
