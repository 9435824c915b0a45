// RiskService: the defaults created with the organization and the risk method versions
// (current, list, preview of a change, a new version with optional re-rating).
#include <set>

#include "base/crypto.h"
#include "service/admin_common.h"
#include "service/risk_service.h"
#include "service/risk_support.h"
#include "store/text.h"

namespace isms {

using namespace risk_internal;

namespace {

constexpr size_t kPreviewItemsMax = 1000;

// The proposal as it would be stored after `current`.
RiskMethod proposal_after(const RiskMethod& current, RiskMethod proposed, const Principal& p,
                          const std::string& now) {
  proposed.number = current.number + 1;
  proposed.created_by = p.actor;
  proposed.created_at = now;
  return proposed;
}

Status validate_proposal(const RiskMethod& m, bool need_change_note) {
  std::vector<FieldError> errors;
  for (auto& e : validate_risk_method(m)) {
    if (e.field == "change_note" && !need_change_note) continue;
    errors.push_back(std::move(e));
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

// One risk under the proposal: the moved ratings and their levels.
struct Rerated {
  Risk after;
  MethodChangePreview::Item item;
  bool changed = false;
};

Result<Rerated> rerate(const Risk& r, const RiskMethod& current, const RiskMethod& next,
                       const ScaleMapping& mapping) {
  Rerated out;
  out.after = r;
  ISMS_ASSIGN(out.after.inherent, remap_risk_rating(current, next, mapping, r.inherent));
  ISMS_ASSIGN(out.after.residual, remap_risk_rating(current, next, mapping, r.residual));
  out.after.method_number = next.number;
  derive_levels(&out.after, next);
  auto change = [](const RiskRating& b, int level_b, const RiskRating& a, int level_a) {
    return RatingChange{b.likelihood, b.impact(), level_b, a.likelihood, a.impact(), level_a};
  };
  out.item.risk_id = r.id;
  out.item.ref = r.ref;
  out.item.title = r.title;
  out.item.inherent =
      change(r.inherent, r.inherent_level, out.after.inherent, out.after.inherent_level);
  out.item.residual =
      change(r.residual, r.residual_level, out.after.residual, out.after.residual_level);
  out.changed = out.after.inherent != r.inherent || out.after.residual != r.residual ||
                out.after.inherent_level != r.inherent_level ||
                out.after.residual_level != r.residual_level;
  return out;
}

// A risk of any method under the proposal. Risks of the current method must fit the maps
// (errors name them). A risk still on an older method moves with its values unchanged when
// that method's scales have the proposal's sizes (e.g. back to 5x5 after a 4x5 interlude),
// else by the maps when they fit; otherwise it stays where it is (nullopt) and keeps
// showing rated_under_old_method.
Result<std::optional<Rerated>> rerate_any(MethodCache& methods, const Risk& r,
                                          int64_t current_number, const RiskMethod& next,
                                          const ScaleMapping& mapping) {
  ISMS_ASSIGN(const RiskMethod* m, methods.get(r.method_number));
  if (r.method_number != current_number && m->likelihood.size() == next.likelihood.size() &&
      m->impact.size() == next.impact.size()) {
    auto same = rerate(r, *m, next, ScaleMapping{});
    if (same) return std::optional<Rerated>(std::move(*same));
  }
  auto x = rerate(r, *m, next, mapping);
  if (x) return std::optional<Rerated>(std::move(*x));
  if (r.method_number == current_number || x.error().code != ErrorCode::kInvalid) {
    return std::move(x).error();
  }
  return std::optional<Rerated>();
}

Status seed_sources(const ServiceContext& ctx, StoreTx* tx, LedgerRecorder* ledger) {
  std::string now = ctx.clock->now_utc();
  Json created = Json::object();
  for (RiskSourceKind kind : {RiskSourceKind::kThreat, RiskSourceKind::kVulnerability}) {
    ISMS_ASSIGN(std::vector<RiskSource> stored, tx->list_risk_sources(kind, ArchivedFilter::kAll));
    // A default is present when its key is (even renamed or archived); a user entry with
    // the same name keeps the name.
    std::set<std::string> keys, names;
    for (const auto& s : stored) {
      if (!s.key.empty()) keys.insert(s.key);
      names.insert(store_detail::fold_case(s.name));
    }
    std::vector<RiskSource> defaults =
        kind == RiskSourceKind::kThreat ? default_threats() : default_vulnerabilities();
    Json ids = Json::array();
    for (RiskSource s : defaults) {
      if (keys.count(s.key) || names.count(store_detail::fold_case(s.name))) continue;
      s.id = new_id();
      s.version = 1;
      s.created_at = s.updated_at = now;
      ISMS_TRY(tx->insert_risk_source(s));
      ids.push_back(s.id);
    }
    if (!ids.empty()) {
      created[kind == RiskSourceKind::kThreat ? "threat_ids" : "vulnerability_ids"] =
          std::move(ids);
    }
  }
  if (created.empty()) return ok_status();
  return ledger->record("risk_source.seed", "risk_source", "defaults", created);
}

}  // namespace

Status RiskService::ensure_defaults(const ServiceContext& ctx, StoreTx* tx,
                                    LedgerRecorder* ledger) {
  ISMS_ASSIGN(std::optional<RiskMethod> current, tx->current_risk_method());
  if (!current) {
    RiskMethod m = default_risk_method();
    m.created_by = "system";
    m.created_at = ctx.clock->now_utc();
    ISMS_TRY(tx->insert_risk_method(m));
    ISMS_TRY(ledger->record("risk_method.create", "risk_method", std::to_string(m.number),
                            risk_method_to_json(m)));
  }
  return seed_sources(ctx, tx, ledger);
}

Result<RiskMethod> RiskService::current_method(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return risk_internal::current_method(*tx);
}

Result<std::vector<RiskMethod>> RiskService::methods(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_risk_methods();
}

Result<RiskMethod> RiskService::method(const Principal& p, int64_t number) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  auto m = tx->get_risk_method(number);
  if (!m && m.error().code == ErrorCode::kNotFound) {
    return Error::not_found("risk method version " + std::to_string(number) + " not found");
  }
  return m;
}

Result<MethodChangePreview> RiskService::preview_method(const Principal& p,
                                                        const RiskMethod& proposed,
                                                        const ScaleMapping& mapping) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  MethodChangePreview out;
  ISMS_ASSIGN(out.current, risk_internal::current_method(*tx));
  out.proposed = proposal_after(out.current, proposed, p, ctx_.clock->now_utc());
  // The note can be written after looking at the preview; saving requires it.
  ISMS_TRY(validate_proposal(out.proposed, /*need_change_note=*/false));
  // The maps are checked even when no risk exists yet.
  ISMS_TRY(remap_rating(out.current, out.proposed, mapping, 1, 1));
  MethodCache methods(*tx);
  methods.put(out.current);
  ISMS_TRY(for_each_active_risk(*tx, [&](Risk& r) -> Status {
    ISMS_ASSIGN(std::optional<Rerated> x,
                rerate_any(methods, r, out.current.number, out.proposed, mapping));
    if (!x) return ok_status();
    if (!x->changed) {
      ++out.unchanged_count;
      return ok_status();
    }
    ++out.changed_count;
    if (out.changed.size() < kPreviewItemsMax) out.changed.push_back(std::move(x->item));
    return ok_status();
  }));
  return out;
}

Result<RiskMethod> RiskService::save_method(const Principal& p, const RiskMethod& proposed,
                                            const ScaleMapping& mapping, int64_t expected_number,
                                            bool rerate_risks) const {
  ISMS_TRY(admin::require_permission(p, "risks:method"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(RiskMethod current, risk_internal::current_method(*tx));
  if (expected_number != current.number) {
    return Error::conflict("the risk method was changed by someone else: version " +
                           std::to_string(current.number) + " is current, the request was for " +
                           std::to_string(expected_number));
  }
  std::string now = ctx_.clock->now_utc();
  RiskMethod next = proposal_after(current, proposed, p, now);
  ISMS_TRY(validate_proposal(next, /*need_change_note=*/true));
  if (rerate_risks) ISMS_TRY(remap_rating(current, next, mapping, 1, 1));
  ISMS_TRY(tx->insert_risk_method(next));
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  Json record = risk_method_to_json(next);
  record["rerate"] = rerate_risks;
  ISMS_TRY(ledger.record("risk_method.create", "risk_method", std::to_string(next.number), record));
  if (rerate_risks) {
    // Collected first: the pages must not shift under the updates.
    std::vector<Risk> risks;
    ISMS_TRY(for_each_active_risk(*tx, [&](Risk& r) -> Status {
      risks.push_back(std::move(r));
      return ok_status();
    }));
    MethodCache methods(*tx);
    methods.put(current);
    for (const Risk& before : risks) {
      ISMS_ASSIGN(std::optional<Rerated> x,
                  rerate_any(methods, before, current.number, next, mapping));
      if (!x) continue;
      Risk after = std::move(x->after);
      if (after.acceptance && after.residual_level > after.acceptance->level_rank) {
        after.acceptance.reset();  // the accepted level no longer covers the risk
      }
      after.version = before.version + 1;
      after.updated_at = now;
      ISMS_TRY(tx->update_risk(after, before.version));
      ISMS_TRY(ledger.record("risk.rerate", "risk", before.id, risk_diff(before, after)));
    }
  }
  ISMS_TRY(ledger.finish());
  ISMS_ASSIGN(RiskMethod stored, tx->get_risk_method(next.number));
  ISMS_TRY(tx->commit());
  return stored;
}

}  // namespace isms
