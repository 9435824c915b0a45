// A Markdown tree (cmark-gfm) as PDF page-flow items. Walked with cmark's iterator and an
// explicit stack, never by recursion: a hostile body may nest quotes or lists thousands
// deep. Raw HTML is dropped, as in the HTML rendering's safe mode.
#include <cmark-gfm-core-extensions.h>

#include <algorithm>
#include <cstring>

#include "render/pdf_text.h"

namespace isms::render_internal {
namespace {

constexpr double kBodySize = 10;
constexpr double kListIndent = 20;
constexpr double kQuoteIndent = 14;
constexpr double kMarkerGap = 5;
constexpr size_t kMaxInlineTags = 40;  // deeper emphasis keeps its text, not its tags
constexpr double kHeadingSizes[] = {18, 15, 13, 11.5, 10.5, 10};
constexpr Rgb kHeadingColor{0.08, 0.20, 0.40};

bool is_leaf(cmark_node_type t) {
  switch (t) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
      return true;
    default:
      return false;
  }
}

bool type_is(cmark_node* node, const char* name) {
  const char* t = cmark_node_get_type_string(node);
  return t && std::strcmp(t, name) == 0;
}

const char* literal(cmark_node* node) {
  const char* s = cmark_node_get_literal(node);
  return s ? s : "";
}

// Citations in the link colour, underlined; warnings red with an error underline.
void append_marked(std::string_view text, const MarkedBody& marked, std::string* out) {
  for_each_segment(
      text, marked, [&](std::string_view t) { out->append(markup_escape(t)); },
      [&](const Mark& m) {
        out->append(m.warning ? "<span foreground=\"#b3261e\" underline=\"error\">"
                              : "<span foreground=\"#1a5fb4\" underline=\"single\">");
        out->append(markup_escape(m.raw));
        out->append("</span>");
      });
}

// The text of a subtree, tokens back to their raw text.
std::string plain_text(cmark_node* node, const MarkedBody& marked) {
  std::string out;
  cmark_iter* it = cmark_iter_new(node);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) out.append(unmark(literal(n), marked));
    if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) out.push_back(' ');
  }
  cmark_iter_free(it);
  return out;
}

bool printable_url(std::string_view url) {
  auto starts = [&](std::string_view p) {
    if (url.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if ((url[i] | 0x20) != p[i]) return false;
    return true;
  };
  return starts("http://") || starts("https://") || starts("mailto:");
}

// Pango markup for the inline children of `parent`.
std::string inline_markup(cmark_node* parent, const MarkedBody& marked) {
  std::string out;
  std::vector<std::string> closers;  // one per open container, "" past kMaxInlineTags
  auto open = [&](std::string_view opener, std::string closer) {
    if (closers.size() < kMaxInlineTags) {
      out.append(opener);
      closers.push_back(std::move(closer));
    } else {
      closers.emplace_back();
    }
  };
  cmark_iter* it = cmark_iter_new(parent);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(it);
    if (node == parent) continue;
    cmark_node_type t = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_EXIT) {
      if (!closers.empty()) {
        out.append(closers.back());
        closers.pop_back();
      }
      continue;
    }
    switch (t) {
      case CMARK_NODE_TEXT:
        append_marked(literal(node), marked, &out);
        break;
      case CMARK_NODE_SOFTBREAK:
        out.push_back(' ');
        break;
      case CMARK_NODE_LINEBREAK:
        out.append("\u2028");  // a line break within the paragraph
        break;
      case CMARK_NODE_CODE:
        out.append("<span font_family=\"DejaVu Sans Mono\" background=\"#eef0f2\">");
        append_marked(literal(node), marked, &out);
        out.append("</span>");
        break;
      case CMARK_NODE_HTML_INLINE:
        break;  // dropped, as in the HTML rendering
      case CMARK_NODE_EMPH:
        open("<i>", "</i>");
        break;
      case CMARK_NODE_STRONG:
        open("<b>", "</b>");
        break;
      case CMARK_NODE_LINK: {
        // On paper a link is only useful with its address: printed after the text when
        // the text does not already show it. Other schemes (javascript:) are not shown.
        std::string url = unmark(cmark_node_get_url(node) ? cmark_node_get_url(node) : "", marked);
        std::string text = plain_text(node, marked);
        std::string closer = "</span>";
        if (printable_url(url) && text != url && "mailto:" + text != url)
          closer +=
              " <span size=\"smaller\" foreground=\"#5e5e5e\">(" + markup_escape(url) + ")</span>";
        open("<span foreground=\"#1a4f8b\" underline=\"single\">", std::move(closer));
        break;
      }
      case CMARK_NODE_IMAGE:
        open("<i>[Image: ", "]</i>");
        break;
      default:
        if (is_leaf(t)) break;
        if (type_is(node, "strikethrough")) {
          open("<s>", "</s>");
        } else {
          open("", "");
        }
    }
  }
  cmark_iter_free(it);
  while (!closers.empty()) {  // never expected: the iterator closes what it opens
    out.append(closers.back());
    closers.pop_back();
  }
  return out;
}

class BodyWalker {
 public:
  BodyWalker(const MarkedBody& marked, const std::vector<int>& heading_sections,
             const TextFactory& text, double width, std::vector<Item>* out)
      : marked_(marked), headings_(heading_sections), text_(text), width_(width), out_(out) {}

  void run(cmark_node* root) {
    cmark_iter* it = cmark_iter_new(root);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
      cmark_node* node = cmark_iter_get_node(it);
      cmark_node_type t = cmark_node_get_type(node);
      if (ev == CMARK_EVENT_EXIT) {
        exit(node, t);
        continue;
      }
      switch (t) {
        case CMARK_NODE_BLOCK_QUOTE:
          indents_.push_back(indent_);
          bars_.push_back(x() + 4);
          indent_ += kQuoteIndent;
          break;
        case CMARK_NODE_LIST:
          lists_.push_back({cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                            cmark_node_get_list_start(node),
                            cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM,
                            cmark_node_get_list_tight(node) != 0});
          break;
        case CMARK_NODE_ITEM:
          begin_item(node);
          break;
        case CMARK_NODE_PARAGRAPH:
          paragraph(node);
          cmark_iter_reset(it, node, CMARK_EVENT_EXIT);  // children are in the markup
          break;
        case CMARK_NODE_HEADING:
          heading(node);
          cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
          break;
        case CMARK_NODE_CODE_BLOCK:
          code_block(node);
          break;
        case CMARK_NODE_THEMATIC_BREAK: {
          Item rule;
          rule.kind = ItemKind::kRule;
          rule.rule_x0 = x();
          rule.rule_x1 = width_;
          rule.space_before = rule.space_after = 8;
          out_->push_back(std::move(rule));
          break;
        }
        default:
          if (type_is(node, "table")) {
            table(node);
            cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
          }
      }
    }
    cmark_iter_free(it);
  }

 private:
  struct List {
    bool ordered;
    int next;
    bool paren;
    bool tight;
  };

  // Left edge of the current block; deep nesting stops indenting at 60% of the width.
  double x() const { return std::min(indent_, width_ * 0.6); }

  void exit(cmark_node* node, cmark_node_type t) {
    if (t == CMARK_NODE_BLOCK_QUOTE && !indents_.empty()) {
      indent_ = indents_.back();
      indents_.pop_back();
      if (!bars_.empty()) bars_.pop_back();
    } else if (t == CMARK_NODE_LIST && !lists_.empty()) {
      lists_.pop_back();
      if (!out_->empty()) out_->back().space_after = std::max(out_->back().space_after, 7.0);
    } else if (t == CMARK_NODE_ITEM && !indents_.empty()) {
      if (!marker_.empty()) emit_text("", TextStyle{}, 3);  // an empty item keeps its bullet
      indent_ = indents_.back();
      indents_.pop_back();
    }
    (void)node;
  }

  void begin_item(cmark_node* node) {
    if (!marker_.empty()) emit_text("", TextStyle{}, 3);  // "- - a": the outer bullet's line
    std::string marker;
    if (type_is(node, "tasklist")) {
      marker = cmark_gfm_extensions_get_tasklist_item_checked(node) ? "\u2611" : "\u2610";
    } else if (!lists_.empty() && lists_.back().ordered) {
      marker = std::to_string(lists_.back().next++) + (lists_.back().paren ? ")" : ".");
    } else {
      static const char* const kBullets[] = {"\u2022", "\u25e6", "\u25aa"};
      marker = kBullets[(lists_.empty() ? 0 : lists_.size() - 1) % 3];
    }
    indents_.push_back(indent_);
    indent_ += kListIndent;
    marker_ = marker;
    marker_right_ = x() - kMarkerGap;
  }

  bool tight(cmark_node* node) const {
    cmark_node* parent = cmark_node_parent(node);
    return parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM && !lists_.empty() &&
           lists_.back().tight;
  }

  // A text block at the current indent, with the pending list marker and quote bars.
  Item& emit(LayoutPtr layout, const TextStyle& style, double space_after, double pad = 0) {
    Item item;
    double left = x();
    item.cells.push_back(text_.cell(std::move(layout), style, left, width_ - left, pad, pad));
    item.space_after = space_after;
    item.bars = bars_;
    if (!marker_.empty()) {
      TextStyle ms;
      LayoutPtr m = text_.plain(marker_, ms);
      double w = TextFactory::natural_width(m.get());
      item.marker = text_.cell(std::move(m), ms, std::max(0.0, marker_right_ - w - 1), w + 2);
      marker_.clear();
    }
    out_->push_back(std::move(item));
    return out_->back();
  }

  void emit_text(const std::string& markup, const TextStyle& style, double space_after) {
    emit(text_.markup(markup, style), style, space_after);
  }

  void paragraph(cmark_node* node) {
    TextStyle style;
    style.size = kBodySize;
    emit_text(inline_markup(node, marked_), style, tight(node) ? 3 : 7);
  }

  void heading(cmark_node* node) {
    int level = std::clamp(cmark_node_get_heading_level(node), 1, 6);
    TextStyle style;
    style.size = kHeadingSizes[level - 1];
    style.bold = true;
    style.color = kHeadingColor;
    Item& item = emit(text_.markup(inline_markup(node, marked_), style), style, 5);
    item.space_before = level <= 2 ? 14 : 10;
    item.splittable = false;
    item.keep_with_next = 40;  // a heading is never the last thing on a page
    if (heading_no_ < headings_.size()) item.section = headings_[heading_no_];
    ++heading_no_;
  }

  void code_block(cmark_node* node) {
    std::string_view code = literal(node);
    if (!code.empty() && code.back() == '\n') code.remove_suffix(1);
    std::string markup;
    append_marked(code, marked_, &markup);
    TextStyle style;
    style.family = kMonoFamily;
    style.size = 8.5;
    Item& item = emit(text_.markup(markup, style), style, 8, 6);
    item.cells[0].background = Rgb{0.955, 0.96, 0.965};
    item.space_before = 2;
  }

  void table(cmark_node* node) {
    uint16_t ncols = cmark_gfm_extensions_get_table_columns(node);
    uint8_t* aligns = cmark_gfm_extensions_get_table_alignments(node);
    std::vector<PangoAlignment> align;
    for (uint16_t c = 0; c < ncols; ++c) {
      uint8_t a = aligns ? aligns[c] : 0;
      align.push_back(a == 'c'   ? PANGO_ALIGN_CENTER
                      : a == 'r' ? PANGO_ALIGN_RIGHT
                                 : PANGO_ALIGN_LEFT);
    }
    std::vector<std::vector<std::string>> rows;
    bool header = false;
    for (cmark_node* row = cmark_node_first_child(node); row; row = cmark_node_next(row)) {
      if (rows.empty()) header = cmark_gfm_extensions_get_table_row_is_header(row) != 0;
      std::vector<std::string> cells;
      for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
        cells.push_back(inline_markup(cell, marked_));
      rows.push_back(std::move(cells));
    }
    if (!marker_.empty()) emit_text("", TextStyle{}, 0);  // a table first in a list item
    size_t first = out_->size();
    double left = x();
    append_table(rows, header, align, {}, text_, left, width_ - left, out_);
    for (size_t i = first; i < out_->size(); ++i) (*out_)[i].bars = bars_;
  }

  const MarkedBody& marked_;
  const std::vector<int>& headings_;
  const TextFactory& text_;
  double width_;
  std::vector<Item>* out_;

  double indent_ = 0;
  std::vector<double> indents_;  // indent to restore at each open quote or item's exit
  std::vector<double> bars_;
  std::vector<List> lists_;
  std::string marker_;  // pending list marker, drawn beside the item's first block
  double marker_right_ = 0;
  size_t heading_no_ = 0;
};

}  // namespace

void append_markdown_items(cmark_node* root, const MarkedBody& marked,
                           const std::vector<int>& heading_sections, const TextFactory& text,
                           double width, std::vector<Item>* out) {
  BodyWalker(marked, heading_sections, text, width, out).run(root);
}

}  // namespace isms::render_internal
