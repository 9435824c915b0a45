// ObjectiveService, objectives: list, read, summary, create, change, withdraw, review.
// Indicators and measurements are in objective_indicators.cc.
#include "service/objective_service.h"

#include "base/crypto.h"
#include "base/time_zone.h"
#include "service/admin_common.h"
#include "service/ledger_recorder.h"
#include "service/objective_support.h"
#include "service/time_zone_setting.h"

namespace isms {

using namespace objective_internal;

namespace {

constexpr const char* kRead = "objectives:read";
constexpr const char* kWrite = "objectives:write";

void apply_objective_fields(const ObjectiveFields& f, Objective* o) {
  if (f.title) o->title = *f.title;
  if (f.description) o->description = *f.description;
  if (f.policy_section) o->policy_section = *f.policy_section;
  if (f.owner_id) o->owner_id = *f.owner_id;
  if (f.status) o->status = *f.status;
  if (f.review_interval_months) o->review_interval_months = *f.review_interval_months;
  if (f.next_review_on) o->next_review_on = *f.next_review_on;
}

Status check_objective(StoreTx& tx, const Objective& o, const Objective* before) {
  auto errors = validate_objective(o);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  if (!before || before->owner_id != o.owner_id) ISMS_TRY(check_person(tx, "owner_id", o.owner_id));
  return ok_status();
}

Status check_version(const std::string& what, int64_t current, int64_t expected) {
  if (current == expected) return ok_status();
  return Error::conflict(what + " has changed: version " + std::to_string(current) +
                         " is stored, the change is based on version " + std::to_string(expected) +
                         "; read it again");
}

// Writes `after` over `before` (version + 1) with one ledger entry of the difference.
Result<ObjectiveView> write_objective_change(const ServiceContext& ctx, const Principal& p,
                                             StoreTx& tx, const Objective& before, Objective after,
                                             const std::string& action, Json extra,
                                             const std::string& today) {
  Json change = admin::json_diff(objective_ledger_json(before), objective_ledger_json(after));
  if (change.empty() && extra.empty()) return objective_view(tx, before, today);
  for (auto it = extra.begin(); it != extra.end(); ++it) change[it.key()] = it.value();
  after.version = before.version + 1;
  after.updated_at = ctx.clock->now_utc();
  ISMS_TRY(tx.update_op_record(objective_record(after), before.version));
  LedgerRecorder ledger(ctx, &tx, actor_of(p));
  ISMS_TRY(ledger.record(action, kObjectiveKind, after.id, change));
  ISMS_TRY(ledger.finish());
  return objective_view(tx, std::move(after), today);
}

}  // namespace

Result<std::vector<ObjectiveView>> ObjectiveService::list(const Principal& p,
                                                          bool include_withdrawn) const {
  ISMS_TRY(admin::require_permission(p, kRead));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(std::vector<Objective> all, all_objectives(*tx));
  std::vector<ObjectiveView> out;
  for (Objective& o : all) {
    if (!include_withdrawn && o.status == ObjectiveStatus::kWithdrawn) continue;
    ISMS_ASSIGN(ObjectiveView v, objective_view(*tx, std::move(o), today));
    out.push_back(std::move(v));
  }
  return out;
}

Result<ObjectiveView> ObjectiveService::get(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, kRead));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Objective o, load_objective(*tx, id));
  return objective_view(*tx, std::move(o), today);
}

Result<ObjectivesSummary> ObjectiveService::summary(const Principal& p) const {
  ISMS_ASSIGN(std::vector<ObjectiveView> views, list(p, false));
  ObjectivesSummary s;
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(s.today, organization_today(ctx_, *tx));
  for (const ObjectiveView& v : views) {
    ++s.objectives;
    if (v.objective.status == ObjectiveStatus::kActive) ++s.objectives_active;
    if (v.objective.status == ObjectiveStatus::kAchieved) ++s.objectives_achieved;
    if (objective_review_overdue(v.objective, s.today)) ++s.reviews_overdue;
    for (const IndicatorSummary& i : v.indicators) {
      if (i.indicator.status != IndicatorStatus::kActive) continue;
      ++s.indicators;
      if (!i.on_target) {
        ++s.not_measured;
      } else if (*i.on_target) {
        ++s.on_target;
      } else {
        ++s.off_target;
      }
      if (i.overdue) ++s.measurements_overdue;
    }
  }
  s.items = std::move(views);
  return s;
}

Result<ObjectiveView> ObjectiveService::create(const Principal& p,
                                               const ObjectiveFields& fields) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  if (fields.version) return Error::invalid("version", "not accepted when creating");
  if (!fields.title) return Error::invalid("title", "is required");
  if (fields.status && *fields.status == ObjectiveStatus::kWithdrawn) {
    return Error::invalid("status", "a new objective is active or achieved");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  Objective o;
  o.id = new_id();
  o.policy_section = "6";
  apply_objective_fields(fields, &o);
  if (!fields.next_review_on) {
    ISMS_ASSIGN(o.next_review_on, add_months(today, o.review_interval_months));
  }
  ISMS_TRY(check_objective(*tx, o, nullptr));
  ISMS_ASSIGN(o.ref, next_ref(*tx, "objective", "OBJ-", 2));
  o.created_at = o.updated_at = ctx_.clock->now_utc();
  ISMS_TRY(tx->insert_op_record(objective_record(o)));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("objective.create", kObjectiveKind, o.id, objective_ledger_json(o)));
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(ObjectiveView v, objective_view(*tx, std::move(o), today));
  ISMS_TRY(tx->commit());
  return v;
}

Result<ObjectiveView> ObjectiveService::update(const Principal& p, const std::string& id,
                                               const ObjectiveFields& fields) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  if (!fields.version) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Objective before, load_objective(*tx, id));
  ISMS_TRY(check_version("objective " + before.ref, before.version, *fields.version));
  Objective after = before;
  apply_objective_fields(fields, &after);
  ISMS_TRY(check_objective(*tx, after, &before));
  std::string action =
      before.status != ObjectiveStatus::kWithdrawn && after.status == ObjectiveStatus::kWithdrawn
          ? "objective.withdraw"
          : "objective.update";
  ISMS_ASSIGN(ObjectiveView v, write_objective_change(ctx_, p, *tx, before, std::move(after),
                                                      action, Json::object(), today));
  ISMS_TRY(tx->commit());
  return v;
}

Result<ObjectiveView> ObjectiveService::withdraw(const Principal& p, const std::string& id,
                                                 int64_t expected_version) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Objective before, load_objective(*tx, id));
  ISMS_TRY(check_version("objective " + before.ref, before.version, expected_version));
  if (before.status == ObjectiveStatus::kWithdrawn) {
    return Error::conflict("objective " + before.ref + " is already withdrawn");
  }
  Objective after = before;
  after.status = ObjectiveStatus::kWithdrawn;
  ISMS_ASSIGN(ObjectiveView v, write_objective_change(ctx_, p, *tx, before, std::move(after),
                                                      "objective.withdraw", Json::object(), today));
  ISMS_TRY(tx->commit());
  return v;
}

Result<ObjectiveView> ObjectiveService::review(const Principal& p, const std::string& id,
                                               const ObjectiveReviewInput& input) const {
  ISMS_TRY(admin::require_permission(p, kWrite));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(std::string today, organization_today(ctx_, *tx));
  ISMS_ASSIGN(Objective before, load_objective(*tx, id));
  if (input.version) {
    ISMS_TRY(check_version("objective " + before.ref, before.version, *input.version));
  }
  if (before.status == ObjectiveStatus::kWithdrawn) {
    return Error::conflict("objective " + before.ref + " is withdrawn; it is not reviewed");
  }
  if (before.reviews.size() >= kObjectiveReviewsMax) {
    return Error::conflict("objective " + before.ref + " has the most reviews it keeps (" +
                           std::to_string(kObjectiveReviewsMax) + ")");
  }
  ObjectiveReview r;
  r.on = today;
  r.by = p.person_id;
  ISMS_ASSIGN(r.by_name, person_name(*tx, p.person_id));
  if (r.by_name.empty()) r.by_name = p.actor;
  r.note = input.note;
  r.outcome = input.outcome;
  Objective after = before;
  after.reviews.push_back(r);
  after.last_reviewed_on = today;
  // The next review is one interval after this one, whether it came early or late.
  ISMS_ASSIGN(after.next_review_on, add_months(today, after.review_interval_months));
  Json extra{{"review",
              {{"on", r.on},
               {"by", r.by},
               {"note", r.note},
               {"outcome", objective_review_outcome_name(r.outcome)}}}};
  ISMS_ASSIGN(ObjectiveView v, write_objective_change(ctx_, p, *tx, before, std::move(after),
                                                      "objective.review", std::move(extra), today));
  ISMS_TRY(tx->commit());
  return v;
}

}  // namespace isms
