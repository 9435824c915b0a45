// import_plain_text: a policy copied out of a wiki or a word processor. The first line is
// the title; the header block up to the first numbered heading holds metadata, a
// classification legend and a change-log table, which become fields; the rest becomes
// Markdown with numbered headings. Nothing here knows any particular policy.
#include <algorithm>
#include <cctype>

#include "formats/document_import_internal.h"

namespace isms {

namespace {

using namespace import_detail;

constexpr size_t kHeaderLinesWithoutHeadings = 30;
constexpr size_t kMaxHeadingTitleBytes = 150;
constexpr size_t kMaxHeadingWords = 20;
constexpr size_t kMaxLogColumns = 12;

struct HeadingForm {
  std::vector<int> parts;    // numeric components without trailing zeros: "1.0" -> {1}
  size_t written_depth = 0;  // components as written: "1.0" -> 2
  int last = 0;              // the last component as written
};

// "8.4 Title [refs]", "2.1. Scope", "1.0 Purpose": a number of 1-3 levels (1-3 digits
// each), then a title that starts with a capital letter and does not read like a
// sentence (no final period or colon, not too long).
std::optional<HeadingForm> heading_form(std::string_view t) {
  HeadingForm h;
  size_t i = 0;
  while (true) {
    size_t start = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i == start || i - start > 3) return std::nullopt;
    h.parts.push_back(std::stoi(std::string(t.substr(start, i - start))));
    if (i + 1 < t.size() && t[i] == '.' && std::isdigit(static_cast<unsigned char>(t[i + 1]))) {
      if (h.parts.size() == 3) return std::nullopt;
      ++i;
      continue;
    }
    break;
  }
  if (i < t.size() && t[i] == '.') ++i;
  if (i >= t.size() || (t[i] != ' ' && t[i] != '\t')) return std::nullopt;
  std::string_view title = trim(t.substr(i));
  if (title.empty()) return std::nullopt;
  auto first = static_cast<unsigned char>(title[0]);
  // ASCII capitals, or a non-ASCII letter (lead bytes from U+00C0 on; 0xE2 starts
  // punctuation such as quotes and bullets).
  if (!(std::isupper(first) || (first >= 0xC3 && first != 0xE2))) return std::nullopt;
  // Citation brackets at the end do not count for the sentence checks.
  std::string_view core = title;
  while (!core.empty() && core.back() == ']') {
    size_t open = core.rfind('[');
    if (open == std::string_view::npos || open == 0) break;
    core = trim(core.substr(0, open));
  }
  if (core.empty() || core.size() > kMaxHeadingTitleBytes) return std::nullopt;
  if (std::string_view(".:;,!?").find(core.back()) != std::string_view::npos) return std::nullopt;
  if (core.find('|') != std::string_view::npos) return std::nullopt;
  size_t word_count = 1 + static_cast<size_t>(std::count(core.begin(), core.end(), ' '));
  if (word_count > kMaxHeadingWords) return std::nullopt;
  h.written_depth = h.parts.size();
  h.last = h.parts.back();
  while (h.parts.size() > 1 && h.parts.back() == 0) h.parts.pop_back();
  return h;
}

// Whether `next` can follow `prev` in an outline: a first child (x.1, x.1.1), the next
// sibling of prev or of one of its ancestors (one number may be skipped), optionally
// followed by first children ("3.3" -> "4", "8" -> "8.1", "2.1" -> "3.1").
bool is_successor(const std::vector<int>& prev, const std::vector<int>& next) {
  auto rest_are_ones = [&](size_t from) {
    for (size_t k = from; k < next.size(); ++k) {
      if (next[k] != 1) return false;
    }
    return true;
  };
  if (next.size() > prev.size() && std::equal(prev.begin(), prev.end(), next.begin()) &&
      rest_are_ones(prev.size())) {
    return true;
  }
  for (size_t m = 1; m <= prev.size() && m <= next.size(); ++m) {
    if (!std::equal(prev.begin(), prev.begin() + static_cast<long>(m - 1), next.begin())) break;
    int step = next[m - 1] - prev[m - 1];
    if (step >= 1 && step <= 2 && rest_are_ones(m)) return true;
  }
  return false;
}

bool is_pipe_only(std::string_view t) {
  return t.find('|') != std::string_view::npos &&
         t.find_first_not_of("|-:+ \t") == std::string_view::npos;
}

// A list item as Markdown: "- ", "* ", "+ " and "1. " lines as they are; bullets that
// word processors paste ("•", "▪", "–") become "- ".
std::optional<std::string> list_item(std::string_view t) {
  if (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') &&
      (t[1] == ' ' || t[1] == '\t')) {
    return std::string(t);
  }
  for (std::string_view bullet : {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA", "\xE2\x80\x93",
                                  "\xE2\x97\x8F", "\xEF\x82\xB7"}) {
    if (t.starts_with(bullet)) {
      std::string_view rest = trim(t.substr(bullet.size()));
      if (!rest.empty()) return "- " + std::string(rest);
    }
  }
  size_t d = 0;
  while (d < t.size() && d < 9 && std::isdigit(static_cast<unsigned char>(t[d]))) ++d;
  if (d > 0 && d + 1 < t.size() && (t[d] == '.' || t[d] == ')') && t[d + 1] == ' ') {
    return std::string(t);
  }
  return std::nullopt;
}

std::vector<std::string> content_cells(std::string_view line) {
  std::vector<std::string> out;
  for (std::string_view c : split_cells(line)) {
    if (!c.empty()) out.emplace_back(c);
  }
  return out;
}

// Cells of a table line with the empty cells made by outer pipes removed:
// "| a | | b |" -> {"a", "", "b"}.
std::vector<std::string> row_cells(std::string_view t) {
  auto cells = split_cells(t);
  if (!cells.empty() && t.front() == '|' && cells.front().empty()) cells.erase(cells.begin());
  if (!cells.empty() && t.back() == '|' && cells.back().empty()) cells.pop_back();
  return {cells.begin(), cells.end()};
}

struct TextImport {
  std::vector<std::string_view> t;  // trimmed lines
  std::vector<bool> consumed;
  std::vector<int> heading_depth;
  Draft d;

  // Finds a change-log table whose header row starts at line i (within [i, end)); on
  // success fills the change log, marks its lines consumed and returns the line after it.
  size_t change_log_at(size_t i, size_t end) {
    std::vector<std::string> header;
    bool pipes = false;
    size_t j = i;
    while (j < end && !t[j].empty() && !is_pipe_only(t[j])) {
      auto cells = content_cells(t[j]);
      if (cells.empty() || !std::all_of(cells.begin(), cells.end(), [](const std::string& c) {
            return log_column_for_header(c).has_value();
          })) {
        break;
      }
      header.insert(header.end(), cells.begin(), cells.end());
      // No change log has this many columns; stopping early keeps a header block of many
      // column-like lines linear instead of quadratic.
      if (header.size() > kMaxLogColumns) return i;
      pipes = pipes || t[j].find('|') != std::string_view::npos;
      ++j;
      if (cells.size() >= 2) break;  // a header written as one row is complete
    }
    auto cols = log_header(header);
    if (!cols) return i;

    std::vector<ChangeLogEntry> entries;
    std::vector<std::string> stream;
    auto flush = [&] {
      auto rows = log_rows_stream(*cols, stream);
      entries.insert(entries.end(), rows.begin(), rows.end());
      stream.clear();
    };
    size_t k = j, last = j;  // last: one past the last line that belongs to the table
    size_t blanks = 0;
    while (k < end) {
      std::string_view line = t[k];
      if (line.empty()) {
        flush();
        if (++blanks >= 2 && !pipes) break;
        ++k;
        continue;
      }
      bool has_pipe = line.find('|') != std::string_view::npos;
      if (pipes && !has_pipe) break;
      if (!pipes) {
        // One cell per line without pipes ends at metadata or after two blank lines.
        Draft probe;
        if (apply_meta_line(probe, line)) break;
      }
      blanks = 0;
      if (is_pipe_only(line)) {
        flush();
      } else if (pipes) {
        auto cells = row_cells(line);
        size_t filled = static_cast<size_t>(std::count_if(
            cells.begin(), cells.end(), [](const std::string& c) { return !c.empty(); }));
        if (filled >= 2) {
          flush();
          entries.push_back(log_row_positional(*cols, cells));
        } else if (filled == 1) {
          stream.push_back(content_cells(line).front());
        } else {
          flush();
        }
      } else {
        stream.emplace_back(line);
      }
      last = ++k;
    }
    flush();
    for (size_t m = i; m < last; ++m) consumed[m] = true;
    // The table's caption ("Change Log"), possibly behind separator lines.
    for (size_t m = i; m > 0; --m) {
      std::string_view above = t[m - 1];
      if (consumed[m - 1]) break;  // never look past an earlier table (keeps this linear)
      if (above.empty() || is_pipe_only(above)) continue;
      auto cells = content_cells(above);
      if (cells.size() == 1 && is_log_caption(cells[0])) {
        for (size_t x = m - 1; x < i; ++x) consumed[x] = true;
      }
      break;
    }
    d.doc.content.change_log.insert(d.doc.content.change_log.end(), entries.begin(), entries.end());
    d.doc.notes.push_back("Change log: " + std::to_string(entries.size()) +
                          (entries.size() == 1 ? " entry" : " entries") + " read from the header.");
    return last;
  }

  void header_block(size_t begin, size_t end) {
    const std::string& title = d.doc.content.title;
    for (size_t i = begin; i < end; ++i) {
      if (t[i] == title) consumed[i] = true;  // the title repeated in the header
    }
    for (size_t i = begin; i < end; ++i) {
      if (consumed[i] || t[i].empty()) continue;
      size_t after = change_log_at(i, end);
      if (after > i) i = after - 1;
    }
    for (size_t i = begin; i < end; ++i) {
      if (consumed[i] || t[i].empty()) continue;
      if (is_legend_line(t[i])) {
        consumed[i] = true;
        continue;
      }
      if (is_legend_caption(t[i])) {
        size_t next = i + 1;
        while (next < end && t[next].empty()) ++next;
        if (next < end && is_legend_line(t[next])) consumed[i] = true;
        continue;
      }
      if (apply_meta_line(d, t[i]) || is_pipe_only(t[i])) consumed[i] = true;
    }
  }

  std::string body(size_t begin) {
    std::string out;
    enum { kNone, kList, kOther } last = kNone;
    for (size_t i = begin; i < t.size(); ++i) {
      if (consumed[i] || t[i].empty()) continue;
      if (heading_depth[i] > 0) {
        if (!out.empty()) out += '\n';
        out += std::string(static_cast<size_t>(heading_depth[i]), '#') + " " + std::string(t[i]) +
               "\n";
        last = kOther;
      } else if (auto item = list_item(t[i])) {
        if (!out.empty() && last != kList) out += '\n';
        out += *item + "\n";
        last = kList;
      } else {
        if (!out.empty()) out += '\n';
        out += escape_line_start(t[i]) + "\n";
        last = kOther;
      }
    }
    return out;
  }
};

}  // namespace

Result<ImportedDocument> import_plain_text(std::string_view bytes) {
  ISMS_TRY(check_import_bytes(bytes));
  std::string text = normalize_text(bytes);
  TextImport im;
  for (std::string_view line : split_lines(text)) im.t.push_back(trim(line));
  size_t n = im.t.size();
  im.consumed.assign(n, false);
  im.heading_depth.assign(n, 0);

  size_t title_line = 0;
  while (title_line < n && im.t[title_line].empty()) ++title_line;
  im.d.doc.content.title = std::string(im.t[title_line]);
  im.d.has_title = true;
  im.consumed[title_line] = true;

  // Numbered headings must follow each other like an outline. A numbered line that does
  // not is a numbered list item, and so are the lines that continue its numbering.
  std::optional<std::vector<int>> prev;
  // The numbered list being read: its items' depth and last number ("1.", "2." -> 1, 2).
  std::optional<std::pair<size_t, int>> list;
  size_t first_heading = n;
  for (size_t i = title_line + 1; i < n; ++i) {
    if (im.t[i].empty()) continue;
    auto h = heading_form(im.t[i]);
    if (!h) {
      list.reset();
      continue;
    }
    if (list && h->written_depth == list->first && h->last == list->second + 1) {
      list->second = h->last;  // the list's next item
    } else if (!prev || is_successor(*prev, h->parts)) {
      im.heading_depth[i] = static_cast<int>(h->parts.size());
      prev = h->parts;
      list.reset();
      first_heading = std::min(first_heading, i);
    } else {
      list = {h->written_depth, h->last};
    }
  }
  size_t header_end =
      first_heading < n ? first_heading : std::min(n, title_line + 1 + kHeaderLinesWithoutHeadings);
  im.header_block(title_line + 1, header_end);
  im.d.doc.content.body = im.body(title_line + 1);

  std::string_view title = im.d.doc.content.title;
  std::string last_word = lower_ascii(title.substr(title.find_last_of(' ') + 1));
  if (im.d.doc.kind == DocumentKind::kPolicy &&
      (last_word == "procedure" || last_word == "standard")) {
    im.d.doc.kind = last_word == "procedure" ? DocumentKind::kProcedure : DocumentKind::kStandard;
    im.d.doc.notes.push_back("Kind " + last_word + " taken from the title.");
  }
  if (first_heading == n) im.d.doc.notes.push_back("No numbered headings found.");
  return finish(std::move(im.d), "text");
}

}  // namespace isms
