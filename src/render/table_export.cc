#include "render/table_export.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>

#include "render/render_common.h"
#include "render/xlsx_book.h"

namespace isms {
namespace {

constexpr size_t kMaxSheetName = 31;     // Excel's limit, in characters
constexpr double kMaxDerivedWidth = 60;  // characters
constexpr double kMinDerivedWidth = 8;

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// The first `chars` characters of valid UTF-8 `s`.
std::string utf8_prefix(std::string_view s, size_t chars) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n++ == chars)
      return std::string(s.substr(0, i));
  }
  return std::string(s);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

// A plain decimal number: optional '-', digits, optional fraction and exponent. Nothing
// a spreadsheet could read as anything but that number.
bool plain_number(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  size_t digits = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == digits) return false;
  if (i < s.size() && s[i] == '.') {
    size_t f = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == f) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t e = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == e) return false;
  }
  return i == s.size();
}

bool numeric_column(const Sheet& sheet, size_t column) {
  return column < sheet.numeric.size() && sheet.numeric[column];
}

// Spreadsheets evaluate a field starting with = + - @ (and, after trimming, tab or CR) as
// a formula: such a field gets a leading apostrophe, unless it is a plain number in a
// numeric column.
std::string guard_formula(std::string_view cell, bool numeric) {
  if (cell.empty()) return std::string();
  char c = cell[0];
  bool risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  if (!risky || (numeric && plain_number(cell))) return std::string(cell);
  return "'" + std::string(cell);
}

void append_csv_field(std::string_view field, std::string* out) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void append_csv_row(const std::vector<std::string>& row, const Sheet& sheet, std::string* out) {
  for (size_t c = 0; c < row.size(); ++c) {
    if (c > 0) out->push_back(',');
    append_csv_field(guard_formula(row[c], numeric_column(sheet, c)), out);
  }
  out->append("\r\n");
}

// Names Excel accepts: 1..31 characters, none of []:*?/\, no apostrophe first or last,
// not "History" (reserved), unique ignoring case. Collisions get " (2)", " (3)", ...
std::vector<std::string> sheet_names(const std::vector<Sheet>& sheets) {
  std::vector<std::string> names;
  std::vector<std::string> taken;  // lower-cased
  for (size_t i = 0; i < sheets.size(); ++i) {
    std::string name = render_internal::clean_text(sheets[i].name);
    for (char& c : name) {
      if (std::string_view("[]:*?/\\\n\t").find(c) != std::string_view::npos) c = '-';
    }
    if (!name.empty() && name.front() == '\'') name.front() = '-';
    if (!name.empty() && name.back() == '\'') name.back() = '-';
    if (lower_ascii(name) == "history") name += "-";
    if (name.empty()) name = "Sheet" + std::to_string(i + 1);
    name = utf8_prefix(name, kMaxSheetName);
    std::string candidate = name;
    for (int n = 2; std::find(taken.begin(), taken.end(), lower_ascii(candidate)) != taken.end();
         ++n) {
      std::string suffix = " (" + std::to_string(n) + ")";
      candidate = utf8_prefix(name, kMaxSheetName - suffix.size()) + suffix;
    }
    taken.push_back(lower_ascii(candidate));
    names.push_back(std::move(candidate));
  }
  return names;
}

// Writes one sheet; returns LXW_NO_ERROR or the first failure.
lxw_error write_sheet(lxw_worksheet* ws, const Sheet& sheet, lxw_format* bold) {
  size_t ncols = sheet.header.size();
  for (const auto& row : sheet.rows) ncols = std::max(ncols, row.size());
  std::vector<double> widths(ncols, kMinDerivedWidth);
  auto measure = [&](size_t c, std::string_view text) {
    double w = std::min(kMaxDerivedWidth, static_cast<double>(utf8_length(text)) + 2);
    widths[c] = std::max(widths[c], w);
  };
  for (size_t c = 0; c < sheet.header.size(); ++c) {
    std::string text = render_internal::xlsx_text(sheet.header[c]);
    if (lxw_error e = worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), text.c_str(), bold))
      return e;
    measure(c, text);
  }
  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    auto row = static_cast<lxw_row_t>(r + 1);
    for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const std::string& cell = sheet.rows[r][c];
      auto col = static_cast<lxw_col_t>(c);
      if (cell.empty()) continue;
      double number = 0;
      if (numeric_column(sheet, c) && plain_number(cell) &&
          std::from_chars(cell.data(), cell.data() + cell.size(), number).ec == std::errc()) {
        if (lxw_error e = worksheet_write_number(ws, row, col, number, nullptr)) return e;
        measure(c, cell);
        continue;
      }
      // Always a string cell: "=1+1" is text here, never a formula.
      std::string text = render_internal::xlsx_text(cell);
      if (lxw_error e = worksheet_write_string(ws, row, col, text.c_str(), nullptr)) return e;
      measure(c, text);
    }
  }
  for (size_t c = 0; c < ncols; ++c) {
    double w = c < sheet.widths.size() && sheet.widths[c] > 0 ? sheet.widths[c] : widths[c];
    auto col = static_cast<lxw_col_t>(c);
    if (lxw_error e = worksheet_set_column(ws, col, col, w, nullptr)) return e;
  }
  if (!sheet.header.empty()) {
    worksheet_freeze_panes(ws, 1, 0);
    if (ncols > 0) {
      auto last_row = static_cast<lxw_row_t>(sheet.rows.size());
      auto last_col = static_cast<lxw_col_t>(ncols - 1);
      if (lxw_error e = worksheet_autofilter(ws, 0, 0, last_row, last_col)) return e;
    }
  }
  return LXW_NO_ERROR;
}

}  // namespace

std::string write_csv(const Sheet& sheet) {
  std::string out;
  append_csv_row(sheet.header, sheet, &out);
  for (const auto& row : sheet.rows) append_csv_row(row, sheet, &out);
  return out;
}

Result<std::string> write_xlsx(const std::vector<Sheet>& sheets) {
  for (const Sheet& s : sheets) {
    size_t ncols = s.header.size();
    for (const auto& row : s.rows) ncols = std::max(ncols, row.size());
    if (s.rows.size() + 1 > LXW_ROW_MAX || ncols > LXW_COL_MAX)
      return Error::too_large("sheet \"" + s.name + "\" exceeds the spreadsheet's rows or columns");
  }
  render_internal::XlsxBook book;
  if (!book.ok()) return Error::internal("xlsx: cannot create the workbook");
  lxw_format* bold = book.add_format();
  format_set_bold(bold);
  std::vector<std::string> names = sheet_names(sheets);
  if (sheets.empty()) names.push_back("Sheet1");  // a workbook needs one sheet
  lxw_error failure = LXW_NO_ERROR;
  for (size_t i = 0; i < names.size() && failure == LXW_NO_ERROR; ++i) {
    lxw_worksheet* ws = book.add_sheet(names[i].c_str());
    if (!ws) {
      failure = LXW_ERROR_SHEETNAME_ALREADY_USED;  // the only way our names can fail
      break;
    }
    if (i < sheets.size()) failure = write_sheet(ws, sheets[i], bold);
  }
  return book.finish(failure);
}

}  // namespace isms
