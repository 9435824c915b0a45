// Statement of Applicability (ISO/IEC 27001 6.1.3 d; policy section 2). One Applicability
// line per Annex A control (and, when the organization opts in, per subsection of the
// 2024/2690 Annex): applicable or not, why (risk treatment, legal, contractual, business
// need), implementation status, and the controls, risks and evidence behind it (derived
// from the controls that name the requirement). The working SoA is the set of lines; an
// approved Soa is a frozen, numbered copy of every line, and two can be compared.
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

inline constexpr size_t kSoaJustificationMax = 4000;

// "yes" | "no" | "undecided"
enum class Applicable { kUndecided, kYes, kNo };
std::string_view applicable_name(Applicable a);
std::optional<Applicable> parse_applicable(std::string_view s);

enum class InclusionReason { kRiskTreatment, kLegal, kContractual, kBusinessNeed };
// "risk_treatment" | "legal" | "contractual" | "business_need"
std::string_view inclusion_reason_name(InclusionReason r);
std::optional<InclusionReason> parse_inclusion_reason(std::string_view s);

enum class ImplementationStatus { kNotStarted, kPlanned, kPartial, kImplemented };
// "not_started" | "planned" | "partial" | "implemented"
std::string_view implementation_status_name(ImplementationStatus s);
std::optional<ImplementationStatus> parse_implementation_status(std::string_view s);

struct Applicability {
  std::string framework_id;  // "iso27001-2022" | "nis2-2024-2690"
  std::string ref_id;        // "A.5.15"
  std::string title;         // read-only: the requirement's title
  Applicable applicable = Applicable::kUndecided;
  std::vector<InclusionReason> reasons;  // sorted unique; required (>= 1) when applicable
  std::string justification;             // text; required when not applicable (why excluded)
  ImplementationStatus implementation = ImplementationStatus::kNotStarted;
  // Read-only, derived at read time from the controls naming this requirement:
  std::vector<std::string> control_ids;
  std::vector<std::string> control_refs;
  std::vector<std::string> risk_ids;
  int evidence_count = 0;
  int valid_evidence_count = 0;
  std::string updated_by;  // actor of the last change ("" = never decided)
  std::string updated_at;
  int64_t version = 0;  // 0 = no stored line yet (undecided default)
  bool operator==(const Applicability&) const = default;
};

struct ApplicabilityFields {
  std::optional<Applicable> applicable;
  std::optional<std::vector<InclusionReason>> reasons;
  std::optional<std::string> justification;
  std::optional<ImplementationStatus> implementation;
  std::optional<int64_t> version;  // required when a stored line exists
};
Result<ApplicabilityFields> applicability_fields_from_json(const Json& body);
void apply_applicability_fields(const ApplicabilityFields& f, Applicability* a);
// Rules: applicable "yes" needs >= 1 reason; "no" needs a justification and implementation
// not_started; lengths. Field names as in JSON.
std::vector<FieldError> validate_applicability(const Applicability& a);

// An approved, frozen SoA.
struct Soa {
  std::string id;
  int64_t number = 1;
  std::vector<std::string> framework_ids;
  std::string approved_by_person_id;
  std::string approved_by_name;  // read-only
  std::string approved_at;
  std::string note;
  std::vector<Applicability> lines;  // frozen copy (with derived fields), in catalogue order
  struct Totals {
    int lines = 0, applicable = 0, not_applicable = 0, undecided = 0;
    int implemented = 0, partial = 0, planned = 0, not_started = 0;
  } totals;
};
Soa::Totals soa_totals(const std::vector<Applicability>& lines);

struct SoaLineChange {
  std::string framework_id, ref_id, title;
  std::vector<std::string> changed_fields;     // "applicable", "reasons", "justification", ...
  std::optional<Applicability> before, after;  // absent = line not in that version
};
// REQUIRES: both in the same (framework, position) order or sorted by (framework, ref).
std::vector<SoaLineChange> compare_soa_lines(const std::vector<Applicability>& a,
                                             const std::vector<Applicability>& b);

Json applicability_to_json(const Applicability& a);
Json soa_to_json(const Soa& s, bool with_lines);
Json soa_line_change_to_json(const SoaLineChange& c);

}  // namespace isms
