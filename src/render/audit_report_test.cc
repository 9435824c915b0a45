#include "render/audit_report.h"

#include <gtest/gtest.h>

#include "render/export_test_support.h"

namespace isms {
namespace {

using testing::pdf_pages;
using testing::squeeze;

AuditReportDocument sample() {
  AuditReportDocument d;
  d.organization_name = "Example AB";
  d.generated_at = "2026-04-20T10:00:00Z";
  d.today = "2026-04-20";
  Audit& a = d.audit;
  a.id = "a1";
  a.ref = "AUD-0001";
  a.title = "Access control audit";
  a.scope = "Identity and access management";
  a.criteria = {"iso27001-2022:A.5.15", "iso27001-2022:A.5.18"};
  a.lead_auditor_id = "p1";
  a.start_on = "2026-03-01";
  a.end_on = "2026-03-05";
  a.status = AuditStatus::kCompleted;
  a.conclusion = "Access control is effective apart from leavers.";
  a.checklist = checklist_for({}, a.criteria, {{"iso27001-2022:A.5.18", "Access rights"}});
  a.checklist[0].result = CheckResult::kConform;
  a.checklist[1].result = CheckResult::kNonconform;
  a.checklist[1].notes = "Two leavers still had VPN access";
  d.person_names = {{"p1", "Alice Auditor"}, {"p2", "Olle Owner"}, {"p3", "Vera Verifier"}};
  AuditReportFinding f;
  f.finding.ref = "F-0001";
  f.finding.title = "Leavers keep access";
  f.finding.grade = FindingGrade::kMinorNonconformity;
  f.finding.status = FindingStatus::kClosed;
  f.finding.closed_at = "2026-04-15T09:00:00Z";
  CorrectiveAction act;
  act.ref = "CA-0001";
  act.title = "Automate deprovisioning";
  act.root_cause = "Manual leaver checklist";
  act.owner_id = "p2";
  act.due_on = "2026-04-10";
  act.status = ActionStatus::kVerified;
  act.implemented_on = "2026-04-01";
  act.verified_on = "2026-04-15";
  act.verified_by = "p3";
  act.effective = true;
  f.actions.push_back(act);
  d.findings.push_back(f);
  AuditReportFinding o;
  o.finding.ref = "F-0002";
  o.finding.title = "Review cadence unclear";
  o.finding.grade = FindingGrade::kObservation;
  CorrectiveAction late = act;
  late.ref = "CA-0002";
  late.status = ActionStatus::kOpen;
  late.effective.reset();
  late.due_on = "2026-04-01";
  o.actions.push_back(late);
  o.overdue = true;
  d.findings.push_back(o);
  return d;
}

TEST(AuditReport, TotalsCountGradesOpenAndOverdue) {
  AuditReportTotals t = audit_report_totals(sample());
  EXPECT_EQ(t.by_grade["minor_nonconformity"], 1);
  EXPECT_EQ(t.by_grade["observation"], 1);
  EXPECT_EQ(t.by_grade["major_nonconformity"], 0);
  EXPECT_EQ(t.open, 1);
  EXPECT_EQ(t.closed, 1);
  EXPECT_EQ(t.overdue, 1);
  EXPECT_EQ(t.actions_verified, 1);
  EXPECT_EQ(t.actions_open, 1);
}

TEST(AuditReport, PdfReadsBackTheChainFromChecklistToVerification) {
  auto pdf = audit_report_pdf(sample());
  ASSERT_TRUE(pdf) << pdf.error().message;
  auto pages = pdf_pages(*pdf, "audit-report");
  ASSERT_FALSE(pages.empty());
  std::string all;
  for (const auto& p : pages) all += squeeze(p);
  // Table cells wrap and sit side by side in -layout output: look for single words there,
  // for whole phrases only in headings and paragraphs.
  for (const char* text :
       {"AuditreportAUD-0001", "CONFIDENTIAL", "AliceAuditor", "iso27001-2022:A.5.18", "Nonconform",
        "VPN", "F-0001Leaverskeepaccess", "Minornonconformity", "CA-0001", "CA-0002",
        "deprovisioning", "Effective", "Verifier", "(overdue)",
        "2finding(s):1open,1closed,1overdue", "Accesscontroliseffectiveapartfromleavers."}) {
    EXPECT_NE(all.find(text), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace isms
