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

std::string ref_of(int i) {
  char ref[16];
  std::snprintf(ref, sizeof ref, "R-%04d", i);
  return ref;
}

// `n` risks on the default 5x5 method, ratings spread over the grid; counts computed
// the way the service does (by the rating's likelihood and impact).
RiskRegisterDocument register_of(int n) {
  RiskRegisterDocument doc;
  doc.organization_name = "Elastisys AB";
  doc.generated_at = "2026-11-21T08:15:00Z";
  doc.method = default_risk_method();
  const RiskMethod& m = doc.method;
  doc.inherent_counts.assign(5, std::vector<int64_t>(5, 0));
  doc.residual_counts.assign(5, std::vector<int64_t>(5, 0));
  for (int i = 1; i <= n; ++i) {
    RiskRow row;
    Risk& r = row.risk;
    r.id = "risk-" + std::to_string(i);
    r.ref = ref_of(i);
    r.title = "Risk " + std::to_string(i) + " to customer data";
    r.threat_name = "Ransomware";
    r.vulnerability_name = "Unpatched servers";
    r.inherent.likelihood = 1 + (i * 7) % 5;
    r.inherent.impact_confidentiality = 1 + (i * 3) % 5;
    r.inherent.impact_availability = 1 + i % 3;
    r.residual.likelihood = std::max(1, r.inherent.likelihood - 1);
    r.residual.impact_confidentiality = std::max(1, r.inherent.impact() - 1);
    r.inherent_level = risk_level_rank(m, r.inherent.likelihood, r.inherent.impact());
    r.residual_level = risk_level_rank(m, r.residual.likelihood, r.residual.impact());
    r.treatment = Treatment::kMitigate;
    r.next_review_on = "2027-03-31";
    row.asset_names = {"Customer database", "Backup server"};
    row.control_refs = {"CTL-12", "CTL-40"};
    row.owner_name = "Jane Doe";
    if (r.residual_level > m.appetite_rank) row.flags = "above appetite";
    ++doc.inherent_counts[r.inherent.likelihood - 1][r.inherent.impact() - 1];
    ++doc.residual_counts[r.residual.likelihood - 1][r.residual.impact() - 1];
    doc.risks.push_back(std::move(row));
  }
  return doc;
}

RiskRegisterDocument small_register() {
  RiskRegisterDocument doc;
  doc.organization_name = "Elastisys AB";
  doc.generated_at = "2026-11-21T08:15:00Z";
  doc.method = default_risk_method();
  doc.inherent_counts.assign(5, std::vector<int64_t>(5, 0));
  doc.residual_counts.assign(5, std::vector<int64_t>(5, 0));
  RiskRow a;
  a.risk.ref = "R-0001";
  a.risk.title = kHyperlink;
  a.risk.threat_name = "Phishing";
  a.risk.vulnerability_name = "No MFA";
  a.risk.inherent = {5, 4, 0, 0, 0};  // Almost certain x Major: critical
  a.risk.inherent_level = 3;
  a.risk.residual = {2, 3, 0, 0, 0};  // Unlikely x Moderate: medium
  a.risk.residual_level = 1;
  a.risk.treatment = Treatment::kMitigate;
  a.risk.acceptance = RiskAcceptance{};
  a.risk.acceptance->accepted_by_name = "Chief Executive";
  a.risk.acceptance->accepted_by_role = "ceo";
  a.risk.acceptance->expires_on = "2027-11-20";
  a.asset_names = {"Mail"};
  a.control_refs = {"CTL-7"};
  a.owner_name = "Jane Doe";
  RiskRow b;
  b.risk.ref = "R-0002";
  b.risk.title = "Flood in the server room";
  b.risk.threat_name = "Flood";
  b.risk.vulnerability_name = "Basement location";
  b.risk.inherent = {1, 0, 0, 2, 0};  // Rare x Minor: low
  b.risk.residual = b.risk.inherent;
  b.risk.treatment = Treatment::kAccept;
  b.risk.owner_name = "Facilities";
  b.flags = "review overdue";
  doc.risks = {a, b};
  doc.inherent_counts[4][3] = 1;
  doc.inherent_counts[0][1] = 1;
  doc.residual_counts[1][2] = 1;
  doc.residual_counts[0][1] = 1;
  return doc;
}

TEST(RiskRegisterXlsxTest, SheetsValuesAndColours) {
  auto bytes = risk_register_xlsx(small_register());
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  XlsxReader x(*bytes);
  EXPECT_EQ(x.sheet_names(),
            (std::vector<std::string>{"Method", "Register", "Inherent matrix", "Residual matrix"}));

  // Register: title block, header in row 7, one row per risk.
  auto reg = x.cells(2);
  EXPECT_EQ(reg["A1"].value, "Risk register");
  EXPECT_EQ(reg["B2"].value, "Elastisys AB");
  EXPECT_EQ(reg["B3"].value, "ISMS risk method, version 1");
  EXPECT_EQ(reg["B5"].value, "Confidential");
  const std::vector<std::string> header = {
      "Ref",         "Title",      "Assets",     "Threat",         "Vulnerability",
      "Owner",       "Inherent L", "Inherent I", "Inherent level", "Treatment",
      "Controls",    "Residual L", "Residual I", "Residual level", "Acceptance",
      "Next review", "Flags"};
  for (size_t c = 0; c < header.size(); ++c)
    EXPECT_EQ(reg[std::string(1, static_cast<char>('A' + c)) + "7"].value, header[c]) << c;
  EXPECT_EQ(reg["A8"].value, "R-0001");
  EXPECT_EQ(reg["B8"].value, kHyperlink);
  EXPECT_EQ(reg["B8"].type, "s");
  EXPECT_EQ(reg["C8"].value, "Mail");
  EXPECT_EQ(reg["F8"].value, "Jane Doe");
  EXPECT_EQ(reg["G8"].value, "5");
  EXPECT_EQ(reg["G8"].type, "n");
  EXPECT_EQ(reg["H8"].value, "4");
  EXPECT_EQ(reg["I8"].value, "Critical");
  EXPECT_EQ(x.fill_of(reg["I8"].style), "FFC62828");
  EXPECT_EQ(reg["J8"].value, "Mitigate");
  EXPECT_EQ(reg["K8"].value, "CTL-7");
  EXPECT_EQ(reg["N8"].value, "Medium");
  EXPECT_EQ(x.fill_of(reg["N8"].style), "FFF9A825");
  EXPECT_EQ(reg["O8"].value, "Accepted by Chief Executive (ceo) until 2027-11-20");
  EXPECT_EQ(reg["F9"].value, "Facilities");  // the risk's own owner name when the row has none
  EXPECT_EQ(reg["H9"].value, "2");
  EXPECT_EQ(reg["I9"].value, "Low");
  EXPECT_EQ(x.fill_of(reg["I9"].style), "FF2E7D32");
  EXPECT_EQ(reg["J9"].value, "Accept");
  EXPECT_EQ(reg["Q9"].value, "review overdue");
  EXPECT_EQ(reg.count("A10"), 0u);
  EXPECT_EQ(x.query("xl/worksheets/sheet2.xml", "//m:autoFilter/@ref"),
            std::vector<std::string>{"A7:Q9"});
  EXPECT_EQ(x.query("xl/worksheets/sheet2.xml", "//m:pane/@topLeftCell"),
            std::vector<std::string>{"C8"});
  EXPECT_EQ(x.query("xl/worksheets/sheet2.xml", "//m:f").size(), 0u);

  // Inherent matrix: header row 7, likelihood 5 (row 8) down to 1 (row 12).
  auto inh = x.cells(3);
  EXPECT_EQ(inh["A7"].value, "Likelihood \\ Impact");
  EXPECT_EQ(inh["B7"].value, "1 Negligible");
  EXPECT_EQ(inh["F7"].value, "5 Severe");
  EXPECT_EQ(inh["A8"].value, "5 Almost certain");
  EXPECT_EQ(inh["A12"].value, "1 Rare");
  EXPECT_EQ(inh["E8"].value, "1");   // likelihood 5, impact 4
  EXPECT_EQ(inh["C12"].value, "1");  // likelihood 1, impact 2
  EXPECT_EQ(inh["B8"].value, "0");
  EXPECT_EQ(x.fill_of(inh["E8"].style), "FFC62828");   // grid[4][3] = critical
  EXPECT_EQ(x.fill_of(inh["C12"].style), "FF2E7D32");  // grid[0][1] = low
  EXPECT_EQ(x.fill_of(inh["F12"].style), "FFF9A825");  // grid[0][4] = medium
  auto res = x.cells(4);
  EXPECT_EQ(res["D11"].value, "1");  // likelihood 2, impact 3
  EXPECT_EQ(res["E8"].value, "0");

  // Method: scales with descriptions, levels, appetite, role, grid.
  auto method = x.cells(1);
  std::map<std::string, std::string> by_value;
  for (const auto& [ref, v] : method) by_value[v.value] = ref;
  EXPECT_TRUE(by_value.count("Almost certain"));
  EXPECT_TRUE(by_value.count(default_risk_method().impact[4].description));
  EXPECT_TRUE(by_value.count("Critical"));
  EXPECT_TRUE(by_value.count("ceo"));
  EXPECT_TRUE(by_value.count("12 months"));
  ASSERT_TRUE(by_value.count("Appetite"));
  std::string appetite_row = by_value["Appetite"].substr(1);
  EXPECT_EQ(method["B" + appetite_row].value, "Medium");
  ASSERT_TRUE(by_value.count("5 Almost certain"));
  std::string grid_row = by_value["5 Almost certain"].substr(1);
  EXPECT_EQ(method["F" + grid_row].value, "Critical");
  EXPECT_EQ(x.fill_of(method["F" + grid_row].style), "FFC62828");

  std::string styles = x.file("xl/styles.xml");
  for (const char* colour : {"FF2E7D32", "FFF9A825", "FFEF6C00", "FFC62828"})
    EXPECT_NE(styles.find(colour), std::string::npos) << colour;
}

TEST(RiskRegisterPdfTest, MethodMatricesAndRegister) {
  auto pdf = risk_register_pdf(small_register());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  std::vector<std::string> pages = pdf_pages(*pdf, "register-small");
  ASSERT_GE(pages.size(), 2u);
  std::string all;
  for (size_t p = 0; p < pages.size(); ++p) {
    EXPECT_NE(pages[p].find("CONFIDENTIAL"), std::string::npos) << p;
    EXPECT_NE(
        pages[p].find("Page " + std::to_string(p + 1) + " of " + std::to_string(pages.size())),
        std::string::npos);
    all += pages[p];
  }
  EXPECT_NE(all.find("Inherent risk matrix"), std::string::npos);
  EXPECT_NE(all.find("Residual risk matrix"), std::string::npos);
  EXPECT_NE(all.find("Almost certain"), std::string::npos);
  // The inherent matrix row for likelihood 5: one risk at impact 4.
  EXPECT_TRUE(std::regex_search(all, std::regex(R"(5 Almost certain\s+0\s+0\s+0\s+1\s+0)"))) << all;
  EXPECT_TRUE(std::regex_search(all, std::regex(R"(1 Rare\s+0\s+1\s+0\s+0\s+0)")));
  std::string flat = squeeze(all);
  EXPECT_NE(flat.find("R-0001"), std::string::npos);
  EXPECT_NE(flat.find("R-0002"), std::string::npos);
  EXPECT_NE(flat.find("=HYPERLINK(\""), std::string::npos);  // wrapped in its cell
  EXPECT_TRUE(std::regex_search(all, std::regex("R-0001 .*L5 \u00d7 I4 .*L2 \u00d7 I3")));
  EXPECT_TRUE(std::regex_search(all, std::regex("R-0002 .*L1 \u00d7 I2 .*L1 \u00d7 I2")));
  EXPECT_NE(flat.find("\"ceo\""), std::string::npos);
}

TEST(RiskRegisterExportTest, TwoThousandRisks) {
  RiskRegisterDocument doc = register_of(2000);
  auto start = std::chrono::steady_clock::now();
  auto xlsx = risk_register_xlsx(doc);
  auto mid = std::chrono::steady_clock::now();
  auto pdf = risk_register_pdf(doc);
  auto end = std::chrono::steady_clock::now();
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  std::printf("risk register, 2000 risks: xlsx %lld ms (%zu bytes), pdf %lld ms (%zu bytes)\n",
              static_cast<long long>(duration_cast<milliseconds>(mid - start).count()),
              xlsx->size(), static_cast<long long>(duration_cast<milliseconds>(end - mid).count()),
              pdf->size());

  XlsxReader x(*xlsx);
  auto reg = x.cells(2);
  EXPECT_EQ(reg["A8"].value, "R-0001");
  EXPECT_EQ(reg["A2007"].value, "R-2000");
  EXPECT_EQ(reg.count("A2008"), 0u);
  // Matrix counts add up to the register.
  auto inh = x.cells(3);
  int64_t total = 0;
  for (int row = 8; row <= 12; ++row)
    for (char col = 'B'; col <= 'F'; ++col)
      total += std::stoll(inh[col + std::to_string(row)].value);
  EXPECT_EQ(total, 2000);

  std::vector<std::string> pages = pdf_pages(*pdf, "register-2000");
  ASSERT_GT(pages.size(), 20u);
  const std::string last =
      "Page " + std::to_string(pages.size()) + " of " + std::to_string(pages.size());
  EXPECT_NE(pages.back().find(last), std::string::npos);
  size_t at = 0;
  std::string flat;
  for (const std::string& p : pages) {
    EXPECT_NE(p.find("CONFIDENTIAL"), std::string::npos);
    flat += squeeze(p);
  }
  for (int i = 1; i <= 2000; i += 37) {
    size_t found = flat.find(ref_of(i), at);
    ASSERT_NE(found, std::string::npos) << ref_of(i);
    at = found;
  }
  EXPECT_NE(flat.find("R-2000"), std::string::npos);
}

TEST(RiskRegisterExportTest, EmptyRegister) {
  RiskRegisterDocument doc;
  doc.method = default_risk_method();
  auto xlsx = risk_register_xlsx(doc);
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  XlsxReader x(*xlsx);
  auto inh = x.cells(3);
  EXPECT_EQ(inh["B8"].value, "0");  // no counts given: zeros on the grid
  auto pdf = risk_register_pdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  std::string all;
  for (const std::string& p : pdf_pages(*pdf, "register-empty")) all += p;
  EXPECT_NE(all.find("The register has no risks."), std::string::npos);
}

}  // namespace
}  // namespace isms
