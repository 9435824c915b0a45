// TraceabilityService: which requirements the published documents cite, and the gaps
// (docs/api.md "Traceability"). Needs "catalogue:read" and "documents:read"; only
// documents the principal may read count. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "domain/access.h"
#include "service/context.h"
#include "store/store.h"

namespace isms {

// One requirement row of the matrix.
struct TraceRow {
  Requirement requirement;
  std::vector<PublishedCitation> citations;  // published sections citing it directly
  // For NIS2 rows: Annex A controls / clauses mapped to it (ENISA) that are cited.
  std::vector<std::string> covered_through;  // requirement keys
};

struct CoverageFigures {
  int total = 0;                    // requirements counted (see gap report rules)
  int covered = 0;                  // cited directly
  int covered_through_mapping = 0;  // not cited directly, but a mapped requirement is
  double percent = 0;               // covered / total * 100, one decimal
  double percent_with_mapping = 0;  // (covered + through mapping) / total * 100
  // Requirements counted that controls not archived name (store requirement_controls; a
  // control naming a finer requirement, 1.1.1, counts for its row, 1.1). Zero unless the
  // reader holds "controls:read".
  int with_control = 0;              // at least one control
  int with_implemented_control = 0;  // at least one control with status implemented
  int with_valid_evidence = 0;       // at least one control with evidence valid today
};

// Gap report for one framework: for iso27001-2022 the Annex A controls (and, separately,
// clauses 4-10); for nis2-2024-2690 the Annex subsections (sections without subsections
// count as one, e.g. 9 and 7); for other frameworks the assessable requirements. A
// citation of a finer requirement (1.1.1) covers its subsection (1.1); a citation of a
// section (9) covers the section's own row.
struct GapReport {
  std::string framework_id;
  std::string framework_name;
  std::string scope;  // "Annex A controls", "Clauses 4-10", "Annex subsections", ...
  CoverageFigures figures;
  std::vector<TraceRow> rows;     // every counted requirement, in catalogue order
  std::vector<Requirement> gaps;  // rows with no direct citation, in catalogue order
};

struct CoverageSummary {
  std::vector<GapReport> reports;  // per built-in framework scope, rows omitted
};

// The requirements `framework_id`'s gap report counts in its default scope (the 93 Annex A
// controls of iso27001-2022, the Annex subsections of nis2-2024-2690, the assessable
// requirements of others), in catalogue order; kNotFound when the framework is not in the
// catalogue. The Statement of Applicability has one line for each of these.
Result<std::vector<Requirement>> scope_requirements(StoreTx* tx, const std::string& framework_id);

class TraceabilityService {
 public:
  explicit TraceabilityService(const ServiceContext& ctx) : ctx_(ctx) {}

  // Requirement -> citing sections, for every requirement of the framework.
  Result<std::vector<TraceRow>> matrix(const Principal& p, const std::string& framework_id) const;
  // scope: "" = the framework's default scope; "clauses" for ISO 27001 clauses 4-10.
  Result<GapReport> gap_report(const Principal& p, const std::string& framework_id,
                               const std::string& scope) const;
  // Figures of the built-in frameworks' gap reports, for the dashboard.
  Result<CoverageSummary> coverage(const Principal& p) const;
  // Exports: "csv" (the gap report's rows: key, title, covered, cited by, through mapping)
  // or "xlsx" (sheets: Summary, Gaps, Matrix, NIS2 via ENISA mapping).
  Result<std::string> export_gap_report(const Principal& p, const std::string& framework_id,
                                        const std::string& scope, const std::string& format) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
