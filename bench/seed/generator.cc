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

}  // namespace isms::bench
