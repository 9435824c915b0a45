// Internal to src/render: making Pango layouts for the PDF (fonts, wrapping, markup) and
// turning Markdown into page-flow items (pdf_layout.h).
#pragma once

#include <cmark-gfm.h>

#include <string>
#include <string_view>
#include <vector>

#include "render/pdf_layout.h"
#include "render/render_common.h"

namespace isms::render_internal {

inline constexpr const char* kSansFamily = "DejaVu Sans";
inline constexpr const char* kMonoFamily = "DejaVu Sans Mono";

struct TextStyle {
  const char* family = kSansFamily;
  double size = 10;  // points
  bool bold = false;
  bool italic = false;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  Rgb color{0.11, 0.11, 0.12};
};

// Layouts on one PangoContext (72 dpi: one Pango point is one PDF point). Every layout
// wraps at word boundaries and, inside a word longer than the line, between characters,
// so no text ever runs past its box.
class TextFactory {
 public:
  explicit TextFactory(PangoContext* context) : context_(context) {}

  // Pango markup; when it does not parse (it should always), the text without tags.
  LayoutPtr markup(const std::string& markup, const TextStyle& style) const;
  LayoutPtr plain(std::string_view text, const TextStyle& style) const;

  // A cell of `width` at `x` holding `layout`, laid out.
  Cell cell(LayoutPtr layout, const TextStyle& style, double x, double width, double pad_x = 0,
            double pad_y = 0) const;

  // Width of the layout's text on one line (no wrapping), in points.
  static double natural_width(PangoLayout* layout);

 private:
  LayoutPtr make(const TextStyle& style) const;
  PangoContext* context_;
};

// Text for Pango markup: cleaned (clean_text) and escaped.
std::string markup_escape(std::string_view text);

// Appends the items of a Markdown body (parsed from marked.markdown). `heading_sections`
// is heading_sections() of the same tree. Citations and warnings are coloured.
void append_markdown_items(cmark_node* root, const MarkedBody& marked,
                           const std::vector<int>& heading_sections, const TextFactory& text,
                           double width, std::vector<Item>* out);

// Table rows as items with column widths fitted to `width` from the cells' natural
// widths. rows[0] is the header when `header` (bold, shaded, repeated on each page).
// `fractions`, when not empty, fixes each column's share of the width instead.
void append_table(const std::vector<std::vector<std::string>>& markup_rows, bool header,
                  const std::vector<PangoAlignment>& align, const std::vector<double>& fractions,
                  const TextFactory& text, double x, double width, std::vector<Item>* out);

}  // namespace isms::render_internal
