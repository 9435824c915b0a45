// RiskMethod: how risks are rated (policy section 5), as data. Likelihood and impact
// scales (3..6 levels each, values 1..n, with names and descriptions), a grid giving the
// risk level of every (likelihood, impact) cell, the ordered risk levels with colours, and
// the risk appetite (the highest level that may be accepted without top management).
//
// Versioned: a method is never changed in place. Saving a changed method stores a new
// version (number + 1); every risk keeps the method number it was rated under, so old
// assessments are never silently rescaled. diff_methods() shows what a change does to
// each rating before it is saved (docs/risk-method.md). Pure; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms {

inline constexpr int kMinScaleLevels = 3;
inline constexpr int kMaxScaleLevels = 6;
inline constexpr int kMinRiskLevels = 2;
inline constexpr int kMaxRiskLevels = 6;
inline constexpr size_t kScaleNameMax = 60;
inline constexpr size_t kScaleDescriptionMax = 1000;

// One step of a likelihood or impact scale. value is 1..n (its position + 1).
struct ScaleLevel {
  int value = 1;
  std::string name;         // "Rare", "Likely"
  std::string description;  // "Less than once in ten years"
  bool operator==(const ScaleLevel&) const = default;
};

// One risk level (a band of the grid), ordered from lowest (rank 0) to highest.
struct RiskLevel {
  int rank = 0;
  std::string key;     // "low", "medium", "high", "critical": [a-z0-9_]{1,40}, unique
  std::string name;    // "High"
  std::string colour;  // "#RRGGBB"
  bool operator==(const RiskLevel&) const = default;
};

struct RiskMethod {
  int64_t number = 1;                  // version number, 1 for the first method of the organization
  std::string name;                    // "ISMS risk method"
  std::vector<ScaleLevel> likelihood;  // 3..6 levels, value i+1 at index i
  std::vector<ScaleLevel> impact;      // 3..6 levels
  std::vector<RiskLevel> levels;       // 2..6 levels, rank i at index i
  // grid[l-1][i-1] = rank of the risk level for likelihood l and impact i. Every rank is
  // a valid level; the grid is monotone (never lower when likelihood or impact rises).
  std::vector<std::vector<int>> grid;
  // Residual levels with rank <= appetite_rank are within the appetite: the risk owner
  // (or a holder of risks:write) may accept them. Above it, acceptance needs
  // "risks:accept" and the role acceptance_role_key (top management, default "ceo").
  int appetite_rank = 0;
  std::string acceptance_role_key = "ceo";
  int acceptance_validity_months = 12;  // default expiry of an acceptance, 1..36
  std::string change_note;              // why this version was made (required from 2 on)
  std::string created_by;               // actor
  std::string created_at;
  bool operator==(const RiskMethod&) const = default;
};

// The default 5x5 method: likelihood Rare..Almost certain, impact Negligible..Severe,
// levels low/medium/high/critical (green/yellow/orange/red), appetite "medium".
RiskMethod default_risk_method();

// All rule violations of a method (field names as in the JSON form: "likelihood",
// "impact[2].name", "grid[1][3]", "appetite_rank", ...).
std::vector<FieldError> validate_risk_method(const RiskMethod& m);

// REQUIRES: validate_risk_method(m) is empty, 1 <= likelihood <= m.likelihood.size(),
// 1 <= impact <= m.impact.size().
int risk_level_rank(const RiskMethod& m, int likelihood, int impact);
bool within_appetite(const RiskMethod& m, int level_rank);

// What saving `next` would do to ratings made under `current`. When the scales keep
// their sizes, values stay and only levels may change. When a scale's size changes the
// caller must say where each old value goes (likelihood_map / impact_map: old value ->
// new value, one entry per old value); otherwise diff_methods returns kInvalid naming
// "likelihood_map" or "impact_map".
struct ScaleMapping {
  std::vector<std::pair<int, int>> likelihood_map;  // empty = identity
  std::vector<std::pair<int, int>> impact_map;
};
struct RatingChange {
  int likelihood_before = 0, impact_before = 0, level_before = 0;
  int likelihood_after = 0, impact_after = 0, level_after = 0;
};
// Maps one rating. Errors as described above.
Result<RatingChange> remap_rating(const RiskMethod& current, const RiskMethod& next,
                                  const ScaleMapping& mapping, int likelihood, int impact);

Json risk_method_to_json(const RiskMethod& m);
// Decodes the writable part of a method (name, likelihood, impact, levels, grid,
// appetite_rank, acceptance_role_key, acceptance_validity_months, change_note); unknown
// keys are refused naming the key. Does not validate the rules (validate_risk_method).
Result<RiskMethod> risk_method_from_json(const Json& body);
Result<ScaleMapping> scale_mapping_from_json(const Json& body);  // {"likelihood_map":{"1":1}}

}  // namespace isms
