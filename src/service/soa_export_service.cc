// SoaService::export_soa: the working copy or an approved version as XLSX, PDF or CSV
// (render/risk_soa_export.h).
#include "domain/catalogue.h"
#include "render/risk_soa_export.h"
#include "service/admin_common.h"
#include "service/soa_service.h"
#include "service/soa_working.h"

namespace isms {

using namespace soa_detail;

Result<SoaExport> SoaService::export_soa(const Principal& p, const std::string& version_id,
                                         SoaExportFormat format) const {
  ISMS_TRY(admin::require_permission(p, "soa:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  SoaDocument doc;
  ISMS_ASSIGN(auto org, tx->get_organization());
  if (org) doc.organization_name = org->name;
  doc.generated_at = ctx_.clock->now_utc();
  std::vector<std::string> framework_ids;
  std::string suffix;
  if (version_id.empty() || version_id == "working") {
    ISMS_ASSIGN(framework_ids, scope_frameworks(*tx, {}));
    ISMS_ASSIGN(doc.lines, working_lines(*tx, framework_ids, today(ctx_)));
    doc.version_label = "Working copy (not approved)";
    suffix = "working";
  } else {
    auto s = tx->get_soa(version_id);
    if (!s) {
      if (s.error().code == ErrorCode::kNotFound) {
        return Error::not_found("SoA version " + version_id + " not found");
      }
      return std::move(s).error();
    }
    framework_ids = s->framework_ids;
    doc.lines = std::move(s->lines);
    doc.version_label = "Version " + std::to_string(s->number);
    doc.approved_by = s->approved_by_name;
    doc.approved_at = s->approved_at;
    suffix = "v" + std::to_string(s->number);
  }
  doc.totals = soa_totals(doc.lines);
  // Annex A by its four themes (ISO/IEC 27001:2022 Annex A clauses 5-8); other frameworks
  // under their catalogue names.
  doc.groups = {{"A.5", "Organizational controls"},
                {"A.6", "People controls"},
                {"A.7", "Physical controls"},
                {"A.8", "Technological controls"}};
  for (const std::string& fw : framework_ids) {
    if (fw == kIso27001Id) continue;
    auto f = tx->get_framework(fw);
    doc.groups.emplace_back(fw, f ? f->name : fw);
  }
  SoaExport out;
  std::string base = "statement-of-applicability-" + suffix;
  switch (format) {
    case SoaExportFormat::kXlsx: {
      ISMS_ASSIGN(out.bytes, soa_xlsx(doc));
      out.file_name = base + ".xlsx";
      out.media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      break;
    }
    case SoaExportFormat::kPdf: {
      ISMS_ASSIGN(out.bytes, soa_pdf(doc));
      out.file_name = base + ".pdf";
      out.media_type = "application/pdf";
      break;
    }
    case SoaExportFormat::kCsv:
      out.bytes = soa_csv(doc);
      out.file_name = base + ".csv";
      out.media_type = "text/csv; charset=utf-8";
      break;
  }
  return out;
}

}  // namespace isms
