// The report of one audit as PDF (through report_pdf.h): the audit's facts, scope,
// criteria and conclusion; the checklist with each item's result; the findings with their
// corrective actions and effectiveness verifications; totals by grade and what is still
// open or overdue. Pure apart from the PDF libraries; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/error.h"
#include "domain/audit.h"
#include "domain/finding.h"

namespace isms {

struct AuditReportFinding {
  Finding finding;
  std::vector<CorrectiveAction> actions;
  bool overdue = false;
};

struct AuditReportDocument {
  std::string organization_name;
  std::string generated_at;  // RFC 3339
  std::string today;         // YYYY-MM-DD: overdue flags
  std::string classification_label = "Confidential";
  Audit audit;
  std::string programme_ref;  // "" outside a programme
  std::vector<AuditReportFinding> findings;
  std::map<std::string, std::string> person_names;  // id -> name; ids shown when missing
};

// Totals of the report (also in its JSON form): findings by grade, open, overdue.
struct AuditReportTotals {
  std::map<std::string, int64_t> by_grade;  // every grade name, 0 when none
  int64_t open = 0, closed = 0, overdue = 0;
  int64_t actions = 0, actions_open = 0, actions_verified = 0, actions_ineffective = 0;
};
AuditReportTotals audit_report_totals(const AuditReportDocument& doc);

Result<std::string> audit_report_pdf(const AuditReportDocument& doc);

}  // namespace isms
