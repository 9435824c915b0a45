// Rendering a document version for people: HTML (cmark-gfm, safe mode: raw HTML and
// javascript: links dropped) and PDF (cairo + pango, DejaVu fonts embedded). Pure apart
// from the libraries; no files, no network. Safe to call from several threads at once.
//
// The body is CommonMark with the GFM table, strikethrough, autolink, tagfilter and
// tasklist extensions. Citations and warnings are marked by their byte spans
// (Citation.offset/length, CitationWarning.offset/length, as scan_citations gives them
// over the same body); a span that is out of range, not on UTF-8 boundaries, spans a line
// end or overlaps an earlier one stays plain text. Headings are matched to
// DocumentVersion.sections by source line (Section.offset), so a heading the section
// extractor did not count simply gets no anchor.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "domain/document.h"

namespace isms {

// What a rendering shows besides the version's own content.
struct RenderContext {
  std::string organization_name;
  std::string status;        // version_status_name of the version
  std::string generated_at;  // RFC 3339; printed in the PDF footer
  // Base URL of catalogue links in HTML: a citation links to
  // <catalogue_base><framework_id>/<ref_id> ("/catalogue/" in the web UI).
  std::string catalogue_base = "/catalogue/";
};

// The body alone as an HTML fragment (for the editor's live preview): headings get
// id="<section anchor>"; every citation becomes
//   <a class="citation" data-key="fw:ref" href="<catalogue_base>fw/ref">raw</a>
// (a range such as "5.1-5.2" is one link to its first id, with data-keys="k1 k2 ..."
// listing every key; inside a link's text it is a <span> with the same class and keys,
// as links cannot nest); every warning
//   <span class="citation-warning" title="message" [data-suggestion="key"]>raw</span>.
// A citation inside an attribute (a link target, an image's alt text) stays plain text.
// All text and attribute values are HTML-escaped; no script, event handler, raw HTML or
// javascript:/vbscript:/data: link can come out of any body.
std::string render_body_html(const DocumentVersion& version, const RenderContext& context);

// A complete standalone HTML page (UTF-8, inline style only, a Content-Security-Policy
// that allows no script): classification label ("PUBLIC"), title, version, status,
// classification, author, owner, approver, last update, organization; change-log table;
// table of contents linking to the section anchors; body as above; footer with the
// organization and generated_at.
std::string render_document_html(const DocumentVersion& version, const RenderContext& context);

// A4 PDF: title block (title, then a table of version, status, classification,
// organization, author, owner, approver, last update, approval and publication dates,
// review interval), change-log table (Version, Date, Author, Changes; rows never split
// unless taller than a page, header repeated on each page), table of contents with page
// numbers (linked to the headings; the headings are also the PDF outline), then the body
// from a new page: headings, paragraphs with emphasis, code, strikethrough and links (the
// address printed after the text), nested bullet, ordered and task lists, GFM tables
// (fitted column widths, wrapping cells, header repeated), code blocks, block quotes,
// rules; raw HTML dropped. Citations are blue and underlined, warnings red. Every page's
// header carries the classification label in capitals ("PUBLIC", "CUSTOMER DATA") and
// the title; every footer "Version <label> · <Status>", the organization, generated_at
// and "Page n of N". Layout is measured first (page count, section pages), then drawn.
// Text wraps at words and inside over-long words, so nothing is cut off, and is real text
// (pdftotext extracts it). PDF metadata: title, author, subject (classification),
// creator "isms", creation date = generated_at. Fonts: DejaVu Sans / Sans Mono; scripts
// they lack fall back to other installed fonts (or boxes), never an error. kInternal only
// when cairo fails.
Result<std::string> render_document_pdf(const DocumentVersion& version,
                                        const RenderContext& context);

}  // namespace isms
