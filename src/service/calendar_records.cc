// CalendarService internals (calendar_service.h "calendar_internal") and the wire forms:
// reading activities from operational records, their occurrence records, the next open
// occurrence, inserting an activity, and the strict reader of activity fields.
#include <algorithm>
#include <set>

#include "base/crypto.h"
#include "base/time_zone.h"
#include "domain/risk_common.h"
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

Result<ActivityFields> activity_fields_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  ActivityFields f;
  risk_detail::JsonFields d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "title" || key == "description" || key == "anchor_on" || key == "policy_ref") {
      auto t = d.string(v, key);
      if (!t) continue;
      if (key == "title") f.title = *t;
      if (key == "description") f.description = *t;
      if (key == "policy_ref") f.policy_ref = *t;
      if (key == "anchor_on") {
        if (!risk_detail::is_valid_date(*t)) {
          d.add(key, "must be a date YYYY-MM-DD");
        } else {
          f.anchor_on = *t;
        }
      }
    } else if (key == "owner_id") {
      if (auto t = d.nullable_string(v, key)) f.owner_id = t->value_or("");
    } else if (key == "cadence") {
      f.cadence = v;
    } else if (key == "subject") {
      if (!v.is_object()) {
        d.add(key, "must be an object {\"register\",\"object_id\"}");
        continue;
      }
      Subject s;
      bool ok = true;
      for (auto m = v.begin(); m != v.end(); ++m) {
        if (m.key() == "register" && m.value().is_string()) {
          s.register_name = m.value().get<std::string>();
        } else if (m.key() == "object_id" && (m.value().is_string() || m.value().is_null())) {
          s.object_id = m.value().is_null() ? "" : m.value().get<std::string>();
        } else {
          d.add("subject." + m.key(), m.key() == "register" || m.key() == "object_id"
                                          ? "must be a string"
                                          : "unknown field");
          ok = false;
        }
      }
      if (!v.contains("register")) {
        d.add("subject.register", "is required");
        ok = false;
      }
      if (ok) f.subject = s;
    } else if (key == "requires") {
      if (auto list = d.strings(v, key, 3)) {
        std::vector<std::string> ordered;
        for (std::string_view name : kRequirementNames) {
          if (std::find(list->begin(), list->end(), name) != list->end()) {
            ordered.emplace_back(name);
          }
        }
        for (const auto& r : *list) {
          if (std::find(ordered.begin(), ordered.end(), r) == ordered.end()) {
            d.add(key, "\"" + r.substr(0, 40) + "\" is not notes, evidence or decision");
          }
        }
        f.requires_fields = ordered;
      }
    } else if (key == "due_window_days") {
      if (auto n = d.integer(v, key, 0, kDueWindowMax)) f.due_window_days = static_cast<int>(*n);
    } else if (key == "status") {
      auto t = d.string(v, key);
      if (!t) continue;
      auto s = parse_activity_status(*t);
      if (!s) {
        d.add(key, "must be active or paused");
      } else {
        f.status = *s;
      }
    } else if (key == "version") {
      if (auto n = d.integer(v, key, 1, INT64_MAX)) f.version = *n;
    } else if (key == "id" || key == "ref" || key == "archived" || key == "default_key" ||
               key == "cadence_text" || key == "created_at" || key == "updated_at" ||
               key == "owner_name" || key == "next_due" || key == "next_state") {
      d.add(key, "is read-only");
    } else {
      d.add(key, "unknown field");
    }
  }
  ISMS_TRY(d.finish());
  return f;
}

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
