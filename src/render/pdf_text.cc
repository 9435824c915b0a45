#include "render/pdf_text.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace isms::render_internal {
namespace {

constexpr double kTableFontSize = 9;
constexpr double kCellPadX = 4;
constexpr double kCellPadY = 3;

// The markup's text without tags, for the never-expected case that it does not parse.
std::string strip_tags(std::string_view markup) {
  std::string out;
  bool in_tag = false;
  for (char c : markup) {
    if (c == '<') {
      in_tag = true;
    } else if (c == '>') {
      in_tag = false;
    } else if (!in_tag) {
      out.push_back(c);
    }
  }
  return clean_text(out);
}

// Column widths for natural widths `natural` in `width`: all natural widths, stretched,
// when they fit; otherwise narrow columns keep their natural width (repeatedly: a column
// that needs less than an equal share of what is left gets what it needs) and the wide
// ones share the rest in proportion to their natural widths.
std::vector<double> fit_columns(const std::vector<double>& natural, double width) {
  size_t n = natural.size();
  std::vector<double> w(n, width / static_cast<double>(n));
  double total = std::accumulate(natural.begin(), natural.end(), 0.0);
  if (total <= 0) return w;
  if (total <= width) {
    for (size_t c = 0; c < n; ++c) w[c] = natural[c] * width / total;
    return w;
  }
  std::vector<bool> fixed(n, false);
  double remaining = width;
  size_t open = n;
  for (bool changed = true; changed && open > 0;) {
    changed = false;
    double share = remaining / static_cast<double>(open);
    for (size_t c = 0; c < n; ++c) {
      if (fixed[c] || natural[c] > share) continue;
      w[c] = natural[c];
      fixed[c] = true;
      remaining -= natural[c];
      --open;
      changed = true;
    }
  }
  double open_total = 0;
  for (size_t c = 0; c < n; ++c)
    if (!fixed[c]) open_total += natural[c];
  double min_width = std::min(36.0, width / static_cast<double>(n));
  for (size_t c = 0; c < n; ++c) {
    if (!fixed[c]) w[c] = remaining * natural[c] / open_total;
    w[c] = std::max(w[c], min_width);
  }
  // The minimum may have pushed the sum past the width: shrink all alike.
  double sum = std::accumulate(w.begin(), w.end(), 0.0);
  if (sum > width)
    for (double& x : w) x *= width / sum;
  return w;
}

}  // namespace

std::string markup_escape(std::string_view text) {
  std::string clean = clean_text(text);
  gchar* escaped = g_markup_escape_text(clean.data(), static_cast<gssize>(clean.size()));
  std::string out(escaped);
  g_free(escaped);
  return out;
}

LayoutPtr TextFactory::make(const TextStyle& style) const {
  LayoutPtr layout(pango_layout_new(context_));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, style.family);
  pango_font_description_set_size(font, static_cast<gint>(style.size * PANGO_SCALE));
  if (style.bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
  if (style.italic) pango_font_description_set_style(font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), style.align);
  return layout;
}

LayoutPtr TextFactory::markup(const std::string& markup, const TextStyle& style) const {
  LayoutPtr layout = make(style);
  PangoAttrList* attrs = nullptr;
  char* text = nullptr;
  GError* error = nullptr;
  if (pango_parse_markup(markup.data(), static_cast<int>(markup.size()), 0, &attrs, &text, nullptr,
                         &error)) {
    pango_layout_set_text(layout.get(), text, -1);
    pango_layout_set_attributes(layout.get(), attrs);
    pango_attr_list_unref(attrs);
    g_free(text);
  } else {
    g_error_free(error);
    std::string plain = strip_tags(markup);
    pango_layout_set_text(layout.get(), plain.data(), static_cast<int>(plain.size()));
  }
  return layout;
}

LayoutPtr TextFactory::plain(std::string_view text, const TextStyle& style) const {
  LayoutPtr layout = make(style);
  std::string clean = clean_text(text);
  pango_layout_set_text(layout.get(), clean.data(), static_cast<int>(clean.size()));
  return layout;
}

Cell TextFactory::cell(LayoutPtr layout, const TextStyle& style, double x, double width,
                       double pad_x, double pad_y) const {
  Cell c;
  c.layout = std::move(layout);
  c.x = x;
  c.width = width;
  c.pad_x = pad_x;
  c.pad_y = pad_y;
  c.color = style.color;
  fit_cell(&c);
  return c;
}

double TextFactory::natural_width(PangoLayout* layout) {
  pango_layout_set_width(layout, -1);
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

void append_table(const std::vector<std::vector<std::string>>& markup_rows, bool header,
                  const std::vector<PangoAlignment>& align, const std::vector<double>& fractions,
                  const TextFactory& text, double x, double width, std::vector<Item>* out) {
  size_t ncols = 0;
  for (const auto& row : markup_rows) ncols = std::max(ncols, row.size());
  if (ncols == 0) return;

  // Lay out every cell unwrapped first: the natural widths decide the column widths.
  std::vector<std::vector<LayoutPtr>> layouts;
  std::vector<double> natural(ncols, 0);
  for (size_t r = 0; r < markup_rows.size(); ++r) {
    TextStyle style;
    style.size = kTableFontSize;
    style.bold = header && r == 0;
    std::vector<LayoutPtr> row;
    for (size_t c = 0; c < ncols; ++c) {
      style.align = c < align.size() ? align[c] : PANGO_ALIGN_LEFT;
      const std::string empty;
      const std::string& m = c < markup_rows[r].size() ? markup_rows[r][c] : empty;
      row.push_back(text.markup(m, style));
      if (fractions.empty())
        natural[c] =
            std::max(natural[c], TextFactory::natural_width(row.back().get()) + 2 * kCellPadX + 1);
    }
    layouts.push_back(std::move(row));
  }
  std::vector<double> widths;
  if (fractions.empty()) {
    widths = fit_columns(natural, width);
  } else {
    for (size_t c = 0; c < ncols; ++c)
      widths.push_back(width * (c < fractions.size() ? fractions[c] : 0));
  }

  int header_index = -1;
  size_t first_item = out->size();
  for (size_t r = 0; r < layouts.size(); ++r) {
    Item item;
    item.splittable = false;
    double cx = x;
    for (size_t c = 0; c < ncols; ++c) {
      TextStyle style;
      Cell cell = text.cell(std::move(layouts[r][c]), style, cx, widths[c], kCellPadX, kCellPadY);
      cell.border = true;
      if (header && r == 0) cell.background = Rgb{0.91, 0.92, 0.94};
      item.cells.push_back(std::move(cell));
      cx += widths[c];
    }
    if (header && r == 0) {
      header_index = static_cast<int>(out->size());
    } else {
      item.header_item = header_index;
    }
    out->push_back(std::move(item));
  }
  Item& first = (*out)[first_item];
  first.space_before = 6;
  out->back().space_after = 10;
  if (header_index >= 0 && first_item + 1 < out->size()) {
    // The header never stays behind alone at the foot of a page.
    const Item& row = (*out)[first_item + 1];
    double h = 0;
    for (const Cell& c : row.cells)
      if (!c.lines.empty())
        h = std::max(h, c.lines.back().bottom - c.lines.front().top + 2 * c.pad_y);
    first.keep_with_next = std::min(h, 150.0);
  }
}

}  // namespace isms::render_internal
