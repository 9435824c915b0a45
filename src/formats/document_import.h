// Document import: turns an outside file (plain text, Markdown with YAML front matter,
// HTML) into DocumentContent (domain/document.h). Pure functions over bytes; no I/O.
// Every parser here is fed untrusted input and has a fuzz target (fuzz/).
//
// Refused with kInvalid naming the problem (field "file"): empty input, more than
// kMaxImportBytes, NUL bytes or other binary content, invalid UTF-8 (with the byte
// offset), a front matter that is not a YAML mapping or has wrong types (field
// "front_matter.<key>"), content failing check_document_content.
//
// Plain text (a policy copied out of a wiki or a word processor): the first non-empty
// line is the title (a repeat of it right after is dropped); a header block before the
// first numbered heading may carry "Last update: D | Author: A | Information owner: O",
// "Classification on this document: X", a classification legend and a change-log table
// (cells separated by '|' and/or one cell per line, with a header row naming Author /
// Version / Date / Change History in any order); these become metadata and are not
// repeated in the body. Lines like "8.4 Title [refs]" (a number of 1-3 levels, then a
// capitalized title, not ending in a period) become Markdown headings of the number's
// depth; "- " lines stay list items; other lines become paragraphs. Nothing else is
// dropped. Works on policies of other organizations: no name, title or number of the
// sample policy is special.
//
// Markdown: optional front matter between "---" lines (keys as written by
// export_markdown), then the body as is.
//
// HTML (libxml2's HTML parser): <title>/<h1> for the title, <meta name=...> and a
// definition list or table with the same labels as plain text for metadata, headings,
// paragraphs, lists and tables converted to Markdown; scripts, styles and comments
// dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "domain/document.h"

namespace isms {

inline constexpr size_t kMaxImportBytes = 2 * 1024 * 1024;

enum class ImportFormat { kPlainText, kMarkdown, kHtml };
// "text" | "markdown" | "html"
std::string_view import_format_name(ImportFormat f);
// From a file name's extension (.txt, .md/.markdown, .html/.htm) or, when that does not
// say, from the content (front matter or "<html"/"<!doctype html" -> html); kInvalid for
// other extensions (.pdf, .docx: "convert to text or HTML first").
Result<ImportFormat> detect_import_format(std::string_view file_name, std::string_view bytes);

struct ImportedDocument {
  DocumentContent content;
  DocumentKind kind = DocumentKind::kPolicy;  // front matter "kind"; else policy
  // Front matter fields that identify an existing document/version (Markdown only).
  std::string id;                  // "" when none
  std::string status;              // as written; informational on import
  std::vector<std::string> notes;  // what the importer inferred or defaulted, for the user
};

Result<ImportedDocument> import_document(ImportFormat format, std::string_view bytes);
Result<ImportedDocument> import_plain_text(std::string_view bytes);
Result<ImportedDocument> import_markdown(std::string_view bytes);
Result<ImportedDocument> import_html(std::string_view bytes);

// Policy as code: Markdown with YAML front matter holding every field of `content` plus
// id, kind and status; import_markdown(export_markdown(x)) gives back x exactly.
std::string export_markdown(const std::string& id, DocumentKind kind, std::string_view status,
                            const DocumentContent& content);

}  // namespace isms
