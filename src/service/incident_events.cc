// Security events: anyone with events:report files one (policy 3.3: to the CISO); the
// reporter reads their own; the CISO (incidents:write) triages into a new or existing
// incident, or closes with a reason.
#include <algorithm>

#include "base/crypto.h"
#include "service/admin_common.h"
#include "service/incident_internal.h"
#include "service/incident_service.h"
#include "service/time_zone_setting.h"

namespace isms {

using namespace incident_internal;

namespace {

bool may_read_event(const Principal& p, const SecurityEvent& e) {
  if (p.has("incidents:read")) return true;
  return p.has("events:report") && !p.person_id.empty() && e.reporter_id == p.person_id;
}

}  // namespace

Result<Json> IncidentService::report_event(const Principal& p, const Json& body) const {
  ISMS_TRY(admin::require_permission(p, "events:report"));
  admin::BodyReader r(body);
  SecurityEvent e;
  if (auto v = r.required_string("summary")) e.summary = *v;
  if (auto v = r.string("description")) e.description = *v;
  if (auto v = r.nullable_string("occurred_at"); v && *v && !(*v)->empty()) {
    auto n = admin::normalize_timestamp(**v);
    if (!n) {
      r.add("occurred_at", "must be an RFC 3339 UTC instant (...Z)");
    } else if (micros_of(*n) > ctx_.clock->now_micros()) {
      r.add("occurred_at", "must not be in the future");
    } else {
      e.occurred_at = *n;
    }
  }
  if (auto v = r.strings("asset_ids", 100)) e.asset_ids = admin::sorted_unique(*v);
  if (auto v = r.string("contact")) e.contact = *v;
  // The operator (local CLI) names the reporter; over HTTP it is always the caller.
  std::optional<std::string> reporter;
  if (p.operator_access) {
    reporter = r.string("reporter_id");
  } else {
    r.reject("reporter_id", "is the caller's person");
  }
  for (const char* ro : {"id", "ref", "status", "reported_at", "incident_id", "version"}) {
    r.reject(ro, "is read-only");
  }
  for (const auto& fe : validate_event(e)) r.add(fe.field, fe.message);
  ISMS_TRY(r.finish());
  e.reporter_id = reporter.value_or(p.person_id);
  if (e.reporter_id.empty()) {
    return Error::invalid("reporter_id",
                          "an event is reported by a person; the operator names one");
  }
  std::string now = ctx_.clock->now_utc();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  if (reporter) {
    auto person = tx->get_person(e.reporter_id);
    if (auto err = admin::unless_not_found(person)) return *err;
    if (!person)
      return Error::invalid("reporter_id", "no person with id \"" + e.reporter_id + "\"");
  }
  for (size_t k = 0; k < e.asset_ids.size(); ++k) {
    auto asset = tx->get_asset(e.asset_ids[k]);
    if (auto err = admin::unless_not_found(asset)) return *err;
    if (!asset) {
      return Error::invalid("asset_ids[" + std::to_string(k) + "]",
                            "no asset with id \"" + e.asset_ids[k] + "\"");
    }
  }
  ISMS_ASSIGN(int64_t n, tx->next_op_number(kEventCounter));
  char ref[32];
  std::snprintf(ref, sizeof ref, "EV-%04lld", static_cast<long long>(n));
  e.id = new_id();
  e.ref = ref;
  e.status = "reported";
  e.reported_at = now;
  e.created_at = e.updated_at = now;
  ISMS_TRY(tx->insert_op_record(event_record(e)));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  Json change = event_body(e);
  change["ref"] = e.ref;
  ISMS_TRY(ledger.record("event.report", kEventKind, e.id, change));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return event_to_json(e);
}

Result<Json> IncidentService::list_events(const Principal& p, bool mine) const {
  if (mine || !p.has("incidents:read")) {
    ISMS_TRY(admin::require_permission(p, mine ? "events:report" : "incidents:read"));
    mine = true;
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  OpRecordQuery q;
  q.kind = kEventKind;
  q.archived = ArchivedFilter::kAll;
  q.descending = true;
  if (mine) {
    if (p.person_id.empty()) return Json{{"items", Json::array()}};
    q.owner_id = p.person_id;
  }
  ISMS_ASSIGN(std::vector<OpRecord> rows, tx->list_op_records(q));
  Json items = Json::array();
  for (const auto& row : rows) items.push_back(event_to_json(event_of(row)));
  return Json{{"items", std::move(items)}};
}

Result<Json> IncidentService::get_event(const Principal& p, const std::string& id) const {
  if (!p.has("incidents:read")) ISMS_TRY(admin::require_permission(p, "events:report"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(SecurityEvent e, load_event(*tx, id));
  // Someone else's event reads as absent: its existence is not the caller's business.
  if (!may_read_event(p, e)) return Error::not_found("event " + id + " not found");
  return event_to_json(e);
}

Result<Json> IncidentService::triage_event(const Principal& p, const std::string& id,
                                           const Json& body) const {
  ISMS_TRY(admin::require_permission(p, "incidents:write"));
  admin::BodyReader r(body);
  auto action = r.required_string("action");
  auto version = r.integer("version", 1, INT64_MAX);
  std::optional<std::string> incident_id, reason;
  std::optional<Json> incident_fields;
  if (action && *action == "incident") {
    if (body.is_object() && body.contains("incident")) {
      const Json& f = body["incident"];
      if (!f.is_object()) {
        r.add("incident", "must be an object of incident fields");
      } else {
        incident_fields = f;
      }
    }
    r.reject("incident_id", "is only for action link");
    r.reject("reason", "is only for action close");
    r.string("incident");  // marks it seen; the type was checked above
  } else if (action && *action == "link") {
    incident_id = r.required_string("incident_id");
    r.reject("incident", "is only for action incident");
    r.reject("reason", "is only for action close");
  } else if (action && *action == "close") {
    reason = r.required_string("reason");
    r.reject("incident", "is only for action incident");
    r.reject("incident_id", "is only for action link");
    if (reason) {
      std::vector<FieldError> errs;
      admin::check_text(errs, "reason", *reason, 1, kIncidentTextMax, true);
      for (const auto& e : errs) r.add(e.field, e.message);
    }
  } else if (action) {
    r.add("action", "must be incident, link or close");
  }
  Status read = r.finish();
  if (!read.ok()) {
    // "incident" is an object, which string() reports as a type error: drop that one.
    auto err = read.error();
    std::erase_if(err.details, [&](const FieldError& fe) {
      return fe.field == "incident" && incident_fields.has_value() &&
             fe.message == "must be a string";
    });
    if (!err.details.empty()) return err;
  }
  std::string now = ctx_.clock->now_utc();
  int64_t now_micros = ctx_.clock->now_micros();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(SecurityEvent before, load_event(*tx, id));
  if (version && *version != before.version) {
    return Error::conflict("event " + before.ref + " was changed by someone else: version " +
                           std::to_string(before.version) + " is current");
  }
  if (before.status != "reported") {
    return Error::conflict("event " + before.ref + " was already " + before.status);
  }
  SecurityEvent after = before;
  after.triaged_by = author_of(p);
  after.triaged_at = now;
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_ASSIGN(std::string zone, organization_time_zone(*tx));
  Json incident_json = nullptr;
  if (*action == "close") {
    after.status = "closed";
    after.close_reason = *reason;
  } else {
    Incident inc;
    if (*action == "incident") {
      // Defaults from the event; aware_at defaults to the triage time.
      inc.title = before.summary;
      inc.description = before.description;
      inc.occurred_at = before.occurred_at;
      inc.asset_ids = before.asset_ids;
      std::string unused_reason;
      // BodyReader keeps a reference: the body must outlive it.
      const Json fields_json = incident_fields.value_or(Json::object());
      admin::BodyReader fr(fields_json);
      read_incident_fields(fr, &inc, &unused_reason);
      Status fs = fr.finish();
      if (!fs.ok()) {
        auto err = fs.error();
        for (auto& d : err.details) d.field = "incident." + d.field;
        return err;
      }
      if (inc.aware_at.empty()) inc.aware_at = now;
      if (inc.handler_id.empty()) inc.handler_id = p.person_id;
      inc.event_ids = {before.id};
      ISMS_TRY(check_incident(*tx, inc, now_micros));
      ISMS_ASSIGN(
          inc, insert_incident(*tx, ledger, std::move(inc), author_of(p), zone, now_micros, now));
      ISMS_TRY(append_timeline(*tx, inc.id, "note",
                               "Triaged from event " + before.ref + ": " + before.summary,
                               author_of(p), now, now));
    } else {
      auto found = tx->get_op_record(kIncidentKind, *incident_id);
      if (auto e = admin::unless_not_found(found)) return *e;
      if (!found)
        return Error::invalid("incident_id", "no incident with id \"" + *incident_id + "\"");
      inc = incident_of(*found);
      int64_t v = inc.version;
      inc.event_ids.push_back(before.id);
      ISMS_TRY(store_incident(*tx, inc, v, zone, now_micros, now));
      ISMS_TRY(append_timeline(*tx, inc.id, "note",
                               "Event " + before.ref + " linked: " + before.summary, author_of(p),
                               now, now));
      ISMS_TRY(ledger.record("incident.update", kIncidentKind, inc.id,
                             Json{{"event_ids", {{"added", before.id}}}}));
    }
    after.status = "triaged";
    after.incident_id = inc.id;
    incident_json = Json{{"id", inc.id}, {"ref", inc.ref}};
  }
  after.version = before.version + 1;
  after.updated_at = now;
  ISMS_TRY(tx->update_op_record(event_record(after), before.version));
  ISMS_TRY(ledger.record("event.triage", kEventKind, id,
                         Json{{"action", *action},
                              {"status", after.status},
                              {"incident_id", after.incident_id},
                              {"reason", after.close_reason}}));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  Json out = event_to_json(after);
  out["incident"] = incident_json;
  return out;
}

}  // namespace isms
