// Whether an incident is "significant" (Directive (EU) 2022/2555 Art. 23(3)) by the
// criteria of Commission Implementing Regulation (EU) 2024/2690 (docs/nis2-reporting.md):
//   Art. 3(1)(a) direct financial loss above EUR 500 000 or 5 % of the preceding year's
//                total annual turnover, whichever is lower;
//   Art. 3(1)(b) exfiltration of trade secrets;  (c) death of a natural person;
//   (d) considerable damage to a natural person's health;
//   (e) successful, suspectedly malicious and unauthorised access to network and
//       information systems capable of causing severe operational disruption;
//   (f) Art. 4 recurring incidents: at least twice within 6 months, same apparent root
//       cause, collectively meeting 3(1)(a);
//   (g) the entity-specific criteria: Art. 7 (cloud computing service providers) and
//       Art. 10 (managed service / managed security service providers), which share the
//       same four thresholds (complete unavailability > 30 min; availability limited for
//       more than 5 % of Union users or more than 1 million, whichever is smaller, for more
//       than 1 hour; data compromised by a suspectedly malicious action; data compromised
//       for more than 5 % / 1 million users, whichever is smaller).
//   Art. 3(2): scheduled interruptions and planned consequences of scheduled maintenance
//   are not significant incidents.
// Inputs are facts; the result lists the criteria met and reasoning generated from them.
// The assessor may override the result with a justification. Pure; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms {

inline constexpr int64_t kFinancialLossThresholdEur = 500000;
inline constexpr int64_t kUsersThresholdAbsolute = 1000000;
inline constexpr int64_t kCompleteUnavailabilityMinutes = 30;
inline constexpr int64_t kLimitedAvailabilityMinutes = 60;
inline constexpr int64_t kRecurringWindowMonths = 6;
inline constexpr int64_t kFactNumberMax = 1000000000000000LL;  // 10^15: no overflow below
inline constexpr size_t kJustificationMax = 5000;

// Entity types of 2024/2690 Art. 1 that the entity-specific criteria use.
// "cloud_computing_service_provider" (Art. 7), "managed_service_provider" and
// "managed_security_service_provider" (Art. 10). Others have no entity-specific criteria here.
const std::vector<std::string>& known_entity_types();

struct SignificanceFacts {
  std::vector<std::string> entity_types;  // sorted unique, from known_entity_types()
  bool scheduled_maintenance = false;     // Art. 3(2)
  // Art. 3(1)(a): direct financial loss caused or capable of being caused (whole euros);
  // the preceding year's total annual turnover (0 = not known: only EUR 500 000 applies).
  int64_t financial_loss_eur = 0;
  int64_t annual_turnover_eur = 0;
  bool trade_secrets_exfiltrated = false;           // (b)
  bool death = false;                               // (c)
  bool health_damage = false;                       // (d)
  bool malicious_access_severe_disruption = false;  // (e)
  // Art. 4: incidents (this one included) with the same apparent root cause within 6
  // months, and their financial loss together.
  int64_t recurring_count = 0;
  int64_t recurring_financial_loss_eur = 0;
  // Art. 7 / Art. 10 service facts.
  int64_t complete_unavailability_minutes = 0;
  int64_t limited_availability_minutes = 0;
  int64_t service_users_union = 0;  // users of the service in the Union (0 = unknown)
  int64_t users_limited_availability = 0;
  bool data_compromised_malicious = false;
  int64_t users_data_compromised = 0;
  bool operator==(const SignificanceFacts&) const = default;
};

struct CriterionMet {
  std::string code;   // "art3_1_a", "art4", "art7_1", "art10_3", ...
  std::string basis;  // "Implementing Regulation (EU) 2024/2690 Art. 3(1)(a)"
  std::string text;   // why, with the numbers
};

struct SignificanceResult {
  bool significant = false;
  std::vector<CriterionMet> criteria_met;
  std::string reasoning;  // one paragraph generated from the facts
};

// The users threshold of Art. 7/10: "more than 5 % of the users in the Union or more than
// 1 million, whichever number is smaller" -> true when affected exceeds it. With the
// total unknown (0) only the 1 million applies.
bool exceeds_users_threshold(int64_t affected, int64_t total_users);
// Art. 3(1)(a): loss > min(500 000, 5 % of turnover); turnover 0 = unknown.
bool exceeds_financial_threshold(int64_t loss_eur, int64_t turnover_eur);

SignificanceResult assess_significance(const SignificanceFacts& facts);

// Strict JSON: unknown keys refused, integers 0..10^15, entity types known. kInvalid naming
// "facts.<key>".
Result<SignificanceFacts> significance_facts_from_json(const Json& j);
Json significance_facts_to_json(const SignificanceFacts& f);
Json significance_result_to_json(const SignificanceResult& r);

}  // namespace isms
