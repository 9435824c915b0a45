// Shared pieces of the document importers (document_import*.cc): byte checks, the
// vocabulary of metadata labels and change-log columns, value readers and the final
// defaults. Internal to src/formats; the public contract is formats/document_import.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "formats/document_import.h"

namespace isms::import_detail {

// ---- text helpers ---------------------------------------------------------------------

std::string_view trim(std::string_view s);
std::string lower_ascii(std::string_view s);
// Lower case, '-', '_' and '.' as spaces, single spaces, no trailing ':' or blanks:
// "Information-Owner:" -> "information owner". How labels and column names are compared.
std::string normalize_label(std::string_view s);
std::vector<std::string_view> split_lines(std::string_view text);
std::vector<std::string_view> split_cells(std::string_view line);  // by '|', trimmed

// ---- bytes ------------------------------------------------------------------------------

// The checks every importer starts with (header comment of document_import.h): empty,
// too large, binary formats by their magic bytes, NUL and control bytes, invalid UTF-8.
// Errors name field "file".
Status check_import_bytes(std::string_view bytes);
// Drops a UTF-8 byte order mark and turns CRLF, CR, form feed and vertical tab into '\n'.
std::string normalize_text(std::string_view bytes);
// An Error::invalid naming "file".
Error file_error(std::string message);

// ---- values -----------------------------------------------------------------------------

// A date as people write it: "2025-02-07", "2025/2/7", "7.2.2025", "7 February 2025",
// "February 7, 2025", "Feb 7 2025". Returns "YYYY-MM-DD" (not checked to exist, so that
// "2025-02-30" reaches the content check and is reported) or nullopt when `s` does not
// have the form of a date.
std::optional<std::string> parse_date_text(std::string_view s);
bool looks_like_version(std::string_view s);  // "3.1", "v2", "1.0a", "2.0-rc1"
// "PUBLIC", "Internal use only", "Customer data", "customer_data" -> the classification.
std::optional<Classification> parse_classification_text(std::string_view s);
// "12", "12 months", "annually", "every 2 years", "quarterly" -> months.
std::optional<int> parse_interval_months(std::string_view s);
std::optional<bool> parse_yes_no(std::string_view s);
// The greatest version by its numbers ("3.10" > "3.9"); the later entry on a tie.
std::string greatest_version(const std::vector<ChangeLogEntry>& log);

// ---- metadata ---------------------------------------------------------------------------

enum class MetaKey {
  kTitle,
  kLastUpdate,
  kAuthor,
  kOwner,
  kApprover,
  kVersion,
  kClassification,
  kReviewInterval,
  kAcknowledgement,
  kKind,
  kStatus,
};
// The field a label names ("Last update", "Owner", "Approved by", "Classification on this
// document", ...); nullopt for any other label.
std::optional<MetaKey> meta_key_for_label(std::string_view label);

// An import in progress: the document plus what was found explicitly, so that defaults
// are applied (and noted) only for what the source did not say.
struct Draft {
  ImportedDocument doc;
  bool has_title = false;
  bool has_label = false;
  bool has_classification = false;
  bool has_last_update = false;
};

// Sets the field `key` from `value`. Returns false (and sets *problem) when the value
// cannot be read ("'soon' is not a date").
bool apply_meta(Draft& d, MetaKey key, std::string_view value, std::string* problem);

// A line of "Label: value" parts separated by '|' in which every part names a metadata
// field and has a value. Applies them and returns true; returns false and changes
// nothing when any part is something else. Unreadable values are added to d.doc.notes.
bool apply_meta_line(Draft& d, std::string_view line);

// A classification legend line: every '|' part is "<classification>: description"
// ("| Public: Okay to put on our website. | Internal: Elastisys use only.").
bool is_legend_line(std::string_view line);
// "Classifications", "Classification levels", "Classification legend".
bool is_legend_caption(std::string_view line);

// ---- change log ---------------------------------------------------------------------------

enum class LogColumn { kVersion, kDate, kAuthor, kChanges, kOther };
// "Version", "Rev.", "Date", "Author", "Changed by", "Change History", "Description", ...
std::optional<LogColumn> log_column_for_header(std::string_view cell);
// "Change Log", "Revision history", "Version history", "Document history", ...
bool is_log_caption(std::string_view text);

struct LogColumns {
  std::vector<LogColumn> kinds;
  std::vector<std::string> names;  // as written, for kOther cells ("Approved by")
};
// The header row of a change log: at least two columns, one of them the version.
std::optional<LogColumns> log_header(const std::vector<std::string>& cells);

// One row whose cells stand in their columns (a pipe-table or HTML row). A cell in the date
// column that is not a date is kept in the changes text.
ChangeLogEntry log_row_positional(const LogColumns& cols, const std::vector<std::string>& cells);
// Cells written one per line, where empty cells may be missing: a date is recognized by
// its form (a missing date shifts the rest left), and a run of cells holding several rows
// is split where a new row's version appears.
std::vector<ChangeLogEntry> log_rows_stream(const LogColumns& cols,
                                            const std::vector<std::string>& cells);

// ---- finishing ---------------------------------------------------------------------------

// Defaults for what the source did not give (label from the change log or "1.0",
// last_update from the newest change-log date, classification internal), each with a
// note; then check_document_content, whose problems become kInvalid field errors.
Result<ImportedDocument> finish(Draft d, std::string_view source_name);

// Markdown escaping for a line of text that must stay a paragraph line: a leading '#',
// '>', list marker, fence or underline would otherwise change its meaning.
std::string escape_line_start(std::string_view line);

}  // namespace isms::import_detail
