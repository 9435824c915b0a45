// Test helpers for the formatted exports (risk_soa_export.h, report_pdf.h): an XLSX read
// back as what it is, a zip (libzip) of SpreadsheetML (libxml2), with each sheet parsed
// once so registers of thousands of rows stay quick; and a PDF read back page by page with
// poppler's pdftotext.
#pragma once

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "render/render_test_support.h"

namespace isms::testing {

class XlsxReader {
 public:
  explicit XlsxReader(std::string bytes) : bytes_(std::move(bytes)) {
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
  ~XlsxReader() {
    if (archive_) zip_discard(archive_);
  }
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  std::string file(const std::string& name) const {
    std::string out;
    zip_file_t* f = archive_ ? zip_fopen(archive_, name.c_str(), 0) : nullptr;
    if (!f) {
      ADD_FAILURE() << "no " << name << " in the workbook";
      return out;
    }
    char buf[65536];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;)
      out.append(buf, static_cast<size_t>(n));
    zip_fclose(f);
    return out;
  }

  // Text of the nodes matching XPath `expr` (prefix m = SpreadsheetML) in `name`.
  std::vector<std::string> query(const std::string& name, const std::string& expr) const {
    std::vector<std::string> out;
    each(name, expr, [&](xmlNodePtr node) {
      xmlChar* content = xmlNodeGetContent(node);
      out.emplace_back(content ? reinterpret_cast<const char*>(content) : "");
      xmlFree(content);
    });
    return out;
  }

  std::vector<std::string> sheet_names() const {
    return query("xl/workbook.xml", "/m:workbook/m:sheets/m:sheet/@name");
  }

  struct CellValue {
    std::string value;  // shared strings resolved
    std::string type;   // "s", "n", ...
    int style = 0;      // index into cellXfs
  };

  // Cells of sheet n (1-based) by reference ("A1").
  std::map<std::string, CellValue> cells(int n) const {
    std::vector<std::string> shared = query("xl/sharedStrings.xml", "/m:sst/m:si");
    std::map<std::string, CellValue> out;
    each("xl/worksheets/sheet" + std::to_string(n) + ".xml", "//m:sheetData/m:row/m:c",
         [&](xmlNodePtr c) {
           CellValue v;
           std::string ref = attr(c, "r");
           v.type = attr(c, "t");
           if (v.type.empty()) v.type = "n";
           std::string s = attr(c, "s");
           v.style = s.empty() ? 0 : std::stoi(s);
           for (xmlNodePtr k = c->children; k; k = k->next) {
             if (k->type != XML_ELEMENT_NODE) continue;
             xmlChar* content = xmlNodeGetContent(k);
             std::string text = content ? reinterpret_cast<const char*>(content) : "";
             xmlFree(content);
             if (std::string(reinterpret_cast<const char*>(k->name)) == "v") v.value = text;
             if (std::string(reinterpret_cast<const char*>(k->name)) == "f")
               ADD_FAILURE() << "formula in " << ref;
           }
           if (v.type == "s") v.value = shared.at(std::stoul(v.value));
           out[ref] = v;
         });
    return out;
  }

  // The solid fill colour ("FFC6EFCE") of cellXfs style `style`, "" when none.
  std::string fill_of(int style) const {
    std::vector<std::string> fill = query(
        "xl/styles.xml", "/m:styleSheet/m:cellXfs/m:xf[" + std::to_string(style + 1) + "]/@fillId");
    if (fill.empty()) return "";
    std::vector<std::string> rgb = query(
        "xl/styles.xml", "/m:styleSheet/m:fills/m:fill[" + std::to_string(std::stoi(fill[0]) + 1) +
                             "]/m:patternFill/m:fgColor/@rgb");
    return rgb.empty() ? "" : rgb[0];
  }

 private:
  static std::string attr(xmlNodePtr node, const char* name) {
    xmlChar* v = xmlGetProp(node, BAD_CAST name);
    std::string out = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
  }

  template <typename Fn>
  void each(const std::string& name, const std::string& expr, Fn fn) const {
    std::string xml = file(name);
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), name.c_str(), nullptr,
                                  XML_PARSE_NONET | XML_PARSE_HUGE);
    if (!doc) {
      ADD_FAILURE() << name << " is not XML";
      return;
    }
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "m",
                       BAD_CAST "http://schemas.openxmlformats.org/spreadsheetml/2006/main");
    xmlXPathObjectPtr res = xmlXPathEvalExpression(BAD_CAST expr.c_str(), ctx);
    if (res && res->nodesetval)
      for (int i = 0; i < res->nodesetval->nodeNr; ++i) fn(res->nodesetval->nodeTab[i]);
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
  }

  std::string bytes_;
  zip_t* archive_ = nullptr;
};

// The text of each page of a PDF (pdftotext -layout). ISMS_RENDER_TEST_OUT=<dir> keeps
// the PDF there as <name>.pdf, to look at.
inline std::vector<std::string> pdf_pages(const std::string& pdf, const std::string& name) {
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  if (const char* dir = std::getenv("ISMS_RENDER_TEST_OUT"))
    std::ofstream(std::string(dir) + "/" + name + ".pdf", std::ios::binary) << pdf;
  char path[] = "/tmp/isms-report-test-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) {
    ADD_FAILURE() << "mkstemp";
    return {};
  }
  EXPECT_EQ(write(fd, pdf.data(), pdf.size()), static_cast<ssize_t>(pdf.size()));
  close(fd);
  int status = 0;
  std::string text = run_command(std::string("pdftotext -layout ") + path + " - 2>&1", &status);
  unlink(path);
  EXPECT_EQ(status, 0) << text;
  std::vector<std::string> pages;
  size_t start = 0;
  for (size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1)
    pages.push_back(text.substr(start, ff - start));
  return pages;
}

// `s` without any whitespace: table cells wrap, so tests look for squeezed text.
inline std::string squeeze(const std::string& s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

}  // namespace isms::testing
