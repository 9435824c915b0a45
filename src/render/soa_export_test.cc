#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "render/export_test_support.h"
#include "render/risk_soa_export.h"

namespace isms {
namespace {

using testing::pdf_pages;
using testing::squeeze;
using testing::XlsxReader;

const char* const kHyperlink = "=HYPERLINK(\"http://evil.example\",\"click\")";

// The 93 Annex A controls of ISO/IEC 27001:2022 by theme (titles invented), decided in a
// repeating pattern: yes with reasons, no with a justification, undecided.
SoaDocument annex_a_soa() {
  SoaDocument soa;
  soa.organization_name = "Elastisys AB";
  soa.version_label = "Version 3";
  soa.approved_by = "Jane Doe";
  soa.approved_at = "2026-11-20T10:00:00Z";
  soa.generated_at = "2026-11-21T08:15:00Z";
  soa.classification_label = "Internal";
  soa.groups = {{"A.5", "Organizational controls"},
                {"A.6", "People controls"},
                {"A.7", "Physical controls"},
                {"A.8", "Technological controls"}};
  const std::pair<int, int> themes[] = {{5, 37}, {6, 8}, {7, 14}, {8, 34}};
  int n = 0;
  for (auto [theme, count] : themes) {
    for (int i = 1; i <= count; ++i, ++n) {
      Applicability a;
      a.framework_id = "iso27001-2022";
      a.ref_id = "A." + std::to_string(theme) + "." + std::to_string(i);
      a.title = "Control " + a.ref_id.substr(2) + " title";
      switch (n % 3) {
        case 0:
          a.applicable = Applicable::kYes;
          a.reasons = {InclusionReason::kRiskTreatment, InclusionReason::kContractual};
          a.implementation = ImplementationStatus::kImplemented;
          a.control_refs = {"C-" + std::to_string(n), "C-" + std::to_string(n + 100)};
          a.risk_ids = {"r1", "r2", "r3"};
          a.evidence_count = 3;
          a.valid_evidence_count = 2;
          break;
        case 1:
          a.applicable = Applicable::kNo;
          a.justification = "No such activity in scope for " + a.ref_id;
          break;
        default:
          a.applicable = Applicable::kUndecided;
      }
      soa.lines.push_back(a);
    }
  }
  soa.lines[0].title = kHyperlink;
  soa.lines[1].justification = "Bad \xff bytes\x01 and\ttab";
  soa.lines[3].reasons = {InclusionReason::kLegal, InclusionReason::kBusinessNeed};
  soa.totals = soa_totals(soa.lines);
  return soa;
}

TEST(SoaXlsxTest, LayoutValuesAndFormats) {
  SoaDocument soa = annex_a_soa();
  ASSERT_EQ(soa.lines.size(), 93u);
  auto start = std::chrono::steady_clock::now();
  auto bytes = soa_xlsx(soa);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  std::printf("soa_xlsx, 93 lines: %lld ms, %zu bytes\n", static_cast<long long>(ms),
              bytes.ok() ? bytes->size() : 0);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  XlsxReader x(*bytes);
  EXPECT_EQ(x.sheet_names(), (std::vector<std::string>{"Statement of Applicability", "Summary"}));
  auto cells = x.cells(1);
  // Title block.
  EXPECT_EQ(cells["A1"].value, "Statement of Applicability");
  EXPECT_EQ(cells["B2"].value, "Elastisys AB");
  EXPECT_EQ(cells["B3"].value, "Version 3");
  EXPECT_EQ(cells["B4"].value, "Approved by Jane Doe on 2026-11-20");
  EXPECT_EQ(cells["B5"].value, "2026-11-21T08:15:00Z");
  EXPECT_EQ(cells["B6"].value, "Internal");
  // Header in row 8.
  const std::vector<std::string> header = {"Control",        "Title",         "Applicable",
                                           "Risk treatment", "Legal",         "Contractual",
                                           "Business need",  "Justification", "Implementation",
                                           "Controls",       "Evidence",      "Risks"};
  for (size_t c = 0; c < header.size(); ++c)
    EXPECT_EQ(cells[std::string(1, static_cast<char>('A' + c)) + "8"].value, header[c]);
  // Theme band, then the lines.
  EXPECT_EQ(cells["A9"].value, "A.5 Organizational controls");
  EXPECT_EQ(x.fill_of(cells["A9"].style), "FFD9D9D9");
  EXPECT_EQ(x.fill_of(cells["L9"].style), "FFD9D9D9");  // the band spans the row
  EXPECT_EQ(cells["A10"].value, "A.5.1");
  EXPECT_EQ(cells["B10"].value, kHyperlink);  // a string, never a formula
  EXPECT_EQ(cells["B10"].type, "s");
  EXPECT_EQ(cells["C10"].value, "Yes");
  EXPECT_EQ(x.fill_of(cells["C10"].style), "FFC6EFCE");
  EXPECT_EQ(cells["D10"].value, "X");
  EXPECT_EQ(cells["E10"].value, "");
  EXPECT_EQ(cells["F10"].value, "X");
  EXPECT_EQ(cells["I10"].value, "Implemented");
  EXPECT_EQ(cells["J10"].value, "C-0, C-100");
  EXPECT_EQ(cells["K10"].value, "2/3");
  EXPECT_EQ(cells["L10"].value, "3");
  EXPECT_EQ(cells["L10"].type, "n");
  EXPECT_EQ(cells["C11"].value, "No");
  EXPECT_EQ(x.fill_of(cells["C11"].style), "FFD9D9D9");
  EXPECT_EQ(cells["H11"].value, "Bad \ufffd bytes and\ttab");
  EXPECT_EQ(cells["C12"].value, "Undecided");
  EXPECT_EQ(x.fill_of(cells["C12"].style), "FFFFE699");
  EXPECT_EQ(cells["E13"].value, "X");  // legal
  EXPECT_EQ(cells["G13"].value, "X");  // business need
  EXPECT_EQ(cells["D13"].value, "");
  // A.5 has 37 lines (rows 10..46); A.6's band follows.
  EXPECT_EQ(cells["A46"].value, "A.5.37");
  EXPECT_EQ(cells["A47"].value, "A.6 People controls");
  EXPECT_EQ(cells["A48"].value, "A.6.1");
  // 93 lines and 4 bands after the header: last row 8 + 97 = 105.
  EXPECT_EQ(cells["A105"].value, "A.8.34");
  EXPECT_EQ(cells.count("A106"), 0u);

  const std::string sheet = "xl/worksheets/sheet1.xml";
  EXPECT_EQ(x.query(sheet, "//m:pane/@state"), std::vector<std::string>{"frozen"});
  EXPECT_EQ(x.query(sheet, "//m:pane/@topLeftCell"), std::vector<std::string>{"B9"});
  EXPECT_EQ(x.query(sheet, "//m:autoFilter/@ref"), std::vector<std::string>{"A8:L105"});
  EXPECT_EQ(x.query(sheet, "//m:cols/m:col/@width").size(), 12u);
  EXPECT_EQ(x.query(sheet, "//m:row[@outlineLevel='1']").size(), 93u);
  EXPECT_EQ(x.query(sheet, "//m:f").size(), 0u);
  EXPECT_EQ(x.query(sheet, "//m:pageSetup/@orientation"), std::vector<std::string>{"landscape"});
  std::string styles = x.file("xl/styles.xml");
  for (const char* colour : {"FFC6EFCE", "FFD9D9D9", "FFFFE699", "FFDCE6F1"})
    EXPECT_NE(styles.find(colour), std::string::npos) << colour;

  auto summary = x.cells(2);
  EXPECT_EQ(summary["A1"].value, "Statement of Applicability");
  std::map<std::string, std::string> totals;
  for (int r = 1; r <= 30; ++r) {
    auto a = summary.find("A" + std::to_string(r));
    auto b = summary.find("B" + std::to_string(r));
    if (a != summary.end() && b != summary.end()) totals[a->second.value] = b->second.value;
  }
  EXPECT_EQ(totals["Lines"], "93");
  EXPECT_EQ(totals["Applicable"], "31");
  EXPECT_EQ(totals["Not applicable"], "31");
  EXPECT_EQ(totals["Undecided"], "31");
  EXPECT_EQ(totals["Implemented"], std::to_string(soa.totals.implemented));
}

TEST(SoaXlsxTest, WorkingCopyAndOtherFrameworks) {
  SoaDocument soa;
  soa.version_label = "Working copy (not approved)";
  soa.groups = {{"A.5", "Organizational controls"}, {"nis2-2024-2690", "NIS2 (EU) 2024/2690"}};
  Applicability a;
  a.framework_id = "iso27001-2022";
  a.ref_id = "A.5.1";
  a.title = "Policies";
  Applicability b = a;
  b.framework_id = "nis2-2024-2690";
  b.ref_id = "5.1";
  b.title = "Business continuity";
  Applicability c = b;
  c.framework_id = "other";
  c.ref_id = "1";
  soa.lines = {a, b, c};
  auto bytes = soa_xlsx(soa);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  XlsxReader x(*bytes);
  auto cells = x.cells(1);
  EXPECT_EQ(cells["B4"].value, "Not approved");
  EXPECT_EQ(cells["A9"].value, "A.5 Organizational controls");
  EXPECT_EQ(cells["A10"].value, "A.5.1");
  EXPECT_EQ(cells["A11"].value, "NIS2 (EU) 2024/2690");
  EXPECT_EQ(cells["A12"].value, "5.1");
  EXPECT_EQ(cells["A13"].value, "other");
  EXPECT_EQ(cells["A14"].value, "1");
}

TEST(SoaPdfTest, GroupedLandscapeWithRunningHeaders) {
  SoaDocument soa = annex_a_soa();
  auto start = std::chrono::steady_clock::now();
  auto pdf = soa_pdf(soa);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  std::printf("soa_pdf, 93 lines: %lld ms, %zu bytes\n", static_cast<long long>(ms), pdf->size());
  std::vector<std::string> pages = pdf_pages(*pdf, "soa");
  ASSERT_GE(pages.size(), 2u);
  const std::string n = std::to_string(pages.size());
  std::string all;
  for (size_t p = 0; p < pages.size(); ++p) {
    SCOPED_TRACE("page " + std::to_string(p + 1));
    EXPECT_NE(pages[p].find("INTERNAL"), std::string::npos);
    EXPECT_NE(pages[p].find("Statement of Applicability"), std::string::npos);
    EXPECT_NE(pages[p].find("Page " + std::to_string(p + 1) + " of " + n), std::string::npos);
    all += pages[p];
  }
  EXPECT_NE(pages[0].find("Version 3, approved by Jane Doe on 2026-11-20"), std::string::npos);
  std::string flat = squeeze(all);
  for (const char* theme : {"A.5 Organizational controls", "A.6 People controls",
                            "A.7 Physical controls", "A.8 Technological controls"})
    EXPECT_NE(all.find(theme), std::string::npos) << theme;
  // Every control id, in catalogue order.
  size_t at = 0;
  for (const Applicability& line : soa.lines) {
    size_t found = flat.find(line.ref_id, at);
    ASSERT_NE(found, std::string::npos) << line.ref_id;
    at = found + line.ref_id.size();
  }
  EXPECT_NE(flat.find("=HYPERLINK(\"http://"), std::string::npos);  // wrapped in its cell
  EXPECT_NE(flat.find("31applicable,31notapplicable,31undecidedof93lines"), std::string::npos);
}

TEST(SoaCsvTest, HeaderRowsAndInjectionGuard) {
  SoaDocument soa = annex_a_soa();
  std::string csv = soa_csv(soa);
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = csv.find("\r\n", start)) != std::string::npos; start = end + 2)
    lines.push_back(csv.substr(start, end - start));
  ASSERT_EQ(lines.size(), 94u);
  EXPECT_EQ(lines[0],
            "Control,Title,Applicable,Risk treatment,Legal,Contractual,Business need,"
            "Justification,Implementation,Controls,Evidence,Risks");
  EXPECT_EQ(lines[1],
            "A.5.1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",Yes,X,,X,,,"
            "Implemented,\"C-0, C-100\",2/3,3");
  EXPECT_EQ(lines[3], "A.5.3,Control 5.3 title,Undecided,,,,,,Not started,,0/0,0");
  EXPECT_EQ(lines[93].substr(0, 7), "A.8.34,");
}

}  // namespace
}  // namespace isms
