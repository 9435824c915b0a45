// Test helpers for the table reader and the SoA import: XLSX files crafted part by part
// with libzip (for what libxlsxwriter never writes: inline strings, DTDs, oversized parts)
// and real workbooks written with libxlsxwriter. Tests only.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace isms::table_test {

inline std::string temp_path(const std::string& stem) {
  static std::atomic<int> counter{0};
  return testing::TempDir() + "/" + stem + "-" + std::to_string(getpid()) + "-" +
         std::to_string(counter++) + ".xlsx";
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A ZIP holding exactly `parts` (name, bytes), deflated.
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string path = temp_path("zip");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) {
    ADD_FAILURE() << "zip_open failed: " << err;
    return "";
  }
  for (const auto& [name, bytes] : parts) {
    zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    if (!src || zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE) < 0) {
      ADD_FAILURE() << "zip_file_add " << name << ": " << zip_strerror(z);
      zip_source_free(src);
    }
  }
  if (zip_close(z) != 0) {
    ADD_FAILURE() << "zip_close: " << zip_strerror(z);
    zip_discard(z);
  }
  std::string out = slurp(path);
  std::remove(path.c_str());
  return out;
}

inline const char* kSheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
inline const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A minimal workbook by hand: one sheet "Sheet1" with `sheet_data` (the inside of
// <worksheet>), optional shared strings (the <si> elements), styles (the inside of
// <styleSheet>) and workbookPr attributes.
inline std::string hand_xlsx(const std::string& sheet_inner, const std::string& shared_si = "",
                             const std::string& styles_inner = "",
                             const std::string& workbook_pr = "") {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml",
       x + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels",
       x + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", x + "<workbook xmlns=\"" + kSheetNs + "\" xmlns:r=\"" + kRelNs +
                              "\"><workbookPr " + workbook_pr +
                              "/><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
                              "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       x + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
           "Target=\"worksheets/sheet1.xml\"/>"
           "<Relationship Id=\"rId2\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>"
           "<Relationship Id=\"rId3\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
           "Target=\"styles.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml",
       x + "<worksheet xmlns=\"" + kSheetNs + "\">" + sheet_inner + "</worksheet>"},
  };
  if (!shared_si.empty()) {
    parts.emplace_back("xl/sharedStrings.xml",
                       x + "<sst xmlns=\"" + kSheetNs + "\">" + shared_si + "</sst>");
  }
  if (!styles_inner.empty()) {
    parts.emplace_back("xl/styles.xml", x + "<styleSheet xmlns=\"" + kSheetNs + "\">" +
                                            styles_inner + "</styleSheet>");
  }
  return make_zip(parts);
}

// Writes a workbook with libxlsxwriter through `build` and returns its bytes.
inline std::string xlsxwriter_bytes(const std::function<void(lxw_workbook*)>& build) {
  std::string path = temp_path("lxw");
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) {
    ADD_FAILURE() << "workbook_new failed";
    return "";
  }
  build(wb);
  if (workbook_close(wb) != LXW_NO_ERROR) ADD_FAILURE() << "workbook_close failed";
  std::string out = slurp(path);
  std::remove(path.c_str());
  return out;
}

}  // namespace isms::table_test
