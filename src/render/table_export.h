// Tables out: CSV (RFC 4180) and XLSX (libxlsxwriter) from plain rows. Used by the gap
// report and the traceability matrix, and later by the risk register and the SoA.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"

namespace isms {

struct Sheet {
  std::string name;  // 1..31 characters, no []:*?/\ (replaced by '-')
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Per column: true when the cells are numbers (written as numbers in XLSX).
  std::vector<bool> numeric;
  std::vector<int> widths;  // column widths in characters; empty = derived from content
};

// CSV of one sheet: header then rows, CRLF line ends, fields quoted when they hold a
// comma, quote, CR or LF; cells that start with = + - @ are prefixed with ' so a
// spreadsheet never evaluates them (CSV injection).
std::string write_csv(const Sheet& sheet);

// An .xlsx workbook with the sheets in order: bold frozen header row, autofilter, column
// widths. Cells starting with = are written as text, never formulas.
Result<std::string> write_xlsx(const std::vector<Sheet>& sheets);

}  // namespace isms
