// Output helpers shared by all commands: machine output (--json), aligned tables for
// people, and the one error format. Everything a command prints for a person goes to
// stdout; errors go to stderr as exactly one line "isms: error: <message>".
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms::cli {

// Exit codes: 0 success, 1 a failure the command reports (kError), 2 a usage error
// detected by the argument parser (kUsage).
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;

// Prints value to stdout, pretty (2-space indent), followed by a newline. Invalid UTF-8
// in strings is replaced rather than throwing.
void print_json(const Json& value);

// The one-line message for an error: Error::message with control characters replaced,
// prefixed by the field when the message does not already name it.
std::string error_line(const Error& error);

// Writes "isms: error: <error_line>" to stderr and returns kExitError.
int report_error(const Error& error);

// Replaces control characters (newlines, tabs, escapes) with spaces so that data from the
// database can never break a table row or an error line, nor inject terminal escapes.
std::string sanitize_line(std::string_view text);

// Number of terminal columns `text` takes, counting UTF-8 code points (good enough for
// the Latin and most other scripts; wide CJK glyphs are counted as one).
size_t display_width(std::string_view text);

// At most `width` columns of `text`; a cut is marked with "…".
std::string truncate_to_width(std::string_view text, size_t width);

// An aligned, space-separated text table with a header row. Cells are sanitized; a column
// with a max width truncates longer cells. The last column is never padded.
class Table {
 public:
  // max_width 0 = unlimited.
  void add_column(std::string header, size_t max_width = 0);
  // REQUIRES: cells.size() == number of columns.
  void add_row(std::vector<std::string> cells);
  bool empty() const { return rows_.empty(); }
  void print(std::ostream& out) const;

 private:
  struct Column {
    std::string header;
    size_t max_width;
  };
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// Prints "label  value" lines with the labels padded to one width (asset show & co.).
class Details {
 public:
  void add(std::string label, std::string value);
  void print(std::ostream& out) const;

 private:
  std::vector<std::pair<std::string, std::string>> lines_;
};

}  // namespace isms::cli
