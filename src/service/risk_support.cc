#include "service/risk_support.h"

#include <algorithm>

#include "service/admin_common.h"

namespace isms::risk_internal {

namespace {

constexpr size_t kReasonMax = 2000;

Json optional_json(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

Json rating_record(const RiskRating& r) {
  return Json{{"likelihood", r.likelihood},
              {"impact",
               {{"confidentiality", r.impact_confidentiality},
                {"integrity", r.impact_integrity},
                {"availability", r.impact_availability},
                {"authenticity", r.impact_authenticity}}}};
}

// The first id of `wanted` that `found` lacks, if any.
std::optional<std::string> first_missing(const std::vector<std::string>& wanted,
                                         const std::vector<std::string>& found) {
  for (const auto& id : wanted) {
    if (std::find(found.begin(), found.end(), id) == found.end()) return id;
  }
  return std::nullopt;
}

Status check_source(StoreTx& tx, const std::string& field, const std::string& id,
                    RiskSourceKind kind, std::vector<FieldError>& errors) {
  std::string what(risk_source_kind_name(kind));
  auto s = tx.get_risk_source(id);
  if (auto e = admin::unless_not_found(s)) return *e;
  if (!s || s->kind != kind) {
    errors.push_back({field, "no " + what + " with id \"" + id + "\""});
  } else if (s->archived_at) {
    errors.push_back({field, "the " + what + " \"" + s->name + "\" is archived"});
  }
  return ok_status();
}

}  // namespace

std::string today(const ServiceContext& ctx) { return ctx.clock->now_utc().substr(0, 10); }

Result<RiskMethod> current_method(StoreTx& tx) {
  ISMS_ASSIGN(std::optional<RiskMethod> m, tx.current_risk_method());
  if (!m) return Error::not_found("the organization has no risk method yet (initialize it first)");
  return std::move(*m);
}

Result<const RiskMethod*> MethodCache::get(int64_t number) {
  auto it = methods_.find(number);
  if (it == methods_.end()) {
    ISMS_ASSIGN(RiskMethod m, tx_.get_risk_method(number));
    it = methods_.emplace(number, std::move(m)).first;
  }
  return &it->second;
}

Result<RiskView> view_of(MethodCache& methods, Risk risk, int64_t current_number,
                         std::string_view today) {
  ISMS_ASSIGN(const RiskMethod* m, methods.get(risk.method_number));
  RiskView v;
  v.flags = risk_flags(risk, *m, current_number, today);
  v.risk = std::move(risk);
  v.method = *m;
  return v;
}

Error risk_not_found(const std::string& id) {
  return Error::not_found("risk " + id + " not found");
}

Result<Risk> load_risk(StoreTx& tx, const std::string& id) {
  auto r = tx.get_risk(id);
  if (!r && r.error().code == ErrorCode::kNotFound) return risk_not_found(id);
  return r;
}

Status check_version(const std::string& what, int64_t current, int64_t expected) {
  if (current == expected) return ok_status();
  return Error::conflict(what + " was changed by someone else: version " + std::to_string(current) +
                         " is current, the request was for " + std::to_string(expected));
}

void derive_levels(Risk* r, const RiskMethod& m) {
  r->inherent_level = risk_level_rank(m, r->inherent.likelihood, r->inherent.impact());
  r->residual_level = risk_level_rank(m, r->residual.likelihood, r->residual.impact());
}

Status check_references(StoreTx& tx, const Risk& r, const Risk* before) {
  std::vector<FieldError> errors;
  if (!before || before->asset_ids != r.asset_ids) {
    ISMS_ASSIGN(auto found, tx.existing_asset_ids(r.asset_ids));
    if (auto id = first_missing(r.asset_ids, found)) {
      errors.push_back({"asset_ids", "no asset with id \"" + *id + "\""});
    }
  }
  if ((!before || before->control_ids != r.control_ids) && !r.control_ids.empty()) {
    ISMS_ASSIGN(auto found, tx.existing_control_ids(r.control_ids));
    if (auto id = first_missing(r.control_ids, found)) {
      errors.push_back({"control_ids", "no control with id \"" + *id + "\""});
    }
  }
  if (!before || before->threat_id != r.threat_id) {
    ISMS_TRY(check_source(tx, "threat_id", r.threat_id, RiskSourceKind::kThreat, errors));
  }
  if (!before || before->vulnerability_id != r.vulnerability_id) {
    ISMS_TRY(check_source(tx, "vulnerability_id", r.vulnerability_id,
                          RiskSourceKind::kVulnerability, errors));
  }
  if (r.owner_id && (!before || before->owner_id != r.owner_id)) {
    auto person = tx.get_person(*r.owner_id);
    if (auto e = admin::unless_not_found(person)) return *e;
    if (!person) errors.push_back({"owner_id", "no person with id \"" + *r.owner_id + "\""});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

Json risk_ledger_record(const Risk& r) {
  Json acceptance = nullptr;
  if (r.acceptance) {
    const RiskAcceptance& a = *r.acceptance;
    acceptance = Json{{"accepted_by_person_id", a.accepted_by_person_id},
                      {"accepted_by_role", a.accepted_by_role},
                      {"accepted_at", a.accepted_at},
                      {"expires_on", a.expires_on},
                      {"justification", a.justification},
                      {"level_rank", a.level_rank},
                      {"method_number", a.method_number}};
  }
  return Json{{"ref", r.ref},
              {"title", r.title},
              {"description", r.description},
              {"asset_ids", r.asset_ids},
              {"threat_id", r.threat_id},
              {"vulnerability_id", r.vulnerability_id},
              {"owner_id", optional_json(r.owner_id)},
              {"method_number", r.method_number},
              {"inherent", rating_record(r.inherent)},
              {"residual", rating_record(r.residual)},
              {"inherent_level", r.inherent_level},
              {"residual_level", r.residual_level},
              {"treatment", treatment_name(r.treatment)},
              {"treatment_plan", r.treatment_plan},
              {"control_ids", r.control_ids},
              {"acceptance", std::move(acceptance)},
              {"next_review_on", optional_json(r.next_review_on)},
              {"archived_at", optional_json(r.archived_at)},
              {"archive_reason", optional_json(r.archive_reason)}};
}

Json risk_diff(const Risk& before, const Risk& after) {
  return admin::json_diff(risk_ledger_record(before), risk_ledger_record(after));
}

Result<Risk> update_risk_in_tx(const ServiceContext& ctx, StoreTx& tx, LedgerRecorder& ledger,
                               const std::string& id, const RiskPatch& patch) {
  if (!patch.version) {
    return Error::invalid("version",
                          "the version you last read is required (If-Match header or \"version\")");
  }
  ISMS_ASSIGN(Risk before, load_risk(tx, id));
  ISMS_TRY(check_version("risk " + before.ref, before.version, *patch.version));
  if (before.archived_at) return Error::conflict("risk " + before.ref + " is archived");
  ISMS_ASSIGN(RiskMethod current, current_method(tx));
  MethodCache methods(tx);
  methods.put(current);

  Risk after = before;
  apply_risk_fields(patch.fields, &after);
  bool rated = patch.fields.inherent || patch.fields.residual;
  if (rated && before.method_number != current.number) {
    // New numbers are read on today's scales; half a rating on each would mix two methods.
    if (!patch.fields.inherent || !patch.fields.residual) {
      return Error::invalid(
          patch.fields.inherent ? "residual" : "inherent",
          "the risk is rated under method " + std::to_string(before.method_number) +
              "; rating it again under the current method " + std::to_string(current.number) +
              " needs both the inherent and the residual rating");
    }
    after.method_number = current.number;
  }
  ISMS_ASSIGN(const RiskMethod* method, methods.get(after.method_number));
  auto errors = validate_risk(after, *method);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  derive_levels(&after, *method);
  if (after.acceptance && (after.residual_level > before.residual_level ||
                           after.residual_level > after.acceptance->level_rank)) {
    after.acceptance.reset();  // accepted a lower level than the risk now has
  }
  Json diff = risk_diff(before, after);
  if (diff.empty()) return before;
  ISMS_TRY(check_references(tx, after, &before));
  after.version = before.version + 1;
  after.updated_at = ctx.clock->now_utc();
  ISMS_TRY(tx.update_risk(after, before.version));
  ISMS_TRY(ledger.record("risk.update", "risk", id, diff));
  return load_risk(tx, id);
}

Status for_each_active_risk(StoreTx& tx, const std::function<Status(Risk&)>& fn) {
  RiskQuery q;
  q.archived = ArchivedFilter::kActiveOnly;
  q.sort = RiskSort::kRef;
  q.limit = 500;
  while (true) {
    ISMS_ASSIGN(RiskPage page, tx.list_risks(q));
    for (Risk& r : page.items) ISMS_TRY(fn(r));
    if (!page.next) return ok_status();
    q.after = page.next;
  }
}

Status check_reason(const std::string& field, const std::string& text, bool required) {
  std::vector<FieldError> errors;
  admin::check_text(errors, field, text, required ? 1 : 0, kReasonMax, true);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ok_status();
}

}  // namespace isms::risk_internal
