// Internal to src/render: what every workbook (the plain sheets of table_export.h, the
// SoA and the risk register of risk_soa_export.h) shares on top of libxlsxwriter: a
// workbook written into a private temporary directory and returned as bytes, cleaned text
// cells that are always strings, and fill formats made once per colour.
#pragma once

#include <xlsxwriter.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace isms::render_internal {

// Cell text as XLSX can hold it: clean_text() (invalid UTF-8 replaced, control
// characters but tab and newline dropped), cut at Excel's 32,767 characters.
std::string xlsx_text(std::string_view text);

// "#RRGGBB" as libxlsxwriter's 0xRRGGBB; nothing for any other form.
std::optional<lxw_color_t> parse_hex_colour(std::string_view s);

// Whether text on this fill should be white rather than black.
bool dark_colour(lxw_color_t c);

class XlsxBook {
 public:
  XlsxBook();  // check ok()
  ~XlsxBook();
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  bool ok() const { return wb_ != nullptr; }
  lxw_workbook* workbook() const { return wb_; }
  // A sheet named `name` (the callers' names are valid Excel names).
  lxw_worksheet* add_sheet(const char* name) const { return workbook_add_worksheet(wb_, name); }
  lxw_format* add_format() const { return workbook_add_format(wb_); }

  // Variants of a filled format (bit flags).
  static constexpr unsigned kBold = 1, kCentre = 2, kBorder = 4, kWrap = 8;
  // A format filled with `fill` (white text when the fill is dark), made once per fill
  // and flags and then reused: a register of thousands of rows has a handful of formats.
  lxw_format* fill_format(lxw_color_t fill, unsigned flags);

  // Writes `text` as a string cell (never a formula), cleaned; an empty text writes a
  // blank cell with the format, so shaded bands stay whole.
  static lxw_error text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view text,
                        lxw_format* format);

  // Closes the workbook and returns its bytes; `failure` (the first error while writing
  // the sheets, if any) is reported instead. Call once.
  Result<std::string> finish(lxw_error failure);

 private:
  std::string dir_;
  std::string file_;
  lxw_workbook* wb_ = nullptr;
  std::map<std::pair<lxw_color_t, unsigned>, lxw_format*> fills_;
};

}  // namespace isms::render_internal
