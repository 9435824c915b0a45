// Generator: deterministic (seeded) random values for the benchmark data set — persons,
// assets with varied fields and dependencies, asset change payloads shaped like the
// ones AssetService writes to the ledger (asset_diff), controls with Annex A requirements
// and evidence links, and risks rated under a method. Pure: no I/O, no store. Not
// thread-safe (one random engine).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "base/json.h"
#include "domain/asset.h"
#include "domain/control.h"
#include "domain/people.h"
#include "domain/risk.h"
#include "domain/risk_method.h"
#include "domain/soa.h"
#include "domain/threat.h"

namespace isms::bench {

class Generator {
 public:
  // now_micros anchors the generated history: assets were created over the three years
  // before it.
  Generator(uint64_t seed, int64_t now_micros);

  // Person number `index` (unique name and email for each index).
  Person person(int index, std::vector<std::string> role_ids);

  // Asset number `number` with a fresh id. owner_ids may be empty (then no owner);
  // dependencies are drawn from `earlier` (ids of stored assets). Version 1, not archived.
  Asset asset(int64_t number, const std::vector<std::string>& owner_ids,
              const std::vector<std::string>& earlier);

  // True for the ~2% of assets that get archived right after creation.
  bool should_archive();
  std::string archive_reason();

  // A change as AssetService records for "asset.update": {"field":{"from":..,"to":..},...}
  // over 1-4 fields, sometimes with a justification. ~200-400 bytes of canonical JSON.
  Json asset_update_change(const std::vector<std::string>& owner_ids);

  // Control number `number` with a fresh id (ref left to the store): a measure for an
  // area, 1-3 of `requirement_keys` (sorted, unique; the caller passes Annex A keys),
  // status and classification weighted like a young ISMS (60 % implemented, 15 %
  // confidential), an effectiveness check date around now. Version 1, not archived.
  Control control(int64_t number, const std::vector<std::string>& owner_ids,
                  const std::vector<std::string>& requirement_keys);
  // The evidence links of a control (new ids): none for ~40 %, else 1-2, about a fifth
  // of them expired. created_by = actor.
  std::vector<Evidence> evidence_links(const Control& control, const std::string& actor);

  // What a risk is drawn from. Every vector must be non-empty but owner_ids and
  // control_ids; method is the current method (number and scales).
  struct RiskInputs {
    const RiskMethod* method = nullptr;
    const std::vector<std::string>* owner_ids = nullptr;
    const std::vector<std::string>* asset_ids = nullptr;
    const std::vector<RiskSource>* threats = nullptr;
    const std::vector<RiskSource>* vulnerabilities = nullptr;
    const std::vector<std::string>* control_ids = nullptr;
  };
  // Risk number `number` with a fresh id (ref left to the store): 1-3 assets, a threat
  // and a vulnerability, the threat's properties rated, likelihood and impact spread
  // over the whole grid (both ends less often), a residual rating at or below the
  // inherent one (~3 % above it, as real registers have rating mistakes), a weighted
  // treatment, 0-3 controls (1-3 when mitigating), an acceptance for most accepted
  // risks, a review date (some overdue). Levels derived under the method. Version 1.
  Risk risk(int64_t number, const RiskInputs& in);
  // True for the ~1 % of risks that get archived right after creation.
  bool should_archive_risk();

  // A decision for an undecided SoA line (version 0): ~95 % applicable for risk
  // treatment (some also legal or contractual), implementation mostly done; the rest not
  // applicable with a justification.
  ApplicabilityFields soa_decision();

 private:
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(rng_)];
  }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  std::string description();
  int level_near(int centre);
  int scale_value(int levels);  // 1..levels, middle values more often
  std::string date_around_now(int days_before, int days_after);  // YYYY-MM-DD
  std::string created_time();                                    // within the generated history

  std::mt19937_64 rng_;
  int64_t now_micros_;
};

}  // namespace isms::bench
