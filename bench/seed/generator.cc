#include "generator.h"

#include <algorithm>
#include <cctype>

#include "base/crypto.h"
#include "base/time.h"
#include "vocabulary.h"

namespace isms::bench {

namespace {

constexpr int64_t kDayMicros = 24LL * 3600 * 1000000;
constexpr int64_t kHistoryMicros = 3 * 365 * kDayMicros;

// Registries are dominated by systems, applications and cloud services; facilities and
// networks are few. Weights per AssetType in declaration order.
const std::vector<double> kTypeWeights = {12, 22, 20, 12, 10, 5, 14, 2, 3};
// public, internal, confidential, customer_data.
const std::vector<double> kClassificationWeights = {15, 45, 28, 12};
// planned, active, retiring, retired.
const std::vector<double> kStatusWeights = {8, 75, 10, 7};
// Controls: planned, in_progress, implemented, not_applicable.
const std::vector<double> kControlStatusWeights = {15, 20, 60, 5};
// Controls: public, internal, confidential (never customer_data).
const std::vector<double> kControlClassificationWeights = {10, 75, 15};
// Risks: undecided, mitigate, accept, avoid, transfer.
const std::vector<double> kTreatmentWeights = {10, 55, 20, 5, 10};
const int kCheckIntervals[] = {3, 6, 12, 12, 12, 24};

template <typename Rng>
int weighted(Rng& rng, const std::vector<double>& weights) {
  return std::discrete_distribution<int>(weights.begin(), weights.end())(rng);
}

}  // namespace

Generator::Generator(uint64_t seed, int64_t now_micros) : rng_(seed), now_micros_(now_micros) {}

Person Generator::person(int index, std::vector<std::string> role_ids) {
  const Vocabulary& v = vocabulary();
  // Index-driven rather than random so that a re-run names the same people.
  const auto& first = v.first_names[index % v.first_names.size()];
  const auto& last = v.last_names[(index / v.first_names.size() + index) % v.last_names.size()];
  Person p;
  p.id = new_id();
  p.name = std::string(first) + " " + std::string(last);
  p.email = "bench.person" + std::to_string(index) + "@example.eu";
  p.job_title = v.job_titles[index % v.job_titles.size()];
  p.role_ids = std::move(role_ids);
  p.created_at = format_utc_micros(now_micros_ - kHistoryMicros - kDayMicros);
  return p;
}

std::string Generator::description() {
  const Vocabulary& v = vocabulary();
  std::string text(pick(v.qualities));
  for (int n = between(0, 2); n > 0; --n) text += " " + std::string(pick(v.qualities));
  return text;
}

int Generator::level_near(int centre) {
  return std::clamp(centre + between(-1, 1), kMinLevel, kMaxLevel);
}

Asset Generator::asset(int64_t number, const std::vector<std::string>& owner_ids,
                       const std::vector<std::string>& earlier) {
  const Vocabulary& v = vocabulary();
  Asset a;
  a.id = new_id();
  std::string area(pick(v.areas)), thing(pick(v.things));
  // Two name shapes so that sorting by name interleaves areas instead of clustering them.
  a.name = chance(0.7) ? area + " " + thing + " " + std::to_string(number)
                       : thing + " for " + area + " " + std::to_string(number);
  a.name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(a.name[0])));
  a.type = static_cast<AssetType>(weighted(rng_, kTypeWeights));
  a.description = chance(0.9) ? description() : std::string();
  if (!owner_ids.empty() && chance(0.92)) a.owner_id = pick(owner_ids);
  a.business_function = pick(v.functions);
  a.classification = static_cast<Classification>(weighted(rng_, kClassificationWeights));
  // Protection needs follow the classification, with some spread.
  int rank = classification_rank(a.classification);
  a.confidentiality = level_near(rank + 1);
  a.integrity = level_near(2 + (rank >= 2 ? 1 : 0));
  a.availability = level_near(2);
  a.authenticity = level_near(rank >= 2 ? 3 : 2);
  a.lifecycle_status = static_cast<LifecycleStatus>(weighted(rng_, kStatusWeights));
  if (!earlier.empty() && chance(0.35)) {
    for (int n = between(1, 3); n > 0; --n) a.depends_on.push_back(pick(earlier));
    std::sort(a.depends_on.begin(), a.depends_on.end());
    a.depends_on.erase(std::unique(a.depends_on.begin(), a.depends_on.end()), a.depends_on.end());
  }
  int64_t created =
      now_micros_ - std::uniform_int_distribution<int64_t>(kDayMicros, kHistoryMicros)(rng_);
  int64_t updated = std::uniform_int_distribution<int64_t>(created, now_micros_)(rng_);
  a.created_at = format_utc_micros(created);
  a.updated_at = format_utc_micros(updated);
  a.version = 1;
  return a;
}

bool Generator::should_archive() { return chance(0.02); }

std::string Generator::archive_reason() { return std::string(pick(vocabulary().review_notes)); }

Json Generator::asset_update_change(const std::vector<std::string>& owner_ids) {
  const Vocabulary& v = vocabulary();
  auto change_of = [](Json from, Json to) { return Json{{"from", from}, {"to", to}}; };
  Json change = Json::object();
  // Each field changes with its own probability; at least one always changes.
  if (chance(0.35) && owner_ids.size() > 1) {
    change["owner_id"] = change_of(pick(owner_ids), pick(owner_ids));
  }
  if (chance(0.3)) {
    auto from = static_cast<LifecycleStatus>(weighted(rng_, kStatusWeights));
    auto to = static_cast<LifecycleStatus>((static_cast<int>(from) + 1) % 4);
    change["lifecycle_status"] =
        change_of(std::string(lifecycle_status_name(from)), std::string(lifecycle_status_name(to)));
  }
  if (chance(0.3)) {
    const char* fields[] = {"confidentiality", "integrity", "availability", "authenticity"};
    int from = between(1, 3);
    change[fields[between(0, 3)]] = change_of(from, from + 1);
  }
  if (chance(0.25)) {
    change["business_function"] =
        change_of(std::string(pick(v.functions)), std::string(pick(v.functions)));
  }
  if (chance(0.2)) {
    int from = between(0, 2);
    change["classification"] =
        change_of(std::string(classification_name(static_cast<Classification>(from))),
                  std::string(classification_name(static_cast<Classification>(from + 1))));
  }
  if (change.empty() || chance(0.4)) {
    change["description"] = change_of(description(), description());
  }
  if (chance(0.3)) change["justification"] = std::string(pick(v.review_notes));
  return change;
}

int Generator::scale_value(int levels) {
  // A triangle over 1..levels: the middle of the grid is most populated, the corners
  // still hold risks (the heat map's extreme cells are never empty).
  int a = between(1, levels), b = between(1, levels);
  return (a + b + between(0, 1)) / 2;
}

std::string Generator::date_around_now(int days_before, int days_after) {
  int64_t t = now_micros_ + static_cast<int64_t>(between(-days_before, days_after)) * kDayMicros;
  return format_utc_micros(t).substr(0, 10);
}

std::string Generator::created_time() {
  return format_utc_micros(
      now_micros_ - std::uniform_int_distribution<int64_t>(kDayMicros, kHistoryMicros)(rng_));
}

Control Generator::control(int64_t number, const std::vector<std::string>& owner_ids,
                           const std::vector<std::string>& requirement_keys) {
  const Vocabulary& v = vocabulary();
  Control c;
  c.id = new_id();
  c.title = std::string(pick(v.control_measures)) + " for " + std::string(pick(v.areas)) + " " +
            std::to_string(number);
  c.description = chance(0.85) ? description() : std::string();
  if (!owner_ids.empty() && chance(0.9)) c.owner_id = pick(owner_ids);
  c.status = static_cast<ControlStatus>(weighted(rng_, kControlStatusWeights));
  c.classification = static_cast<Classification>(weighted(rng_, kControlClassificationWeights));
  if (!requirement_keys.empty()) {
    for (int n = between(1, 3); n > 0; --n) c.requirement_keys.push_back(pick(requirement_keys));
    std::sort(c.requirement_keys.begin(), c.requirement_keys.end());
    c.requirement_keys.erase(std::unique(c.requirement_keys.begin(), c.requirement_keys.end()),
                             c.requirement_keys.end());
  }
  c.check_interval_months = kCheckIntervals[between(0, 5)];
  if (c.status == ControlStatus::kImplemented) c.last_checked_on = date_around_now(365, 0);
  if (c.status != ControlStatus::kNotApplicable) c.next_check_on = date_around_now(60, 365);
  c.created_at = created_time();
  c.updated_at = c.created_at;
  c.version = 1;
  return c;
}

std::vector<Evidence> Generator::evidence_links(const Control& control, const std::string& actor) {
  const Vocabulary& v = vocabulary();
  std::vector<Evidence> out;
  if (!chance(0.6)) return out;
  for (int n = between(1, 2); n > 0; --n) {
    Evidence e;
    e.id = new_id();
    e.control_id = control.id;
    e.kind = EvidenceKind::kLink;
    e.title = "Record of " + std::string(pick(v.review_notes));
    e.url = "https://wiki.example.eu/isms/controls/" + control.id + "/evidence-" +
            std::to_string(out.size() + 1);
    e.valid_from = date_around_now(540, -30);
    // A fifth expired, most valid for a year, some without expiry.
    if (chance(0.2)) {
      e.valid_until = std::max(e.valid_from, date_around_now(180, -1));
    } else if (chance(0.8)) {
      e.valid_until = date_around_now(-1, 365);
    }
    e.created_by = actor;
    e.created_at = control.created_at;
    e.version = 1;
    out.push_back(std::move(e));
  }
  return out;
}

Risk Generator::risk(int64_t number, const RiskInputs& in) {
  const Vocabulary& v = vocabulary();
  const RiskMethod& m = *in.method;
  const int likelihoods = static_cast<int>(m.likelihood.size());
  const int impacts = static_cast<int>(m.impact.size());
  Risk r;
  r.id = new_id();
  const RiskSource& threat = pick(*in.threats);
  r.threat_id = threat.id;
  r.vulnerability_id = pick(*in.vulnerabilities).id;
  std::string area(pick(v.areas)), thing(pick(v.things));
  r.title = threat.name + " affecting " + area + " " + thing + " " + std::to_string(number);
  r.description = chance(0.8) ? description() : std::string();
  for (int n = between(1, 3); n > 0; --n) r.asset_ids.push_back(pick(*in.asset_ids));
  std::sort(r.asset_ids.begin(), r.asset_ids.end());
  r.asset_ids.erase(std::unique(r.asset_ids.begin(), r.asset_ids.end()), r.asset_ids.end());
  if (!in.owner_ids->empty() && chance(0.95)) r.owner_id = pick(*in.owner_ids);
  r.method_number = m.number;

  // Inherent: the threat's properties are affected (all four when it names none).
  RiskRating& inh = r.inherent;
  inh.likelihood = scale_value(likelihoods);
  auto affected = [&](SecurityProperty p) {
    return threat.properties.empty() ||
           std::find(threat.properties.begin(), threat.properties.end(), p) !=
               threat.properties.end();
  };
  int top = scale_value(impacts);
  inh.impact_confidentiality = affected(SecurityProperty::kConfidentiality) ? between(1, top) : 0;
  inh.impact_integrity = affected(SecurityProperty::kIntegrity) ? between(1, top) : 0;
  inh.impact_availability = affected(SecurityProperty::kAvailability) ? between(1, top) : 0;
  inh.impact_authenticity = affected(SecurityProperty::kAuthenticity) ? between(1, top) : 0;
  int* highest = &inh.impact_confidentiality;
  for (int* p : {&inh.impact_integrity, &inh.impact_availability, &inh.impact_authenticity}) {
    if (*p > *highest) highest = p;
  }
  *highest = top;  // the risk's impact is `top`

  r.treatment = static_cast<Treatment>(weighted(rng_, kTreatmentWeights));
  const bool mitigating = r.treatment == Treatment::kMitigate;
  if (!in.control_ids->empty()) {
    int n = mitigating ? between(1, 3) : (chance(0.3) ? 1 : 0);
    for (; n > 0; --n) r.control_ids.push_back(pick(*in.control_ids));
    std::sort(r.control_ids.begin(), r.control_ids.end());
    r.control_ids.erase(std::unique(r.control_ids.begin(), r.control_ids.end()),
                        r.control_ids.end());
  }
  if (r.treatment != Treatment::kUndecided && chance(0.7))
    r.treatment_plan = pick(v.treatment_plans);

  // Residual: controls lower the likelihood, sometimes the impact; a few rating mistakes.
  RiskRating& res = r.residual;
  res = inh;
  if (chance(0.03)) {
    res.likelihood = std::min(likelihoods, inh.likelihood + 1);
  } else if (mitigating || r.treatment == Treatment::kAvoid ||
             r.treatment == Treatment::kTransfer) {
    res.likelihood = std::max(1, inh.likelihood - between(0, 2));
    if (chance(0.4)) {
      for (int* p : {&res.impact_confidentiality, &res.impact_integrity, &res.impact_availability,
                     &res.impact_authenticity}) {
        if (*p > 1) --*p;
      }
    }
  }
  r.inherent_level = risk_level_rank(m, inh.likelihood, inh.impact());
  r.residual_level = risk_level_rank(m, res.likelihood, res.impact());

  r.created_at = created_time();
  r.updated_at = r.created_at;
  if (r.treatment == Treatment::kAccept && !in.owner_ids->empty() && chance(0.7)) {
    RiskAcceptance a;
    const bool within = within_appetite(m, r.residual_level);
    a.accepted_by_person_id = r.owner_id && within ? *r.owner_id : pick(*in.owner_ids);
    a.accepted_by_role = within ? "owner" : m.acceptance_role_key;
    a.accepted_at = r.created_at;
    a.expires_on = date_around_now(60, 365);  // some expired
    a.justification = std::string(pick(v.review_notes));
    a.level_rank = r.residual_level;
    a.method_number = m.number;
    r.acceptance = std::move(a);
  }
  if (chance(0.9)) r.next_review_on = date_around_now(120, 365);
  r.version = 1;
  return r;
}

bool Generator::should_archive_risk() { return chance(0.01); }

ApplicabilityFields Generator::soa_decision() {
  ApplicabilityFields f;
  f.version = 0;
  if (chance(0.05)) {
    f.applicable = Applicable::kNo;
    f.reasons = std::vector<InclusionReason>{};
    f.justification = "Not relevant: " + std::string(pick(vocabulary().review_notes)) + ".";
    f.implementation = ImplementationStatus::kNotStarted;
    return f;
  }
  f.applicable = Applicable::kYes;
  std::vector<InclusionReason> reasons{InclusionReason::kRiskTreatment};
  if (chance(0.3)) reasons.push_back(InclusionReason::kLegal);
  if (chance(0.2)) reasons.push_back(InclusionReason::kContractual);
  f.reasons = std::move(reasons);
  if (chance(0.5)) f.justification = std::string(pick(vocabulary().qualities));
  // not_started, planned, partial, implemented.
  f.implementation = static_cast<ImplementationStatus>(weighted(rng_, {5, 10, 25, 60}));
  return f;
}

}  // namespace isms::bench
