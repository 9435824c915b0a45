// Incidents: create, read with clocks, change (versioned), timeline and notes.
#include "service/incident_service.h"

#include <algorithm>

#include "base/crypto.h"
#include "base/time.h"
#include "service/admin_common.h"
#include "service/incident_internal.h"
#include "service/time_zone_setting.h"

namespace isms {

using namespace incident_internal;

namespace incident_internal {

void read_incident_fields(admin::BodyReader& r, Incident* i, std::string* aware_reason) {
  if (auto v = r.string("title")) i->title = *v;
  if (auto v = r.string("description")) i->description = *v;
  if (auto v = r.string("severity")) {
    if (!is_incident_severity(*v)) {
      r.add("severity", "must be low, medium, high or critical");
    } else {
      i->severity = *v;
    }
  }
  if (auto v = r.nullable_string("handler_id")) i->handler_id = v->value_or("");
  auto instant = [&](const char* field, std::string* out) {
    if (auto v = r.nullable_string(field)) {
      if (!*v || (*v)->empty()) {
        *out = "";
        return;
      }
      auto n = admin::normalize_timestamp(**v);
      if (!n) {
        r.add(field, "must be an RFC 3339 UTC instant (...Z)");
      } else {
        *out = *n;
      }
    }
  };
  instant("aware_at", &i->aware_at);
  instant("occurred_at", &i->occurred_at);
  instant("detected_at", &i->detected_at);
  if (auto v = r.string("aware_at_reason")) *aware_reason = *v;
  if (auto v = r.strings("asset_ids", kIncidentListMax)) i->asset_ids = admin::sorted_unique(*v);
  if (auto v = r.strings("suppliers", kIncidentListMax)) i->suppliers = *v;
  if (auto v = r.boolean("personal_data")) i->personal_data = *v;
  if (auto v = r.strings("personal_data_categories", kIncidentListMax)) {
    i->personal_data_categories = *v;
  }
  if (auto v = r.integer("data_subjects_approx", 0, 100000000000LL)) i->data_subjects_approx = *v;
  if (auto v = r.boolean("cross_border")) i->cross_border = *v;
  if (auto v = r.boolean("ongoing")) i->ongoing = *v;
  for (const char* ro : {"id", "ref", "created_at", "updated_at", "significant", "assessment",
                         "clocks", "next_deadline", "event_ids", "resolved_at", "review",
                         "intermediate_request", "overdue", "zone"}) {
    r.reject(ro, "is read-only");
  }
}

Status check_incident(StoreTx& tx, const Incident& i, int64_t now_micros) {
  auto errors = validate_incident(i);
  if (!i.aware_at.empty() && micros_of(i.aware_at) > now_micros) {
    errors.push_back({"aware_at", "must not be in the future"});
  }
  if (!i.handler_id.empty()) {
    auto person = tx.get_person(i.handler_id);
    if (auto e = admin::unless_not_found(person)) return *e;
    if (!person) errors.push_back({"handler_id", "no person with id \"" + i.handler_id + "\""});
  }
  for (size_t k = 0; k < i.asset_ids.size(); ++k) {
    auto asset = tx.get_asset(i.asset_ids[k]);
    if (auto e = admin::unless_not_found(asset)) return *e;
    if (!asset) {
      errors.push_back(
          {"asset_ids[" + std::to_string(k) + "]", "no asset with id \"" + i.asset_ids[k] + "\""});
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

Result<Incident> insert_incident(StoreTx& tx, LedgerRecorder& ledger, Incident i,
                                 const std::string& author, const std::string& zone,
                                 int64_t now_micros, const std::string& now) {
  ISMS_ASSIGN(int64_t n, tx.next_op_number(kIncidentCounter));
  char ref[32];
  std::snprintf(ref, sizeof ref, "INC-%04lld", static_cast<long long>(n));
  i.id = new_id();
  i.ref = ref;
  i.status = "open";
  i.version = 1;
  i.created_at = i.updated_at = now;
  ISMS_ASSIGN(std::vector<ReportClock> clocks, incident_clocks(i, {}, zone, now_micros));
  ISMS_TRY(tx.insert_op_record(incident_record(i, due_column(clocks))));
  ISMS_TRY(append_timeline(
      tx, i.id, "status",
      "Incident " + i.ref + " opened (severity " + i.severity + "); aware at " + i.aware_at, author,
      now, now));
  Json change = incident_body(i);
  change["ref"] = i.ref;
  change["status"] = i.status;
  ISMS_TRY(ledger.record("incident.create", kIncidentKind, i.id, change));
  return i;
}

}  // namespace incident_internal

namespace {

Result<Json> view_in_tx(StoreTx& tx, const Incident& i, int64_t now) {
  ISMS_ASSIGN(std::string zone, organization_time_zone(tx));
  ISMS_ASSIGN(std::vector<IncidentReport> reports, load_reports(tx, i.id));
  ISMS_ASSIGN(std::vector<ReportClock> clocks, incident_clocks(i, reports, zone, now));
  return incident_view(i, clocks, zone);
}

}  // namespace

Result<Json> IncidentService::list_incidents(const Principal& p, const IncidentFilter& f) const {
  ISMS_TRY(admin::require_permission(p, "incidents:read"));
  if (f.status && !is_incident_status(*f.status)) {
    return Error::invalid("status", "must be open, contained, resolved or closed");
  }
  if (f.severity && !is_incident_severity(*f.severity)) {
    return Error::invalid("severity", "must be low, medium, high or critical");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  OpRecordQuery q;
  q.kind = kIncidentKind;
  q.archived = ArchivedFilter::kAll;
  q.descending = true;
  if (f.status) q.statuses = {*f.status};
  ISMS_ASSIGN(std::vector<OpRecord> rows, tx->list_op_records(q));
  int64_t now = ctx_.clock->now_micros();
  Json items = Json::array();
  for (const auto& row : rows) {
    Incident i = incident_of(row);
    if (f.severity && i.severity != *f.severity) continue;
    if (f.significant && i.significant() != *f.significant) continue;
    ISMS_ASSIGN(Json v, view_in_tx(*tx, i, now));
    if (f.overdue && v["overdue"].get<bool>() != *f.overdue) continue;
    items.push_back(std::move(v));
  }
  return Json{{"items", std::move(items)}};
}

Result<Json> IncidentService::create_incident(const Principal& p, const Json& body) const {
  ISMS_TRY(admin::require_permission(p, "incidents:write"));
  Incident i;
  std::string reason;
  admin::BodyReader r(body);
  read_incident_fields(r, &i, &reason);
  if (!body.is_object() || !body.contains("title")) r.add("title", "is required");
  ISMS_TRY(r.finish());
  std::string now = ctx_.clock->now_utc();
  int64_t now_micros = ctx_.clock->now_micros();
  if (i.aware_at.empty()) i.aware_at = now;  // aware when recorded, unless told otherwise
  if (i.handler_id.empty()) i.handler_id = p.person_id;
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_TRY(check_incident(*tx, i, now_micros));
  ISMS_ASSIGN(std::string zone, organization_time_zone(*tx));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_ASSIGN(Incident stored,
              insert_incident(*tx, ledger, std::move(i), author_of(p), zone, now_micros, now));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Json v, view_in_tx(*tx, stored, now_micros));
  ISMS_TRY(tx->commit());
  return v;
}

Result<Json> IncidentService::get_incident(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "incidents:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(Incident i, load_incident(*tx, id));
  return view_in_tx(*tx, i, ctx_.clock->now_micros());
}

Result<Json> IncidentService::update_incident(const Principal& p, const std::string& id,
                                              const Json& body,
                                              std::optional<int64_t> if_match) const {
  ISMS_TRY(admin::require_permission(p, "incidents:write"));
  admin::BodyReader r(body);
  std::optional<int64_t> version = r.integer("version", 1, INT64_MAX);
  std::optional<std::string> status = r.string("status");
  std::string reason;
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Incident before, load_incident(*tx, id));
  Incident after = before;
  read_incident_fields(r, &after, &reason);
  if (status && !is_incident_status(*status)) {
    r.add("status", "must be open, contained, resolved or closed");
  }
  if (if_match && version && *if_match != *version) {
    r.add("version", "the body's version and If-Match differ");
  }
  ISMS_TRY(r.finish());
  std::optional<int64_t> expected = if_match ? if_match : version;
  if (!expected) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  if (*expected != before.version) {
    return Error::conflict("incident " + before.ref + " was changed by someone else: version " +
                           std::to_string(before.version) + " is current, the request was for " +
                           std::to_string(*expected));
  }
  std::string now = ctx_.clock->now_utc();
  int64_t now_micros = ctx_.clock->now_micros();
  std::string author = author_of(p);
  if (status && *status != before.status) {
    if (incident_status_rank(*status) < incident_status_rank(before.status)) {
      return Error::invalid("status",
                            "an incident moves forward only (open -> contained -> "
                            "resolved -> closed); it is " +
                                before.status);
    }
    after.status = *status;
    if (incident_status_rank(*status) >= 2 && after.resolved_at.empty()) {
      after.resolved_at = now;  // handled: Art. 23(4)(e) runs from here
      after.ongoing = false;
    }
  }
  if (after.aware_at != before.aware_at) {
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      return Error::invalid("aware_at_reason",
                            "is required when aware_at changes (the reporting clocks run from it)");
    }
  }
  if (after.aware_at.empty()) return Error::invalid("aware_at", "is required");
  ISMS_TRY(check_incident(*tx, after, now_micros));
  Json diff = admin::json_diff(incident_to_json(before), incident_to_json(after));
  if (diff.empty()) return view_in_tx(*tx, before, now_micros);
  ISMS_ASSIGN(std::string zone, organization_time_zone(*tx));
  ISMS_TRY(store_incident(*tx, after, before.version, zone, now_micros, now));
  if (after.status != before.status) {
    ISMS_TRY(append_timeline(*tx, id, "status", "Status " + before.status + " -> " + after.status,
                             author, now, now));
  }
  if (after.aware_at != before.aware_at) {
    ISMS_TRY(append_timeline(
        *tx, id, "aware_at_change",
        "Aware at changed from " + before.aware_at + " to " + after.aware_at + ": " + reason,
        author, now, now));
    diff["aware_at_reason"] = reason;
  }
  std::vector<std::string> changed;
  for (auto it = diff.begin(); it != diff.end(); ++it) {
    if (it.key() != "status" && it.key() != "aware_at" && it.key() != "aware_at_reason" &&
        it.key() != "resolved_at" && it.key() != "ongoing") {
      changed.push_back(it.key());
    }
  }
  if (!changed.empty()) {
    std::string text = "Changed:";
    for (const auto& c : changed) text += " " + c;
    ISMS_TRY(append_timeline(*tx, id, "note", text, author, now, now));
  }
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("incident.update", kIncidentKind, id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(Incident stored, load_incident(*tx, id));
  ISMS_ASSIGN(Json v, view_in_tx(*tx, stored, now_micros));
  ISMS_TRY(tx->commit());
  return v;
}

Result<Json> IncidentService::timeline(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "incidents:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_TRY(load_incident(*tx, id));
  ISMS_ASSIGN(std::vector<TimelineEntry> entries, load_timeline(*tx, id));
  Json items = Json::array();
  for (const auto& t : entries) items.push_back(timeline_to_json(t));
  return Json{{"items", std::move(items)}};
}

Result<Json> IncidentService::add_note(const Principal& p, const std::string& id,
                                       const Json& body) const {
  ISMS_TRY(admin::require_permission(p, "incidents:write"));
  admin::BodyReader r(body);
  auto text = r.required_string("text");
  std::string kind = r.string("kind").value_or("note");
  auto at_value = r.nullable_string("at");
  if (kind != "note" && kind != "containment" && kind != "communication") {
    r.add("kind", "must be note, containment or communication");
  }
  std::string now = ctx_.clock->now_utc();
  std::string at = now;
  if (at_value && *at_value && !(*at_value)->empty()) {
    auto n = admin::normalize_timestamp(**at_value);
    if (!n) {
      r.add("at", "must be an RFC 3339 UTC instant (...Z)");
    } else if (micros_of(*n) > ctx_.clock->now_micros()) {
      r.add("at", "must not be in the future");
    } else {
      at = *n;
    }
  }
  std::vector<FieldError> text_errors;
  if (text) admin::check_text(text_errors, "text", *text, 1, kIncidentTextMax, true);
  for (const auto& e : text_errors) r.add(e.field, e.message);
  ISMS_TRY(r.finish());
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Incident i, load_incident(*tx, id));
  ISMS_TRY(append_timeline(*tx, id, kind, *text, author_of(p), at, now));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("incident.note", kIncidentKind, id,
                         Json{{"kind", kind}, {"at", at}, {"text", *text}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(std::vector<TimelineEntry> entries, load_timeline(*tx, id));
  ISMS_TRY(tx->commit());
  Json items = Json::array();
  for (const auto& t : entries) items.push_back(timeline_to_json(t));
  return Json{{"items", std::move(items)}};
}

}  // namespace isms
