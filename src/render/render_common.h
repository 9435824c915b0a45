// Internal to src/render: what the HTML and PDF renderers share. Parsing Markdown with
// cmark-gfm (safe mode, GFM extensions), escaping, and the citation marks.
//
// Citation marks: a version's citations and warnings are byte spans of the body, but
// cmark's tree does not map back to body offsets. So before parsing, each span is
// replaced by a token of letters and digits (a random prefix that the body does not
// contain, a fixed-width index, and a terminator). Letters and digits are never split or
// changed by Markdown parsing, so every token reaches cmark's output or text nodes
// intact, where the renderers turn it into a citation link (HTML) or coloured text (PDF).
// Tokens never contain a newline, so the body keeps its line numbers: a heading's source
// line still finds its Section.
#pragma once

#include <cmark-gfm.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/document.h"

namespace isms::render_internal {

// Text for HTML element content and attribute values: & < > " ' escaped.
std::string html_escape(std::string_view s);
void append_html_escaped(std::string_view s, std::string* out);

// A URL path segment: bytes outside A-Z a-z 0-9 - . _ ~ ( ) percent-encoded.
std::string url_path_segment(std::string_view s);

// "published" -> "Published", "in_review" -> "In review".
std::string status_display(std::string_view status);

// Text with invalid UTF-8 replaced by U+FFFD and control characters other than \n and
// \t dropped (C0, DEL, C1): Pango and markup parsers refuse them.
std::string clean_text(std::string_view s);

// One marked span of the body.
struct Mark {
  std::string raw;  // the body's bytes of the span
  bool warning = false;
  // Citation: one key per id ("5.1-5.2" expands to several); first is the link target.
  std::vector<std::string> framework_ids;
  std::vector<std::string> ref_ids;
  // Warning:
  std::string message;
  std::optional<std::string> suggestion;
};

struct MarkedBody {
  std::string markdown;  // the body with each mark's span replaced by its token
  std::string prefix;    // every token starts with it; absent from the original body
  std::vector<Mark> marks;
};

// Tokens for the version's citations and warnings. Spans that are out of range, empty,
// not on UTF-8 boundaries, contain a newline or overlap an earlier span are left as
// text (citations win over warnings at the same place).
MarkedBody mark_body(const DocumentVersion& version);

// When a valid token starts at text[at]: its mark index and length.
bool match_token(std::string_view text, size_t at, const MarkedBody& body, size_t* index,
                 size_t* length);

// Splits `text` at tokens: on_text for plain runs (possibly empty ones skipped), on_mark
// for each token. A prefix without a valid index and terminator is plain text.
void for_each_segment(std::string_view text, const MarkedBody& body,
                      const std::function<void(std::string_view)>& on_text,
                      const std::function<void(const Mark&)>& on_mark);

// `text` with every token replaced by its mark's raw text.
std::string unmark(std::string_view text, const MarkedBody& body);

// A parsed Markdown document. The parser is kept because HTML rendering needs its
// extension list.
struct ParsedMarkdown {
  struct ParserFree {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
  };
  struct NodeFree {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
  };
  std::unique_ptr<cmark_parser, ParserFree> parser;
  std::unique_ptr<cmark_node, NodeFree> root;
};

// Options for parsing and rendering: safe (CMARK_OPT_UNSAFE never set), UTF-8 checked.
inline constexpr int kCmarkOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;

// CommonMark + table, strikethrough, autolink, tagfilter, tasklist.
ParsedMarkdown parse_markdown(std::string_view markdown);

// Section index by 1-based source line of the section's heading (first section wins).
std::unordered_map<int, int> sections_by_line(const DocumentVersion& version);

// For each heading node of the tree in document order, the index of its Section (by
// source line), or -1 when no section starts on that line.
std::vector<int> heading_sections(cmark_node* root, const std::unordered_map<int, int>& by_line);

}  // namespace isms::render_internal
