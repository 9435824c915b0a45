#include "domain/risk.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "domain/risk_common.h"

namespace isms {

using risk_detail::check_text;
using risk_detail::JsonFields;

namespace {

constexpr std::array<std::pair<Treatment, std::string_view>, 5> kTreatments = {{
    {Treatment::kUndecided, "undecided"},
    {Treatment::kMitigate, "mitigate"},
    {Treatment::kAccept, "accept"},
    {Treatment::kAvoid, "avoid"},
    {Treatment::kTransfer, "transfer"},
}};

constexpr size_t kIdMax = 100;

Json optional_json(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// The four impacts with their wire names, in wire order.
std::array<std::pair<const char*, int>, 4> impacts_of(const RiskRating& r) {
  return {{{"confidentiality", r.impact_confidentiality},
           {"integrity", r.impact_integrity},
           {"availability", r.impact_availability},
           {"authenticity", r.impact_authenticity}}};
}

Json level_json(const RiskMethod& m, int rank) {
  if (rank < 0 || static_cast<size_t>(rank) >= m.levels.size()) return nullptr;
  const RiskLevel& l = m.levels[static_cast<size_t>(rank)];
  return Json{{"rank", l.rank}, {"key", l.key}, {"name", l.name}, {"colour", l.colour}};
}

bool rating_on_scales(const RiskRating& r, const RiskMethod& m) {
  auto in = [](int v, size_t n, int min) { return v >= min && static_cast<size_t>(v) <= n; };
  if (!in(r.likelihood, m.likelihood.size(), 1)) return false;
  for (auto [name, v] : impacts_of(r)) {
    if (!in(v, m.impact.size(), 0)) return false;
  }
  return m.grid.size() == m.likelihood.size();
}

// {likelihood, impact:{confidentiality, integrity, availability, authenticity}}; absent
// properties are 0 (not affected). Levels are derived and refused here.
std::optional<RiskRating> rating_from_json(JsonFields& d, const Json& v, const std::string& field) {
  if (!v.is_object()) {
    d.add(field, "must be an object {\"likelihood\",\"impact\":{\"confidentiality\",...}}");
    return std::nullopt;
  }
  size_t before = d.errors.size();
  RiskRating r;
  r.likelihood = 0;
  bool has_likelihood = false, has_impact = false;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string& key = it.key();
    if (key == "likelihood") {
      has_likelihood = true;
      if (auto n = d.integer(it.value(), field + ".likelihood", 1, kMaxScaleLevels)) {
        r.likelihood = static_cast<int>(*n);
      }
    } else if (key == "impact") {
      has_impact = true;
      const Json& imp = it.value();
      if (!imp.is_object()) {
        d.add(field + ".impact",
              "must be an object {\"confidentiality\",\"integrity\",\"availability\","
              "\"authenticity\"} of values 0..n");
        continue;
      }
      for (auto p = imp.begin(); p != imp.end(); ++p) {
        std::string f = field + ".impact." + p.key();
        int* target = p.key() == "confidentiality" ? &r.impact_confidentiality
                      : p.key() == "integrity"     ? &r.impact_integrity
                      : p.key() == "availability"  ? &r.impact_availability
                      : p.key() == "authenticity"  ? &r.impact_authenticity
                                                   : nullptr;
        if (!target) {
          d.add(f, "unknown property");
          continue;
        }
        if (auto n = d.integer(p.value(), f, 0, kMaxScaleLevels)) *target = static_cast<int>(*n);
      }
    } else if (key == "level" || key == "impact_level") {
      d.add(field + "." + key, "is derived from the rating and the method, never given");
    } else {
      d.add(field + "." + key, "unknown field");
    }
  }
  if (!has_likelihood) d.add(field + ".likelihood", "is required");
  if (!has_impact) d.add(field + ".impact", "is required");
  if (d.errors.size() != before) return std::nullopt;
  return r;
}

void validate_rating(std::vector<FieldError>& errors, const std::string& field, const RiskRating& r,
                     const RiskMethod& m) {
  int nl = static_cast<int>(m.likelihood.size()), ni = static_cast<int>(m.impact.size());
  if (r.likelihood < 1 || r.likelihood > nl) {
    errors.push_back({field + ".likelihood", "must be from 1 to " + std::to_string(nl) +
                                                 " (the method's likelihood scale)"});
  }
  bool any = false;
  for (auto [name, v] : impacts_of(r)) {
    if (v < 0 || v > ni) {
      errors.push_back(
          {field + ".impact." + name, "must be from 0 (not affected) to " + std::to_string(ni)});
    }
    any = any || v >= 1;
  }
  if (!any) {
    errors.push_back({field + ".impact", "at least one property must be affected (1 or more)"});
  }
}

bool acceptance_valid(const Risk& r, std::string_view today) {
  return r.acceptance && r.acceptance->expires_on >= today &&
         r.acceptance->level_rank >= r.residual_level;
}

}  // namespace

std::string_view treatment_name(Treatment t) {
  for (auto& [tr, name] : kTreatments) {
    if (tr == t) return name;
  }
  return "undecided";
}

std::optional<Treatment> parse_treatment(std::string_view s) {
  for (auto& [tr, name] : kTreatments) {
    if (name == s) return tr;
  }
  return std::nullopt;
}

int RiskRating::impact() const {
  return std::max(
      {1, impact_confidentiality, impact_integrity, impact_availability, impact_authenticity});
}

RiskFlags risk_flags(const Risk& r, const RiskMethod& method_of_risk, int64_t current_method_number,
                     std::string_view today) {
  RiskFlags f;
  f.residual_above_inherent = r.residual_level > r.inherent_level;
  f.above_appetite = !within_appetite(method_of_risk, r.residual_level);
  f.acceptance_expired = r.acceptance && r.acceptance->expires_on < today;
  bool wants_acceptance = r.treatment == Treatment::kAccept || f.above_appetite;
  f.needs_acceptance = wants_acceptance && !acceptance_valid(r, today);
  f.review_overdue = r.next_review_on && !r.next_review_on->empty() && *r.next_review_on < today;
  f.mitigation_without_controls = r.treatment == Treatment::kMitigate && r.control_ids.empty();
  f.rated_under_old_method = r.method_number < current_method_number;
  return f;
}

Result<RiskPatch> risk_patch_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  RiskPatch patch;
  RiskFields& f = patch.fields;
  JsonFields d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "title") {
      f.title = d.string(v, key);
    } else if (key == "description") {
      f.description = d.string(v, key);
    } else if (key == "treatment_plan") {
      f.treatment_plan = d.string(v, key);
    } else if (key == "asset_ids") {
      f.asset_ids = d.strings(v, key, kRiskAssetsMax);
    } else if (key == "control_ids") {
      f.control_ids = d.strings(v, key, kRiskControlsMax);
    } else if (key == "threat_id") {
      f.threat_id = d.string(v, key);
    } else if (key == "vulnerability_id") {
      f.vulnerability_id = d.string(v, key);
    } else if (key == "owner_id") {
      f.owner_id = d.nullable_string(v, key);
    } else if (key == "next_review_on") {
      f.next_review_on = d.nullable_string(v, key);
    } else if (key == "inherent") {
      f.inherent = rating_from_json(d, v, key);
    } else if (key == "residual") {
      f.residual = rating_from_json(d, v, key);
    } else if (key == "treatment") {
      if (!v.is_string()) {
        d.add(key, "must be one of undecided, mitigate, accept, avoid, transfer");
      } else if (auto t = parse_treatment(v.get<std::string>())) {
        f.treatment = *t;
      } else {
        d.add(key, "unknown value \"" + v.get<std::string>() +
                       "\"; expected one of undecided, mitigate, accept, avoid, transfer");
      }
    } else if (key == "version") {
      if (auto n = d.integer(v, key, 1, INT64_MAX)) patch.version = *n;
    } else if (key == "id" || key == "ref" || key == "threat_name" || key == "vulnerability_name" ||
               key == "owner_name" || key == "method_number" || key == "acceptance" ||
               key == "flags" || key == "archived" || key == "archived_at" ||
               key == "archive_reason" || key == "created_at" || key == "updated_at" ||
               key == "inherent_level" || key == "residual_level") {
      d.add(key, "is read-only");
    } else {
      d.add(key, "unknown field");
    }
  }
  // Rules that need no method, for the members given.
  if (f.title) check_text(d.errors, "title", *f.title, kRiskTitleMax, false, true);
  if (f.description) check_text(d.errors, "description", *f.description, kRiskTextMax, true, false);
  if (f.treatment_plan) {
    check_text(d.errors, "treatment_plan", *f.treatment_plan, kRiskTextMax, true, false);
  }
  if (f.next_review_on && *f.next_review_on && !risk_detail::is_valid_date(**f.next_review_on)) {
    d.add("next_review_on", "must be a date YYYY-MM-DD or null");
  }
  ISMS_TRY(d.finish());
  return patch;
}

void apply_risk_fields(const RiskFields& f, Risk* r) {
  if (f.title) r->title = *f.title;
  if (f.description) r->description = *f.description;
  if (f.asset_ids) r->asset_ids = sorted_unique(*f.asset_ids);
  if (f.threat_id) r->threat_id = *f.threat_id;
  if (f.vulnerability_id) r->vulnerability_id = *f.vulnerability_id;
  if (f.owner_id) r->owner_id = *f.owner_id;
  if (f.inherent) r->inherent = *f.inherent;
  if (f.residual) r->residual = *f.residual;
  if (f.treatment) r->treatment = *f.treatment;
  if (f.treatment_plan) r->treatment_plan = *f.treatment_plan;
  if (f.control_ids) r->control_ids = sorted_unique(*f.control_ids);
  if (f.next_review_on) r->next_review_on = *f.next_review_on;
}

std::vector<FieldError> validate_risk(const Risk& r, const RiskMethod& method) {
  std::vector<FieldError> errors;
  check_text(errors, "title", r.title, kRiskTitleMax, false, true);
  check_text(errors, "description", r.description, kRiskTextMax, true, false);
  check_text(errors, "treatment_plan", r.treatment_plan, kRiskTextMax, true, false);
  if (r.asset_ids.empty()) {
    errors.push_back({"asset_ids", "must name at least one asset"});
  } else if (r.asset_ids.size() > kRiskAssetsMax) {
    errors.push_back(
        {"asset_ids", "must name at most " + std::to_string(kRiskAssetsMax) + " assets"});
  }
  for (const auto& [field, ids] :
       {std::pair{"asset_ids", &r.asset_ids}, std::pair{"control_ids", &r.control_ids}}) {
    for (const auto& id : *ids) {
      if (id.empty() || id.size() > kIdMax) {
        errors.push_back({field, "must contain only ids"});
        break;
      }
    }
  }
  if (r.control_ids.size() > kRiskControlsMax) {
    errors.push_back(
        {"control_ids", "must name at most " + std::to_string(kRiskControlsMax) + " controls"});
  }
  if (r.threat_id.empty()) errors.push_back({"threat_id", "is required"});
  if (r.vulnerability_id.empty()) errors.push_back({"vulnerability_id", "is required"});
  if (r.owner_id && r.owner_id->empty()) errors.push_back({"owner_id", "must not be empty"});
  validate_rating(errors, "inherent", r.inherent, method);
  validate_rating(errors, "residual", r.residual, method);
  if (r.next_review_on && !risk_detail::is_valid_date(*r.next_review_on)) {
    errors.push_back({"next_review_on", "must be a date YYYY-MM-DD"});
  }
  return errors;
}

Status check_acceptance_authority(const RiskMethod& method, int level_rank, bool is_owner,
                                  bool holds_risks_write, bool holds_accept, bool holds_role) {
  bool top_management = holds_accept && holds_role;
  if (within_appetite(method, level_rank)) {
    if (is_owner || holds_risks_write || top_management) return ok_status();
    return Error::forbidden(
        "a risk within the appetite may be accepted by its owner or by a holder of risks:write");
  }
  if (top_management) return ok_status();
  std::string level = level_rank >= 0 && static_cast<size_t>(level_rank) < method.levels.size()
                          ? method.levels[static_cast<size_t>(level_rank)].name
                          : std::to_string(level_rank);
  std::string appetite =
      method.appetite_rank >= 0 && static_cast<size_t>(method.appetite_rank) < method.levels.size()
          ? method.levels[static_cast<size_t>(method.appetite_rank)].name
          : std::to_string(method.appetite_rank);
  return Error::forbidden("residual level \"" + level + "\" is above the risk appetite (\"" +
                          appetite + "\"): only a person with the role \"" +
                          method.acceptance_role_key +
                          "\" and the permission risks:accept may accept it");
}

Result<RiskRating> remap_risk_rating(const RiskMethod& current, const RiskMethod& next,
                                     const ScaleMapping& mapping, const RiskRating& r) {
  RiskRating out;
  // The likelihood (and the maps) are checked with the rating's highest impact.
  ISMS_ASSIGN(RatingChange base, remap_rating(current, next, mapping, r.likelihood, r.impact()));
  out.likelihood = base.likelihood_after;
  int* targets[] = {&out.impact_confidentiality, &out.impact_integrity, &out.impact_availability,
                    &out.impact_authenticity};
  auto values = impacts_of(r);
  for (size_t k = 0; k < values.size(); ++k) {
    int v = values[k].second;
    if (v == 0) continue;
    ISMS_ASSIGN(RatingChange c, remap_rating(current, next, mapping, r.likelihood, v));
    *targets[k] = c.impact_after;
  }
  return out;
}

Json risk_rating_to_json(const RiskRating& r, const RiskMethod& m) {
  Json impact = Json::object();
  for (auto [name, v] : impacts_of(r)) impact[name] = v;
  Json level = rating_on_scales(r, m) ? level_json(m, risk_level_rank(m, r.likelihood, r.impact()))
                                      : Json(nullptr);
  return Json{{"likelihood", r.likelihood},
              {"impact", std::move(impact)},
              {"impact_level", r.impact()},
              {"level", std::move(level)}};
}

Json risk_to_json(const Risk& r, const RiskMethod& method, const RiskFlags& flags) {
  Json inherent = risk_rating_to_json(r.inherent, method);
  Json residual = risk_rating_to_json(r.residual, method);
  // The stored levels are what queries and heat maps use; show the same.
  inherent["level"] = level_json(method, r.inherent_level);
  residual["level"] = level_json(method, r.residual_level);
  Json acceptance = nullptr;
  if (r.acceptance) {
    const RiskAcceptance& a = *r.acceptance;
    acceptance = Json{{"accepted_by_person_id", a.accepted_by_person_id},
                      {"accepted_by_name", a.accepted_by_name},
                      {"accepted_by_role", a.accepted_by_role},
                      {"accepted_at", a.accepted_at},
                      {"expires_on", a.expires_on},
                      {"justification", a.justification},
                      {"level_rank", a.level_rank},
                      {"method_number", a.method_number}};
  }
  Json flag_json{{"residual_above_inherent", flags.residual_above_inherent},
                 {"above_appetite", flags.above_appetite},
                 {"needs_acceptance", flags.needs_acceptance},
                 {"acceptance_expired", flags.acceptance_expired},
                 {"review_overdue", flags.review_overdue},
                 {"mitigation_without_controls", flags.mitigation_without_controls},
                 {"rated_under_old_method", flags.rated_under_old_method}};
  return Json{{"id", r.id},
              {"ref", r.ref},
              {"title", r.title},
              {"description", r.description},
              {"asset_ids", r.asset_ids},
              {"threat_id", r.threat_id},
              {"threat_name", r.threat_name},
              {"vulnerability_id", r.vulnerability_id},
              {"vulnerability_name", r.vulnerability_name},
              {"owner_id", optional_json(r.owner_id)},
              {"owner_name", optional_json(r.owner_name)},
              {"method_number", r.method_number},
              {"inherent", std::move(inherent)},
              {"residual", std::move(residual)},
              {"treatment", treatment_name(r.treatment)},
              {"treatment_plan", r.treatment_plan},
              {"control_ids", r.control_ids},
              {"acceptance", std::move(acceptance)},
              {"next_review_on", optional_json(r.next_review_on)},
              {"flags", std::move(flag_json)},
              {"archived", r.archived_at.has_value()},
              {"archived_at", optional_json(r.archived_at)},
              {"archive_reason", optional_json(r.archive_reason)},
              {"version", r.version},
              {"created_at", r.created_at},
              {"updated_at", r.updated_at}};
}

}  // namespace isms
