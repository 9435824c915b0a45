#include "render/xlsx_book.h"

#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <sstream>

#include "render/render_common.h"

namespace isms::render_internal {
namespace {

constexpr size_t kMaxCellChars = 32767;  // Excel's limit per cell

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string xlsx_text(std::string_view text) {
  std::string out = clean_text(text);
  size_t chars = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) continue;
    if (++chars == kMaxCellChars) {  // keep 32,766 characters and an ellipsis
      out.resize(i);
      out += "\u2026";
      break;
    }
  }
  return out;
}

std::optional<lxw_color_t> parse_hex_colour(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return std::nullopt;
  lxw_color_t v = 0;
  for (size_t i = 1; i < 7; ++i) {
    int d = hex_digit(s[i]);
    if (d < 0) return std::nullopt;
    v = v * 16 + static_cast<lxw_color_t>(d);
  }
  return v;
}

bool dark_colour(lxw_color_t c) {
  double r = ((c >> 16) & 0xFF) / 255.0;
  double g = ((c >> 8) & 0xFF) / 255.0;
  double b = (c & 0xFF) / 255.0;
  return 0.299 * r + 0.587 * g + 0.114 * b < 0.5;
}

XlsxBook::XlsxBook() {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string pattern = (base / "isms-xlsx-XXXXXX").string();
  if (!mkdtemp(pattern.data())) return;
  dir_ = pattern;
  file_ = dir_ + "/export.xlsx";
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;  // shared strings, merged cells, rows in any order
  options.tmpdir = dir_.data();
  wb_ = workbook_new_opt(file_.c_str(), &options);
}

XlsxBook::~XlsxBook() {
  if (wb_) workbook_close(wb_);
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

lxw_format* XlsxBook::fill_format(lxw_color_t fill, unsigned flags) {
  auto key = std::make_pair(fill, flags);
  if (auto it = fills_.find(key); it != fills_.end()) return it->second;
  lxw_format* f = workbook_add_format(wb_);
  format_set_pattern(f, LXW_PATTERN_SOLID);
  format_set_bg_color(f, fill);
  format_set_font_color(f, dark_colour(fill) ? LXW_COLOR_WHITE : LXW_COLOR_BLACK);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  if (flags & kBold) format_set_bold(f);
  if (flags & kCentre) {
    format_set_align(f, LXW_ALIGN_CENTER);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  }
  if (flags & kBorder) {
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0xBFBFBF);
  }
  if (flags & kWrap) format_set_text_wrap(f);
  fills_[key] = f;
  return f;
}

lxw_error XlsxBook::text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view text,
                         lxw_format* format) {
  std::string clean = xlsx_text(text);
  if (clean.empty()) return format ? worksheet_write_blank(ws, row, col, format) : LXW_NO_ERROR;
  // Always a string cell: "=HYPERLINK(...)" typed into a title stays that text.
  return worksheet_write_string(ws, row, col, clean.c_str(), format);
}

Result<std::string> XlsxBook::finish(lxw_error failure) {
  if (!wb_) return Error::internal("xlsx: cannot create the workbook");
  lxw_error closed = workbook_close(wb_);  // frees the workbook in every case
  wb_ = nullptr;
  if (failure != LXW_NO_ERROR)
    return Error::internal(std::string("xlsx sheet: ") + lxw_strerror(failure));
  if (closed != LXW_NO_ERROR)
    return Error::internal(std::string("xlsx close: ") + lxw_strerror(closed));
  std::ifstream in(file_, std::ios::binary);
  if (!in) return Error::internal("xlsx: cannot read the written workbook");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace isms::render_internal
