// Tabular files from outside: CSV (libcsv) and XLSX (libzip + libxml2; no Debian package
// reads XLSX from C/C++, so the reader of the SpreadsheetML parts we need is ours).
// Pure over bytes; both are fuzzed (fuzz/table_reader_fuzz.cc).
//
// CSV: UTF-8 with or without BOM (a UTF-16 BOM is refused naming the encoding), CRLF/LF/CR
// line ends, quoted fields with commas, quotes and line breaks, delimiter detected among
// ',', ';' and TAB from the first line. Invalid UTF-8 is refused naming the row.
// XLSX: the first worksheet (or the named one); shared and inline strings, numbers,
// booleans, dates (cells whose number format is a date format, built-in ids 14-22 and
// 45-47 or custom formats with d/m/y outside quotes), formula cells by their cached value,
// merged ranges reported (only their top-left cell holds the value). Limits: 20 MiB file,
// 100,000 rows, 200 columns, 2,000,000 cells with a value, 64 MiB uncompressed per part
// (zip bombs), XML without DTDs or entities (libxml2 XML_PARSE_NONET, no XML_PARSE_NOENT).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace isms {

inline constexpr size_t kTableFileMax = 20 * 1024 * 1024;
inline constexpr size_t kTableRowsMax = 100000;
inline constexpr size_t kTableColumnsMax = 200;

enum class CellKind { kEmpty, kText, kNumber, kDate, kBool };

struct TableCell {
  CellKind kind = CellKind::kEmpty;
  std::string text;   // as shown: text as is; numbers in shortest round-trip form ("5.1");
                      // dates as YYYY-MM-DD; booleans "TRUE"/"FALSE"
  double number = 0;  // kNumber, kBool (1/0); kDate: the spreadsheet serial
  bool operator==(const TableCell&) const = default;
};

struct MergedRange {
  int first_row = 0, first_column = 0, last_row = 0, last_column = 0;  // 0-based, inclusive
};

struct Table {
  std::string sheet_name;                    // "" for CSV
  std::vector<std::vector<TableCell>> rows;  // row i = spreadsheet row i+1; ragged allowed
  std::vector<MergedRange> merged;
  std::vector<std::string> sheet_names;  // XLSX: every sheet in the workbook
};

Result<Table> read_csv_table(std::string_view bytes);
// sheet "" = the first sheet; kInvalid naming the sheets when not found.
Result<Table> read_xlsx_table(std::string_view bytes, std::string_view sheet);
// By content (PK zip signature = XLSX, else CSV); file_name only for messages.
Result<Table> read_table(std::string_view file_name, std::string_view bytes,
                         std::string_view sheet);

// "A" for 0, "AA" for 26; and back (nullopt when not a column name).
std::string column_letter(int index);
std::optional<int> column_index(std::string_view letters);

}  // namespace isms
