// Threat and Vulnerability: the editable catalogues a risk draws from. Defaults are
// shipped (threat_defaults.cc, written for isms in our own words) and created with the
// organization; users add, change and archive entries.
// Pure; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms {

inline constexpr size_t kThreatNameMax = 200;
inline constexpr size_t kThreatDescriptionMax = 4000;

// Security properties a risk can harm (policy section 5).
enum class SecurityProperty { kConfidentiality, kIntegrity, kAvailability, kAuthenticity };
// "confidentiality" | "integrity" | "availability" | "authenticity"
std::string_view security_property_name(SecurityProperty p);
std::optional<SecurityProperty> parse_security_property(std::string_view s);

// Threats and vulnerabilities share one shape; `kind` tells them apart.
enum class RiskSourceKind { kThreat, kVulnerability };
std::string_view risk_source_kind_name(RiskSourceKind k);  // "threat" | "vulnerability"

struct RiskSource {
  std::string id;
  RiskSourceKind kind = RiskSourceKind::kThreat;
  std::string key;       // stable short key of a shipped default ("malware"); "" for user entries
  std::string name;      // unique per kind, case-insensitively
  std::string category;  // threats: "human_deliberate", "human_accidental", "technical",
                         // "environmental", "organizational"; vulnerabilities: "technical",
                         // "organizational", "physical", "human" — free text up to 60
  std::string description;
  std::vector<SecurityProperty> properties;  // which properties it usually harms (threats)
  std::optional<std::string> archived_at;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

// The shipped defaults (threat_defaults.cc), ids empty, keys set.
std::vector<RiskSource> default_threats();
std::vector<RiskSource> default_vulnerabilities();

std::vector<FieldError> validate_risk_source(const RiskSource& s);
Json risk_source_to_json(const RiskSource& s);
// Writable keys: name, category, description, properties. Unknown keys refused.
struct RiskSourceFields {
  std::optional<std::string> name, category, description;
  std::optional<std::vector<SecurityProperty>> properties;
  std::optional<int64_t> version;
};
Result<RiskSourceFields> risk_source_fields_from_json(const Json& body);
void apply_risk_source_fields(const RiskSourceFields& f, RiskSource* s);

}  // namespace isms
