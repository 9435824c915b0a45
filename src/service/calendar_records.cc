// CalendarService internals (calendar_service.h "calendar_internal") and the wire forms:
// reading activities from operational records, their occurrence records, the next open
// occurrence, inserting an activity.
#include <algorithm>
#include <set>

#include "base/crypto.h"
#include "base/time_zone.h"
#include "service/admin_common.h"
#include "service/calendar_service.h"

namespace isms {

namespace calendar_internal {

// How far the search for the next open occurrence goes (occurrences after the anchor).
constexpr int kOpenSearchMax = 5000;

Result<Activity> activity_of(const OpRecord& r) {
  Activity a;
  a.id = r.id;
  a.ref = r.ref;
  a.owner_id = r.owner_id;
  auto status = parse_activity_status(r.status);
  if (!status) return Error::corruption("activity " + r.id + " has status \"" + r.status + "\"");
  a.status = *status;
  a.archived = r.archived;
  a.version = r.version;
  a.created_at = r.created_at;
  a.updated_at = r.updated_at;
  ISMS_ASSIGN(Json body, parse_json(r.body));
  ISMS_TRY(activity_from_body(body, &a));
  return a;
}

Result<Activity> load_activity(StoreTx& tx, const std::string& id) {
  auto r = tx.get_op_record("activity", id);
  if (!r) {
    if (r.error().code == ErrorCode::kNotFound) {
      return Error::not_found("activity " + id + " not found");
    }
    return r.error();
  }
  return activity_of(*r);
}

Result<std::vector<OpRecord>> occurrence_records(StoreTx& tx, const std::string& activity_id) {
  OpRecordQuery q;
  q.kind = "occurrence";
  q.parent_id = activity_id;
  q.order = OpRecordOrder::kDue;
  return tx.list_op_records(q);
}

std::string next_open_occurrence(const Activity& a, const std::vector<OpRecord>& records) {
  if (a.status != ActivityStatus::kActive || a.archived) return "";
  std::set<std::string> recorded;
  for (const OpRecord& r : records) recorded.insert(r.due_at);
  std::string date = next_occurrence_on_or_after(a, a.anchor_on);
  for (int i = 0; i < kOpenSearchMax && !date.empty(); ++i) {
    if (!recorded.count(date)) return date;
    auto next = add_days(date, 1);
    if (!next) return "";
    date = next_occurrence_on_or_after(a, *next);
  }
  return "";
}

Result<Activity> insert_activity(const ServiceContext& ctx, StoreTx& tx, LedgerRecorder& ledger,
                                 Activity a) {
  ISMS_ASSIGN(int64_t number, tx.next_op_number("activity"));
  char ref[32];
  std::snprintf(ref, sizeof ref, "ACT-%04lld", static_cast<long long>(number));
  a.id = new_id();
  a.ref = ref;
  a.version = 1;
  a.archived = false;
  a.created_at = a.updated_at = ctx.clock->now_utc();
  OpRecord r;
  r.kind = "activity";
  r.id = a.id;
  r.ref = a.ref;
  r.status = std::string(activity_status_name(a.status));
  r.owner_id = a.owner_id;
  r.due_at = next_open_occurrence(a, {});
  r.body = dump_json(activity_body(a));
  r.version = 1;
  r.created_at = r.updated_at = a.created_at;
  ISMS_TRY(tx.insert_op_record(r));
  Json change = activity_body(a);
  change["ref"] = a.ref;
  change["owner_id"] = a.owner_id;
  change["status"] = r.status;
  ISMS_TRY(ledger.record("activity.create", "activity", a.id, change));
  return a;
}

Result<std::string> PersonNames::name(const std::string& id) {
  if (id.empty()) return std::string();
  for (const auto& [k, v] : cache_) {
    if (k == id) return v;
  }
  auto person = tx_.get_person(id);
  if (auto e = admin::unless_not_found(person)) return *e;
  std::string n = person ? person->name : "";
  cache_.emplace_back(id, n);
  return n;
}

}  // namespace calendar_internal

Json occurrence_to_json(const Occurrence& o) {
  auto opt = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  return Json{{"activity_id", o.activity_id},
              {"due_on", o.due_on},
              {"state", o.state},
              {"record_id", opt(o.record_id)},
              {"completed_at", opt(o.completed_at)},
              {"completed_by", opt(o.completed_by)},
              {"completed_by_name", opt(o.completed_by_name)},
              {"notes", o.notes},
              {"decision", o.decision},
              {"reason", o.reason},
              {"evidence", o.evidence}};
}

Json agenda_item_to_json(const AgendaItem& i) {
  auto opt = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  return Json{{"source", i.source},
              {"object_type", i.object_type},
              {"object_id", i.object_id},
              {"ref", opt(i.ref)},
              {"title", i.title},
              {"owner_id", opt(i.owner_id)},
              {"owner_name", opt(i.owner_name)},
              {"due_on", i.due_on},
              {"due_at", opt(i.due_at)},
              {"state", i.state},
              {"link", i.link}};
}

Json activity_view_to_json(const ActivityView& v) {
  Json j = activity_to_json(v.activity);
  j["owner_name"] = v.owner_name.empty() ? Json(nullptr) : Json(v.owner_name);
  j["next_due"] = v.next_due.empty() ? Json(nullptr) : Json(v.next_due);
  j["next_state"] = v.next_state.empty() ? Json(nullptr) : Json(v.next_state);
  return j;
}

}  // namespace isms
