// Fuzz target: the CSV and XLSX readers of formats/table_reader.h.
//
// Every input is read three ways: as CSV, as a whole file (read_table: an XLSX when it is
// a ZIP, so seed workbooks reach the ZIP and XML code), and as the parts of a workbook:
// the input split at "\n--part--\n" gives the worksheet, shared strings, styles and
// workbook XML, stored in a ZIP built here, so mutations reach the SpreadsheetML parsing
// without having to survive deflate and CRCs.
//
// Checks beyond "does not crash": tables stay inside the limits; every cell's text is
// valid UTF-8 and agrees with its kind (empty cells have no text, booleans read TRUE or
// FALSE, dates YYYY-MM-DD); merged ranges are ordered; an XLSX table names a sheet of the
// workbook; reading twice gives the same table.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "formats/table_reader.h"

namespace {

void check(const isms::Table& t) {
  if (t.rows.size() > isms::kTableRowsMax) std::abort();
  for (const auto& row : t.rows) {
    if (row.size() > isms::kTableColumnsMax) std::abort();
    for (const isms::TableCell& c : row) {
      if (!isms::is_valid_utf8(c.text)) std::abort();
      switch (c.kind) {
        case isms::CellKind::kEmpty:
          if (!c.text.empty()) std::abort();
          break;
        case isms::CellKind::kBool:
          if (c.text != "TRUE" && c.text != "FALSE") std::abort();
          break;
        case isms::CellKind::kDate:
          if (c.text.size() != 10 || c.text[4] != '-' || c.text[7] != '-') std::abort();
          break;
        case isms::CellKind::kText:
        case isms::CellKind::kNumber:
          if (c.text.empty()) std::abort();
          break;
      }
    }
  }
  for (const isms::MergedRange& m : t.merged) {
    if (m.first_row > m.last_row || m.first_column > m.last_column || m.first_row < 0 ||
        m.first_column < 0) {
      std::abort();
    }
  }
  if (!t.sheet_names.empty()) {
    bool found = false;
    for (const std::string& n : t.sheet_names) found = found || n == t.sheet_name;
    if (!found) std::abort();
  }
}

void read_twice(std::string_view bytes, bool csv) {
  auto a = csv ? isms::read_csv_table(bytes) : isms::read_table("fuzz", bytes, "");
  auto b = csv ? isms::read_csv_table(bytes) : isms::read_table("fuzz", bytes, "");
  if (a.ok() != b.ok()) std::abort();
  if (!a.ok()) {
    if (a.error().message.empty() || a.error().message != b.error().message) std::abort();
    return;
  }
  check(*a);
  if (a->rows != b->rows || a->sheet_name != b->sheet_name) std::abort();
}

// A ZIP of stored (uncompressed) parts, built in memory.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &error) : nullptr;
  zip_error_fini(&error);
  if (!z) {
    if (src) zip_source_free(src);
    return "";
  }
  zip_source_keep(src);
  for (const auto& [name, bytes] : parts) {
    zip_source_t* s = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    zip_int64_t index = s ? zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE) : -1;
    if (index < 0) {
      if (s) zip_source_free(s);
      continue;
    }
    zip_set_file_compression(z, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  std::string out;
  if (zip_close(z) != 0) {
    zip_discard(z);
  } else if (zip_source_open(src) == 0) {
    char buf[65536];
    for (zip_int64_t n; (n = zip_source_read(src, buf, sizeof buf)) > 0;) {
      out.append(buf, static_cast<size_t>(n));
    }
    zip_source_close(src);
  }
  zip_source_free(src);
  return out;
}

std::vector<std::string> split_parts(std::string_view s) {
  std::vector<std::string> parts;
  constexpr std::string_view kSep = "\n--part--\n";
  while (parts.size() < 3) {
    size_t at = s.find(kSep);
    if (at == std::string_view::npos) break;
    parts.emplace_back(s.substr(0, at));
    s.remove_prefix(at + kSep.size());
  }
  parts.emplace_back(s);
  return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  read_twice(bytes, true);
  read_twice(bytes, false);

  std::vector<std::string> parts = split_parts(bytes);
  std::string workbook =
      parts.size() > 3 ? parts[3]
                       : "<workbook><sheets><sheet name=\"S\" sheetId=\"1\"/></sheets></workbook>";
  std::vector<std::pair<std::string, std::string>> files = {{"xl/workbook.xml", workbook},
                                                            {"xl/worksheets/sheet1.xml", parts[0]}};
  if (parts.size() > 1) files.emplace_back("xl/sharedStrings.xml", parts[1]);
  if (parts.size() > 2) files.emplace_back("xl/styles.xml", parts[2]);
  std::string xlsx = stored_zip(files);
  if (!xlsx.empty()) {
    auto t = isms::read_xlsx_table(xlsx, "");
    if (t.ok()) check(*t);
  }
  return 0;
}
