// Helpers shared by the CSV and XLSX readers (formats/table_reader.h). Internal.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace isms::table_detail {

inline constexpr size_t kXlsxPartMax = 64 * 1024 * 1024;
// Cells holding a value, over the whole table: rows x columns alone would allow 20 million.
inline constexpr size_t kTableCellsMax = 2000000;

// kInvalid on the field "file" (the upload), as document import reports its files.
Error file_error(std::string message);
// kTooLarge with the same shape.
Error file_too_large(std::string message);

// What a spreadsheet shows for a number: at most 15 significant digits (Excel's display
// precision, so 0.1+0.2 reads "0.3" and a stored "5.0999999999999996" reads "5.1"), then
// the shortest text that reads back to that value; plain notation for everyday magnitudes.
std::string format_number(double value);

// Serial day number -> "YYYY-MM-DD". The 1900 system counts from 1899-12-31 and keeps
// Lotus 1-2-3's 1900-02-29 (serial 60); the 1904 system counts from 1904-01-01. nullopt
// for serials outside 0..9999-12-31.
std::optional<std::string> serial_to_date(double serial, bool date1904);
// "YYYY-MM-DD..." -> serial (whole days), for XLSX cells of type "d".
std::optional<double> date_to_serial(std::string_view iso, bool date1904);

}  // namespace isms::table_detail
