// Rendering a document version for people: HTML (cmark-gfm, safe mode: raw HTML and
// javascript: links dropped) and PDF (cairo + pango, DejaVu fonts embedded). Pure apart
// from the libraries; no files, no network.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "domain/document.h"

namespace isms {

// What a rendering shows besides the version's own content.
struct RenderContext {
  std::string organization_name;
  std::string status;  // version_status_name of the version
  std::string generated_at;  // RFC 3339; printed in the PDF footer
  // Base URL of catalogue links in HTML: a citation links to
  // <catalogue_base><framework_id>/<ref_id> ("/catalogue/" in the web UI).
  std::string catalogue_base = "/catalogue/";
};

// The body alone as an HTML fragment (for the editor's live preview): headings get
// id=<section anchor>; every citation becomes <a class="citation" data-key="fw:ref"
// href=...>raw</a>; every citation warning <span class="citation-warning"
// title=message>raw</span>. Offsets are those of scan_citations over the same body.
std::string render_body_html(const DocumentVersion& version, const RenderContext& context);

// A complete standalone HTML page: title block, classification label, version, owner,
// approver, status, change-log table, table of contents, body as above.
std::string render_document_html(const DocumentVersion& version, const RenderContext& context);

// A4 PDF: title block (title, version, status, classification, author, owner, approver,
// last update), change-log table, table of contents with page numbers, body (headings,
// paragraphs, lists, tables, emphasis, code), citations visible in a distinct colour;
// every page's header carries the classification label ("PUBLIC") and title, every
// footer "Page n of N" and the version. Two passes: layout to count pages, then draw.
// Text is real text (pdftotext extracts it).
Result<std::string> render_document_pdf(const DocumentVersion& version,
                                        const RenderContext& context);

}  // namespace isms
