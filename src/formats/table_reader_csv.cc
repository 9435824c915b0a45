// read_csv_table (formats/table_reader.h) over libcsv. libcsv parses quotes, doubled
// quotes and line breaks inside quotes; this file chooses the delimiter, keeps blank lines
// as empty rows (so row numbers match what a spreadsheet program shows), strips the BOM and
// enforces the limits.
#include <csv.h>

#include <array>

#include "base/json.h"
#include "formats/table_reader.h"
#include "formats/table_reader_internal.h"

namespace isms {

namespace {

using table_detail::file_error;
using table_detail::file_too_large;

constexpr std::array<char, 3> kDelimiters = {'\t', ';', ','};  // ties resolved in this order
constexpr size_t kChunk = 64 * 1024;
constexpr size_t kSniffLines = 20;

// Counts candidate delimiters outside quotes line by line and takes the first line that
// has any: a title line ("Statement of Applicability") above the header has none.
char detect_delimiter(std::string_view s) {
  bool quoted = false;
  std::array<size_t, 3> counts{};
  size_t lines = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') {
      quoted = !quoted;  // a doubled quote toggles twice
    } else if (!quoted && (c == '\n' || c == '\r')) {
      size_t best = 0;
      for (size_t k = 1; k < counts.size(); ++k) {
        if (counts[k] > counts[best]) best = k;
      }
      if (counts[best] > 0) return kDelimiters[best];
      if (++lines >= kSniffLines) break;
      counts = {};
    } else if (!quoted) {
      for (size_t k = 0; k < kDelimiters.size(); ++k) {
        if (c == kDelimiters[k]) ++counts[k];
      }
    }
  }
  size_t best = 0;
  for (size_t k = 1; k < counts.size(); ++k) {
    if (counts[k] > counts[best]) best = k;
  }
  return counts[best] > 0 ? kDelimiters[best] : ',';
}

struct Builder {
  Table table;
  std::vector<TableCell> row;
  int last_end = 0;  // the character that ended the previous row (libcsv reports it)
  size_t cells = 0;
  std::optional<Error> error;
};

void on_field(void* data, size_t len, void* b) {
  auto* self = static_cast<Builder*>(b);
  if (self->error) return;
  if (self->row.size() >= kTableColumnsMax) {
    if (len == 0) return;  // empty fields past the limit hold nothing ("a,b,,,,")
    self->error = file_too_large("row " + std::to_string(self->table.rows.size() + 1) +
                                 " has more than " + std::to_string(kTableColumnsMax) + " columns");
    return;
  }
  if (++self->cells > table_detail::kTableCellsMax) {
    self->error =
        file_too_large("has more than " + std::to_string(table_detail::kTableCellsMax) + " cells");
    return;
  }
  TableCell cell;
  if (data && len > 0) {
    cell.kind = CellKind::kText;
    cell.text.assign(static_cast<const char*>(data), len);
  }
  self->row.push_back(std::move(cell));
}

void on_row(int end, void* b) {
  auto* self = static_cast<Builder*>(b);
  if (self->error) return;
  // With CSV_REPALL_NL every unquoted CR and LF ends a row; the LF of a CRLF after a row
  // is not a row of its own.
  bool crlf_tail = self->row.empty() && end == '\n' && self->last_end == '\r';
  self->last_end = end;
  if (crlf_tail) return;
  if (self->table.rows.size() >= kTableRowsMax) {
    self->error = file_too_large("has more than " + std::to_string(kTableRowsMax) + " rows");
    return;
  }
  // Trailing empty fields are not cells ("a,b," is as wide as "a,b").
  while (!self->row.empty() && self->row.back().kind == CellKind::kEmpty) self->row.pop_back();
  self->table.rows.push_back(std::move(self->row));
  self->row.clear();
}

}  // namespace

Result<Table> read_csv_table(std::string_view bytes) {
  if (bytes.size() > kTableFileMax) {
    return file_too_large("is " + std::to_string(bytes.size()) + " bytes; the limit is 20 MiB");
  }
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return file_error(
        "is UTF-16 encoded (byte order mark FF FE or FE FF); save it as \"CSV UTF-8\"");
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);

  csv_parser parser;
  if (csv_init(&parser, CSV_REPALL_NL) != 0) {
    return Error::internal("csv_init failed");
  }
  csv_set_delim(&parser, static_cast<unsigned char>(detect_delimiter(bytes)));
  Builder b;
  for (size_t at = 0; at < bytes.size() && !b.error; at += kChunk) {
    std::string_view chunk = bytes.substr(at, kChunk);
    if (csv_parse(&parser, chunk.data(), chunk.size(), on_field, on_row, &b) != chunk.size()) {
      std::string why = csv_strerror(csv_error(&parser));
      csv_free(&parser);
      return file_error("row " + std::to_string(b.table.rows.size() + 1) + ": " + why);
    }
  }
  // libcsv reports an unclosed quote only in its strict mode, which also refuses the stray
  // quotes hand-edited files have ('5" screen'); its state says the same: a quoted field
  // begun (FIELD_BEGUN, 2 in libcsv.c) and never closed.
  bool unclosed = parser.pstate == 2 && parser.quoted;
  if (!b.error && !unclosed) csv_fini(&parser, on_field, on_row, &b);
  csv_free(&parser);
  if (b.error) return std::move(*b.error);
  if (unclosed) {
    return file_error("row " + std::to_string(b.table.rows.size() + 1) +
                      ": a quoted field is not closed (a \" is missing)");
  }
  // A final line break does not start another row.
  while (!b.table.rows.empty() && b.table.rows.back().empty()) b.table.rows.pop_back();

  for (size_t r = 0; r < b.table.rows.size(); ++r) {
    for (size_t c = 0; c < b.table.rows[r].size(); ++c) {
      if (!is_valid_utf8(b.table.rows[r][c].text)) {
        return file_error("row " + std::to_string(r + 1) + ", column " +
                          column_letter(static_cast<int>(c)) +
                          ": not valid UTF-8; save the file as \"CSV UTF-8\"");
      }
    }
  }
  return std::move(b.table);
}

}  // namespace isms
