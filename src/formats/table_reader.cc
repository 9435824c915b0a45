// The format-independent part of formats/table_reader.h: choosing the reader by content,
// column letters, and how numbers and date serials are shown.
#include "formats/table_reader.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "formats/table_reader_internal.h"

namespace isms {

namespace table_detail {

Error file_error(std::string message) { return Error::invalid("file", std::move(message)); }

Error file_too_large(std::string message) {
  Error e = Error::too_large("file: " + message);
  e.field = "file";
  e.details = {{"file", std::move(message)}};
  return e;
}

std::string format_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return "0";  // also -0
  char buf[64];
  // 15 significant digits, read back.
  auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific, 14);
  double rounded = value;
  std::from_chars(buf, r.ptr, rounded);
  double magnitude = std::fabs(rounded);
  auto fmt = magnitude >= 1e-5 && magnitude < 1e15 ? std::chars_format::fixed
                                                   : std::chars_format::scientific;
  r = std::to_chars(buf, buf + sizeof buf, rounded, fmt);
  return std::string(buf, r.ptr);
}

namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr double kLastSerial = 2958465;  // 9999-12-31 in the 1900 system

}  // namespace

std::optional<std::string> serial_to_date(double serial, bool date1904) {
  if (!(serial >= 0) || serial >= kLastSerial + 1) return std::nullopt;
  auto n = static_cast<int>(std::floor(serial));
  sys_days d;
  if (date1904) {
    d = sys_days{year{1904} / 1 / 1} + days{n};
  } else if (n == 60) {
    return "1900-02-29";  // does not exist; spreadsheets show it nevertheless
  } else {
    d = (n < 60 ? sys_days{year{1899} / 12 / 31} : sys_days{year{1899} / 12 / 30}) + days{n};
  }
  year_month_day ymd{d};
  int y = static_cast<int>(ymd.year());
  if (y > 9999) return std::nullopt;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return std::string(buf);
}

std::optional<double> date_to_serial(std::string_view iso, bool date1904) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, dd = 0;
  auto num = [&](size_t at, size_t len, auto& out) {
    auto r = std::from_chars(iso.data() + at, iso.data() + at + len, out);
    return r.ec == std::errc() && r.ptr == iso.data() + at + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, dd)) return std::nullopt;
  year_month_day ymd{year{y}, month{m}, day{dd}};
  if (!ymd.ok()) return std::nullopt;
  sys_days d{ymd};
  if (date1904) {
    auto n = (d - sys_days{year{1904} / 1 / 1}).count();
    return n < 0 ? std::nullopt : std::optional<double>(static_cast<double>(n));
  }
  auto n = (d - sys_days{year{1899} / 12 / 30}).count();
  if (n < 61) n = (d - sys_days{year{1899} / 12 / 31}).count();  // before the phantom 02-29
  return n < 0 ? std::nullopt : std::optional<double>(static_cast<double>(n));
}

}  // namespace table_detail

std::string column_letter(int index) {
  if (index < 0) return "";
  std::string out;
  for (int n = index + 1; n > 0; n = (n - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return out;
}

std::optional<int> column_index(std::string_view letters) {
  // Three letters reach XFD, the last column of a spreadsheet; more cannot be a column.
  if (letters.empty() || letters.size() > 3) return std::nullopt;
  int n = 0;
  for (char c : letters) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return std::nullopt;
    n = n * 26 + (c - 'A' + 1);
  }
  return n - 1;
}

Result<Table> read_table(std::string_view file_name, std::string_view bytes,
                         std::string_view sheet) {
  using table_detail::file_error;
  std::string name = file_name.empty() ? "the file" : "\"" + std::string(file_name) + "\"";
  if (bytes.size() > kTableFileMax) {
    return table_detail::file_too_large(name + " is " + std::to_string(bytes.size()) +
                                        " bytes; the limit is 20 MiB");
  }
  if (bytes.starts_with("PK\x03\x04") || bytes.starts_with(std::string_view("PK\x05\x06", 4))) {
    return read_xlsx_table(bytes, sheet);
  }
  if (bytes.starts_with("\xD0\xCF\x11\xE0")) {
    return file_error(name +
                      " is a legacy Excel 97-2003 workbook (.xls); save it as .xlsx or CSV UTF-8");
  }
  if (bytes.starts_with("%PDF-")) return file_error(name + " is a PDF; upload a CSV or XLSX file");
  return read_csv_table(bytes);
}

}  // namespace isms
