// SoaService: the Statement of Applicability (domain/soa.h; docs/api.md "Statement of
// Applicability"): the working lines, approval into frozen versions, comparison, exports
// (XLSX, PDF, CSV) and import from CSV/XLSX with a column mapping and a dry run. Ledger
// entries "soa.line_update", "soa.approve", "soa.import". Thread-safe.
//
// Scope: every Annex A control of iso27001-2022 (93 lines), and the subsections of the
// nis2-2024-2690 Annex when the request names that framework or, without a request,
// once any of its lines has been decided. Permissions: reads "soa:read"; line changes and import
// "soa:write"; approval "soa:approve" (the approver is the caller's person).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/soa.h"
#include "formats/soa_import.h"
#include "service/context.h"

namespace isms {

struct SoaWorkingCopy {
  std::vector<std::string> framework_ids;
  std::vector<Applicability> lines;  // every requirement in scope, stored or undecided
  Soa::Totals totals;
  std::optional<Soa> last_approved;    // without lines
  int64_t changed_since_approval = 0;  // lines differing from the last approved version
};

enum class SoaExportFormat { kXlsx, kPdf, kCsv };
struct SoaExport {
  std::string file_name;  // "statement-of-applicability-v3.xlsx"
  std::string media_type;
  std::string bytes;
};

struct SoaImportRequest {
  std::string file_name;  // decides CSV or XLSX (and the content is checked)
  std::string content;
  SoaColumnMapping mapping;  // empty columns = suggest (response carries the suggestion)
  bool dry_run = true;
};
struct SoaImportResult {
  SoaColumnMapping mapping;            // as used (suggested when not given)
  std::vector<std::string> headers;    // header cells of the header row, for the mapping step
  std::vector<SoaImportRow> rows;      // every data row with its outcome
  std::vector<SoaLineChange> changes;  // what applying changes (dry run) / changed
  int rows_ok = 0, rows_rejected = 0, rows_unchanged = 0;
  bool applied = false;
};

class SoaService {
 public:
  explicit SoaService(const ServiceContext& ctx) : ctx_(ctx) {}

  // framework_ids empty = the organization's scope.
  Result<SoaWorkingCopy> working_copy(const Principal& p,
                                      const std::vector<std::string>& framework_ids) const;
  Result<Applicability> line(const Principal& p, const std::string& framework_id,
                             const std::string& ref_id) const;
  Result<Applicability> update_line(const Principal& p, const std::string& framework_id,
                                    const std::string& ref_id,
                                    const ApplicabilityFields& fields) const;
  // Freezes the working copy (lines with their derived controls/evidence) as version n+1.
  // kInvalid listing the undecided lines when any line in scope is undecided.
  Result<Soa> approve(const Principal& p, const std::string& note) const;
  Result<std::vector<Soa>> versions(const Principal& p) const;
  Result<Soa> version(const Principal& p, const std::string& id) const;
  // a, b: version ids or "working".
  Result<std::vector<SoaLineChange>> compare(const Principal& p, const std::string& a,
                                             const std::string& b) const;
  // version_id "" or "working" = the working copy.
  Result<SoaExport> export_soa(const Principal& p, const std::string& version_id,
                               SoaExportFormat format) const;
  // Dry run (no writes) or apply (one transaction; a row with an error is reported and not
  // applied; nothing is applied when dry_run). kInvalid when the file cannot be read as a
  // table (naming why), or the mapping names a column that does not exist.
  Result<SoaImportResult> import(const Principal& p, const SoaImportRequest& request) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
