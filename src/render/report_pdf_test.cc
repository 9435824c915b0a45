#include "render/report_pdf.h"

#include <gtest/gtest.h>

#include <regex>

#include "render/export_test_support.h"

namespace isms {
namespace {

using testing::pdf_pages;
using testing::squeeze;

Report sample_report(int rows) {
  Report r;
  r.title = "Quarterly risk review";
  r.subtitle = "Version 3, approved by Jane Doe on 2026-11-20";
  r.organization_name = "Elastisys AB";
  r.classification_label = "Confidential";
  r.generated_at = "2026-11-21T08:15:00Z";
  r.facts = {{"Cycle", "2026 Q4"}, {"Risks reviewed", std::to_string(rows)}};
  ReportSection s;
  s.heading = "Findings <b>bold</b> & more";
  s.paragraphs = {"Markup is text here: <i>not italic</i> & <span foreground=\"red\">x</span>."};
  ReportTable t;
  t.header = {"Ref", "Title", "Level"};
  t.column_weights = {1, 4, 1};
  for (int i = 1; i <= rows; ++i) {
    char ref[16];
    std::snprintf(ref, sizeof ref, "R-%04d", i);
    t.rows.push_back({{ref, std::nullopt, true},
                      {"Risk number " + std::to_string(i), std::nullopt, false},
                      {i % 2 ? "High" : "Low", i % 2 ? "#c62828" : "#2e7d32", false}});
  }
  s.tables.push_back(std::move(t));
  r.sections.push_back(std::move(s));
  return r;
}

TEST(ReportPdfTest, RunningHeaderFooterAndRepeatedTableHeader) {
  Report r = sample_report(120);
  auto pdf = render_report_pdf(r);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  std::vector<std::string> pages = pdf_pages(*pdf, "report-portrait");
  ASSERT_GE(pages.size(), 3u);
  const std::string n = std::to_string(pages.size());
  for (size_t p = 0; p < pages.size(); ++p) {
    SCOPED_TRACE("page " + std::to_string(p + 1));
    EXPECT_NE(pages[p].find("CONFIDENTIAL"), std::string::npos);
    EXPECT_NE(pages[p].find("Quarterly risk review"), std::string::npos);
    EXPECT_NE(pages[p].find("Page " + std::to_string(p + 1) + " of " + n), std::string::npos);
    EXPECT_NE(pages[p].find("Generated 2026-11-21T08:15:00Z"), std::string::npos);
    EXPECT_NE(pages[p].find("Elastisys AB"), std::string::npos);
    // The table's header row starts every page the table is on.
    EXPECT_TRUE(std::regex_search(pages[p], std::regex(R"(Ref\s+Title\s+Level)")));
  }
  EXPECT_NE(pages[0].find("Version 3, approved by Jane Doe on 2026-11-20"), std::string::npos);
  EXPECT_TRUE(std::regex_search(pages[0], std::regex(R"(Cycle\s+2026 Q4)")));
  std::string all;
  for (const std::string& p : pages) all += p;
  // Every row once, in order; markup characters printed as typed.
  size_t at = 0;
  for (int i = 1; i <= 120; ++i) {
    char ref[16];
    std::snprintf(ref, sizeof ref, "R-%04d", i);
    size_t found = all.find(ref, at);
    ASSERT_NE(found, std::string::npos) << ref;
    at = found;
  }
  EXPECT_NE(all.find("Findings <b>bold</b> & more"), std::string::npos);
  EXPECT_NE(squeeze(all).find(squeeze("<i>not italic</i> & <span foreground=\"red\">x</span>")),
            std::string::npos);
}

TEST(ReportPdfTest, LandscapeMatrixWithHeaderColumn) {
  Report r;
  r.title = "Matrix";
  r.classification_label = "Internal";
  r.landscape = true;
  ReportSection s;
  s.heading = "Heat map";
  ReportTable t;
  t.header_column = true;
  t.header = {"Likelihood \\ Impact", "1 Low", "2 High"};
  t.rows = {{{"2 Likely", std::nullopt, true}, {"7", "#ef6c00", true}, {"11", "#c62828", true}},
            {{"1 Rare", std::nullopt, true}, {"3", "#2e7d32", true}, {"5", "bad", false}}};
  s.tables.push_back(t);
  r.sections.push_back(s);
  auto pdf = render_report_pdf(r);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  std::vector<std::string> pages = pdf_pages(*pdf, "report-landscape");
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_NE(pages[0].find("INTERNAL"), std::string::npos);
  EXPECT_NE(pages[0].find("Page 1 of 1"), std::string::npos);
  EXPECT_TRUE(std::regex_search(pages[0], std::regex(R"(2 Likely\s+7\s+11)")));
  EXPECT_TRUE(std::regex_search(pages[0], std::regex(R"(1 Rare\s+3\s+5)")));
  int status = 0;
  char path[] = "/tmp/isms-report-info-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, pdf->data(), pdf->size()), static_cast<ssize_t>(pdf->size()));
  close(fd);
  std::string info = testing::run_command(std::string("pdfinfo ") + path + " 2>&1", &status);
  unlink(path);
  // A4 landscape: 842 x 595 points.
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Page size:\s+841\.89 x 595\.276)"))) << info;
}

TEST(ReportPdfTest, EmptyReportStillHasOnePage) {
  Report r;
  r.title = "Empty";
  r.classification_label = "Public";
  auto pdf = render_report_pdf(r);
  ASSERT_TRUE(pdf.ok());
  std::vector<std::string> pages = pdf_pages(*pdf, "report-empty");
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_NE(pages[0].find("PUBLIC"), std::string::npos);
  EXPECT_NE(pages[0].find("Page 1 of 1"), std::string::npos);
}

TEST(ReportPdfTest, InvalidUtf8AndControlCharactersAreCleaned) {
  Report r = sample_report(2);
  r.title = "Bad \xff\xfe title \x01 here";
  r.sections[0].paragraphs = {"tab\there \x7f done"};
  auto pdf = render_report_pdf(r);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  std::vector<std::string> pages = pdf_pages(*pdf, "report-cleaned");
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_TRUE(std::regex_search(pages[0], std::regex("Bad \ufffd\ufffd title +here"))) << pages[0];
  EXPECT_EQ(pages[0].find('\x01'), std::string::npos);
  EXPECT_EQ(pages[0].find('\x7f'), std::string::npos);
}

}  // namespace
}  // namespace isms
