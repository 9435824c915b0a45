// Tables out: CSV (RFC 4180) and XLSX (libxlsxwriter) from plain rows. Used by the gap
// report and the traceability matrix, and later by the risk register and the SoA.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"

namespace isms {

struct Sheet {
  // XLSX sheet name. Made valid by write_xlsx: []:*?/\ and a leading or trailing
  // apostrophe become '-', "History" gets a '-', empty becomes "Sheet<n>", cut to 31
  // characters, and a name already used (ignoring case) gets " (2)", " (3)", ...
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Per column: true when the cells are numbers. A cell of such a column that is a plain
  // decimal ("-2.5", "3", "1e3") is a number in XLSX and unguarded in CSV; any other
  // cell there is text.
  std::vector<bool> numeric;
  std::vector<int> widths;  // column widths in characters; empty = derived from content
};

// CSV of one sheet (RFC 4180): header then rows, CRLF line ends, UTF-8 as given (no
// BOM), fields quoted (quotes doubled) when they hold a comma, quote, CR or LF. Cells
// that start with = + - @ tab or CR are prefixed with ' so a spreadsheet never evaluates
// them (CSV injection), except plain numbers in numeric columns.
std::string write_csv(const Sheet& sheet);

// An .xlsx workbook with the sheets in order (one empty "Sheet1" when there are none):
// bold header row, frozen below it, autofilter over header and rows, column widths
// (given, or from the longest cell, 8..60 characters). Text cells are shared strings
// exactly as given ("=1+1" is text, never a formula; invalid UTF-8 and control
// characters but tab and newline cleaned; cut at Excel's 32,767 characters); empty cells
// are left out. kTooLarge past Excel's 1,048,576 rows or 16,384 columns; kInternal when
// libxlsxwriter or the temporary directory fails. Written through a private temporary
// directory that is removed afterwards.
Result<std::string> write_xlsx(const std::vector<Sheet>& sheets);

}  // namespace isms
