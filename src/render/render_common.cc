#include "render/render_common.h"

#include <cmark-gfm-core-extensions.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>

namespace isms::render_internal {
namespace {

constexpr size_t kIndexDigits = 6;
constexpr size_t kMaxMarks = 999999;  // what kIndexDigits can number
constexpr char kTerminator = 'Z';

bool is_boundary(std::string_view s, size_t i) {
  return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

// A prefix the body does not contain. Random, so that a body cannot forge a token (cmark
// decodes entities such as "&#65;", which a fixed prefix could not be checked against).
std::string make_prefix(std::string_view body) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<int> letter(0, 25);
  for (;;) {
    std::string p = "Q";
    for (int i = 0; i < 11; ++i) p.push_back(static_cast<char>('A' + letter(rng)));
    if (body.find(p) == std::string_view::npos) return p;
  }
}

std::string token(const std::string& prefix, size_t index) {
  char digits[kIndexDigits + 1];
  std::snprintf(digits, sizeof digits, "%06zu", index);
  return prefix + digits + kTerminator;
}

// Length of the well-formed UTF-8 sequence at s[i], 0 when it is not one.
size_t utf8_sequence(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

}  // namespace

void append_html_escaped(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      case '\'':
        out->append("&#39;");
        break;
      default:
        out->push_back(c);
    }
  }
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  append_html_escaped(s, &out);
  return out;
}

std::string url_path_segment(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '(' || c == ')') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string status_display(std::string_view status) {
  std::string out(status);
  std::replace(out.begin(), out.end(), '_', ' ');
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

std::string clean_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out.append("\xEF\xBF\xBD");
      ++i;
      continue;
    }
    auto c = static_cast<unsigned char>(s[i]);
    // C0 controls but \n and \t, DEL, and C1 controls (U+0080..U+009F): invisible, and
    // markup parsers refuse some of them.
    bool control = (n == 1 && ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)) ||
                   (n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0);
    if (control) {
      ++i;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

MarkedBody mark_body(const DocumentVersion& version) {
  const std::string& body = version.content.body;
  MarkedBody result;
  result.prefix = make_prefix(body);

  struct Span {
    size_t offset;
    size_t length;
    bool warning;
    size_t mark;
  };
  std::vector<Span> spans;
  auto usable = [&](size_t offset, size_t length) {
    if (length == 0 || offset > body.size() || length > body.size() - offset) return false;
    if (!is_boundary(body, offset) || !is_boundary(body, offset + length)) return false;
    std::string_view text(body.data() + offset, length);
    return text.find_first_of("\r\n") == std::string_view::npos;
  };
  // A range ("5.1-5.2") yields one citation per id over the same span: one mark, many keys.
  std::map<std::pair<size_t, size_t>, size_t> by_span;
  for (const DocumentCitation& dc : version.citations) {
    const Citation& c = dc.citation;
    if (!usable(c.offset, c.length)) continue;
    auto [it, fresh] = by_span.try_emplace({c.offset, c.length}, result.marks.size());
    if (fresh) {
      Mark m;
      m.raw = body.substr(c.offset, c.length);
      result.marks.push_back(std::move(m));
      spans.push_back({c.offset, c.length, false, it->second});
    }
    result.marks[it->second].framework_ids.push_back(c.framework_id);
    result.marks[it->second].ref_ids.push_back(c.ref_id);
  }
  for (const CitationWarning& w : version.warnings) {
    if (!usable(w.offset, w.length)) continue;
    Mark m;
    m.raw = body.substr(w.offset, w.length);
    m.warning = true;
    m.message = w.message;
    m.suggestion = w.suggestion;
    spans.push_back({w.offset, w.length, true, result.marks.size()});
    result.marks.push_back(std::move(m));
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    if (a.offset != b.offset) return a.offset < b.offset;
    return a.warning < b.warning;
  });

  std::string& md = result.markdown;
  md.reserve(body.size() + spans.size() * 8);
  size_t pos = 0;
  size_t used = 0;
  for (const Span& s : spans) {
    if (s.offset < pos || used >= kMaxMarks) continue;  // overlaps an earlier span
    md.append(body, pos, s.offset - pos);
    md.append(token(result.prefix, s.mark));
    pos = s.offset + s.length;
    ++used;
  }
  md.append(body, pos, std::string::npos);
  return result;
}

bool match_token(std::string_view text, size_t at, const MarkedBody& body, size_t* index,
                 size_t* length) {
  const std::string& p = body.prefix;
  if (p.empty() || text.compare(at, p.size(), p) != 0) return false;
  size_t digits = at + p.size();
  size_t end = digits + kIndexDigits;  // the terminator's position
  if (end >= text.size() || text[end] != kTerminator) return false;
  size_t value = 0;
  for (size_t i = digits; i < end; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + static_cast<size_t>(text[i] - '0');
  }
  if (value >= body.marks.size()) return false;
  *index = value;
  *length = end + 1 - at;
  return true;
}

void for_each_segment(std::string_view text, const MarkedBody& body,
                      const std::function<void(std::string_view)>& on_text,
                      const std::function<void(const Mark&)>& on_mark) {
  size_t start = 0;  // start of the pending plain run
  size_t from = 0;   // where to look for the next prefix
  while (!body.prefix.empty()) {
    size_t at = text.find(body.prefix, from);
    if (at == std::string_view::npos) break;
    size_t index = 0;
    size_t length = 0;
    if (!match_token(text, at, body, &index, &length)) {
      from = at + 1;
      continue;
    }
    if (at > start) on_text(text.substr(start, at - start));
    on_mark(body.marks[index]);
    start = from = at + length;
  }
  if (start < text.size()) on_text(text.substr(start));
}

std::string unmark(std::string_view text, const MarkedBody& body) {
  std::string out;
  for_each_segment(
      text, body, [&](std::string_view t) { out.append(t); },
      [&](const Mark& m) { out.append(m.raw); });
  return out;
}

ParsedMarkdown parse_markdown(std::string_view markdown) {
  // Registration writes a global list without a lock; once per process.
  static std::once_flag registered;
  std::call_once(registered, cmark_gfm_core_extensions_ensure_registered);

  ParsedMarkdown doc;
  doc.parser.reset(cmark_parser_new(kCmarkOptions));
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(doc.parser.get(), ext);
  }
  cmark_parser_feed(doc.parser.get(), markdown.data(), markdown.size());
  doc.root.reset(cmark_parser_finish(doc.parser.get()));
  return doc;
}

std::unordered_map<int, int> sections_by_line(const DocumentVersion& version) {
  const std::string& body = version.content.body;
  std::vector<size_t> line_starts{0};
  for (size_t i = 0; i < body.size(); ++i)
    if (body[i] == '\n') line_starts.push_back(i + 1);
  std::unordered_map<int, int> by_line;
  for (size_t i = 0; i < version.sections.size(); ++i) {
    size_t offset = version.sections[i].offset;
    auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
    int line = static_cast<int>(it - line_starts.begin());  // 1-based
    by_line.try_emplace(line, static_cast<int>(i));
  }
  return by_line;
}

std::vector<int> heading_sections(cmark_node* root, const std::unordered_map<int, int>& by_line) {
  std::vector<int> result;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_HEADING) continue;
    auto it = by_line.find(cmark_node_get_start_line(node));
    result.push_back(it == by_line.end() ? -1 : it->second);
  }
  cmark_iter_free(iter);
  return result;
}

}  // namespace isms::render_internal
