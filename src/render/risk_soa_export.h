// The SoA and the risk register as files for auditors and management: XLSX
// (libxlsxwriter, formatted directly rather than through table_export's plain sheets),
// PDF (report_pdf.h) and CSV (table_export.h). Inputs are resolved value types (names
// already joined by the service). Pure apart from the libraries; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "domain/risk.h"
#include "domain/risk_method.h"
#include "domain/soa.h"

namespace isms {

struct SoaDocument {
  std::string organization_name;
  std::string title = "Statement of Applicability";
  std::string version_label;  // "Version 3" or "Working copy (not approved)"
  std::string approved_by;    // "" for a working copy
  std::string approved_at;
  std::string generated_at;  // RFC 3339
  std::string classification_label = "Internal";
  // Themes for grouping Annex A lines ("A.5" -> "Organizational controls"); lines of
  // other frameworks are grouped by framework.
  std::vector<std::pair<std::string, std::string>> groups;
  std::vector<Applicability> lines;
  Soa::Totals totals;
};

// The auditors' layout: sheet "Statement of Applicability" with a title block
// (organization, version, approval, generated), then one row per line: Control, Title,
// Applicable (Yes/No/Undecided), Risk treatment / Legal / Contractual / Business need
// (an "X" each), Justification, Implementation, Controls (refs), Evidence (valid/total),
// Risks (count); header frozen, autofilter, wrapped text, group rows per theme, the
// Applicable cell coloured; sheet "Summary" with the totals.
Result<std::string> soa_xlsx(const SoaDocument& soa);
Result<std::string> soa_pdf(const SoaDocument& soa);  // landscape, grouped by theme
std::string soa_csv(const SoaDocument& soa);          // one header row, the same columns, RFC 4180

struct RiskRow {
  Risk risk;
  std::vector<std::string> asset_names;
  std::vector<std::string> control_refs;
  std::string owner_name;
  std::string flags;  // "above appetite; acceptance expired"
};

struct RiskRegisterDocument {
  std::string organization_name;
  std::string generated_at;
  std::string classification_label = "Confidential";
  RiskMethod method;  // the current method (scales, grid, levels with colours, appetite)
  std::vector<RiskRow> risks;
  // counts[l-1][i-1] under `method`, inherent and residual.
  std::vector<std::vector<int64_t>> inherent_counts, residual_counts;
};

// Sheets: "Method" (scales with descriptions, levels with colours, appetite, the grid
// coloured), "Register" (one row per risk: ref, title, assets, threat, vulnerability,
// owner, inherent L/I/level, treatment, controls, residual L/I/level, acceptance, next
// review, flags; level cells coloured), "Inherent matrix" and "Residual matrix" (counts
// on the coloured grid, likelihood rows high to low).
Result<std::string> risk_register_xlsx(const RiskRegisterDocument& doc);
Result<std::string> risk_register_pdf(const RiskRegisterDocument& doc);

}  // namespace isms
