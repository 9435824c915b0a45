#include "service/risk_cycle_service.h"

#include <algorithm>
#include <set>

#include "base/crypto.h"
#include "domain/risk_common.h"
#include "service/admin_common.h"
#include "service/risk_support.h"

namespace isms {

using namespace risk_internal;

namespace {

Error cycle_not_found(const std::string& id) {
  return Error::not_found("risk cycle " + id + " not found");
}

Result<RiskCycle> load_cycle(StoreTx& tx, const std::string& id) {
  auto c = tx.get_risk_cycle(id);
  if (!c && c.error().code == ErrorCode::kNotFound) return cycle_not_found(id);
  return c;
}

Result<CycleView> view_of_cycle(StoreTx& tx, RiskCycle c, const std::string& day) {
  CycleView v;
  ISMS_ASSIGN(v.reviews, tx.list_risk_reviews(c.id));
  v.next_due = cycle_next_due(c);
  v.schedule_state = cycle_schedule_state(c, day);
  v.cycle = std::move(c);
  return v;
}

// "2026 Q4 Risk Management Forum" for a sitting opened in October to December 2026.
std::string default_title(const std::string& opened_on) {
  auto d = risk_detail::parse_date(opened_on);
  if (!d) return "Risk Management Forum";
  return std::to_string(d->year) + " Q" + std::to_string((d->month - 1) / 3 + 1) +
         " Risk Management Forum";
}

void apply_cycle_fields(const CycleFields& f, RiskCycle* c) {
  if (f.title) c->title = *f.title;
  if (f.opened_on) c->opened_on = *f.opened_on;
  if (f.minutes) c->minutes = *f.minutes;
  if (f.attendee_ids) c->attendee_ids = admin::sorted_unique(*f.attendee_ids);
  if (f.decisions) c->decisions = *f.decisions;
  if (f.interval_months) c->interval_months = *f.interval_months;
}

// Attendees and decision owners must be persons (kInvalid naming the field).
Status check_cycle(StoreTx& tx, const RiskCycle& c, const RiskCycle* before) {
  auto errors = validate_risk_cycle(c);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  std::set<std::string> known;
  if (before) {
    known.insert(before->attendee_ids.begin(), before->attendee_ids.end());
    for (const auto& d : before->decisions) known.insert(d.owner_id);
  }
  auto check_person = [&](const std::string& field, const std::string& id) -> Status {
    if (id.empty() || known.count(id)) return ok_status();
    auto person = tx.get_person(id);
    if (auto e = admin::unless_not_found(person)) return *e;
    if (!person) errors.push_back({field, "no person with id \"" + id + "\""});
    known.insert(id);
    return ok_status();
  };
  for (const auto& id : c.attendee_ids) ISMS_TRY(check_person("attendee_ids", id));
  for (size_t i = 0; i < c.decisions.size(); ++i) {
    ISMS_TRY(
        check_person("decisions[" + std::to_string(i) + "].owner_id", c.decisions[i].owner_id));
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

Json cycle_record(const RiskCycle& c) {
  Json j = risk_cycle_to_json(c, c.opened_on);
  for (const char* derived : {"reviewed_count", "risk_count", "next_due", "schedule_state"}) {
    j.erase(derived);
  }
  return j;
}

std::optional<CycleDecision> decision_from_json(risk_detail::JsonFields& d, const Json& v,
                                                const std::string& field) {
  if (!v.is_object()) {
    d.add(field, "must be an object {\"text\",\"owner_id\",\"due_on\"}");
    return std::nullopt;
  }
  CycleDecision out;
  size_t before = d.errors.size();
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::string f = field + "." + it.key();
    if (it.key() == "text") {
      if (auto t = d.string(it.value(), f)) out.text = *t;
    } else if (it.key() == "owner_id") {
      if (auto t = d.nullable_string(it.value(), f)) out.owner_id = t->value_or("");
    } else if (it.key() == "due_on") {
      if (auto t = d.nullable_string(it.value(), f)) out.due_on = *t;
    } else {
      d.add(f, "unknown field");
    }
  }
  if (d.errors.size() != before) return std::nullopt;
  return out;
}

}  // namespace

Result<CycleFields> cycle_fields_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  CycleFields f;
  risk_detail::JsonFields d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "title") {
      f.title = d.string(v, key);
    } else if (key == "opened_on") {
      f.opened_on = d.string(v, key);
      if (f.opened_on && !risk_detail::is_valid_date(*f.opened_on)) {
        d.add(key, "must be a date YYYY-MM-DD");
      }
    } else if (key == "minutes") {
      f.minutes = d.string(v, key);
    } else if (key == "attendee_ids") {
      f.attendee_ids = d.strings(v, key, kCycleAttendeesMax);
    } else if (key == "decisions") {
      if (!v.is_array() || v.size() > kCycleDecisionsMax) {
        d.add(key, "must be an array of at most " + std::to_string(kCycleDecisionsMax) +
                       " decisions {\"text\",\"owner_id\",\"due_on\"}");
        continue;
      }
      std::vector<CycleDecision> decisions;
      for (size_t i = 0; i < v.size(); ++i) {
        if (auto dec = decision_from_json(d, v[i], key + "[" + std::to_string(i) + "]")) {
          decisions.push_back(std::move(*dec));
        }
      }
      if (decisions.size() == v.size()) f.decisions = std::move(decisions);
    } else if (key == "interval_months") {
      if (auto n = d.integer(v, key, 1, 12)) f.interval_months = static_cast<int>(*n);
    } else if (key == "version") {
      if (auto n = d.integer(v, key, 1, INT64_MAX)) f.version = *n;
    } else if (key == "id" || key == "status" || key == "closed_at" || key == "method_number" ||
               key == "reviewed_count" || key == "risk_count" || key == "next_due" ||
               key == "schedule_state" || key == "created_at" || key == "updated_at") {
      d.add(key, "is read-only");
    } else {
      d.add(key, "unknown field");
    }
  }
  ISMS_TRY(d.finish());
  return f;
}

Result<ReviewRequest> review_request_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  ReviewRequest r;
  risk_detail::JsonFields d;
  bool has_risk = false, has_outcome = false;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "risk_id") {
      has_risk = true;
      if (auto t = d.string(v, key)) r.risk_id = *t;
    } else if (key == "outcome") {
      has_outcome = true;
      auto t = d.string(v, key);
      if (!t) continue;
      auto o = parse_review_outcome(*t);
      if (!o) {
        d.add(key, "must be confirmed or changed");
      } else {
        r.outcome = *o;
      }
    } else if (key == "note") {
      if (auto t = d.string(v, key)) r.note = *t;
    } else if (key == "change") {
      if (v.is_null()) continue;
      auto patch = risk_patch_from_json(v);
      if (patch) {
        r.change = std::move(*patch);
      } else {
        for (const auto& e : patch.error().details) d.add("change." + e.field, e.message);
        if (patch.error().details.empty()) d.add("change", patch.error().message);
      }
    } else {
      d.add(key, "unknown field");
    }
  }
  if (!has_risk || r.risk_id.empty()) d.add("risk_id", "is required");
  if (!has_outcome) d.add("outcome", "is required (confirmed or changed)");
  risk_detail::check_text(d.errors, "note", r.note, kCycleTextMax, true, false);
  ISMS_TRY(d.finish());
  return r;
}

Result<std::vector<RiskCycle>> RiskCycleService::list(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_risk_cycles();
}

Result<CycleView> RiskCycleService::get(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(RiskCycle c, load_cycle(*tx, id));
  return view_of_cycle(*tx, std::move(c), today(ctx_));
}

Result<ScheduleStatus> RiskCycleService::schedule(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::vector<RiskCycle> cycles, tx->list_risk_cycles());
  ScheduleStatus s;
  if (cycles.empty()) {
    s.state = "none";
    return s;
  }
  s.last = cycles.front();  // newest opened_on first
  s.next_due = cycle_next_due(*s.last);
  s.state = cycle_schedule_state(*s.last, today(ctx_));
  return s;
}

Result<CycleView> RiskCycleService::open(const Principal& p, const CycleFields& fields) const {
  ISMS_TRY(admin::require_permission(p, "risks:write"));
  std::string day = today(ctx_);
  RiskCycle c;
  c.id = new_id();
  c.opened_on = day;
  apply_cycle_fields(fields, &c);
  if (!fields.title) c.title = default_title(c.opened_on);
  c.status = CycleStatus::kOpen;
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::vector<RiskCycle> cycles, tx->list_risk_cycles());
  for (const auto& other : cycles) {
    if (other.status == CycleStatus::kOpen) {
      return Error::conflict("risk cycle \"" + other.title + "\" is still open: close it first");
    }
  }
  ISMS_TRY(check_cycle(*tx, c, nullptr));
  ISMS_ASSIGN(RiskMethod current, current_method(*tx));
  c.method_number = current.number;
  c.version = 1;
  c.created_at = c.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->insert_risk_cycle(c));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("risk_cycle.open", "risk_cycle", c.id, cycle_record(c)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskCycle stored, tx->get_risk_cycle(c.id));
  ISMS_ASSIGN(CycleView v, view_of_cycle(*tx, std::move(stored), day));
  ISMS_TRY(tx->commit());
  return v;
}

Result<CycleView> RiskCycleService::update(const Principal& p, const std::string& id,
                                           const CycleFields& fields) const {
  ISMS_TRY(admin::require_permission(p, "risks:write"));
  if (!fields.version) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(RiskCycle before, load_cycle(*tx, id));
  ISMS_TRY(check_version("risk cycle " + id, before.version, *fields.version));
  if (before.status == CycleStatus::kClosed) {
    return Error::conflict("risk cycle \"" + before.title + "\" is closed and cannot change");
  }
  RiskCycle after = before;
  apply_cycle_fields(fields, &after);
  ISMS_TRY(check_cycle(*tx, after, &before));
  Json diff = admin::json_diff(cycle_record(before), cycle_record(after));
  std::string day = today(ctx_);
  if (diff.empty()) return view_of_cycle(*tx, std::move(before), day);
  after.version = before.version + 1;
  after.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->update_risk_cycle(after, before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("risk_cycle.update", "risk_cycle", id, diff));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskCycle stored, tx->get_risk_cycle(id));
  ISMS_ASSIGN(CycleView v, view_of_cycle(*tx, std::move(stored), day));
  ISMS_TRY(tx->commit());
  return v;
}

Result<CycleView> RiskCycleService::review(
    const Principal& p, const std::string& cycle_id, const ReviewRequest& request,
    const std::optional<std::string>& reviewer_person_id) const {
  ISMS_TRY(admin::require_permission(p, "risks:write"));
  if (request.outcome == ReviewOutcome::kChanged && !request.change) {
    return Error::invalid("change", "is required when the outcome is changed");
  }
  if (request.outcome == ReviewOutcome::kConfirmed && request.change) {
    return Error::invalid("change", "only a changed outcome carries a change");
  }
  ISMS_TRY(check_reason("note", request.note, false));
  std::string reviewer = p.person_id;
  if (reviewer.empty()) {
    if (!p.operator_access || !reviewer_person_id || reviewer_person_id->empty()) {
      return Error::invalid("reviewer",
                            "a review is recorded for a person; the operator names "
                            "one (--reviewer)");
    }
    reviewer = *reviewer_person_id;
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  if (reviewer != p.person_id) {
    auto person = tx->get_person(reviewer);
    if (auto e = admin::unless_not_found(person)) return *e;
    if (!person) return Error::invalid("reviewer", "no person with id \"" + reviewer + "\"");
  }
  ISMS_ASSIGN(RiskCycle cycle, load_cycle(*tx, cycle_id));
  if (cycle.status == CycleStatus::kClosed) {
    return Error::conflict("risk cycle \"" + cycle.title + "\" is closed and cannot change");
  }
  auto found = tx->get_risk(request.risk_id);
  if (auto e = admin::unless_not_found(found)) return *e;
  if (!found) return Error::invalid("risk_id", "no risk with id \"" + request.risk_id + "\"");
  Risk before = std::move(*found);
  if (before.archived_at) {
    return Error::invalid("risk_id", "risk " + before.ref + " is archived");
  }
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  Risk after = before;
  if (request.change) {
    ISMS_ASSIGN(after, update_risk_in_tx(ctx_, *tx, ledger, before.id, *request.change));
  }
  RiskReview r;
  r.cycle_id = cycle.id;
  r.risk_id = before.id;
  r.outcome = request.outcome;
  r.reviewed_by = reviewer;
  r.reviewed_at = ctx_.clock->now_utc();
  r.note = request.note;
  r.inherent_level_before = before.inherent_level;
  r.residual_level_before = before.residual_level;
  r.inherent_level_after = after.inherent_level;
  r.residual_level_after = after.residual_level;
  ISMS_TRY(tx->put_risk_review(r));
  Json record = risk_review_to_json(r);
  for (const char* joined : {"risk_title", "reviewed_by_name", "cycle_id"}) record.erase(joined);
  record["risk_ref"] = before.ref;
  ISMS_TRY(ledger.record("risk_cycle.review", "risk_cycle", cycle.id, record));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskCycle stored, tx->get_risk_cycle(cycle.id));
  ISMS_ASSIGN(CycleView v, view_of_cycle(*tx, std::move(stored), today(ctx_)));
  ISMS_TRY(tx->commit());
  return v;
}

Result<CycleView> RiskCycleService::close(const Principal& p, const std::string& id,
                                          int64_t expected_version) const {
  ISMS_TRY(admin::require_permission(p, "risks:write"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(RiskCycle before, load_cycle(*tx, id));
  ISMS_TRY(check_version("risk cycle " + id, before.version, expected_version));
  if (before.status == CycleStatus::kClosed) {
    return Error::conflict("risk cycle \"" + before.title + "\" is already closed");
  }
  ISMS_ASSIGN(std::vector<RiskSnapshotEntry> snapshot, tx->snapshot_risks());
  ISMS_ASSIGN(std::vector<RiskReview> reviews, tx->list_risk_reviews(id));
  std::set<std::string> reviewed;
  for (const auto& r : reviews) reviewed.insert(r.risk_id);
  Json unreviewed = Json::array();
  int64_t open_risks = 0;
  for (const auto& e : snapshot) {
    if (e.archived) continue;
    ++open_risks;
    if (!reviewed.count(e.risk_id)) unreviewed.push_back(e.risk_id);
  }
  ISMS_TRY(tx->insert_cycle_snapshot(id, snapshot));
  RiskCycle after = before;
  after.status = CycleStatus::kClosed;
  after.closed_at = ctx_.clock->now_utc();
  after.updated_at = *after.closed_at;
  after.version = before.version + 1;
  ISMS_TRY(tx->update_risk_cycle(after, before.version));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("risk_cycle.close", "risk_cycle", id,
                         Json{{"closed_at", *after.closed_at},
                              {"risk_count", open_risks},
                              {"reviewed_count", static_cast<int64_t>(reviews.size())},
                              {"unreviewed", std::move(unreviewed)}}));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskCycle stored, tx->get_risk_cycle(id));
  ISMS_ASSIGN(CycleView v, view_of_cycle(*tx, std::move(stored), today(ctx_)));
  ISMS_TRY(tx->commit());
  return v;
}

Result<CycleComparison> RiskCycleService::compare(const Principal& p, const std::string& a,
                                                  const std::string& b) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  auto closed_snapshot = [&](const std::string& field,
                             const std::string& id) -> Result<std::vector<RiskSnapshotEntry>> {
    ISMS_ASSIGN(RiskCycle c, load_cycle(*tx, id));
    if (c.status != CycleStatus::kClosed) {
      return Error::invalid(field, "risk cycle \"" + c.title +
                                       "\" is still open; compare closed cycles (or \"live\")");
    }
    return tx->list_cycle_snapshot(id);
  };
  ISMS_ASSIGN(std::vector<RiskSnapshotEntry> before, closed_snapshot("a", a));
  std::vector<RiskSnapshotEntry> after;
  if (b == "live") {
    ISMS_ASSIGN(after, tx->snapshot_risks());
  } else {
    ISMS_ASSIGN(after, closed_snapshot("b", b));
  }
  return compare_snapshots(before, after);
}

}  // namespace isms
