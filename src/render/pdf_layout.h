// Internal to src/render: the PDF page flow. A document is a list of Items (paragraphs,
// headings, table rows, rules, page breaks), each one or more Pango layouts already laid
// out to their widths. flow() places them on A4 pages top to bottom: it keeps rows and
// headings whole where it can, breaks paragraphs and over-tall rows between lines (never
// through one), repeats a table's header row on each page the table continues on, and
// records where each section heading landed. Run without a cairo context it only
// measures; with one it draws, calling `decorate` at the start of every page.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace isms::render_internal {

struct Rgb {
  double r = 0, g = 0, b = 0;
};

// A4 portrait in points; content between the running header and footer.
struct PageGeometry {
  double width = 595.276;
  double height = 841.89;
  double margin_x = 56.7;  // 20 mm
  double content_top = 90;
  double content_bottom = 780;
  double content_left() const { return margin_x; }
  double content_width() const { return width - 2 * margin_x; }
};

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

// One line of a laid-out paragraph, in points relative to the layout's top left.
struct LineBox {
  double top = 0;
  double bottom = 0;
  double baseline = 0;
  double x = 0;  // left edge of the line's logical extent (alignment, indentation)
};

// Lines of `layout` after its width and text are final.
std::vector<LineBox> layout_lines(PangoLayout* layout);

// A box with text: x and width relative to the content's left edge.
struct Cell {
  LayoutPtr layout;
  std::vector<LineBox> lines;
  double x = 0;
  double width = 0;
  double pad_x = 0;
  double pad_y = 0;
  std::optional<Rgb> background;
  bool border = false;
  Rgb color{0.11, 0.11, 0.12};  // text not coloured by markup
};

// Sets the cell's layout width from its box and (re)computes its lines.
void fit_cell(Cell* cell);

enum class ItemKind { kBlock, kRule, kPageBreak };

struct Item {
  ItemKind kind = ItemKind::kBlock;
  std::vector<Cell> cells;  // side by side (a table row); one for a paragraph
  double space_before = 0;  // dropped at the top of a page
  double space_after = 0;
  // Paragraphs may break between any lines (at least two on the first page); rows and
  // headings only when they are taller than a whole page.
  bool splittable = true;
  double keep_with_next = 0;   // room needed below the item, or it starts a new page
  int section = -1;            // heading of that section: its page is recorded
  int link_section = -1;       // TOC row: links to that section's heading
  int header_item = -1;        // table row: index of its header row (repeated on new pages)
  std::vector<double> bars;    // block quote bars at these x positions
  std::optional<Cell> marker;  // list bullet or number, beside the first line of cells[0]
  double rule_x0 = 0;          // kRule: horizontal extent
  double rule_x1 = 0;
};

struct FlowResult {
  int pages = 1;
  std::vector<int> section_pages;  // 1-based, 0 when the section has no heading item
  std::vector<double> section_y;   // top of the heading on its page, cairo coordinates
};

// Places `items`; draws when `cr` is not null (cairo_show_page between pages, decorate
// called with the page number at each page's start, section links from `links`).
FlowResult flow(const std::vector<Item>& items, const PageGeometry& geometry, size_t sections,
                cairo_t* cr, const std::function<void(int page)>& decorate,
                const FlowResult* links);

// Draws lines [first, last) of a layout with the top of line `first` at (x, y).
void draw_lines(cairo_t* cr, const Cell& cell, size_t first, size_t last, double x, double y);

// cairo_pdf_surface_create_for_stream's writer: appends to the std::string at `closure`;
// a failed allocation becomes CAIRO_STATUS_WRITE_ERROR (no exception crosses cairo's frames).
cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length);

// cairo's PDF date form, YYYY-MM-DDThh:mm:ss with Z or ±hh:mm, from RFC 3339 (fractional
// seconds dropped); "" when `at` is not RFC 3339.
std::string pdf_date(std::string_view at);

}  // namespace isms::render_internal
