// Reports as PDF (report_pdf.h): title block, facts, sections of paragraphs and tables on
// A4 portrait or landscape, with the running header (classification label, title) and
// footer (organization, generation time, "Page n of N") on every page. The page flow is
// pdf_layout.cc's; this file only builds its items. All text is laid out as plain text
// (never parsed as Pango markup), so nothing a user typed can change the styling.
#include <cairo-pdf.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <new>

#include "domain/classification.h"
#include "render/pdf_text.h"
#include "render/report_pdf.h"

namespace isms {
namespace {

using namespace render_internal;  // NOLINT: this file is the report renderer's top level

constexpr double kHeaderTop = 28;
constexpr double kFooterBottom = 26;
constexpr double kRunningSize = 8;
constexpr double kCellPadX = 4;
constexpr double kCellPadY = 3;
constexpr Rgb kHeaderShade{0.91, 0.92, 0.94};
constexpr Rgb kHeadingColour{0.08, 0.20, 0.40};
constexpr Rgb kGrey{0.35, 0.35, 0.35};

PageGeometry geometry_for(bool landscape) {
  PageGeometry g;
  if (landscape) {
    // Wide tables need the width more than the margins: 15 mm instead of 20.
    std::swap(g.width, g.height);
    g.margin_x = 42.5;
  }
  return g;
}

// "Confidential" / "customer data" / "Customer data" -> the Classification, if any, for
// the label's colour; other labels are printed in dark grey.
Rgb label_colour(std::string_view label) {
  std::string name;
  for (char c : label) {
    if (c == ' ' || c == '-') {
      name.push_back('_');
    } else {
      name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  std::optional<Classification> c = parse_classification(name);
  if (!c) return {0.25, 0.25, 0.25};
  switch (*c) {
    case Classification::kPublic:
      return {0.13, 0.47, 0.18};
    case Classification::kInternal:
      return {0.08, 0.38, 0.72};
    case Classification::kConfidential:
      return {0.80, 0.32, 0.0};
    case Classification::kCustomerData:
      return {0.70, 0.10, 0.10};
  }
  return {};
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "#RRGGBB" as a colour; nothing for any other form (the cell stays unshaded).
std::optional<Rgb> parse_colour(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return std::nullopt;
  double v[3];
  for (int i = 0; i < 3; ++i) {
    int hi = hex_digit(s[1 + 2 * i]);
    int lo = hex_digit(s[2 + 2 * i]);
    if (hi < 0 || lo < 0) return std::nullopt;
    v[i] = (hi * 16 + lo) / 255.0;
  }
  return Rgb{v[0], v[1], v[2]};
}

// Text on a dark fill is white, so a red "critical" cell stays readable.
bool dark(const Rgb& c) { return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b < 0.5; }

class ReportPdf {
 public:
  ReportPdf(const Report& report, PangoContext* pango)
      : r_(report), text_(pango), g_(geometry_for(report.landscape)) {
    // Landscape reports carry the wide tables: a smaller type fits more columns.
    table_size_ = report.landscape ? 8 : 9;
  }

  void render(cairo_surface_t* surface, cairo_t* cr) {
    build_running();
    build_title_block();
    for (size_t i = 0; i < r_.sections.size(); ++i) build_section(i);
    const std::function<void(int)> none = [](int) {};
    FlowResult layout = flow(items_, g_, r_.sections.size(), nullptr, none, nullptr);
    pages_ = layout.pages;
    const std::function<void(int)> decorate = [&](int page) { draw_running(cr, page); };
    flow(items_, g_, r_.sections.size(), cr, decorate, nullptr);
    add_outline(surface, layout);
  }

 private:
  void build_running() {
    double w = g_.content_width();
    TextStyle label;
    label.size = kRunningSize + 1;
    label.bold = true;
    label.color = label_colour(r_.classification_label);
    LayoutPtr l = text_.plain(upper_ascii(r_.classification_label), label);
    double lw = std::min(TextFactory::natural_width(l.get()) + 2, w * 0.4);
    header_.push_back(text_.cell(std::move(l), label, 0, lw));
    TextStyle title;
    title.size = kRunningSize;
    title.align = PANGO_ALIGN_RIGHT;
    title.color = kGrey;
    header_.push_back(text_.cell(text_.plain(r_.title, title), title, lw + 12, w - lw - 12));
    double hh = 0;
    for (const Cell& c : header_) hh = std::max(hh, c.lines.back().bottom);
    header_rule_ = kHeaderTop + hh + 4;
    g_.content_top = header_rule_ + 12;

    TextStyle foot = title;
    foot.align = PANGO_ALIGN_LEFT;
    footer_.push_back(text_.cell(text_.plain(r_.organization_name, foot), foot, 0, w * 0.35));
    foot.align = PANGO_ALIGN_CENTER;
    std::string generated = r_.generated_at.empty() ? "" : "Generated " + r_.generated_at;
    footer_.push_back(text_.cell(text_.plain(generated, foot), foot, w * 0.35, w * 0.3));
    foot.align = PANGO_ALIGN_RIGHT;
    footer_.push_back(text_.cell(text_.plain("Page 9999 of 9999", foot), foot, w * 0.65, w * 0.35));
    double fh = 0;
    for (const Cell& c : footer_) fh = std::max(fh, c.lines.back().bottom);
    footer_top_ = g_.height - kFooterBottom - fh;
    g_.content_bottom = footer_top_ - 12;
  }

  void draw_running(cairo_t* cr, int page) {
    double left = g_.content_left();
    for (const Cell& c : header_) draw_lines(cr, c, 0, c.lines.size(), left + c.x, kHeaderTop);
    std::string number = "Page " + std::to_string(page) + " of " + std::to_string(pages_);
    pango_layout_set_text(footer_[2].layout.get(), number.data(), static_cast<int>(number.size()));
    fit_cell(&footer_[2]);
    for (const Cell& c : footer_) draw_lines(cr, c, 0, c.lines.size(), left + c.x, footer_top_);
    cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, left, header_rule_);
    cairo_line_to(cr, left + g_.content_width(), header_rule_);
    cairo_move_to(cr, left, footer_top_ - 6);
    cairo_line_to(cr, left + g_.content_width(), footer_top_ - 6);
    cairo_stroke(cr);
  }

  void text_item(const std::string& text, const TextStyle& style, double space_after,
                 bool splittable = true) {
    Item item;
    item.cells.push_back(text_.cell(text_.plain(text, style), style, 0, g_.content_width()));
    item.space_after = space_after;
    item.splittable = splittable;
    items_.push_back(std::move(item));
  }

  void build_title_block() {
    TextStyle title;
    title.size = 20;
    title.bold = true;
    title.color = kHeadingColour;
    text_item(r_.title, title, 4, false);
    TextStyle sub;
    sub.size = 11;
    sub.color = kGrey;
    if (!r_.subtitle.empty()) text_item(r_.subtitle, sub, 2, false);
    if (!r_.organization_name.empty()) text_item(r_.organization_name, sub, 2, false);
    if (r_.facts.empty()) {
      items_.back().space_after = 14;
      return;
    }
    ReportTable facts;
    facts.column_weights = {0.3, 0.7};
    for (const auto& [key, value] : r_.facts)
      facts.rows.push_back({{key, {}, true}, {value, {}, false}});
    // The facts read as a block under the title, not as a page-wide table.
    append_table(facts, std::min(g_.content_width(), 460.0));
    items_.back().space_after = 16;
  }

  void build_section(size_t index) {
    const ReportSection& s = r_.sections[index];
    if (!s.heading.empty()) {
      TextStyle style;
      style.size = 14;
      style.bold = true;
      style.color = kHeadingColour;
      Item item;
      item.cells.push_back(text_.cell(text_.plain(s.heading, style), style, 0, g_.content_width()));
      item.space_before = 14;
      item.space_after = 4;
      item.splittable = false;
      item.keep_with_next = 40;
      item.section = static_cast<int>(index);
      items_.push_back(std::move(item));
    }
    TextStyle body;
    for (const std::string& p : s.paragraphs) text_item(p, body, 6);
    for (const ReportTable& t : s.tables) append_table(t, g_.content_width());
  }

  // A table row by row: the header row shaded and repeated on every page the table
  // continues on, column widths from the weights (equal when they do not fit the
  // columns), cells shaded with their own colour. In a header_column table (a matrix) the
  // first column looks like the header and the other columns are centred; other tables
  // centre the columns marked in `centered`.
  void append_table(const ReportTable& t, double width) {
    size_t ncols = t.header.size();
    for (const auto& row : t.rows) ncols = std::max(ncols, row.size());
    if (ncols == 0) return;
    std::vector<double> weights(ncols, 1.0);
    if (t.column_weights.size() == ncols &&
        std::all_of(t.column_weights.begin(), t.column_weights.end(),
                    [](double w) { return w > 0; }))
      weights = t.column_weights;
    double total = 0;
    for (double w : weights) total += w;
    std::vector<double> widths;
    for (double w : weights) widths.push_back(width * w / total);

    size_t first_item = items_.size();
    int header_index = -1;
    auto align_of = [&](size_t c) {
      bool centre = (t.header_column && c > 0) || (c < t.centered.size() && t.centered[c]);
      return centre ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
    };
    if (!t.header.empty()) {
      Item item;
      item.splittable = false;
      double x = 0;
      for (size_t c = 0; c < ncols; ++c) {
        TextStyle style;
        style.size = table_size_;
        style.bold = true;
        style.align = align_of(c);
        std::string text = c < t.header.size() ? t.header[c] : "";
        Cell cell = text_.cell(text_.plain(text, style), style, x, widths[c], kCellPadX, kCellPadY);
        cell.border = true;
        cell.background = kHeaderShade;
        item.cells.push_back(std::move(cell));
        x += widths[c];
      }
      header_index = static_cast<int>(items_.size());
      items_.push_back(std::move(item));
    }
    const ReportCell empty;
    for (const auto& row : t.rows) {
      Item item;
      item.splittable = false;
      item.header_item = header_index;
      double x = 0;
      for (size_t c = 0; c < ncols; ++c) {
        const ReportCell& rc = c < row.size() ? row[c] : empty;
        bool header_like = t.header_column && c == 0;
        TextStyle style;
        style.size = table_size_;
        style.bold = rc.bold || header_like;
        style.align = align_of(c);
        std::optional<Rgb> fill = rc.background ? parse_colour(*rc.background) : std::nullopt;
        if (!fill && header_like) fill = kHeaderShade;
        if (fill && dark(*fill)) style.color = {1, 1, 1};
        Cell cell =
            text_.cell(text_.plain(rc.text, style), style, x, widths[c], kCellPadX, kCellPadY);
        cell.border = true;
        cell.background = fill;
        item.cells.push_back(std::move(cell));
        x += widths[c];
      }
      items_.push_back(std::move(item));
    }
    items_[first_item].space_before = 6;
    items_.back().space_after = 10;
    if (header_index >= 0 && first_item + 1 < items_.size()) {
      // The header never stays behind alone at the foot of a page.
      double h = 0;
      for (const Cell& c : items_[first_item + 1].cells)
        if (!c.lines.empty())
          h = std::max(h, c.lines.back().bottom - c.lines.front().top + 2 * c.pad_y);
      items_[first_item].keep_with_next = std::min(h, 150.0);
    }
  }

  // PDF bookmarks: one per section heading.
  void add_outline(cairo_surface_t* surface, const FlowResult& layout) {
    for (size_t i = 0; i < r_.sections.size(); ++i) {
      if (layout.section_pages[i] <= 0) continue;
      char link[96];
      std::snprintf(link, sizeof link, "page=%d pos=[0 %.1f]", layout.section_pages[i],
                    layout.section_y[i]);
      cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT,
                                    clean_text(r_.sections[i].heading).c_str(), link,
                                    static_cast<cairo_pdf_outline_flags_t>(0));
    }
  }

  const Report& r_;
  TextFactory text_;
  PageGeometry g_;
  double table_size_ = 9;
  std::vector<Item> items_;
  std::vector<Cell> header_;
  std::vector<Cell> footer_;
  double header_rule_ = 0;
  double footer_top_ = 0;
  int pages_ = 1;
};

}  // namespace

Result<std::string> render_report_pdf(const Report& report) {
  std::string pdf;
  PageGeometry geometry = geometry_for(report.landscape);
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(append_bytes, &pdf, geometry.width, geometry.height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    std::string message = cairo_status_to_string(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    return Error::internal("pdf surface: " + message);
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 clean_text(report.title).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR,
                                 clean_text(report.organization_name).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "isms");
  std::string subject = "Classification: " + clean_text(report.classification_label);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject.c_str());
  if (std::string date = pdf_date(report.generated_at); !date.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  }

  cairo_t* cr = cairo_create(surface);
  PangoContext* pango = pango_cairo_create_context(cr);
  // One Pango point = one PDF point; unhinted metrics, so measuring and drawing agree.
  pango_cairo_context_set_resolution(pango, 72);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango, options);
  cairo_font_options_destroy(options);
  {
    ReportPdf doc(report, pango);
    doc.render(surface, cr);
  }  // layouts go before their context
  g_object_unref(pango);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return Error::internal(std::string("pdf: ") + cairo_status_to_string(status));
  return pdf;
}

}  // namespace isms
