#include "render/incident_report.h"

#include <gtest/gtest.h>

#include "render/export_test_support.h"

namespace isms {
namespace {

using testing::pdf_pages;
using testing::squeeze;

Json frozen_document() {
  return Json{
      {"report",
       {{"type", "early_warning"},
        {"submitted_at", "2026-03-03T09:00:00.000000Z"},
        {"deadline", "2026-03-03T08:30:00.000000Z"},
        {"on_time", false},
        {"recipient", "CERT-SE"},
        {"fields", {{"suspected_malicious", true}, {"summary", "Unauthorised SSH access"}}}}},
      {"incident",
       {{"ref", "INC-0007"},
        {"title", "Odd logins on the build server"},
        {"description", "Many failed SSH logins, then one success."},
        {"severity", "high"},
        {"status", "open"},
        {"significant", true},
        {"aware_at", "2026-03-02T08:30:00.000000Z"},
        {"assessment",
         {{"result", {{"reasoning", "Significant: access (Art. 3(1)(e))."}}},
          {"override_significant", nullptr}}}}},
      {"clocks",
       {{{"type", "early_warning"},
         {"state", "submitted_late"},
         {"due_local", "2026-03-03T09:30:00+01:00"},
         {"basis", "Directive (EU) 2022/2555 Art. 23(4)(a)"}}}},
      {"timeline",
       {{{"at", "2026-03-02T08:30:00.000000Z"}, {"kind", "status"}, {"text", "Opened"}}}}};
}

TEST(IncidentReportPdf, CarriesTheReportTheIncidentAndTheDeadlines) {
  auto pdf = render_incident_report_pdf(frozen_document(), "Example AB");
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  std::string text;
  for (const auto& page : pdf_pages(*pdf, "incident-early-warning")) text += page;
  std::string s = squeeze(text);
  for (const char* expected :
       {"NIS2earlywarning", "INC-0007", "CERT-SE", "Suspectedmalicious", "UnauthorisedSSHaccess",
        "submitted_late", "Directive(EU)2022/2555", "Art.3(1)(e)", "Oddloginsonthebuildserver"}) {
    EXPECT_NE(s.find(expected), std::string::npos) << expected << " in " << s;
  }
}

TEST(IncidentReportPdf, TitlesPerType) {
  EXPECT_EQ(incident_report_title("gdpr_breach"), "GDPR personal data breach notification");
  EXPECT_EQ(incident_report_title("final"), "NIS2 final report");
  EXPECT_EQ(incident_report_title("other"), "Incident report");
}

}  // namespace
}  // namespace isms
