// The PDF is read back with poppler's pdftotext and pdfinfo (poppler-utils): what a
// person or an auditor's tool extracts is what counts.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <regex>
#include <thread>

#include "render/document_render.h"
#include "render/render_test_support.h"

namespace isms {
namespace {

using testing::long_word;
using testing::policy_version;
using testing::render_context;
using testing::run_command;
using testing::version_with_body;

// A PDF in a temporary file, removed afterwards.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) {
    char name[] = "/tmp/isms-render-test-XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) {
      ADD_FAILURE() << "mkstemp";
      return;
    }
    path_ = name;
    EXPECT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    close(fd);
  }
  ~PdfFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }
  // pdftotext -layout: one string per page (pages end with a form feed).
  std::vector<std::string> pages() const {
    int status = 0;
    std::string text = run_command("pdftotext -layout " + path_ + " - 2>&1", &status);
    EXPECT_EQ(status, 0) << text;
    std::vector<std::string> pages;
    size_t start = 0;
    for (size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1)
      pages.push_back(text.substr(start, ff - start));
    return pages;
  }
  std::string info() const {
    int status = 0;
    std::string text = run_command("pdfinfo " + path_ + " 2>&1", &status);
    EXPECT_EQ(status, 0) << text;
    return text;
  }

 private:
  std::string path_;
};

// ISMS_RENDER_TEST_OUT=<dir> keeps each test's PDF there, to look at.
std::string render(const DocumentVersion& v) {
  auto pdf = render_document_pdf(v, render_context());
  EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().message);
  if (!pdf.ok()) return "";
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  if (const char* dir = std::getenv("ISMS_RENDER_TEST_OUT")) {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::ofstream(std::string(dir) + "/" + test->name() + "-" +
                      std::to_string(static_cast<int>(v.content.classification)) + ".pdf",
                  std::ios::binary)
        << *pdf;
  }
  return *pdf;
}

std::string regex_escape(const std::string& s) {
  return std::regex_replace(s, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
}

std::string squeeze(const std::string& s) {  // without any whitespace
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

// Every page: the label in the header and "Page n of N" in the footer.
void expect_running_header_and_footer(const std::vector<std::string>& pages,
                                      const std::string& label) {
  for (size_t i = 0; i < pages.size(); ++i) {
    EXPECT_NE(pages[i].find(label), std::string::npos) << "page " << i + 1;
    EXPECT_NE(pages[i].find("Information Security Policy"), std::string::npos) << "page " << i + 1;
    std::string footer = "Page " + std::to_string(i + 1) + " of " + std::to_string(pages.size());
    EXPECT_NE(pages[i].find(footer), std::string::npos) << footer << "\n" << pages[i];
    EXPECT_NE(pages[i].find("Version 3.1 · Published"), std::string::npos) << "page " << i + 1;
    EXPECT_NE(pages[i].find("Elastisys AB"), std::string::npos) << "page " << i + 1;
  }
}

// Page (1-based) whose text matches `pattern`, from page `from` on; 0 when none.
size_t page_matching(const std::vector<std::string>& pages, const std::regex& pattern,
                     size_t from = 1) {
  for (size_t i = from - 1; i < pages.size(); ++i)
    if (std::regex_search(pages[i], pattern)) return i + 1;
  return 0;
}

TEST(DocumentPdfTest, SamplePolicy) {
  DocumentVersion v = policy_version();
  std::vector<double> times;
  std::vector<double> cpu;  // CPU time: less at the mercy of a busy machine than wall time
  std::string pdf;
  for (int i = 0; i < 5; ++i) {  // the first includes loading fonts
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu_start = std::clock();
    pdf = render(v);
    cpu.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin() + 1, times.end());
  std::sort(cpu.begin() + 1, cpu.end());
  std::printf(
      "[ render ] sample policy PDF (%zu bytes): first %.1f ms (%.1f ms CPU), then median "
      "%.1f ms (%.1f ms CPU)\n",
      pdf.size(), times[0], cpu[0], times[3], cpu[3]);
  PdfFile file(pdf);
  std::vector<std::string> pages = file.pages();
  ASSERT_GT(pages.size(), 1u);
  expect_running_header_and_footer(pages, "PUBLIC");
  std::string all;
  for (const std::string& p : pages) all += p;

  // Title block and metadata.
  EXPECT_NE(pages[0].find("Information Security Policy"), std::string::npos);
  EXPECT_TRUE(std::regex_search(pages[0], std::regex(R"(Information owner\s+CEO)"))) << pages[0];
  EXPECT_TRUE(std::regex_search(pages[0], std::regex(R"(Last update\s+2025-02-07)")));
  EXPECT_TRUE(std::regex_search(pages[0], std::regex(R"(Classification\s+PUBLIC)")));
  // Change log rows (the long one wraps inside its cell).
  EXPECT_TRUE(std::regex_search(
      all, std::regex(R"(1\.0\s+2022-11-16\s+CISO\s+Initial release of previous document)")))
      << pages[0];
  EXPECT_TRUE(
      std::regex_search(all, std::regex(R"(2\.0\s+2024-03-05\s+CISO\s+Implemented the new)")));
  EXPECT_TRUE(std::regex_search(all, std::regex(R"(3\.0\s+2025-02-07\s+Hans Olof Edblom)")));
  EXPECT_TRUE(std::regex_search(
      all, std::regex(R"(3\.1\s+Hans Olof Edblom\s+Added ISO-references to headers\.)")));
  EXPECT_NE(squeeze(all).find("Informationsecuritymanagementprocess"), std::string::npos);

  // Contents: every section with the page its heading is on.
  for (const Section& s : v.sections) {
    std::regex toc_line("(^|\\n)\\s*" + regex_escape(s.number) + "\\s+" + regex_escape(s.title) +
                        "\\s+(\\d+)\\s*\\n");
    std::smatch m;
    bool found = false;
    size_t toc_page = 0;
    for (size_t i = 0; i < pages.size() && !found; ++i)
      if (std::regex_search(pages[i], m, toc_line)) found = true, toc_page = i + 1;
    ASSERT_TRUE(found) << "contents entry " << s.number << " " << s.title;
    size_t listed = std::stoul(m[2]);
    std::regex heading("(^|\\n)\\s*" + regex_escape(s.number) + " " + regex_escape(s.title) +
                       "( \\[|\\s*\\n)");
    EXPECT_EQ(page_matching(pages, heading, toc_page + 1), listed) << s.number << " " << s.title;
  }
  EXPECT_GT(std::stoul(std::regex_replace(pages.back(),
                                          std::regex(R"([\s\S]*Page (\d+) of \d+[\s\S]*)"), "$1")),
            2u);

  // Body: section titles, list items, citations as written, the long word whole.
  EXPECT_NE(squeeze(all).find("8.4InformationSecurityinSupplierRelationships[ISO27002A5.19,"
                              "A5.20][NIS5.1-5.2]"),
            std::string::npos);
  EXPECT_NE(all.find("Secure Elastisys against cybersecurity threats and data breaches."),
            std::string::npos);
  EXPECT_NE(all.find("[ISO27001 5.1, 5.4]"), std::string::npos);
  EXPECT_NE(squeeze(all).find(long_word()), std::string::npos);
  EXPECT_EQ(all.find(long_word()), std::string::npos) << "the long word should wrap";
  EXPECT_NE(squeeze(all).find("Cryptographymustbeusedtoprotecttheconfidentiality"),
            std::string::npos);

  std::string info = file.info();
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Title:\s+Information Security Policy)")));
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Author:\s+CISO)")));
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Creator:\s+isms)")));
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Page size:\s+595\.\d* x 841\.\d* pts \(A4\))")))
      << info;
  EXPECT_TRUE(std::regex_search(info, std::regex("Pages:\\s+" + std::to_string(pages.size()))));
}

TEST(DocumentPdfTest, ClassificationLabelOnEveryPage) {
  for (auto [c, label] : {std::pair{Classification::kConfidential, "CONFIDENTIAL"},
                          std::pair{Classification::kCustomerData, "CUSTOMER DATA"},
                          std::pair{Classification::kInternal, "INTERNAL"}}) {
    PdfFile file(render(policy_version(c)));
    std::vector<std::string> pages = file.pages();
    ASSERT_GT(pages.size(), 1u);
    expect_running_header_and_footer(pages, label);
  }
}

TEST(DocumentPdfTest, LongTableRepeatsItsHeaderAcrossPages) {
  std::string body =
      "## 1 Assets\n\nThe register:\n\n| Asset id | Owner | Description |\n|---|---|--:|\n";
  for (int i = 1; i <= 60; ++i)
    body += "| A-" + std::to_string(i) + " | Team " + std::to_string(i % 7) +
            " | Laptop used by the operations team, encrypted, row " + std::to_string(i) + " |\n";
  body += "\nAfter the table.\n";
  DocumentVersion short_v = version_with_body("## 1 Assets\n\nThe register is empty.\n");
  DocumentVersion long_v = version_with_body(body);
  std::vector<std::string> short_pages = PdfFile(render(short_v)).pages();
  std::vector<std::string> pages = PdfFile(render(long_v)).pages();
  ASSERT_GT(pages.size(), short_pages.size());
  expect_running_header_and_footer(pages, "PUBLIC");
  std::string all;
  for (const std::string& p : pages) all += p;
  for (int i = 1; i <= 60; ++i)
    EXPECT_NE(all.find("A-" + std::to_string(i) + " "), std::string::npos) << i;
  // The header row is on every page the table is on.
  size_t table_pages = 0;
  for (const std::string& p : pages) {
    if (!std::regex_search(p, std::regex(R"(A-\d+\s+Team)"))) continue;
    ++table_pages;
    EXPECT_TRUE(std::regex_search(p, std::regex(R"(Asset id\s+Owner\s+Description)"))) << p;
  }
  EXPECT_GE(table_pages, 2u);
  EXPECT_NE(all.find("After the table."), std::string::npos);
}

TEST(DocumentPdfTest, LongBodyPaginates) {
  std::string body = "## 1 Log\n\n";
  for (int i = 1; i <= 5000; ++i) body += "Line " + std::to_string(i) + " of the long body.\n";
  DocumentVersion v = version_with_body(body);
  auto start = std::chrono::steady_clock::now();
  std::string pdf = render(v);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  std::printf("[ render ] 5,000-line body PDF: %.1f ms, %zu bytes\n", ms.count(), pdf.size());
  std::vector<std::string> pages = PdfFile(pdf).pages();
  // One paragraph of 5,000 soft-broken lines wraps into ~1,700 lines: dozens of pages.
  EXPECT_GT(pages.size(), 20u);
  expect_running_header_and_footer(pages, "PUBLIC");
  std::string all = squeeze([&] {
    std::string s;
    for (const std::string& p : pages) s += p;
    return s;
  }());
  EXPECT_NE(all.find("Line1ofthelongbody.Line2"), std::string::npos);
  EXPECT_NE(all.find("Line4999ofthelongbody.Line5000ofthelongbody."), std::string::npos);
}

TEST(DocumentPdfTest, MarkdownBlocks) {
  DocumentVersion v = version_with_body(
      "## 1 Blocks\n\n"
      "Some *emphasis*, **strong**, `code`, ~~gone~~ and a [link](https://example.com/x).\n\n"
      "1. first\n2. second\n   - nested bullet\n     - deeper bullet\n3. third\n\n"
      "- [x] done task\n- [ ] open task\n\n"
      "> quoted text\n> > nested quote\n\n"
      "```\nint main() { return 0; }\n```\n\n---\n\n"
      "Line one  \nline two after a hard break\n\n"
      "<div>raw html block</div>\n\n"
      "## 2 Second\n\nEnd.\n");
  std::vector<std::string> pages = PdfFile(render(v)).pages();
  std::string all;
  for (const std::string& p : pages) all += p;
  for (const char* text :
       {"Some emphasis, strong, code, gone and a link (https://example.com/x).", "1. first",
        "2. second", "◦ nested bullet", "▪ deeper bullet", "3. third", "☑ done task", "☐ open task",
        "quoted text", "nested quote", "int main() { return 0; }", "Line one",
        "line two after a hard break", "End."})
    EXPECT_NE(all.find(text), std::string::npos) << text << "\n" << all;
  EXPECT_EQ(all.find("raw html block"), std::string::npos);  // dropped as in HTML safe mode
}

TEST(DocumentPdfTest, HostileAndUnusualInputDoesNotBreakRendering) {
  std::string deep_quote(5000, '>');
  std::string deep_list;
  for (int i = 0; i < 300; ++i)
    deep_list += std::string(static_cast<size_t>(i) * 2, ' ') + "- level\n";
  std::string body = "## 1 Unusual\n\n情報セキュリティ方針 😀🔐 العربية עברית Ελληνικά\n\n" +
                     deep_quote + " deep\n\n" + deep_list + "\n" + std::string(3000, '*') + "x" +
                     std::string(3000, '*') + "\n\nctrl\x01\x02\x7f bad \xff\xfe utf8 " +
                     "`<span foreground=\"red\">&amp;</span>`\n\n| a |\n|---|\n" +
                     std::string(4000, 'W') + " |\n";
  DocumentVersion v = version_with_body(body);
  v.content.title = "Title with <markup> & \"quotes\" \xc3\x28 and ctrl\x01";
  std::string pdf = render(v);
  ASSERT_FALSE(pdf.empty());
  std::vector<std::string> pages = PdfFile(pdf).pages();
  std::string all;
  for (const std::string& p : pages) all += p;
  EXPECT_NE(all.find("Title with <markup> & \"quotes\""), std::string::npos);
  EXPECT_NE(all.find("<span foreground=\"red\">&amp;</span>"), std::string::npos);  // as text
  EXPECT_NE(all.find("deep"), std::string::npos);
  // The 4,000-letter word breaks across lines and pages, every letter kept.
  EXPECT_EQ(std::count(all.begin(), all.end(), 'W'), 4000);
  EXPECT_NE(all.find("Ελληνικά"), std::string::npos);
}

TEST(DocumentPdfTest, ThreadsRenderAtOnce) {
  DocumentVersion v = policy_version();
  std::string expected = render(v);
  std::vector<std::string> out(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < out.size(); ++i)
    threads.emplace_back([&, i] {
      auto pdf = render_document_pdf(v, render_context());
      if (pdf.ok()) out[i] = std::move(*pdf);
    });
  for (std::thread& t : threads) t.join();
  for (const std::string& pdf : out) EXPECT_EQ(pdf, expected);  // byte for byte
}

TEST(DocumentPdfTest, EmptyVersion) {
  DocumentVersion v;
  v.content.title = "Empty";
  v.content.label = "0.1";
  auto pdf = render_document_pdf(v, RenderContext{});
  ASSERT_TRUE(pdf.ok());
  std::vector<std::string> pages = PdfFile(*pdf).pages();
  ASSERT_GE(pages.size(), 1u);
  EXPECT_NE(pages[0].find("INTERNAL"), std::string::npos);
  EXPECT_NE(pages[0].find("No changes recorded."), std::string::npos);
  EXPECT_NE(pages[0].find("Page 1 of " + std::to_string(pages.size())), std::string::npos);
}

}  // namespace
}  // namespace isms
