// import_html: a policy page saved from an intranet or wiki, parsed by libxml2's HTML
// parser (no network, no error output) and converted to Markdown. The first <h1> (else
// <title>) is the title; <meta name=...>, and definition lists, two-column tables and
// "Label: value" paragraphs before the first section heading give metadata; a table whose
// header names change-log columns is the change log. Scripts, styles, embedded objects
// and comments are dropped; all other text is kept.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstring>
#include <memory>
#include <set>

#include "formats/document_import_internal.h"

namespace isms {

namespace {

using namespace import_detail;

constexpr int kMaxHtmlDepth = 256;

bool named(const xmlNode* n, const char* name) {
  return n && n->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

std::string name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

std::string attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string out = reinterpret_cast<const char*>(v);
  xmlFree(v);
  return out;
}

bool in_set(const std::string& name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (name == n) return true;
  }
  return false;
}

// Elements whose content is not document text.
bool is_skipped(const std::string& n) {
  return in_set(
      n, {"script", "style",  "noscript", "template", "iframe", "object",   "embed",  "svg",
          "canvas", "head",   "button",   "input",    "select", "textarea", "option", "audio",
          "video",  "source", "track",    "link",     "meta",   "base",     "map"});
}

bool is_block(const std::string& n) {
  return in_set(
      n,
      {"p",      "h1",     "h2",         "h3",      "h4",      "h5",      "h6",         "ul",
       "ol",     "li",     "dl",         "dt",      "dd",      "table",   "blockquote", "pre",
       "hr",     "div",    "section",    "article", "main",    "header",  "footer",     "aside",
       "nav",    "figure", "figcaption", "address", "details", "summary", "form",       "fieldset",
       "center", "hgroup", "body",       "html",    "caption", "thead",   "tbody",      "tfoot",
       "tr",     "td",     "th",         "legend"});
}

int heading_level(const std::string& n) {
  if (n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6') return n[1] - '0';
  return 0;
}

// Appends text with HTML whitespace rules (runs become one space) and without control
// characters, which numeric character references can smuggle in.
void append_text(std::string& out, std::string_view s, bool escape) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
      continue;
    }
    if (c < 0x20 || c == 0x7F) continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      ++i;
      continue;
    }
    if (escape && (c == '\\' || c == '`' || c == '*' || c == '_' || c == '<')) out.push_back('\\');
    out.push_back(static_cast<char>(c));
  }
}

std::string collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) continue;
    if (c == '\n' && !out.empty() && out.back() == ' ') out.pop_back();
    out.push_back(c);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  size_t start = out.find_first_not_of("\n ");
  return start == std::string::npos ? "" : out.substr(start);
}

std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\n') c = ' ';
  }
  return collapse(s);
}

// A link destination that is safe to keep: web, mail or relative.
bool safe_href(const std::string& href) {
  if (href.empty()) return false;
  std::string lower = lower_ascii(href);
  size_t colon = lower.find(':');
  size_t slash = lower.find_first_of("/?#");
  if (colon == std::string::npos || (slash != std::string::npos && slash < colon)) return true;
  return lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("mailto:");
}

struct Block {
  std::string text;
  bool list = false;
};
using Blocks = std::vector<Block>;

struct HtmlImport {
  Draft d;
  std::optional<std::string> h1_title;
  bool in_sections = false;  // a section heading has been seen: metadata zone is over
  bool too_deep = false;
  int depth = 0;

  struct Guard {
    HtmlImport& im;
    bool ok;
    explicit Guard(HtmlImport& i) : im(i), ok(++i.depth <= kMaxHtmlDepth) {
      if (!ok) im.too_deep = true;
    }
    ~Guard() { --im.depth; }
  };

  // Text without markup, for metadata and titles; <br> becomes a newline.
  void plain(const xmlNode* n, std::string& out) {
    Guard g(*this);
    if (!g.ok) return;
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        append_text(out, reinterpret_cast<const char*>(c->content ? c->content : BAD_CAST ""),
                    false);
      } else if (c->type == XML_ELEMENT_NODE && !is_skipped(name_of(c))) {
        if (named(c, "br")) out.push_back('\n');
        std::string name = name_of(c);
        bool spaced = is_block(name) || name == "br";
        if (spaced && !out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
        plain(c, out);
        if (spaced && !out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
      }
    }
  }
  std::string plain_of(const xmlNode* n) {
    std::string s;
    plain(n, s);
    return collapse(s);
  }

  void inline_children(const xmlNode* n, std::string& out) {
    for (const xmlNode* c = n->children; c; c = c->next) inline_node(c, out);
  }

  std::string wrapped(const xmlNode* n, std::string_view mark) {
    std::string inner;
    inline_children(n, inner);
    std::string core = collapse(inner);
    if (core.empty()) return inner.empty() ? "" : " ";
    std::string lead = inner.front() == ' ' ? " " : "", trail = inner.back() == ' ' ? " " : "";
    return lead + std::string(mark) + core + std::string(mark) + trail;
  }

  void inline_node(const xmlNode* n, std::string& out) {
    Guard g(*this);
    if (!g.ok) return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      append_text(out, reinterpret_cast<const char*>(n->content ? n->content : BAD_CAST ""), true);
      return;
    }
    if (n->type != XML_ELEMENT_NODE) return;
    std::string name = name_of(n);
    if (is_skipped(name)) return;
    if (name == "br") {
      out.push_back('\n');
    } else if (name == "strong" || name == "b") {
      out += wrapped(n, "**");
    } else if (name == "em" || name == "i") {
      out += wrapped(n, "*");
    } else if (name == "s" || name == "del" || name == "strike") {
      out += wrapped(n, "~~");
    } else if (name == "code" || name == "kbd" || name == "samp" || name == "tt") {
      std::string raw;
      plain(n, raw);
      raw = one_line(raw);
      if (raw.empty()) return;
      size_t run = 0, longest = 0;
      for (char c : raw) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
      std::string fence(longest + 1, '`');
      bool pad = raw.front() == '`' || raw.back() == '`';
      out += fence + (pad ? " " : "") + raw + (pad ? " " : "") + fence;
    } else if (name == "a") {
      std::string inner;
      inline_children(n, inner);
      std::string text = collapse(inner);
      std::string href = attr(n, "href");
      if (text.empty()) return;
      if (!safe_href(href) || href.starts_with("#")) {
        out += text;
        return;
      }
      std::string dest;
      for (char c : href) {
        if (c == ' ') {
          dest += "%20";
        } else if (c == '(' || c == ')' || c == '<' || c == '>') {
          char hex[4];
          std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
          dest += hex;
        } else if (static_cast<unsigned char>(c) >= 0x20) {
          dest.push_back(c);
        }
      }
      out += "[" + text + "](" + dest + ")";
    } else if (name == "img") {
      std::string alt = attr(n, "alt");
      append_text(out, alt, true);
    } else {
      // Other inline elements, and block elements met inside inline content, keep their
      // text; block ones are set apart by spaces.
      bool block = is_block(name);
      if (block) out.push_back(' ');
      inline_children(n, out);
      if (block) out.push_back(' ');
    }
  }

  // Paragraph text: hard breaks as "\" line ends; every line escaped so that it stays
  // paragraph text.
  static std::string paragraph(const std::string& inline_text) {
    std::string text = collapse(inline_text);
    std::string out;
    for (std::string_view line : split_lines(text)) {
      line = trim(line);
      if (line.empty()) continue;
      if (!out.empty()) out += "\\\n";
      out += escape_line_start(line);
    }
    return out;
  }

  // Header-zone paragraphs: a repeated title, "Label: value" metadata and classification
  // legends become metadata instead of body text.
  bool header_text(const std::string& plain_text) {
    if (in_sections) return false;
    bool all = true, any = false;
    for (std::string_view line : split_lines(plain_text)) {
      line = trim(line);
      if (line.empty()) continue;
      any = true;
      Draft probe;  // whether the line reads as metadata does not depend on what was read
      if (!(h1_title && line == *h1_title) && !is_legend_line(line) &&
          !apply_meta_line(probe, line)) {
        all = false;
      }
    }
    if (!any || !all) return false;
    for (std::string_view line : split_lines(plain_text)) {
      line = trim(line);
      if (!line.empty() && !(h1_title && line == *h1_title) && !is_legend_line(line)) {
        apply_meta_line(d, line);
      }
    }
    return true;
  }

  void children(const xmlNode* parent, Blocks& out) {
    Guard g(*this);
    if (!g.ok) return;
    std::string pending;
    const xmlNode* pending_from = nullptr;
    auto flush = [&] {
      if (!pending_from) return;
      std::string text = paragraph(pending);
      if (!text.empty() && !header_text(plain_range(pending_from))) out.push_back({text});
      pending.clear();
      pending_from = nullptr;
    };
    for (const xmlNode* c = parent->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && is_block(name_of(c))) {
        flush();
        block(c, out);
      } else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
                 (c->type == XML_ELEMENT_NODE && !is_skipped(name_of(c)))) {
        if (!pending_from) pending_from = c;
        inline_node(c, pending);
      }
    }
    flush();
  }

  // Plain text of an inline run starting at `from` up to the next block element.
  std::string plain_range(const xmlNode* from) {
    std::string s;
    for (const xmlNode* c = from; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && is_block(name_of(c))) break;
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        append_text(s, reinterpret_cast<const char*>(c->content ? c->content : BAD_CAST ""), false);
      } else if (c->type == XML_ELEMENT_NODE && named(c, "br")) {
        s.push_back('\n');
      } else if (c->type == XML_ELEMENT_NODE && !is_skipped(name_of(c))) {
        plain(c, s);
      }
    }
    return collapse(s);
  }

  static const xmlNode* next_element(const xmlNode* n) {
    for (n = n->next; n; n = n->next) {
      if (n->type == XML_ELEMENT_NODE) return n;
      if (n->type == XML_TEXT_NODE && n->content &&
          !trim(reinterpret_cast<const char*>(n->content)).empty()) {
        return nullptr;
      }
    }
    return nullptr;
  }

  static void rows_of(const xmlNode* table, std::vector<const xmlNode*>& rows) {
    for (const xmlNode* c = table->children; c; c = c->next) {
      if (named(c, "tr")) rows.push_back(c);
      if (named(c, "thead") || named(c, "tbody") || named(c, "tfoot")) rows_of(c, rows);
    }
  }

  static std::vector<const xmlNode*> cells_of(const xmlNode* row) {
    std::vector<const xmlNode*> cells;
    for (const xmlNode* c = row->children; c; c = c->next) {
      if (named(c, "td") || named(c, "th")) cells.push_back(c);
    }
    return cells;
  }

  std::vector<std::vector<std::string>> plain_rows(const xmlNode* table) {
    std::vector<const xmlNode*> rows;
    rows_of(table, rows);
    std::vector<std::vector<std::string>> out;
    for (const xmlNode* r : rows) {
      std::vector<std::string> cells;
      for (const xmlNode* c : cells_of(r)) cells.push_back(one_line(plain_of(c)));
      out.push_back(std::move(cells));
    }
    return out;
  }

  bool is_change_log(const xmlNode* table) {
    auto rows = plain_rows(table);
    return !rows.empty() && log_header(rows[0]).has_value();
  }

  bool table(const xmlNode* t, Blocks& out) {
    auto rows = plain_rows(t);
    if (rows.empty()) return true;
    if (auto cols = log_header(rows[0])) {
      size_t before = d.doc.content.change_log.size();
      for (size_t i = 1; i < rows.size(); ++i) {
        bool any = false;
        for (const auto& c : rows[i]) any = any || !c.empty();
        if (any) d.doc.content.change_log.push_back(log_row_positional(*cols, rows[i]));
      }
      size_t n = d.doc.content.change_log.size() - before;
      d.doc.notes.push_back("Change log: " + std::to_string(n) + (n == 1 ? " entry" : " entries") +
                            " read from a table.");
      return true;
    }
    if (!in_sections) {
      // Label | value rows, or a row of labels over a row of values.
      bool pairs = true;
      for (const auto& r : rows) {
        pairs = pairs && r.size() == 2 && meta_key_for_label(r[0]) && !r[1].empty();
      }
      if (pairs) {
        for (const auto& r : rows) apply_meta_line(d, r[0] + ": " + r[1]);
        return true;
      }
      if (rows.size() == 2 && rows[0].size() == rows[1].size()) {
        bool labels = true;
        for (size_t i = 0; i < rows[0].size(); ++i) {
          labels = labels && meta_key_for_label(rows[0][i]) && !rows[1][i].empty();
        }
        if (labels) {
          for (size_t i = 0; i < rows[0].size(); ++i)
            apply_meta_line(d, rows[0][i] + ": " + rows[1][i]);
          return true;
        }
      }
    }
    // A GFM table; the first row is the header.
    std::vector<const xmlNode*> row_nodes;
    rows_of(t, row_nodes);
    size_t cols = 0;
    std::vector<std::vector<std::string>> md;
    for (const xmlNode* r : row_nodes) {
      std::vector<std::string> cells;
      for (const xmlNode* c : cells_of(r)) {
        std::string inner;
        inline_children(c, inner);
        std::string cell;
        for (char ch : one_line(inner)) {
          if (ch == '|') cell += '\\';
          cell += ch;
        }
        cells.push_back(cell);
      }
      cols = std::max(cols, cells.size());
      md.push_back(std::move(cells));
    }
    if (cols == 0) return true;
    std::string text;
    for (size_t r = 0; r < md.size(); ++r) {
      md[r].resize(cols);
      text += "|";
      for (const auto& c : md[r]) text += " " + c + " |";
      text += "\n";
      if (r == 0) {
        text += "|";
        for (size_t c = 0; c < cols; ++c) text += " --- |";
        text += "\n";
      }
    }
    text.pop_back();
    out.push_back({text});
    return true;
  }

  void list(const xmlNode* l, bool ordered, Blocks& out) {
    int number = 1;
    if (ordered) {
      std::string start = attr(l, "start");
      if (!start.empty() && start.size() < 6 &&
          start.find_first_not_of("0123456789") == std::string::npos) {
        number = std::stoi(start);
      }
    }
    Blocks items;
    for (const xmlNode* c = l->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || is_skipped(name_of(c))) continue;
      list_item(c, ordered ? std::to_string(number++) + ". " : "- ", items);
    }
    std::string text;
    for (const Block& b : items) text += (text.empty() ? "" : "\n") + b.text;
    if (!text.empty()) out.push_back({text, true});
  }

  // One item: its blocks (paragraphs, nested lists) under the marker, continuation lines
  // indented to the item's content column.
  void list_item(const xmlNode* li, const std::string& marker, Blocks& out) {
    Blocks inner;
    if (named(li, "li")) {
      children(li, inner);
    } else {
      block(li, inner);  // stray content directly in the list
    }
    std::string item;
    for (size_t i = 0; i < inner.size(); ++i) {
      if (i > 0) item += inner[i].list ? "\n" : "\n\n";
      item += inner[i].text;
    }
    std::string indent(marker.size(), ' ');
    std::string text;
    bool first = true;
    for (std::string_view line : split_lines(item)) {
      if (!first) text += "\n";
      text += first ? marker : (line.empty() ? "" : indent);
      text += line;
      first = false;
    }
    if (first) text = std::string(trim(marker));
    out.push_back({text, true});
  }

  void block(const xmlNode* n, Blocks& out) {
    Guard g(*this);
    if (!g.ok) return;
    std::string name = name_of(n);
    if (is_skipped(name)) return;
    if (int level = heading_level(name)) {
      std::string inner;
      inline_children(n, inner);
      std::string text = one_line(inner);
      if (level == 1 && !h1_title) {
        h1_title = one_line(plain_of(n));
        return;
      }
      const xmlNode* next = next_element(n);
      if (is_log_caption(plain_of(n)) && named(next, "table") && is_change_log(next)) return;
      in_sections = true;
      if (!text.empty()) out.push_back({std::string(static_cast<size_t>(level), '#') + " " + text});
    } else if (name == "p") {
      std::string inner;
      inline_children(n, inner);
      std::string text = paragraph(inner);
      if (!text.empty() && !header_text(plain_of(n))) out.push_back({text});
    } else if (name == "ul" || name == "ol") {
      list(n, name == "ol", out);
    } else if (name == "li") {
      list_item(n, "- ", out);  // an <li> outside any list
    } else if (name == "table") {
      table(n, out);
    } else if (name == "dl") {
      definition_list(n, out);
    } else if (name == "blockquote") {
      Blocks inner;
      children(n, inner);
      std::string text;
      for (const Block& b : inner) {
        if (!text.empty()) text += ">\n";
        for (std::string_view line : split_lines(b.text)) {
          text += line.empty() ? ">" : "> " + std::string(line);
          text += "\n";
        }
      }
      if (!text.empty()) {
        text.pop_back();
        out.push_back({text});
      }
    } else if (name == "pre") {
      std::string raw;
      for (const xmlNode* c = n->children; c; c = c->next) raw_text(c, raw);
      if (raw.starts_with("\n")) raw.erase(0, 1);
      while (!raw.empty() && raw.back() == '\n') raw.pop_back();
      size_t run = 0, longest = 0;
      for (char c : raw) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
      std::string fence(std::max<size_t>(3, longest + 1), '`');
      out.push_back({fence + "\n" + raw + (raw.empty() ? "" : "\n") + fence});
    } else if (name == "hr") {
      out.push_back({"---"});
    } else {
      children(n, out);
    }
  }

  // Text of preformatted content as is (control characters other than tab and newline
  // dropped).
  void raw_text(const xmlNode* n, std::string& out) {
    Guard g(*this);
    if (!g.ok) return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      std::string_view s = reinterpret_cast<const char*>(n->content ? n->content : BAD_CAST "");
      for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) continue;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F &&
            static_cast<unsigned char>(s[i + 1]) >= 0x80) {
          ++i;
          continue;
        }
        out.push_back(static_cast<char>(c));
      }
    } else if (n->type == XML_ELEMENT_NODE && !is_skipped(name_of(n))) {
      if (named(n, "br")) out.push_back('\n');
      for (const xmlNode* c = n->children; c; c = c->next) raw_text(c, out);
    }
  }

  void definition_list(const xmlNode* dl, Blocks& out) {
    std::vector<std::pair<std::string, std::string>> pairs;
    bool meta = !in_sections;
    std::string term;
    for (const xmlNode* c = dl->children; c; c = c->next) {
      if (named(c, "dt")) term = one_line(plain_of(c));
      if (named(c, "dd")) {
        std::string value = one_line(plain_of(c));
        pairs.emplace_back(term, value);
        meta = meta && meta_key_for_label(term) && !value.empty();
      }
    }
    if (meta && !pairs.empty()) {
      for (const auto& [label, value] : pairs) apply_meta_line(d, label + ": " + value);
      return;
    }
    for (const xmlNode* c = dl->children; c; c = c->next) {
      if (named(c, "dt")) {
        std::string inner;
        inline_children(c, inner);
        std::string text = one_line(inner);
        if (!text.empty()) out.push_back({"**" + text + "**"});
      } else if (named(c, "dd")) {
        children(c, out);
      }
    }
  }

  void head(const xmlNode* n, std::optional<std::string>* title) {
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (named(c, "title") && !*title) *title = one_line(plain_of(c));
      if (named(c, "meta")) {
        std::string name = attr(c, "name"), content = std::string(trim(attr(c, "content")));
        if (!name.empty() && !content.empty() && meta_key_for_label(name) &&
            content.find('|') == std::string::npos) {
          apply_meta_line(d, normalize_label(name) + ": " + content);
        }
      }
    }
  }
};

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

}  // namespace

Result<ImportedDocument> import_html(std::string_view bytes) {
  ISMS_TRY(check_import_bytes(bytes));
  std::string text = normalize_text(bytes);
  static const bool initialized = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialized;
  std::unique_ptr<xmlDoc, DocFree> doc(
      htmlReadMemory(text.data(), static_cast<int>(text.size()), nullptr, "UTF-8",
                     HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                         HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT));
  if (!doc) return file_error("cannot be read as HTML");
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return file_error("holds no HTML elements");

  HtmlImport im;
  std::optional<std::string> head_title;
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (named(c, "head")) im.head(c, &head_title);
  }
  Blocks blocks;
  im.block(root, blocks);
  if (im.too_deep) {
    return file_error("nests HTML elements deeper than " + std::to_string(kMaxHtmlDepth) +
                      " levels");
  }
  std::string body;
  for (const Block& b : blocks) {
    if (!body.empty()) body += "\n";
    body += b.text + "\n";
  }
  im.d.doc.content.body = std::move(body);
  if (!im.d.has_title) {
    if (im.h1_title && !im.h1_title->empty()) {
      im.d.doc.content.title = *im.h1_title;
    } else if (head_title && !head_title->empty()) {
      im.d.doc.content.title = *head_title;
      im.d.doc.notes.push_back("Title taken from the page title (no <h1>).");
    }
  }
  return finish(std::move(im.d), "page");
}

}  // namespace isms
