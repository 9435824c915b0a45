// The PDF rendering of a document version (document_render.h): front matter (title block,
// metadata, change log, contents), the Markdown body, running header and footer. Page
// flow is in pdf_layout.cc, Markdown to items in pdf_markdown.cc.
#include <cairo-pdf.h>

#include <algorithm>
#include <cstdio>
#include <new>

#include "domain/classification.h"
#include "render/document_render.h"
#include "render/pdf_text.h"

#if defined(__SANITIZE_ADDRESS__)
// LeakSanitizer: fontconfig's pattern caches, filled through Pango's font map, live until
// the process ends and are reported as leaks at exit (the same amount after one render or
// a hundred). Every binary that renders PDFs links this file, so the suppression is here.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif

namespace isms {
namespace {

using namespace render_internal;  // NOLINT: this file is the PDF renderer's top level

constexpr double kHeaderTop = 30;
constexpr double kFooterBottom = 28;
constexpr double kRunningSize = 8;
constexpr double kTocNumberWidth = 40;
constexpr int kMaxPasses = 3;

Rgb classification_color(Classification c) {
  switch (c) {
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

class PdfDocument {
 public:
  PdfDocument(const DocumentVersion& version, const RenderContext& context, PangoContext* pango)
      : v_(version), ctx_(context), text_(pango) {}

  Result<std::string> render(cairo_surface_t* surface, cairo_t* cr) {
    build_running();
    build_front_matter();
    Item page_break;
    page_break.kind = ItemKind::kPageBreak;
    items_.push_back(std::move(page_break));

    MarkedBody marked = mark_body(v_);
    ParsedMarkdown md = parse_markdown(marked.markdown);
    std::vector<int> headings = heading_sections(md.root.get(), sections_by_line(v_));
    append_markdown_items(md.root.get(), marked, headings, text_, g_.content_width(), &items_);
    if (items_.back().kind == ItemKind::kPageBreak) items_.pop_back();  // an empty body

    // Measure until the contents' page numbers agree with where the headings land. They
    // do after one pass (page numbers sit in a fixed-width column, so the contents keep
    // their height); the loop only guards that reasoning.
    const std::function<void(int)> none = [](int) {};
    FlowResult layout = flow(items_, g_, v_.sections.size(), nullptr, none, nullptr);
    for (int pass = 1; pass < kMaxPasses; ++pass) {
      if (!set_toc_numbers(layout)) break;
      layout = flow(items_, g_, v_.sections.size(), nullptr, none, nullptr);
    }
    pages_ = layout.pages;
    const std::function<void(int)> decorate = [&](int page) { draw_running(cr, page); };
    flow(items_, g_, v_.sections.size(), cr, decorate, &layout);
    add_outline(surface, layout);
    return std::string();
  }

 private:
  // Header (classification label, title) and footer (version and status, organization,
  // page) are the same on every page but the page number; their heights set the
  // content area.
  void build_running() {
    double w = g_.content_width();
    TextStyle label;
    label.size = kRunningSize + 1;
    label.bold = true;
    label.color = classification_color(v_.content.classification);
    LayoutPtr l = text_.plain(upper_ascii(classification_label(v_.content.classification)), label);
    double lw = std::min(TextFactory::natural_width(l.get()) + 2, w * 0.4);
    header_.push_back(text_.cell(std::move(l), label, 0, lw));
    TextStyle title;
    title.size = kRunningSize;
    title.align = PANGO_ALIGN_RIGHT;
    title.color = {0.35, 0.35, 0.35};
    header_.push_back(
        text_.cell(text_.plain(v_.content.title, title), title, lw + 12, w - lw - 12));
    double hh = 0;
    for (const Cell& c : header_) hh = std::max(hh, c.lines.back().bottom);
    header_rule_ = kHeaderTop + hh + 4;
    g_.content_top = header_rule_ + 14;

    TextStyle foot = title;
    foot.align = PANGO_ALIGN_LEFT;
    std::string version = "Version " + v_.content.label;
    if (!ctx_.status.empty()) version += " \u00b7 " + status_display(ctx_.status);
    footer_.push_back(text_.cell(text_.plain(version, foot), foot, 0, w * 0.3));
    foot.align = PANGO_ALIGN_CENTER;
    std::string middle = ctx_.organization_name;
    if (!ctx_.generated_at.empty())
      middle += (middle.empty() ? "" : "\n") + std::string("Generated ") + ctx_.generated_at;
    footer_.push_back(text_.cell(text_.plain(middle, foot), foot, w * 0.3, w * 0.4));
    foot.align = PANGO_ALIGN_RIGHT;
    footer_.push_back(text_.cell(text_.plain("Page 9999 of 9999", foot), foot, w * 0.7, w * 0.3));
    double fh = 0;
    for (const Cell& c : footer_) fh = std::max(fh, c.lines.back().bottom);
    footer_top_ = g_.height - kFooterBottom - fh;
    g_.content_bottom = footer_top_ - 14;
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

  void heading(const std::string& text, double size, double space_before) {
    TextStyle style;
    style.size = size;
    style.bold = true;
    style.color = {0.08, 0.20, 0.40};
    Item item;
    item.cells.push_back(text_.cell(text_.plain(text, style), style, 0, g_.content_width()));
    item.space_before = space_before;
    item.space_after = 4;
    item.splittable = false;
    item.keep_with_next = 40;
    items_.push_back(std::move(item));
  }

  void build_front_matter() {
    const DocumentContent& c = v_.content;
    heading(c.title, 22, 0);
    items_.back().space_after = 10;

    std::vector<std::vector<std::string>> meta;
    auto row = [&](std::string_view name, std::string_view value) {
      if (!value.empty())
        meta.push_back({"<b>" + markup_escape(name) + "</b>", markup_escape(value)});
    };
    row("Version", c.label);
    row("Status", status_display(ctx_.status));
    row("Classification", upper_ascii(classification_label(c.classification)));
    row("Organization", ctx_.organization_name);
    row("Author", c.author);
    row("Information owner", c.information_owner);
    row("Approver", c.approver);
    row("Last update", c.last_update.value_or(""));
    row("Approved", v_.approved_at.value_or("").substr(0, 10));
    row("Published", v_.published_at.value_or("").substr(0, 10));
    row("Review interval", std::to_string(c.review_interval_months) + " months");
    append_table(meta, false, {}, {0.3, 0.7}, text_, 0, g_.content_width(), &items_);

    heading("Change log", 14, 14);
    if (c.change_log.empty()) {
      TextStyle style;
      style.italic = true;
      Item item;
      item.cells.push_back(
          text_.cell(text_.plain("No changes recorded.", style), style, 0, g_.content_width()));
      item.space_after = 8;
      items_.push_back(std::move(item));
    } else {
      std::vector<std::vector<std::string>> rows{{"Version", "Date", "Author", "Changes"}};
      for (const ChangeLogEntry& e : c.change_log)
        rows.push_back({markup_escape(e.version), markup_escape(e.date.value_or("")),
                        markup_escape(e.author), markup_escape(e.changes)});
      append_table(rows, true, {}, {0.12, 0.16, 0.24, 0.48}, text_, 0, g_.content_width(), &items_);
    }

    if (v_.sections.empty()) return;
    heading("Contents", 14, 14);
    int min_level = 6;
    for (const Section& s : v_.sections) min_level = std::min(min_level, std::max(1, s.level));
    for (size_t i = 0; i < v_.sections.size(); ++i) {
      const Section& s = v_.sections[i];
      int depth = std::clamp(s.level - min_level, 0, 4);
      TextStyle style;
      style.bold = depth == 0;
      double indent = depth * 14.0;
      std::string title = s.number.empty() ? s.title : s.number + "  " + s.title;
      Item item;
      double title_width = g_.content_width() - kTocNumberWidth - indent;
      item.cells.push_back(text_.cell(text_.plain(title, style), style, indent, title_width));
      TextStyle number = style;
      number.align = PANGO_ALIGN_RIGHT;
      item.cells.push_back(text_.cell(text_.plain("", number), number,
                                      g_.content_width() - kTocNumberWidth, kTocNumberWidth));
      item.space_after = 3;
      item.splittable = false;
      item.link_section = static_cast<int>(i);
      toc_items_.push_back(items_.size());
      items_.push_back(std::move(item));
    }
  }

  // Writes the sections' pages into the contents; true when any number changed.
  bool set_toc_numbers(const FlowResult& layout) {
    bool changed = false;
    for (size_t index : toc_items_) {
      Item& item = items_[index];
      int page = layout.section_pages[static_cast<size_t>(item.link_section)];
      std::string number = page > 0 ? std::to_string(page) : "";
      Cell& cell = item.cells[1];
      if (number == pango_layout_get_text(cell.layout.get())) continue;
      pango_layout_set_text(cell.layout.get(), number.data(), static_cast<int>(number.size()));
      fit_cell(&cell);
      changed = true;
    }
    return changed;
  }

  // PDF bookmarks, nested by section level.
  void add_outline(cairo_surface_t* surface, const FlowResult& layout) {
    std::vector<std::pair<int, int>> open;  // (level, outline id)
    for (size_t i = 0; i < v_.sections.size(); ++i) {
      if (layout.section_pages[i] <= 0) continue;
      const Section& s = v_.sections[i];
      while (!open.empty() && open.back().first >= s.level) open.pop_back();
      int parent = open.empty() ? CAIRO_PDF_OUTLINE_ROOT : open.back().second;
      std::string name = clean_text(s.number.empty() ? s.title : s.number + " " + s.title);
      char link[96];
      std::snprintf(link, sizeof link, "page=%d pos=[0 %.1f]", layout.section_pages[i],
                    layout.section_y[i]);
      int id = cairo_pdf_surface_add_outline(surface, parent, name.c_str(), link,
                                             CAIRO_PDF_OUTLINE_FLAG_OPEN);
      open.emplace_back(s.level, id);
    }
  }

  const DocumentVersion& v_;
  const RenderContext& ctx_;
  TextFactory text_;
  PageGeometry g_;
  std::vector<Item> items_;
  std::vector<size_t> toc_items_;
  std::vector<Cell> header_;
  std::vector<Cell> footer_;
  double header_rule_ = 0;
  double footer_top_ = 0;
  int pages_ = 1;
};

}  // namespace

Result<std::string> render_document_pdf(const DocumentVersion& version,
                                        const RenderContext& context) {
  std::string pdf;
  PageGeometry geometry;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(append_bytes, &pdf, geometry.width, geometry.height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    std::string message = cairo_status_to_string(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    return Error::internal("pdf surface: " + message);
  }
  const DocumentContent& c = version.content;
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, clean_text(c.title).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, clean_text(c.author).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "isms");
  std::string subject = "Classification: " + upper_ascii(classification_label(c.classification)) +
                        ", version " + clean_text(c.label);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject.c_str());
  if (std::string date = pdf_date(context.generated_at); !date.empty()) {
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

  Result<std::string> drawn = std::string();
  {
    PdfDocument doc(version, context, pango);
    drawn = doc.render(surface, cr);
  }  // layouts go before their context
  g_object_unref(pango);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (!drawn.ok()) return drawn;
  if (status != CAIRO_STATUS_SUCCESS)
    return Error::internal(std::string("pdf: ") + cairo_status_to_string(status));
  return pdf;
}

}  // namespace isms
