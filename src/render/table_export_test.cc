// XLSX files are read back as what they are: a zip (libzip) of SpreadsheetML (libxml2).
#include "render/table_export.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include <map>
#include <memory>

namespace isms {
namespace {

TEST(CsvTest, QuotingLineEndsAndUtf8) {
  Sheet s;
  s.header = {"Key", "Title", "Note"};
  s.rows = {{"A.5.1", "Policies, for \"security\"", "line1\nline2"},
            {"A.5.2", "Rôles — 責任", ""},
            {"A.5.3", "cr\rhere", "plain"}};
  EXPECT_EQ(write_csv(s),
            "Key,Title,Note\r\n"
            "A.5.1,\"Policies, for \"\"security\"\"\",\"line1\nline2\"\r\n"
            "A.5.2,Rôles — 責任,\r\n"
            "A.5.3,\"cr\rhere\",plain\r\n");
}

TEST(CsvTest, FormulaInjectionGuard) {
  Sheet s;
  s.header = {"=Header", "Score"};
  s.numeric = {false, true};
  s.rows = {{"=1+1", "-3"},
            {"+SUM(A1)", "-2.5"},
            {"-cmd", "-1e3"},
            {"@import", "=2+2"},
            {"\tTAB", "-12abc"},
            {"-5", "+7"},
            {"=HYPERLINK(\"http://x\",\"a,b\")", "42"}};
  EXPECT_EQ(write_csv(s),
            "'=Header,Score\r\n"
            "'=1+1,-3\r\n"
            "'+SUM(A1),-2.5\r\n"
            "'-cmd,-1e3\r\n"
            "'@import,'=2+2\r\n"
            "'\tTAB,'-12abc\r\n"
            "'-5,'+7\r\n"
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\",42\r\n");
}

TEST(CsvTest, EmptySheet) {
  Sheet s;
  EXPECT_EQ(write_csv(s), "\r\n");
  s.header = {"Only"};
  EXPECT_EQ(write_csv(s), "Only\r\n");
}

class Xlsx {
 public:
  explicit Xlsx(const std::string& bytes) : bytes_(bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &error);
    if (src) archive_ = zip_open_from_source(src, ZIP_RDONLY, &error);
    if (!archive_) {
      if (src) zip_source_free(src);
      ADD_FAILURE() << "not a zip: " << zip_error_strerror(&error);
    }
    zip_error_fini(&error);
  }
  ~Xlsx() {
    if (archive_) zip_discard(archive_);
  }
  bool has(const std::string& name) const {
    return archive_ && zip_name_locate(archive_, name.c_str(), 0) >= 0;
  }
  std::string file(const std::string& name) const {
    std::string out;
    zip_file_t* f = archive_ ? zip_fopen(archive_, name.c_str(), 0) : nullptr;
    if (!f) {
      ADD_FAILURE() << "no " << name << " in the workbook";
      return out;
    }
    char buf[8192];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;)
      out.append(buf, static_cast<size_t>(n));
    zip_fclose(f);
    return out;
  }
  // Strings of the XPath `expr` (namespace prefix m = SpreadsheetML) over `name`.
  std::vector<std::string> query(const std::string& name, const std::string& expr) const {
    std::string xml = file(name);
    std::vector<std::string> out;
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), name.c_str(), nullptr,
                                  XML_PARSE_NONET);
    if (!doc) {
      ADD_FAILURE() << name << " is not XML";
      return out;
    }
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "m",
                       BAD_CAST "http://schemas.openxmlformats.org/spreadsheetml/2006/main");
    xmlXPathObjectPtr res = xmlXPathEvalExpression(BAD_CAST expr.c_str(), ctx);
    if (res && res->nodesetval) {
      for (int i = 0; i < res->nodesetval->nodeNr; ++i) {
        xmlChar* content = xmlNodeGetContent(res->nodesetval->nodeTab[i]);
        out.emplace_back(content ? reinterpret_cast<const char*>(content) : "");
        xmlFree(content);
      }
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return out;
  }
  std::vector<std::string> sheet_names() const {
    return query("xl/workbook.xml", "/m:workbook/m:sheets/m:sheet/@name");
  }
  // Cell values of sheet n by reference ("A1"): shared strings resolved, numbers as
  // written; the type is in types[ref] ("s", "n", "str", "inlineStr").
  std::map<std::string, std::string> cells(int n, std::map<std::string, std::string>* types) const {
    std::vector<std::string> shared = query("xl/sharedStrings.xml", "/m:sst/m:si");
    std::string sheet = "xl/worksheets/sheet" + std::to_string(n) + ".xml";
    std::vector<std::string> refs = query(sheet, "//m:sheetData/m:row/m:c/@r");
    std::map<std::string, std::string> out;
    for (const std::string& ref : refs) {
      std::string base = "//m:c[@r='" + ref + "']";
      std::vector<std::string> t = query(sheet, base + "/@t");
      std::vector<std::string> v = query(sheet, base + "/m:v");
      std::string type = t.empty() ? "n" : t[0];
      std::string value = v.empty() ? "" : v[0];
      if (type == "s") value = shared.at(std::stoul(value));
      out[ref] = value;
      (*types)[ref] = type;
    }
    return out;
  }

 private:
  std::string bytes_;
  zip_t* archive_ = nullptr;
};

Sheet gap_sheet() {
  Sheet s;
  s.name = "Gaps";
  s.header = {"Requirement", "Title", "Score", "Note"};
  s.numeric = {false, false, true, false};
  s.rows = {{"A.5.1", "Policies for information security", "3", "=1+1"},
            {"A.5.2", "Rôles — 責任 😀", "-2.5", "@SUM(A1)"},
            {"A.5.3", "Segregation", "", "-cmd"},
            {"A.5.4", "Management", "n/a", "+x"}};
  return s;
}

TEST(XlsxTest, CellsHeaderFilterAndNoFormulas) {
  auto bytes = write_xlsx({gap_sheet()});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  ASSERT_EQ(bytes->rfind("PK", 0), 0u);
  Xlsx x(*bytes);
  EXPECT_EQ(x.sheet_names(), std::vector<std::string>{"Gaps"});
  std::map<std::string, std::string> types;
  auto cells = x.cells(1, &types);
  EXPECT_EQ(cells["A1"], "Requirement");
  EXPECT_EQ(cells["D1"], "Note");
  EXPECT_EQ(cells["B3"], "Rôles — 責任 😀");
  EXPECT_EQ(types["B3"], "s");
  // Numbers are numbers; a non-number in a numeric column stays text.
  EXPECT_EQ(cells["C2"], "3");
  EXPECT_EQ(types["C2"], "n");
  EXPECT_EQ(cells["C3"], "-2.5");
  EXPECT_EQ(types["C3"], "n");
  EXPECT_EQ(cells.count("C4"), 0u);  // empty cell not written
  EXPECT_EQ(cells["C5"], "n/a");
  EXPECT_EQ(types["C5"], "s");
  // Formula-looking text is a shared string as typed: no <f> anywhere.
  EXPECT_EQ(cells["D2"], "=1+1");
  EXPECT_EQ(types["D2"], "s");
  EXPECT_EQ(cells["D3"], "@SUM(A1)");
  EXPECT_EQ(cells["D4"], "-cmd");
  EXPECT_TRUE(x.query("xl/worksheets/sheet1.xml", "//m:f").empty());
  EXPECT_EQ(x.file("xl/worksheets/sheet1.xml").find("<f>"), std::string::npos);

  // Header: bold style, frozen below row 1, autofilter over the data.
  std::vector<std::string> style = x.query("xl/worksheets/sheet1.xml", "//m:c[@r='A1']/@s");
  ASSERT_EQ(style.size(), 1u);
  std::vector<std::string> xfs = x.query("xl/styles.xml", "/m:styleSheet/m:cellXfs/m:xf/@fontId");
  ASSERT_GT(xfs.size(), std::stoul(style[0]));
  size_t font = std::stoul(xfs[std::stoul(style[0])]);
  std::vector<std::string> bold = x.query(
      "xl/styles.xml", "/m:styleSheet/m:fonts/m:font[" + std::to_string(font + 1) + "]/m:b");
  EXPECT_EQ(bold.size(), 1u);
  EXPECT_EQ(x.query("xl/worksheets/sheet1.xml", "//m:pane/@state"),
            std::vector<std::string>{"frozen"});
  EXPECT_EQ(x.query("xl/worksheets/sheet1.xml", "//m:pane/@topLeftCell"),
            std::vector<std::string>{"A2"});
  EXPECT_EQ(x.query("xl/worksheets/sheet1.xml", "//m:autoFilter/@ref"),
            std::vector<std::string>{"A1:D5"});
  // Derived widths: every column has one.
  EXPECT_EQ(x.query("xl/worksheets/sheet1.xml", "//m:cols/m:col/@width").size(), 4u);
}

TEST(XlsxTest, SheetNamesAreSanitizedAndUnique) {
  std::vector<Sheet> sheets(6, gap_sheet());
  sheets[0].name = "Gap report: ISO/IEC 27001 [2022] *draft*?";
  sheets[1].name = "Gap report- ISO-IEC 27001 -2022- -draft--";  // what [0] becomes, cut to 31
  sheets[2].name = "";
  sheets[3].name = "gaps";
  sheets[4].name = "Gaps";
  sheets[5].name = "Ledningens genomgång — åtgärder och uppföljning";
  auto bytes = write_xlsx(sheets);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  std::vector<std::string> names = Xlsx(*bytes).sheet_names();
  ASSERT_EQ(names.size(), 6u);
  EXPECT_EQ(names[0], "Gap report- ISO-IEC 27001 -2022");
  EXPECT_EQ(names[1], "Gap report- ISO-IEC 27001 - (2)");
  EXPECT_EQ(names[2], "Sheet3");
  EXPECT_EQ(names[3], "gaps");
  EXPECT_EQ(names[4], "Gaps (2)");
  EXPECT_EQ(names[5], "Ledningens genomgång — åtgärder");
  for (const std::string& n : names) EXPECT_EQ(n.find_first_of("[]:*?/\\"), std::string::npos);
}

TEST(XlsxTest, WidthsAndLargeSheets) {
  Sheet s;
  s.name = "Big";
  s.header = {"Id", "Text"};
  s.numeric = {true, false};
  s.widths = {6, 40};
  for (int i = 0; i < 5000; ++i) s.rows.push_back({std::to_string(i), "row " + std::to_string(i)});
  auto bytes = write_xlsx({s});
  ASSERT_TRUE(bytes.ok());
  Xlsx x(*bytes);
  std::vector<std::string> widths = x.query("xl/worksheets/sheet1.xml", "//m:cols/m:col/@width");
  ASSERT_EQ(widths.size(), 2u);
  EXPECT_EQ(std::stod(widths[0]), 6 + 0.7109375);  // libxlsxwriter's character-to-width form
  EXPECT_EQ(x.query("xl/worksheets/sheet1.xml", "//m:row").size(), 5001u);
  EXPECT_EQ(x.query("xl/worksheets/sheet1.xml", "//m:c[@r='A5001']/m:v"),
            std::vector<std::string>{"4999"});
}

TEST(XlsxTest, EmptyWorkbookStillOpens) {
  auto bytes = write_xlsx({});
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(Xlsx(*bytes).sheet_names(), std::vector<std::string>{"Sheet1"});
}

}  // namespace
}  // namespace isms
