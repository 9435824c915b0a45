// Operational records of the incident module and the helpers every use case shares.
#include <algorithm>

#include "base/crypto.h"
#include "base/time.h"
#include "service/admin_common.h"
#include "service/incident_internal.h"

namespace isms::incident_internal {

namespace {

Json body_of(const OpRecord& r) {
  auto j = parse_json(r.body);
  return j && j->is_object() ? *j : Json::object();
}

}  // namespace

OpRecord event_record(const SecurityEvent& e) {
  OpRecord r;
  r.kind = kEventKind;
  r.id = e.id;
  r.ref = e.ref;
  r.status = e.status;
  r.owner_id = e.reporter_id;
  r.body = dump_json(event_body(e));
  r.version = e.version;
  r.created_at = e.created_at;
  r.updated_at = e.updated_at;
  return r;
}

SecurityEvent event_of(const OpRecord& r) {
  SecurityEvent e = event_from_body(body_of(r));
  e.id = r.id;
  e.ref = r.ref;
  e.status = r.status;
  e.reporter_id = r.owner_id;
  e.version = r.version;
  e.created_at = r.created_at;
  e.updated_at = r.updated_at;
  return e;
}

OpRecord incident_record(const Incident& i, const std::string& due_at) {
  OpRecord r;
  r.kind = kIncidentKind;
  r.id = i.id;
  r.ref = i.ref;
  r.status = i.status;
  r.owner_id = i.handler_id;
  r.due_at = due_at;
  r.body = dump_json(incident_body(i));
  r.version = i.version;
  r.created_at = i.created_at;
  r.updated_at = i.updated_at;
  return r;
}

Incident incident_of(const OpRecord& r) {
  Incident i = incident_from_body(body_of(r));
  i.id = r.id;
  i.ref = r.ref;
  i.status = r.status;
  i.handler_id = r.owner_id;
  i.version = r.version;
  i.created_at = r.created_at;
  i.updated_at = r.updated_at;
  return i;
}

TimelineEntry timeline_of(const OpRecord& r) {
  TimelineEntry t = timeline_from_body(body_of(r));
  t.id = r.id;
  t.incident_id = r.parent_id;
  t.created_at = r.created_at;
  return t;
}

IncidentReport report_of(const OpRecord& r) {
  IncidentReport rep = report_from_body(body_of(r));
  rep.id = r.id;
  rep.incident_id = r.parent_id;
  rep.created_at = r.created_at;
  return rep;
}

Result<SecurityEvent> load_event(StoreTx& tx, const std::string& id) {
  auto r = tx.get_op_record(kEventKind, id);
  if (!r) {
    if (r.error().code == ErrorCode::kNotFound)
      return Error::not_found("event " + id + " not found");
    return r.error();
  }
  return event_of(*r);
}

Result<Incident> load_incident(StoreTx& tx, const std::string& id) {
  auto r = tx.get_op_record(kIncidentKind, id);
  if (!r) {
    if (r.error().code == ErrorCode::kNotFound) {
      return Error::not_found("incident " + id + " not found");
    }
    return r.error();
  }
  return incident_of(*r);
}

Result<std::vector<TimelineEntry>> load_timeline(StoreTx& tx, const std::string& incident_id) {
  OpRecordQuery q;
  q.kind = kTimelineKind;
  q.parent_id = incident_id;
  q.archived = ArchivedFilter::kAll;
  ISMS_ASSIGN(std::vector<OpRecord> rows, tx.list_op_records(q));
  std::vector<TimelineEntry> out;
  for (const auto& r : rows) out.push_back(timeline_of(r));
  // Order of happening; entries written in one transaction keep their creation order.
  std::stable_sort(out.begin(), out.end(),
                   [](const TimelineEntry& a, const TimelineEntry& b) { return a.at < b.at; });
  return out;
}

Result<std::vector<IncidentReport>> load_reports(StoreTx& tx, const std::string& incident_id) {
  OpRecordQuery q;
  q.kind = kIncidentReportKind;
  q.parent_id = incident_id;
  q.archived = ArchivedFilter::kAll;
  ISMS_ASSIGN(std::vector<OpRecord> rows, tx.list_op_records(q));
  std::vector<IncidentReport> out;
  for (const auto& r : rows) out.push_back(report_of(r));
  return out;
}

Status append_timeline(StoreTx& tx, const std::string& incident_id, const std::string& kind,
                       const std::string& text, const std::string& author, const std::string& at,
                       const std::string& now) {
  TimelineEntry t;
  t.id = new_id();
  t.incident_id = incident_id;
  t.at = at;
  t.kind = kind;
  t.text = text;
  t.author = author;
  OpRecord r;
  r.kind = kTimelineKind;
  r.id = t.id;
  r.parent_id = incident_id;
  r.owner_id = author.rfind("user:", 0) == 0 || author.rfind("cli:", 0) == 0 ? "" : author;
  r.due_at = at;
  r.body = dump_json(timeline_body(t));
  r.created_at = r.updated_at = now;
  return tx.insert_op_record(r);
}

int64_t micros_of(const std::string& instant) {
  int64_t m = 0;
  parse_utc_micros(instant, &m);
  return m;
}

Result<std::vector<ReportClock>> incident_clocks(const Incident& i,
                                                 const std::vector<IncidentReport>& reports,
                                                 const std::string& zone, int64_t now) {
  ClockInputs in;
  in.aware_at = micros_of(i.aware_at);
  in.significant = i.significant();
  in.personal_data = i.personal_data;
  if (!i.resolved_at.empty()) in.handled_at = micros_of(i.resolved_at);
  for (const auto& r : reports) {
    auto t = parse_report_type(r.type);
    if (t) in.reports.push_back({*t, micros_of(r.submitted_at)});
  }
  if (i.intermediate_request) {
    in.intermediate =
        IntermediateRequest{micros_of(i.intermediate_request->requested_at),
                            micros_of(i.intermediate_request->due_at), i.intermediate_request->by};
  }
  in.zone = zone;
  in.now = now;
  return compute_clocks(in);
}

std::string due_column(const std::vector<ReportClock>& clocks) {
  auto d = earliest_unmet_deadline(clocks);
  return d ? format_utc_micros(*d) : std::string();
}

Status store_incident(StoreTx& tx, Incident& i, int64_t expected_version, const std::string& zone,
                      int64_t now_micros, const std::string& now) {
  ISMS_ASSIGN(std::vector<IncidentReport> reports, load_reports(tx, i.id));
  ISMS_ASSIGN(std::vector<ReportClock> clocks, incident_clocks(i, reports, zone, now_micros));
  i.version = expected_version + 1;
  i.updated_at = now;
  return tx.update_op_record(incident_record(i, due_column(clocks)), expected_version);
}

Json incident_view(const Incident& i, const std::vector<ReportClock>& clocks,
                   const std::string& zone) {
  Json j = incident_to_json(i);
  Json cl = Json::array();
  for (const auto& c : clocks) cl.push_back(clock_to_json(c, zone));
  j["clocks"] = cl;
  std::string next = due_column(clocks);
  j["next_deadline"] = next.empty() ? Json(nullptr) : Json(next);
  bool overdue = std::any_of(clocks.begin(), clocks.end(),
                             [](const ReportClock& c) { return c.state == ClockState::kOverdue; });
  j["overdue"] = overdue;
  j["zone"] = zone;
  return j;
}

std::string author_of(const Principal& p) { return p.person_id.empty() ? p.actor : p.person_id; }

Result<std::string> instant_field(const Json& v, const std::string& field) {
  if (v.is_null()) return std::string();
  if (!v.is_string()) return Error::invalid(field, "must be an RFC 3339 UTC instant or null");
  if (v.get<std::string>().empty()) return std::string();
  auto n = admin::normalize_timestamp(v.get<std::string>());
  if (!n) return Error::invalid(field, "must be an RFC 3339 UTC instant (…Z)");
  return *n;
}

}  // namespace isms::incident_internal
