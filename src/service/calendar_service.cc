#include "service/calendar_service.h"

#include <map>

#include "base/time_zone.h"
#include "service/admin_common.h"
#include "service/time_zone_setting.h"

namespace isms {

using namespace calendar_internal;

namespace {

Status check_version(const std::string& id, int64_t current, int64_t expected) {
  if (current == expected) return ok_status();
  return Error::conflict("activity " + id + " is at version " + std::to_string(current) + ", not " +
                         std::to_string(expected) + ": reload and try again");
}

// The fields applied to an activity; the cadence is read against the resulting anchor.
Status apply_fields(const ActivityFields& f, Activity* a) {
  if (f.title) a->title = *f.title;
  if (f.description) a->description = *f.description;
  if (f.anchor_on) a->anchor_on = *f.anchor_on;
  if (f.owner_id) a->owner_id = *f.owner_id;
  if (f.policy_ref) a->policy_ref = *f.policy_ref;
  if (f.subject) a->subject = *f.subject;
  if (f.requires_fields) a->requires_fields = *f.requires_fields;
  if (f.due_window_days) a->due_window_days = *f.due_window_days;
  if (f.status) a->status = *f.status;
  std::vector<FieldError> errors;
  if (f.cadence) {
    auto c = cadence_from_json(*f.cadence, "cadence", a->anchor_on);
    if (c) {
      a->cadence = *c;
    } else {
      const Error& e = c.error();
      if (e.details.empty()) errors.push_back({e.field, e.message});
      errors.insert(errors.end(), e.details.begin(), e.details.end());
    }
  }
  auto more = validate_activity(*a);
  errors.insert(errors.end(), more.begin(), more.end());
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

Status check_owner(StoreTx& tx, const std::string& owner_id) {
  if (owner_id.empty()) return ok_status();
  auto person = tx.get_person(owner_id);
  if (auto e = admin::unless_not_found(person)) return *e;
  if (!person) return Error::invalid("owner_id", "no person with id \"" + owner_id + "\"");
  return ok_status();
}

Result<ActivityView> view_of(StoreTx& tx, PersonNames& names, Activity a,
                             const std::string& today) {
  ActivityView v;
  ISMS_ASSIGN(std::vector<OpRecord> records, occurrence_records(tx, a.id));
  v.next_due = next_open_occurrence(a, records);
  if (!v.next_due.empty()) {
    v.next_state = occurrence_state(v.next_due, today, a.due_window_days, false);
  }
  ISMS_ASSIGN(v.owner_name, names.name(a.owner_id));
  v.activity = std::move(a);
  return v;
}

OpRecord record_of(const Activity& a, const std::string& due_at) {
  OpRecord r;
  r.kind = "activity";
  r.id = a.id;
  r.ref = a.ref;
  r.status = std::string(activity_status_name(a.status));
  r.owner_id = a.owner_id;
  r.due_at = due_at;
  r.archived = a.archived;
  r.body = dump_json(activity_body(a));
  r.version = a.version;
  r.created_at = a.created_at;
  r.updated_at = a.updated_at;
  return r;
}

// The ledger's view of an activity: its body plus the columns that carry meaning.
Json ledger_form(const Activity& a) {
  Json j = activity_body(a);
  j["owner_id"] = a.owner_id;
  j["status"] = std::string(activity_status_name(a.status));
  return j;
}

Occurrence occurrence_of(const std::string& activity_id, const std::string& date,
                         const OpRecord* record, const std::string& state) {
  Occurrence o;
  o.activity_id = activity_id;
  o.due_on = date;
  o.state = state;
  if (!record) return o;
  o.record_id = record->id;
  o.state = record->status == "skipped" ? "skipped" : "done";
  auto body = parse_json(record->body);
  if (body && body->is_object()) {
    const Json& b = *body;
    auto text = [&](const char* key) {
      return b.contains(key) && b[key].is_string() ? b[key].get<std::string>() : std::string();
    };
    o.completed_at = text("completed_at");
    o.completed_by = text("completed_by");
    o.notes = text("notes");
    o.decision = text("decision");
    o.reason = text("reason");
    if (b.contains("evidence") && b["evidence"].is_array()) {
      for (const auto& e : b["evidence"]) {
        if (e.is_string()) o.evidence.push_back(e.get<std::string>());
      }
    }
  }
  return o;
}

}  // namespace

Result<std::vector<ActivityView>> CalendarService::list(const Principal& p,
                                                        const ActivityFilter& f) const {
  ISMS_TRY(admin::require_permission(p, "calendar:read"));
  if (!f.status.empty() && f.status != "active" && f.status != "paused" && f.status != "archived") {
    return Error::invalid("status", "must be active, paused or archived");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  OpRecordQuery q;
  q.kind = "activity";
  q.order = OpRecordOrder::kRef;
  if (f.status == "archived") {
    q.archived = ArchivedFilter::kArchivedOnly;
  } else if (!f.status.empty()) {
    q.statuses = {f.status};
  }
  if (!f.owner_id.empty()) q.owner_id = f.owner_id == "none" ? "" : f.owner_id;
  ISMS_ASSIGN(std::vector<OpRecord> records, tx->list_op_records(q));
  PersonNames names(*tx);
  std::vector<ActivityView> out;
  for (const OpRecord& r : records) {
    ISMS_ASSIGN(Activity a, activity_of(r));
    if (!f.subject.empty() && a.subject.register_name != f.subject) continue;
    ISMS_ASSIGN(ActivityView v, view_of(*tx, names, std::move(a), today));
    out.push_back(std::move(v));
  }
  return out;
}

Result<ActivityView> CalendarService::get(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "calendar:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Activity a, load_activity(*tx, id));
  PersonNames names(*tx);
  return view_of(*tx, names, std::move(a), today);
}

Result<ActivityView> CalendarService::create(const Principal& p, const ActivityFields& f) const {
  ISMS_TRY(admin::require_permission(p, "calendar:write"));
  if (f.version) return Error::invalid("version", "not accepted when creating");
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  Activity a;
  a.anchor_on = today;
  std::vector<FieldError> missing;
  if (!f.title) missing.push_back({"title", "is required"});
  if (!f.cadence) missing.push_back({"cadence", "is required"});
  if (!missing.empty()) return Error::invalid(std::move(missing));
  ISMS_TRY(apply_fields(f, &a));
  ISMS_TRY(check_owner(*tx, a.owner_id));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_ASSIGN(Activity stored, insert_activity(ctx_, *tx, ledger, std::move(a)));
  ISMS_TRY(ledger.finish());
  PersonNames names(*tx);
  ISMS_ASSIGN(ActivityView v, view_of(*tx, names, std::move(stored), today));
  ISMS_TRY(tx->commit());
  return v;
}

Result<ActivityView> CalendarService::update(const Principal& p, const std::string& id,
                                             const ActivityFields& f) const {
  ISMS_TRY(admin::require_permission(p, "calendar:write"));
  if (!f.version) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Activity before, load_activity(*tx, id));
  ISMS_TRY(check_version(id, before.version, *f.version));
  if (before.archived) return Error::conflict("activity " + before.ref + " is archived");
  Activity after = before;
  ISMS_TRY(apply_fields(f, &after));
  if (after.owner_id != before.owner_id) ISMS_TRY(check_owner(*tx, after.owner_id));
  PersonNames names(*tx);
  Json diff = admin::json_diff(ledger_form(before), ledger_form(after));
  if (diff.empty()) return view_of(*tx, names, std::move(before), today);
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_ASSIGN(std::vector<OpRecord> records, occurrence_records(*tx, id));
  ISMS_TRY(
      tx->update_op_record(record_of(after, next_open_occurrence(after, records)), before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("activity.update", "activity", id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(ActivityView v, view_of(*tx, names, std::move(after), today));
  ISMS_TRY(tx->commit());
  return v;
}

Result<ActivityView> CalendarService::archive(const Principal& p, const std::string& id,
                                              std::optional<int64_t> expected_version) const {
  ISMS_TRY(admin::require_permission(p, "calendar:write"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Activity before, load_activity(*tx, id));
  if (expected_version) ISMS_TRY(check_version(id, before.version, *expected_version));
  if (before.archived) return Error::conflict("activity " + before.ref + " is already archived");
  Activity after = before;
  after.archived = true;
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_op_record(record_of(after, ""), before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("activity.archive", "activity", id,
                         Json{{"ref", after.ref}, {"archived_at", after.updated_at}}));
  ISMS_TRY(ledger.finish());
  PersonNames names(*tx);
  ISMS_ASSIGN(ActivityView v, view_of(*tx, names, std::move(after), today));
  ISMS_TRY(tx->commit());
  return v;
}

Result<std::vector<Occurrence>> CalendarService::occurrences(const Principal& p,
                                                             const std::string& id,
                                                             std::string from,
                                                             std::string to) const {
  ISMS_TRY(admin::require_permission(p, "calendar:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  if (from.empty()) {
    ISMS_ASSIGN(from, add_days(today, -30));
  }
  if (to.empty() && is_valid_date(from)) {
    ISMS_ASSIGN(to, add_days(from, 365));
  }
  std::vector<FieldError> errors;
  if (!is_valid_date(from)) errors.push_back({"from", "must be a date YYYY-MM-DD"});
  if (!is_valid_date(to)) errors.push_back({"to", "must be a date YYYY-MM-DD"});
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ISMS_ASSIGN(int64_t span, days_between(from, to));
  if (span < 0) return Error::invalid("to", "must not be before from");
  if (span > kCalendarRangeMaxDays) {
    return Error::invalid(
        "to", "the range spans at most " + std::to_string(kCalendarRangeMaxDays) + " days");
  }
  ISMS_ASSIGN(Activity a, load_activity(*tx, id));
  ISMS_ASSIGN(std::vector<OpRecord> records, occurrence_records(*tx, id));
  std::map<std::string, const OpRecord*> by_date;
  for (const OpRecord& r : records) {
    if (r.due_at >= from && r.due_at <= to) by_date[r.due_at] = &r;
  }
  std::map<std::string, Occurrence> out;
  bool generating = a.status == ActivityStatus::kActive && !a.archived;
  if (generating) {
    for (const std::string& d : occurrence_dates(a, from, to)) {
      out[d] =
          occurrence_of(a.id, d, nullptr, occurrence_state(d, today, a.due_window_days, false));
    }
  }
  PersonNames names(*tx);
  for (const auto& [d, r] : by_date) {
    out[d] = occurrence_of(a.id, d, r, "");
    ISMS_ASSIGN(out[d].completed_by_name, names.name(out[d].completed_by));
  }
  std::vector<Occurrence> list;
  for (auto& [d, o] : out) list.push_back(std::move(o));
  return list;
}

Result<Occurrence> CalendarService::complete(
    const Principal& p, const std::string& id, const std::string& date, const Completion& c,
    const std::optional<std::string>& operator_person) const {
  return record_occurrence(p, id, date, c, operator_person, false);
}

Result<Occurrence> CalendarService::skip(const Principal& p, const std::string& id,
                                         const std::string& date, const Completion& c,
                                         const std::optional<std::string>& operator_person) const {
  ISMS_TRY(admin::require_permission(p, "calendar:write"));
  return record_occurrence(p, id, date, c, operator_person, true);
}

Result<Occurrence> CalendarService::record_occurrence(
    const Principal& p, const std::string& id, const std::string& date, const Completion& c,
    const std::optional<std::string>& operator_person, bool skip) const {
  if (!is_valid_date(date)) return Error::invalid("date", "must be a date YYYY-MM-DD");
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(Activity a, load_activity(*tx, id));
  bool owner = !a.owner_id.empty() && a.owner_id == p.person_id;
  if (!owner && !p.has("calendar:write")) {
    // Without calendar:read the activity's existence is not disclosed.
    if (!p.has("calendar:read")) return Error::not_found("activity " + id + " not found");
    return Error::forbidden(
        "only the activity's owner or a holder of calendar:write may "
        "complete its occurrences");
  }
  if (a.archived) return Error::conflict("activity " + a.ref + " is archived");
  std::string by = p.person_id;
  if (p.operator_access && operator_person) by = *operator_person;
  if (by.empty() && p.operator_access) {
    return Error::invalid("completed_by",
                          "an occurrence is completed by a person; the operator names one "
                          "(--as-person)");
  }
  if (by != p.person_id) {
    auto person = tx->get_person(by);
    if (auto e = admin::unless_not_found(person)) return *e;
    if (!person) return Error::invalid("completed_by", "no person with id \"" + by + "\"");
  }
  if (!is_occurrence_date(a, date)) {
    return Error::invalid("date", date + " is not an occurrence of " + a.ref + " (" +
                                      describe_cadence(a.cadence, a.anchor_on) + ")");
  }
  if (!skip) ISMS_TRY(check_requirements(a, c));
  for (size_t i = 0; i < c.evidence.size(); ++i) {
    if (is_https_url(c.evidence[i])) continue;
    auto ev = tx->get_evidence(c.evidence[i]);
    if (auto e = admin::unless_not_found(ev)) return *e;
    if (!ev) {
      return Error::invalid("evidence[" + std::to_string(i) + "]",
                            "no evidence with id \"" + c.evidence[i] + "\" (or give an https URL)");
    }
  }
  std::string occurrence_id = a.id + "@" + date;
  auto existing = tx->get_op_record("occurrence", occurrence_id);
  if (existing) {
    return Error::conflict("the occurrence of " + a.ref + " on " + date + " is already " +
                           existing->status);
  }
  if (existing.error().code != ErrorCode::kNotFound) return existing.error();
  std::string now = ctx_.clock->now_utc();
  Json body{{"due_on", date}, {"completed_at", now}, {"completed_by", by}};
  if (skip) {
    body["reason"] = c.reason;
  } else {
    body["notes"] = c.notes;
    body["evidence"] = c.evidence;
    body["decision"] = c.decision;
  }
  OpRecord r;
  r.kind = "occurrence";
  r.id = occurrence_id;
  r.parent_id = a.id;
  r.status = skip ? "skipped" : "done";
  r.owner_id = by;
  r.due_at = date;
  r.body = dump_json(body);
  r.created_at = r.updated_at = now;
  ISMS_TRY(tx->insert_op_record(r));
  // The activity's due_at moves to the next open occurrence.
  ISMS_ASSIGN(std::vector<OpRecord> records, occurrence_records(*tx, a.id));
  std::string next = next_open_occurrence(a, records);
  ISMS_ASSIGN(OpRecord stored, tx->get_op_record("activity", a.id));
  if (stored.due_at != next) {
    stored.due_at = next;
    // The next date is derived bookkeeping, not an edit: the version stays.
    ISMS_TRY(tx->update_op_record(stored, stored.version));
  }
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  Json change = body;
  change["activity_ref"] = a.ref;
  ISMS_TRY(ledger.record(skip ? "occurrence.skip" : "occurrence.complete", "occurrence",
                         occurrence_id, change));
  ISMS_TRY(ledger.finish());
  Occurrence o = occurrence_of(a.id, date, &r, "");
  PersonNames names(*tx);
  ISMS_ASSIGN(o.completed_by_name, names.name(by));
  ISMS_TRY(tx->commit());
  return o;
}

Result<std::string> CalendarService::time_zone(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "calendar:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return organization_time_zone(*tx);
}

Result<std::string> CalendarService::set_time_zone(const Principal& p,
                                                   const std::string& zone) const {
  ISMS_TRY(admin::require_permission(p, "calendar:write"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string before, organization_time_zone(*tx));
  if (before == zone) return before;
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(set_organization_time_zone(*tx, ledger, zone, ctx_.clock->now_utc()));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return zone;
}

}  // namespace isms
