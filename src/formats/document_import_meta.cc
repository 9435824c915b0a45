// Metadata the importers recognize in a document's header (labels, values, change-log
// tables) and the defaults applied at the end (document_import_internal.h).
#include <algorithm>
#include <array>
#include <cctype>

#include "formats/document_import_internal.h"

namespace isms::import_detail {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s.substr(0, 6)) v = v * 10 + (c - '0');
  return v;
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// "january".."december", "jan".."dec", "sept" -> 1..12.
int month_number(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string w = lower_ascii(word);
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.pop_back();
  if (w == "sept") return 9;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (w == kMonths[i] || (w.size() == 3 && kMonths[i].starts_with(w)))
      return static_cast<int>(i) + 1;
  }
  return 0;
}

// A day number as written before or after a month name: "7", "07", "7th", "7,".
int day_number(std::string_view word) {
  while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.remove_suffix(1);
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (word.size() > 2 && word.ends_with(suffix)) {
      word.remove_suffix(2);
      break;
    }
  }
  if (!all_digits(word) || word.size() > 2) return 0;
  int d = to_int(word);
  return d >= 1 && d <= 31 ? d : 0;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// Numeric parts of a version for ordering: "3.10" -> {"3", "10"}; compared by length, then
// digits, so long digit runs never overflow.
std::vector<std::string_view> version_numbers(std::string_view v) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < v.size()) {
    if (!std::isdigit(static_cast<unsigned char>(v[i]))) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
    std::string_view run = v.substr(start, i - start);
    while (run.size() > 1 && run[0] == '0') run.remove_prefix(1);
    out.push_back(run);
  }
  return out;
}

bool version_less(std::string_view a, std::string_view b) {
  auto x = version_numbers(a), y = version_numbers(b);
  for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (x[i].size() != y[i].size()) return x[i].size() < y[i].size();
    if (x[i] != y[i]) return x[i] < y[i];
  }
  return x.size() < y.size();
}

struct LabelKey {
  std::string_view label;
  MetaKey key;
};

constexpr std::array<LabelKey, 56> kLabels = {{
    {"title", MetaKey::kTitle},
    {"document title", MetaKey::kTitle},
    {"policy title", MetaKey::kTitle},
    {"last update", MetaKey::kLastUpdate},
    {"last updated", MetaKey::kLastUpdate},
    {"updated", MetaKey::kLastUpdate},
    {"last modified", MetaKey::kLastUpdate},
    {"modified", MetaKey::kLastUpdate},
    {"dcterms modified", MetaKey::kLastUpdate},
    {"last revised", MetaKey::kLastUpdate},
    {"last reviewed", MetaKey::kLastUpdate},
    {"date", MetaKey::kLastUpdate},
    {"dc date", MetaKey::kLastUpdate},
    {"effective date", MetaKey::kLastUpdate},
    {"effective", MetaKey::kLastUpdate},
    {"issue date", MetaKey::kLastUpdate},
    {"date of issue", MetaKey::kLastUpdate},
    {"revision date", MetaKey::kLastUpdate},
    {"author", MetaKey::kAuthor},
    {"authors", MetaKey::kAuthor},
    {"document author", MetaKey::kAuthor},
    {"prepared by", MetaKey::kAuthor},
    {"written by", MetaKey::kAuthor},
    {"created by", MetaKey::kAuthor},
    {"information owner", MetaKey::kOwner},
    {"owner", MetaKey::kOwner},
    {"document owner", MetaKey::kOwner},
    {"policy owner", MetaKey::kOwner},
    {"process owner", MetaKey::kOwner},
    {"owned by", MetaKey::kOwner},
    {"approver", MetaKey::kApprover},
    {"approved by", MetaKey::kApprover},
    {"approving authority", MetaKey::kApprover},
    {"version", MetaKey::kVersion},
    {"document version", MetaKey::kVersion},
    {"policy version", MetaKey::kVersion},
    {"version number", MetaKey::kVersion},
    {"revision", MetaKey::kVersion},
    {"classification", MetaKey::kClassification},
    {"classification on this document", MetaKey::kClassification},
    {"information classification", MetaKey::kClassification},
    {"security classification", MetaKey::kClassification},
    {"document classification", MetaKey::kClassification},
    {"classification level", MetaKey::kClassification},
    {"review interval", MetaKey::kReviewInterval},
    {"review cycle", MetaKey::kReviewInterval},
    {"review frequency", MetaKey::kReviewInterval},
    {"review period", MetaKey::kReviewInterval},
    {"requires acknowledgement", MetaKey::kAcknowledgement},
    {"requires acknowledgment", MetaKey::kAcknowledgement},
    {"acknowledgement required", MetaKey::kAcknowledgement},
    {"acknowledgment required", MetaKey::kAcknowledgement},
    {"document type", MetaKey::kKind},
    {"type", MetaKey::kKind},
    {"status", MetaKey::kStatus},
    {"document status", MetaKey::kStatus},
}};

struct ColumnWord {
  std::string_view word;
  LogColumn column;
};

constexpr std::array<ColumnWord, 43> kColumns = {{
    {"version", LogColumn::kVersion},
    {"ver", LogColumn::kVersion},
    {"rev", LogColumn::kVersion},
    {"revision", LogColumn::kVersion},
    {"version no", LogColumn::kVersion},
    {"version number", LogColumn::kVersion},
    {"date", LogColumn::kDate},
    {"revision date", LogColumn::kDate},
    {"release date", LogColumn::kDate},
    {"date of change", LogColumn::kDate},
    {"change date", LogColumn::kDate},
    {"effective date", LogColumn::kDate},
    {"author", LogColumn::kAuthor},
    {"authors", LogColumn::kAuthor},
    {"author(s)", LogColumn::kAuthor},
    {"changed by", LogColumn::kAuthor},
    {"updated by", LogColumn::kAuthor},
    {"modified by", LogColumn::kAuthor},
    {"editor", LogColumn::kAuthor},
    {"by", LogColumn::kAuthor},
    {"change history", LogColumn::kChanges},
    {"changes", LogColumn::kChanges},
    {"change", LogColumn::kChanges},
    {"description", LogColumn::kChanges},
    {"description of change", LogColumn::kChanges},
    {"description of changes", LogColumn::kChanges},
    {"change description", LogColumn::kChanges},
    {"summary", LogColumn::kChanges},
    {"summary of changes", LogColumn::kChanges},
    {"comment", LogColumn::kChanges},
    {"comments", LogColumn::kChanges},
    {"notes", LogColumn::kChanges},
    {"details", LogColumn::kChanges},
    {"reason for change", LogColumn::kChanges},
    {"approved by", LogColumn::kOther},
    {"approver", LogColumn::kOther},
    {"reviewed by", LogColumn::kOther},
    {"reviewer", LogColumn::kOther},
    {"status", LogColumn::kOther},
    {"section", LogColumn::kOther},
    {"sections", LogColumn::kOther},
    {"approval date", LogColumn::kOther},
    {"page", LogColumn::kOther},
}};

void append_change(ChangeLogEntry& e, std::string_view text) {
  if (text.empty()) return;
  if (!e.changes.empty()) e.changes += ' ';
  e.changes += text;
}

// Would a row starting at cells[i] put a version-like cell in the version column?
bool starts_row(const LogColumns& cols, const std::vector<std::string>& cells, size_t i) {
  for (LogColumn k : cols.kinds) {
    if (i >= cells.size()) return false;
    if (k == LogColumn::kVersion) return looks_like_version(cells[i]);
    if (k == LogColumn::kDate && !parse_date_text(cells[i])) continue;
    ++i;
  }
  return false;
}

}  // namespace

std::optional<std::string> parse_date_text(std::string_view s) {
  s = trim(s);
  if (s.size() < 6 || s.size() > 40) return std::nullopt;
  auto iso = [](int y, int m, int d) { return std::to_string(y) + "-" + two(m) + "-" + two(d); };
  // Numeric forms: Y-M-D with '-', '/' or '.'; D.M.Y (day first, as in most of Europe);
  // D/M/Y only when the day cannot be a month (M/D/Y is just as common).
  for (char sep : {'-', '/', '.'}) {
    size_t a = s.find(sep);
    if (a == std::string_view::npos) continue;
    size_t b = s.find(sep, a + 1);
    if (b == std::string_view::npos || s.find(sep, b + 1) != std::string_view::npos) continue;
    std::string_view p1 = s.substr(0, a), p2 = s.substr(a + 1, b - a - 1), p3 = s.substr(b + 1);
    if (!all_digits(p1) || !all_digits(p2) || !all_digits(p3)) return std::nullopt;
    if (p1.size() == 4 && p2.size() <= 2 && p3.size() <= 2) {
      return iso(to_int(p1), to_int(p2), to_int(p3));
    }
    if (p3.size() == 4 && p1.size() <= 2 && p2.size() <= 2) {
      int x = to_int(p1), y = to_int(p2);
      if (sep == '.') return iso(to_int(p3), y, x);
      if (sep == '/' && x > 12 && y <= 12) return iso(to_int(p3), y, x);
      if (sep == '/' && y > 12 && x <= 12) return iso(to_int(p3), x, y);
    }
    return std::nullopt;
  }
  // "7 February 2025", "7th Feb. 2025", "February 7, 2025", "Feb 7 2025".
  auto w = words(s);
  if (w.size() != 3 || w[2].size() != 4 || !all_digits(w[2])) return std::nullopt;
  int year = to_int(w[2]);
  if (int m = month_number(w[1]); m && day_number(w[0])) return iso(year, m, day_number(w[0]));
  if (int m = month_number(w[0]); m && day_number(w[1])) return iso(year, m, day_number(w[1]));
  return std::nullopt;
}

bool looks_like_version(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 20) return false;
  std::string_view rest = s;
  if (rest[0] == 'v' || rest[0] == 'V') rest.remove_prefix(1);
  if (rest.empty() || !std::isdigit(static_cast<unsigned char>(rest[0]))) return false;
  for (char c : rest) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') {
      return false;
    }
  }
  return !parse_date_text(s);
}

std::optional<Classification> parse_classification_text(std::string_view s) {
  std::string n = normalize_label(s);
  if (n.starts_with("customer data") || n == "customerdata") return Classification::kCustomerData;
  std::string first = n.substr(0, n.find(' '));
  if (first == "public") return Classification::kPublic;
  if (first == "internal") return Classification::kInternal;
  if (first == "confidential") return Classification::kConfidential;
  return std::nullopt;
}

std::optional<int> parse_interval_months(std::string_view s) {
  std::string n = normalize_label(s);
  static constexpr std::array<std::pair<std::string_view, int>, 14> kWords = {{
      {"annually", 12},
      {"annual", 12},
      {"yearly", 12},
      {"every year", 12},
      {"once a year", 12},
      {"once per year", 12},
      {"each year", 12},
      {"quarterly", 3},
      {"monthly", 1},
      {"semi annually", 6},
      {"semiannually", 6},
      {"twice a year", 6},
      {"biennially", 24},
      {"every other year", 24},
  }};
  for (const auto& [word, months] : kWords) {
    if (n == word) return months;
  }
  static constexpr std::array<std::string_view, 13> kNumbers = {
      "zero",  "one",   "two",  "three", "four",   "five",  "six",
      "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  auto w = words(n);
  if (!w.empty() && w[0] == "every") w.erase(w.begin());
  if (w.empty() || w.size() > 2) return std::nullopt;
  int count = -1;
  if (all_digits(w[0]) && w[0].size() <= 3) count = to_int(w[0]);
  for (size_t i = 0; i < kNumbers.size(); ++i) {
    if (w[0] == kNumbers[i]) count = static_cast<int>(i);
  }
  if (count <= 0) return std::nullopt;
  if (w.size() == 1 || w[1] == "months" || w[1] == "month") return count;
  if (w[1] == "years" || w[1] == "year") return count * 12;
  return std::nullopt;
}

std::optional<bool> parse_yes_no(std::string_view s) {
  std::string n = normalize_label(s);
  if (n == "yes" || n == "true" || n == "y" || n == "required" || n == "1") return true;
  if (n == "no" || n == "false" || n == "n" || n == "not required" || n == "0") return false;
  return std::nullopt;
}

std::string greatest_version(const std::vector<ChangeLogEntry>& log) {
  std::string best;
  for (const ChangeLogEntry& e : log) {
    if (e.version.empty()) continue;
    if (best.empty() || !version_less(e.version, best)) best = e.version;
  }
  return best;
}

std::optional<MetaKey> meta_key_for_label(std::string_view label) {
  std::string n = normalize_label(label);
  for (const LabelKey& l : kLabels) {
    if (l.label == n) return l.key;
  }
  return std::nullopt;
}

bool apply_meta(Draft& d, MetaKey key, std::string_view value, std::string* problem) {
  value = trim(value);
  DocumentContent& c = d.doc.content;
  switch (key) {
    case MetaKey::kTitle:
      c.title = std::string(value);
      d.has_title = true;
      return true;
    case MetaKey::kLastUpdate:
      if (auto date = parse_date_text(value)) {
        c.last_update = *date;
        d.has_last_update = true;
        return true;
      }
      *problem = "is not a date";
      return false;
    case MetaKey::kAuthor:
      c.author = std::string(value);
      return true;
    case MetaKey::kOwner:
      c.information_owner = std::string(value);
      return true;
    case MetaKey::kApprover:
      c.approver = std::string(value);
      return true;
    case MetaKey::kVersion:
      c.label = std::string(value);
      d.has_label = true;
      return true;
    case MetaKey::kClassification:
      if (auto cl = parse_classification_text(value)) {
        c.classification = *cl;
        d.has_classification = true;
        return true;
      }
      *problem = "is not a classification (public, internal, confidential, customer data)";
      return false;
    case MetaKey::kReviewInterval:
      if (auto months = parse_interval_months(value)) {
        c.review_interval_months = *months;
        return true;
      }
      *problem = "is not a review interval (\"12 months\", \"annually\")";
      return false;
    case MetaKey::kAcknowledgement:
      if (auto yes = parse_yes_no(value)) {
        c.requires_acknowledgement = *yes;
        return true;
      }
      *problem = "is not yes or no";
      return false;
    case MetaKey::kKind:
      if (auto kind = parse_document_kind(lower_ascii(value))) {
        d.doc.kind = *kind;
        return true;
      }
      *problem = "is not a document kind (policy, standard, procedure)";
      return false;
    case MetaKey::kStatus:
      d.doc.status = std::string(value);
      return true;
  }
  return false;
}

bool apply_meta_line(Draft& d, std::string_view line) {
  struct Part {
    MetaKey key;
    std::string_view label, value;
  };
  std::vector<Part> parts;
  for (std::string_view cell : split_cells(line)) {
    if (cell.empty()) continue;
    size_t colon = cell.find(':');
    if (colon == std::string_view::npos) {
      // "Version 2.3" is written without a colon often enough to accept it.
      auto w = words(cell);
      if (w.size() == 2 && meta_key_for_label(w[0]) == MetaKey::kVersion &&
          looks_like_version(w[1])) {
        parts.push_back({MetaKey::kVersion, w[0], w[1]});
        continue;
      }
      return false;
    }
    auto key = meta_key_for_label(cell.substr(0, colon));
    std::string_view value = trim(cell.substr(colon + 1));
    if (!key || value.empty()) return false;
    parts.push_back({*key, trim(cell.substr(0, colon)), value});
  }
  if (parts.empty()) return false;
  for (const Part& p : parts) {
    std::string problem;
    if (!apply_meta(d, p.key, p.value, &problem)) {
      d.doc.notes.push_back("\"" + std::string(p.label) + ": " + std::string(p.value) +
                            "\" was not used: the value " + problem + ".");
    }
  }
  return true;
}

bool is_legend_line(std::string_view line) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "public",     "internal", "confidential", "customer data",
      "restricted", "secret",   "sensitive",    "strictly confidential"};
  bool any = false;
  for (std::string_view cell : split_cells(line)) {
    if (cell.empty()) continue;
    size_t colon = cell.find(':');
    if (colon == std::string_view::npos || trim(cell.substr(colon + 1)).empty()) return false;
    std::string name = normalize_label(cell.substr(0, colon));
    if (std::find(kNames.begin(), kNames.end(), name) == kNames.end()) return false;
    any = true;
  }
  return any;
}

bool is_legend_caption(std::string_view line) {
  std::string n = normalize_label(line);
  return n == "classifications" || n == "classification levels" || n == "classification legend" ||
         n == "classification scheme" || n == "information classifications";
}

std::optional<LogColumn> log_column_for_header(std::string_view cell) {
  std::string n = normalize_label(cell);
  for (const ColumnWord& w : kColumns) {
    if (w.word == n) return w.column;
  }
  return std::nullopt;
}

bool is_log_caption(std::string_view text) {
  std::string n = normalize_label(text);
  static constexpr std::array<std::string_view, 12> kCaptions = {
      "change log",        "changelog",        "revision history", "version history",
      "document history",  "document control", "history",          "change record",
      "amendment history", "version control",  "revisions",        "change history"};
  return std::find(kCaptions.begin(), kCaptions.end(), n) != kCaptions.end();
}

std::optional<LogColumns> log_header(const std::vector<std::string>& cells) {
  LogColumns cols;
  bool version = false;
  for (const std::string& cell : cells) {
    auto col = log_column_for_header(cell);
    if (!col) return std::nullopt;
    version = version || *col == LogColumn::kVersion;
    cols.kinds.push_back(*col);
    std::string name(trim(cell));
    while (!name.empty() && name.back() == ':') name.pop_back();
    cols.names.push_back(name);
  }
  if (!version || cols.kinds.size() < 2) return std::nullopt;
  return cols;
}

ChangeLogEntry log_row_positional(const LogColumns& cols, const std::vector<std::string>& cells) {
  ChangeLogEntry e;
  std::string date_text;
  for (size_t i = 0; i < cols.kinds.size() && i < cells.size(); ++i) {
    std::string_view cell = trim(cells[i]);
    switch (cols.kinds[i]) {
      case LogColumn::kVersion:
        e.version = std::string(cell);
        break;
      case LogColumn::kDate:
        if (auto date = parse_date_text(cell)) {
          e.date = *date;
        } else {
          date_text = std::string(cell);  // "n/a", "TBD": not a date, but not dropped
        }
        break;
      case LogColumn::kAuthor:
        e.author = std::string(cell);
        break;
      case LogColumn::kChanges:
        append_change(e, cell);
        break;
      case LogColumn::kOther:
        if (!cell.empty()) append_change(e, "(" + cols.names[i] + ": " + std::string(cell) + ")");
        break;
    }
  }
  if (!date_text.empty() && date_text != "-" && date_text != "\xE2\x80\x94") {
    append_change(e, "(Date: " + date_text + ")");
  }
  return e;
}

std::vector<ChangeLogEntry> log_rows_stream(const LogColumns& cols,
                                            const std::vector<std::string>& cells) {
  std::vector<ChangeLogEntry> rows;
  size_t i = 0;
  while (i < cells.size()) {
    ChangeLogEntry e;
    bool has_version = false;
    size_t start = i;
    for (size_t c = 0; c < cols.kinds.size() && i < cells.size(); ++c) {
      const std::string& cell = cells[i];
      switch (cols.kinds[c]) {
        case LogColumn::kVersion:
          e.version = cell;
          has_version = true;
          ++i;
          break;
        case LogColumn::kDate:
          // Detected by its form: a row without a date has its next cell here instead.
          if (auto date = parse_date_text(cell)) {
            e.date = *date;
            ++i;
          }
          break;
        default:
          // A missing trailing cell: the next row already starts here.
          if (has_version && starts_row(cols, cells, i)) break;
          if (cols.kinds[c] == LogColumn::kAuthor) {
            e.author = cell;
          } else if (cols.kinds[c] == LogColumn::kChanges) {
            append_change(e, cell);
          } else {
            append_change(e, "(" + cols.names[c] + ": " + cell + ")");
          }
          ++i;
          break;
      }
    }
    if (i == start) ++i;  // cannot happen with a version column; guards the loop anyway
    rows.push_back(std::move(e));
  }
  return rows;
}

Result<ImportedDocument> finish(Draft d, std::string_view source_name) {
  DocumentContent& c = d.doc.content;
  std::vector<std::string>& notes = d.doc.notes;
  std::string newest = greatest_version(c.change_log);
  if (!d.has_label) {
    if (!newest.empty()) {
      c.label = newest;
      notes.push_back("Version label " + newest + " taken from the change log.");
    } else {
      c.label = "1.0";
      notes.push_back("No version label found; the version is labelled 1.0.");
    }
  } else if (!newest.empty() && newest != c.label) {
    notes.push_back("The version label " + c.label +
                    " differs from the newest change-log version " + newest + ".");
  }
  if (c.change_log.empty()) {
    notes.push_back("No change log found in the " + std::string(source_name) + ".");
  }
  if (!d.has_last_update) {
    std::optional<std::string> latest;
    for (const ChangeLogEntry& e : c.change_log) {
      if (e.date && is_calendar_date(*e.date) && (!latest || *e.date > *latest)) latest = e.date;
    }
    if (latest) {
      c.last_update = latest;
      notes.push_back("Last update " + *latest + " taken from the newest change-log date.");
    }
  }
  if (!d.has_classification) {
    notes.push_back("No classification found; the document is classified Internal.");
  }
  if (trim(c.information_owner).empty()) {
    notes.push_back("No information owner found; set one before submitting for approval.");
  }
  std::vector<FieldError> errors;
  for (const DocumentProblem& p : check_document_content(c)) {
    errors.push_back({p.field, p.message});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return std::move(d.doc);
}

}  // namespace isms::import_detail
