// Generator: deterministic (seeded) random values for the benchmark data set — persons,
// assets with varied fields and dependencies, and asset change payloads shaped like the
// ones AssetService writes to the ledger (asset_diff). Pure: no I/O, no store. Not
// thread-safe (one random engine).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "base/json.h"
#include "domain/asset.h"
#include "domain/people.h"

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

 private:
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(rng_)];
  }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  std::string description();
  int level_near(int centre);

  std::mt19937_64 rng_;
  int64_t now_micros_;
};

}  // namespace isms::bench
