// Risk: one entry of the risk register (policy section 5, ISO/IEC 27001 6.1.2/6.1.3/8.2).
// A risk links assets, a threat and a vulnerability; impact is rated per security
// property and the risk's impact is the highest of them; likelihood and impact give the
// level through the RiskMethod the risk was rated under (method_number). Inherent = before
// treatment, residual = after the planned/implemented controls. Pure; no I/O.
//
// Rules (check_risk): at least one asset; threat and vulnerability set; ratings within the
// method's scales; a residual level above the inherent one is allowed but flagged
// (residual_above_inherent) because it usually means a rating mistake; treatment "accept"
// needs no controls, "mitigate" should name the controls that carry it (flag
// mitigation_without_controls when none); an acceptance expires (acceptance_expired).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "domain/risk_method.h"
#include "domain/threat.h"

namespace isms {

inline constexpr size_t kRiskTitleMax = 200;
inline constexpr size_t kRiskTextMax = 10000;
inline constexpr size_t kRiskAssetsMax = 100;
inline constexpr size_t kRiskControlsMax = 200;

enum class Treatment { kUndecided, kMitigate, kAccept, kAvoid, kTransfer };
// "undecided" | "mitigate" | "accept" | "avoid" | "transfer"
std::string_view treatment_name(Treatment t);
std::optional<Treatment> parse_treatment(std::string_view s);

// A rating: likelihood and impact per security property (0 = property not affected).
struct RiskRating {
  int likelihood = 1;
  int impact_confidentiality = 0;
  int impact_integrity = 0;
  int impact_availability = 0;
  int impact_authenticity = 0;
  bool operator==(const RiskRating&) const = default;
  int impact() const;  // the highest of the four (at least 1)
};

// Acceptance of the residual risk by whoever the method requires.
struct RiskAcceptance {
  std::string accepted_by_person_id;
  std::string accepted_by_name;  // read-only, joined
  std::string accepted_by_role;  // role key under which it was accepted ("ceo", "owner")
  std::string accepted_at;       // timestamp
  std::string expires_on;        // YYYY-MM-DD
  std::string justification;
  int level_rank = 0;  // residual level accepted
  int64_t method_number = 1;
  bool operator==(const RiskAcceptance&) const = default;
};

struct Risk {
  std::string id;
  std::string ref;  // "R-0001": assigned by the store in creation order, unique
  std::string title;
  std::string description;
  std::vector<std::string> asset_ids;  // sorted, unique, >= 1
  std::string threat_id;
  std::string vulnerability_id;
  std::optional<std::string> owner_id;          // person
  std::optional<std::string> owner_name;        // read-only, joined
  std::string threat_name, vulnerability_name;  // read-only, joined
  int64_t method_number = 1;
  RiskRating inherent;
  RiskRating residual;
  int inherent_level = 0;  // rank, derived by the service (risk_level_rank), stored for queries
  int residual_level = 0;
  Treatment treatment = Treatment::kUndecided;
  std::string treatment_plan;
  std::vector<std::string> control_ids;  // sorted, unique
  std::optional<RiskAcceptance> acceptance;
  std::optional<std::string> next_review_on;  // YYYY-MM-DD
  std::optional<std::string> archived_at;
  std::optional<std::string> archive_reason;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

// Flags derived from a risk, its method and today's date (YYYY-MM-DD).
struct RiskFlags {
  bool residual_above_inherent = false;
  bool above_appetite = false;  // residual level above the appetite
  bool needs_acceptance =
      false;  // treatment accept (or residual above appetite) and no valid acceptance
  bool acceptance_expired = false;
  bool review_overdue = false;  // next_review_on < today
  bool mitigation_without_controls = false;
  bool rated_under_old_method = false;  // method_number < current method number
};
RiskFlags risk_flags(const Risk& r, const RiskMethod& method_of_risk, int64_t current_method_number,
                     std::string_view today);

struct RiskFields {
  std::optional<std::string> title, description;
  std::optional<std::vector<std::string>> asset_ids;
  std::optional<std::string> threat_id, vulnerability_id;
  std::optional<std::optional<std::string>> owner_id;
  std::optional<RiskRating> inherent, residual;
  std::optional<Treatment> treatment;
  std::optional<std::string> treatment_plan;
  std::optional<std::vector<std::string>> control_ids;
  std::optional<std::optional<std::string>> next_review_on;
};
struct RiskPatch {
  RiskFields fields;
  std::optional<int64_t> version;
};
// Unknown keys, read-only keys (id, ref, levels, acceptance, ...) and wrong types are
// refused naming the key; ratings are objects {likelihood, impact: {confidentiality, ...}}.
Result<RiskPatch> risk_patch_from_json(const Json& body);
void apply_risk_fields(const RiskFields& f, Risk* r);

// Field rules against the method the risk is rated under.
std::vector<FieldError> validate_risk(const Risk& r, const RiskMethod& method);

// Rules for an acceptance: who may accept `level_rank` under `method`. `is_owner` = the
// accepting person owns the risk; `holds_accept` = holds "risks:accept";
// `holds_role` = holds method.acceptance_role_key. kForbidden names the required role.
Status check_acceptance_authority(const RiskMethod& method, int level_rank, bool is_owner,
                                  bool holds_risks_write, bool holds_accept, bool holds_role);

// A rating moved to another method version: likelihood and every affected property's
// impact through `mapping` (0 stays 0). Errors as remap_rating (risk_method.h).
Result<RiskRating> remap_risk_rating(const RiskMethod& current, const RiskMethod& next,
                                     const ScaleMapping& mapping, const RiskRating& r);

Json risk_rating_to_json(const RiskRating& r, const RiskMethod& m);  // with level key/name/colour
// Wire form (docs/api.md "Risks"), with the flags and the level names of `method`.
Json risk_to_json(const Risk& r, const RiskMethod& method, const RiskFlags& flags);

}  // namespace isms
