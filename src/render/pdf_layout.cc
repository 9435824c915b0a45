#include "render/pdf_layout.h"

#include <algorithm>
#include <cstdio>
#include <new>

namespace isms::render_internal {
namespace {

constexpr double kEpsilon = 0.01;  // points; layout arithmetic is in doubles

double to_points(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }

// Lines [start, end) of one cell that fit in `height` (its padding included).
size_t take_lines(const Cell& cell, size_t start, double height) {
  size_t k = start;
  if (k >= cell.lines.size()) return k;
  double top = cell.lines[k].top;
  while (k < cell.lines.size() && cell.lines[k].bottom - top + 2 * cell.pad_y <= height + kEpsilon)
    ++k;
  return k;
}

double lines_height(const Cell& cell, size_t first, size_t last) {
  if (last <= first) return 0;
  return cell.lines[last - 1].bottom - cell.lines[first].top + 2 * cell.pad_y;
}

double item_height(const Item& item) {
  double h = 0;
  for (const Cell& c : item.cells) h = std::max(h, lines_height(c, 0, c.lines.size()));
  return h;
}

void set_rgb(cairo_t* cr, const Rgb& c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

class Flow {
 public:
  Flow(const std::vector<Item>& items, const PageGeometry& g, size_t sections, cairo_t* cr,
       const std::function<void(int)>& decorate, const FlowResult* links)
      : items_(items), g_(g), cr_(cr), decorate_(decorate), links_(links) {
    result_.section_pages.assign(sections, 0);
    result_.section_y.assign(sections, 0);
  }

  FlowResult run() {
    y_ = g_.content_top;
    if (cr_) decorate_(1);
    for (size_t i = 0; i < items_.size(); ++i) {
      const Item& item = items_[i];
      switch (item.kind) {
        case ItemKind::kPageBreak:
          if (!at_top()) new_page();
          break;
        case ItemKind::kRule:
          place_rule(item);
          break;
        case ItemKind::kBlock:
          place_block(i);
          break;
      }
    }
    result_.pages = page_;
    return result_;
  }

 private:
  bool at_top() const { return y_ <= g_.content_top + kEpsilon; }

  void new_page() {
    if (cr_) cairo_show_page(cr_);
    ++page_;
    y_ = g_.content_top;
    if (cr_) decorate_(page_);
  }

  void place_rule(const Item& item) {
    double before = at_top() ? 0 : item.space_before;
    if (y_ + before + 1 + item.space_after > g_.content_bottom && !at_top()) {
      new_page();
      before = 0;
    }
    y_ += before;
    if (cr_) {
      cairo_set_source_rgb(cr_, 0.7, 0.7, 0.7);
      cairo_set_line_width(cr_, 0.75);
      cairo_move_to(cr_, g_.content_left() + item.rule_x0, y_ + 0.5);
      cairo_line_to(cr_, g_.content_left() + item.rule_x1, y_ + 0.5);
      cairo_stroke(cr_);
    }
    y_ += 1 + item.space_after;
  }

  void place_block(size_t index) {
    const Item& item = items_[index];
    double y0 = at_top() ? y_ : y_ + item.space_before;
    bool fits = y0 + item_height(item) + item.keep_with_next <= g_.content_bottom + kEpsilon;
    if (!fits && !at_top()) {
      // A paragraph, or a row too tall for any page, may start here when at least two of
      // its lines (or all, if fewer) fit; anything else starts on the next page.
      bool too_tall = item_height(item) > g_.content_bottom - g_.content_top;
      bool split_here = false;
      if ((item.splittable || too_tall) && item.keep_with_next <= 0 && !item.cells.empty()) {
        const Cell& c = item.cells[0];
        size_t n = take_lines(c, 0, g_.content_bottom - y0);
        split_here = n >= std::min<size_t>(2, c.lines.size());
      }
      if (!split_here) {
        new_page();
        y0 = y_;
      }
    }
    std::vector<size_t> start(item.cells.size(), 0);
    bool first = true;
    for (;;) {
      bool fresh = y0 <= g_.content_top + kEpsilon;
      if (fresh && item.header_item >= 0 && static_cast<size_t>(item.header_item) != index) {
        y0 += draw_whole(items_[static_cast<size_t>(item.header_item)], y0);
      }
      std::vector<size_t> end(item.cells.size());
      bool any = false;
      bool done = true;
      for (size_t c = 0; c < item.cells.size(); ++c) {
        end[c] = take_lines(item.cells[c], start[c], g_.content_bottom - y0);
        if (end[c] > start[c]) any = true;
        if (end[c] < item.cells[c].lines.size()) done = false;
      }
      if (!done && !any) {
        if (!fresh) {
          new_page();
          y0 = y_;
          continue;
        }
        // Not one line fits on an empty page (a huge font): draw one anyway, never loop.
        for (size_t c = 0; c < item.cells.size(); ++c)
          if (end[c] < item.cells[c].lines.size()) end[c] = start[c] + 1;
        done = true;
        for (size_t c = 0; c < item.cells.size(); ++c)
          if (end[c] < item.cells[c].lines.size()) done = false;
      }
      double h = 0;
      for (size_t c = 0; c < item.cells.size(); ++c)
        h = std::max(h, lines_height(item.cells[c], start[c], end[c]));
      if (first && item.section >= 0) {
        result_.section_pages[static_cast<size_t>(item.section)] = page_;
        result_.section_y[static_cast<size_t>(item.section)] = y0;
      }
      if (cr_) draw_fragment(item, start, end, y0, h, first);
      first = false;
      y_ = y0 + h;
      if (done) break;
      new_page();
      y0 = y_;
      start = end;
    }
    y_ += item.space_after;
  }

  // A table's header row repeated at the top of a page; returns its height.
  double draw_whole(const Item& header, double y0) {
    std::vector<size_t> start(header.cells.size(), 0);
    std::vector<size_t> end(header.cells.size());
    for (size_t c = 0; c < header.cells.size(); ++c) end[c] = header.cells[c].lines.size();
    double h = item_height(header);
    if (cr_) draw_fragment(header, start, end, y0, h, false);
    return h;
  }

  void draw_fragment(const Item& item, const std::vector<size_t>& start,
                     const std::vector<size_t>& end, double y0, double h, bool first) {
    const double left = g_.content_left();
    for (const Cell& c : item.cells) {
      if (!c.background) continue;
      set_rgb(cr_, *c.background);
      cairo_rectangle(cr_, left + c.x, y0, c.width, h);
      cairo_fill(cr_);
    }
    if (!item.bars.empty()) {
      cairo_set_source_rgb(cr_, 0.72, 0.72, 0.72);
      cairo_set_line_width(cr_, 2);
      for (double x : item.bars) {
        // Bars join across the spacing between quoted blocks, never into the header.
        cairo_move_to(cr_, left + x, std::max(g_.content_top, y0 - item.space_before));
        cairo_line_to(cr_, left + x, std::min(g_.content_bottom, y0 + h + item.space_after));
      }
      cairo_stroke(cr_);
    }
    bool link = item.link_section >= 0 && links_ &&
                static_cast<size_t>(item.link_section) < links_->section_pages.size() &&
                links_->section_pages[static_cast<size_t>(item.link_section)] > 0;
    if (link) {
      char attrs[96];
      std::snprintf(attrs, sizeof attrs, "page=%d pos=[0 %.1f]",
                    links_->section_pages[static_cast<size_t>(item.link_section)],
                    links_->section_y[static_cast<size_t>(item.link_section)]);
      cairo_tag_begin(cr_, CAIRO_TAG_LINK, attrs);
    }
    for (size_t i = 0; i < item.cells.size(); ++i) {
      const Cell& c = item.cells[i];
      if (end[i] > start[i])
        draw_lines(cr_, c, start[i], end[i], left + c.x + c.pad_x, y0 + c.pad_y);
    }
    if (first && item.marker && !item.cells.empty() && !item.cells[0].lines.empty() &&
        !item.marker->lines.empty()) {
      // The marker shares the baseline of the item's first line.
      const Cell& c0 = item.cells[0];
      const Cell& m = *item.marker;
      double y = y0 + c0.pad_y + (c0.lines[0].baseline - c0.lines[0].top) -
                 (m.lines[0].baseline - m.lines[0].top);
      draw_lines(cr_, m, 0, 1, left + m.x + m.pad_x, y);
    }
    if (link) cairo_tag_end(cr_, CAIRO_TAG_LINK);
    for (const Cell& c : item.cells) {
      if (!c.border) continue;
      cairo_set_source_rgb(cr_, 0.62, 0.62, 0.62);
      cairo_set_line_width(cr_, 0.5);
      cairo_rectangle(cr_, left + c.x, y0, c.width, h);
      cairo_stroke(cr_);
    }
  }

  const std::vector<Item>& items_;
  const PageGeometry& g_;
  cairo_t* cr_;
  const std::function<void(int)>& decorate_;
  const FlowResult* links_;
  FlowResult result_;
  int page_ = 1;
  double y_ = 0;
};

}  // namespace

std::vector<LineBox> layout_lines(PangoLayout* layout) {
  std::vector<LineBox> lines;
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    LineBox line;
    line.top = to_points(logical.y);
    line.bottom = to_points(logical.y + logical.height);
    line.baseline = to_points(pango_layout_iter_get_baseline(iter));
    line.x = to_points(logical.x);
    lines.push_back(line);
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return lines;
}

void fit_cell(Cell* cell) {
  double inner = std::max(1.0, cell->width - 2 * cell->pad_x);
  pango_layout_set_width(cell->layout.get(), static_cast<int>(inner * PANGO_SCALE));
  cell->lines = layout_lines(cell->layout.get());
}

void draw_lines(cairo_t* cr, const Cell& cell, size_t first, size_t last, double x, double y) {
  set_rgb(cr, cell.color);
  // The line list is a singly linked list: walk it once instead of indexing each line.
  GSList* node =
      g_slist_nth(pango_layout_get_lines_readonly(cell.layout.get()), static_cast<guint>(first));
  double top = cell.lines[first].top;
  for (size_t k = first; k < last && node; ++k, node = node->next) {
    cairo_move_to(cr, x + cell.lines[k].x, y + cell.lines[k].baseline - top);
    pango_cairo_show_layout_line(cr, static_cast<PangoLayoutLine*>(node->data));
  }
}

FlowResult flow(const std::vector<Item>& items, const PageGeometry& geometry, size_t sections,
                cairo_t* cr, const std::function<void(int page)>& decorate,
                const FlowResult* links) {
  return Flow(items, geometry, sections, cr, decorate, links).run();
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  try {  // no exception may cross cairo's C frames
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (const std::bad_alloc&) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

std::string pdf_date(std::string_view at) {
  if (at.size() < 20 || at[4] != '-' || at[7] != '-' || at[10] != 'T' || at[13] != ':' ||
      at[16] != ':')
    return "";
  std::string out(at.substr(0, 19));
  if (at.back() == 'Z' || at.back() == 'z') return out + "Z";
  std::string_view zone = at.substr(at.size() - 6);
  if ((zone[0] == '+' || zone[0] == '-') && zone[3] == ':') return out + std::string(zone);
  return "";
}

}  // namespace isms::render_internal
