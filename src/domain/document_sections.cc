// Sections of a Markdown body (extract_sections) and where citations fall in them
// (attach_citations). A line scanner, not a full CommonMark parser: it knows exactly what
// decides whether a line is a heading (fenced code, ATX and setext headings, indented
// code, list items that end a paragraph) and nothing else.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "domain/document.h"

namespace isms {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Leading spaces of a line (tabs count as reaching the next multiple of 4, as in
// CommonMark, which is all that matters for the "at most 3 spaces" rules).
size_t indent_of(std::string_view line, size_t* bytes) {
  size_t col = 0, i = 0;
  for (; i < line.size() && is_space(line[i]); ++i)
    col = line[i] == '\t' ? (col / 4 + 1) * 4 : col + 1;
  *bytes = i;
  return col;
}

struct Fence {
  char ch = 0;
  size_t len = 0;
};

// A fence line opens or closes fenced code: 3+ backticks or tildes after <= 3 spaces.
std::optional<Fence> fence_of(std::string_view line) {
  size_t skip = 0;
  if (indent_of(line, &skip) > 3) return std::nullopt;
  std::string_view rest = line.substr(skip);
  if (rest.empty() || (rest[0] != '`' && rest[0] != '~')) return std::nullopt;
  size_t n = 0;
  while (n < rest.size() && rest[n] == rest[0]) ++n;
  if (n < 3) return std::nullopt;
  // A backtick fence's info string cannot hold backticks (that would be inline code).
  if (rest[0] == '`' && rest.substr(n).find('`') != std::string_view::npos) return std::nullopt;
  return Fence{rest[0], n};
}

bool closes_fence(std::string_view line, const Fence& open) {
  size_t skip = 0;
  if (indent_of(line, &skip) > 3) return false;
  std::string_view rest = line.substr(skip);
  size_t n = 0;
  while (n < rest.size() && rest[n] == open.ch) ++n;
  return n >= open.len && trim(rest.substr(n)).empty();
}

// ATX heading: <= 3 spaces, 1-6 '#', then a blank or the end of the line. Returns the
// depth and sets *text to the content without the optional closing '#' run.
int atx_depth(std::string_view line, std::string_view* text) {
  size_t skip = 0;
  if (indent_of(line, &skip) > 3) return 0;
  std::string_view rest = line.substr(skip);
  size_t n = 0;
  while (n < rest.size() && rest[n] == '#') ++n;
  if (n == 0 || n > 6 || (n < rest.size() && !is_space(rest[n]))) return 0;
  std::string_view content = trim(rest.substr(n));
  size_t hashes = 0;
  while (hashes < content.size() && content[content.size() - 1 - hashes] == '#') ++hashes;
  if (hashes == content.size()) {
    content = {};
  } else if (hashes > 0 && is_space(content[content.size() - 1 - hashes])) {
    content = trim(content.substr(0, content.size() - hashes));
  }
  *text = content;
  return static_cast<int>(n);
}

// Setext underline: <= 3 spaces, a run of '=' (level 1) or '-' (level 2), blanks after.
int setext_level(std::string_view line) {
  size_t skip = 0;
  if (indent_of(line, &skip) > 3) return 0;
  std::string_view rest = trim(line.substr(skip));
  if (rest.empty() || (rest[0] != '=' && rest[0] != '-')) return 0;
  if (rest.find_first_not_of(rest[0]) != std::string_view::npos) return 0;
  return rest[0] == '=' ? 1 : 2;
}

// Lines that start a block which a setext underline cannot turn into a heading.
bool starts_other_block(std::string_view line) {
  size_t skip = 0;
  indent_of(line, &skip);
  std::string_view rest = line.substr(skip);
  if (rest.empty()) return false;
  if (rest[0] == '>') return true;
  if ((rest[0] == '-' || rest[0] == '*' || rest[0] == '+') &&
      (rest.size() == 1 || is_space(rest[1])))
    return true;
  size_t d = 0;
  while (d < rest.size() && d < 9 && is_digit(rest[d])) ++d;
  return d > 0 && d < rest.size() && (rest[d] == '.' || rest[d] == ')') &&
         (d + 1 == rest.size() || is_space(rest[d + 1]));
}

// "8.4 Title", "8.4. Title", "1.0 Purpose": up to six numeric components of 1-3 digits.
// Sets *number ("8.4", without a final period) and *rest (the text after it).
bool split_number(std::string_view text, std::string* number, std::string_view* rest) {
  size_t i = 0, components = 0;
  while (true) {
    size_t start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    size_t len = i - start;
    if (len == 0 || len > 3) return false;
    ++components;
    if (i < text.size() && text[i] == '.' && i + 1 < text.size() && is_digit(text[i + 1])) {
      if (components == 6) return false;
      ++i;
      continue;
    }
    break;
  }
  *number = std::string(text.substr(0, i));
  if (i < text.size() && text[i] == '.') ++i;
  if (i < text.size() && !is_space(text[i])) return false;
  *rest = trim(text.substr(i));
  return true;
}

int number_level(std::string_view number) {
  // "1.0" and "2.0" are how some authors write top-level sections: trailing zero
  // components do not add depth.
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t dot = number.find('.', start);
    parts.push_back(number.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  while (parts.size() > 1 && parts.back().find_first_not_of('0') == std::string_view::npos) {
    parts.pop_back();
  }
  return static_cast<int>(parts.size());
}

// Citation brackets ("[ISO27001 5.2]", "[NIS]") are dropped from titles; other brackets
// ("[Draft]") are kept. A bracket counts as a citation when it holds a digit or starts
// with an upper-case word of two or more letters.
bool looks_like_citation(std::string_view inner) {
  if (inner.find_first_of("0123456789") != std::string_view::npos) return true;
  size_t n = 0;
  while (n < inner.size() && inner[n] >= 'A' && inner[n] <= 'Z') ++n;
  return n >= 2 && (n == inner.size() || !std::isalpha(static_cast<unsigned char>(inner[n])));
}

std::string clean_title(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size() && std::ispunct(static_cast<unsigned char>(text[i + 1]))) {
      out.push_back(text[++i]);
      continue;
    }
    if (c == '[') {
      size_t close = text.find(']', i + 1);
      if (close != std::string_view::npos) {
        std::string_view inner = text.substr(i + 1, close - i - 1);
        bool link = close + 1 < text.size() && text[close + 1] == '(';
        if (link) {
          // [text](url): keep the text, drop the destination.
          size_t paren = text.find(')', close + 1);
          if (paren != std::string_view::npos) {
            out.append(inner);
            i = paren;
            continue;
          }
        } else if (looks_like_citation(inner)) {
          i = close;
          continue;
        }
      }
    }
    out.push_back(c);
  }
  // Collapse the blanks the removed brackets leave behind.
  std::string collapsed;
  for (char c : out) {
    if (is_space(c) && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed.push_back(is_space(c) ? ' ' : c);
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  // Emphasis around the whole title ("**Scope**") is decoration, not title.
  for (std::string_view mark : {"**", "__", "*", "_"}) {
    if (collapsed.size() > 2 * mark.size() && collapsed.starts_with(mark) &&
        collapsed.ends_with(mark)) {
      collapsed = collapsed.substr(mark.size(), collapsed.size() - 2 * mark.size());
      break;
    }
  }
  return collapsed;
}

std::string slug(std::string_view title) {
  std::string out;
  for (char c : title) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      // Non-ASCII bytes are kept whole, so UTF-8 sequences stay intact; only ASCII letters
      // are lower-cased (no Unicode tables here): "Översikt" -> "Översikt".
      out.push_back(static_cast<char>(std::tolower(u)));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

struct Builder {
  std::vector<Section> sections;
  std::set<std::string> anchors;
  std::map<std::string, int> next_suffix;

  void add(std::string_view text, int depth, size_t offset) {
    Section s;
    std::string_view rest;
    if (split_number(text, &s.number, &rest)) {
      s.level = number_level(s.number);
      s.title = clean_title(rest);
    } else {
      s.number.clear();
      s.level = depth;
      s.title = clean_title(text);
    }
    std::string base;
    if (!s.number.empty()) {
      base = "s-" + s.number;
      std::replace(base.begin(), base.end(), '.', '-');
    } else {
      std::string sl = slug(s.title);
      base = "s-" + (sl.empty() ? std::string("section") : sl);
    }
    // "-2", "-3"... for repeats; the next suffix per base is remembered so that many equal
    // headings stay linear.
    s.anchor = base;
    int& n = next_suffix[base];
    if (n == 0) n = 2;
    while (anchors.count(s.anchor) > 0) s.anchor = base + "-" + std::to_string(n++);
    anchors.insert(s.anchor);
    s.offset = offset;
    sections.push_back(std::move(s));
  }
};

}  // namespace

std::vector<Section> extract_sections(std::string_view body) {
  Builder b;
  std::optional<Fence> fence;
  // The open paragraph (for setext headings): its first line's offset and its lines.
  bool in_paragraph = false;
  size_t para_offset = 0;
  std::string para_text;

  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    size_t next = nl == std::string_view::npos ? body.size() : nl + 1;
    std::string_view line =
        body.substr(pos, (nl == std::string_view::npos ? body.size() : nl) - pos);
    size_t offset = pos;
    pos = next;

    if (fence) {
      if (closes_fence(line, *fence)) fence.reset();
      continue;
    }
    if (trim(line).empty()) {
      in_paragraph = false;
      continue;
    }
    if (auto f = fence_of(line)) {
      fence = f;
      in_paragraph = false;
      continue;
    }
    std::string_view text;
    if (int depth = atx_depth(line, &text)) {
      b.add(text, depth, offset);
      in_paragraph = false;
      continue;
    }
    if (in_paragraph) {
      if (int level = setext_level(line)) {
        b.add(para_text, level, para_offset);
        in_paragraph = false;
        continue;
      }
      if (starts_other_block(line)) {
        in_paragraph = false;
        continue;
      }
      para_text += ' ';
      para_text += trim(line);
      continue;
    }
    size_t skip = 0;
    // Four spaces outside a paragraph open indented code; list items and quotes are
    // blocks of their own (a "---" under them is a thematic break, not an underline).
    if (indent_of(line, &skip) >= 4 || starts_other_block(line)) continue;
    in_paragraph = true;
    para_offset = offset;
    para_text = std::string(trim(line));
  }

  // A section runs until the next heading of the same or a higher level.
  for (size_t i = 0; i < b.sections.size(); ++i) {
    b.sections[i].end = body.size();
    for (size_t j = i + 1; j < b.sections.size(); ++j) {
      if (b.sections[j].level <= b.sections[i].level) {
        b.sections[i].end = b.sections[j].offset;
        break;
      }
    }
  }
  return b.sections;
}

std::vector<DocumentCitation> attach_citations(const std::vector<Section>& sections,
                                               const std::vector<Citation>& citations) {
  std::vector<DocumentCitation> out;
  out.reserve(citations.size());
  for (const Citation& c : citations) {
    DocumentCitation dc;
    dc.citation = c;
    // Last section starting at or before the citation, then outwards to one that still
    // contains it: sections nest, so the first container found is the innermost.
    auto it = std::upper_bound(sections.begin(), sections.end(), c.offset,
                               [](size_t off, const Section& s) { return off < s.offset; });
    while (it != sections.begin()) {
      --it;
      if (c.offset < it->end) {
        dc.section_number = it->number;
        dc.section_anchor = it->anchor;
        break;
      }
    }
    out.push_back(std::move(dc));
  }
  return out;
}

}  // namespace isms
