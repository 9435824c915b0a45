// Document import: turns an outside file (plain text, Markdown with YAML front matter,
// HTML) into DocumentContent (domain/document.h). Pure functions over bytes; no I/O.
// Every parser here is fed untrusted input and has a fuzz target
// (fuzz/document_import_fuzz.cc).
//
// Refused with kInvalid naming the problem (field "file"): empty or blank input, NUL bytes
// or other control bytes, binary formats recognized by their first bytes (PDF, ZIP/.docx,
// .doc, RTF, PNG, JPEG, GIF, UTF-16), invalid UTF-8 (with the byte offset); more than
// kMaxImportBytes is kTooLarge (field "file"). Front matter problems: see Markdown below.
// Content failing check_document_content is kInvalid naming the content's fields
// ("title", "change_log[2].date"). A UTF-8 byte order mark is dropped; CRLF, CR, form feed
// and vertical tab become "\n".
//
// Plain text (a policy copied out of a wiki or a word processor): the first non-empty
// line is the title; repeats of it in the header block are dropped. The header block runs
// from the title to the first numbered heading (the first 30 lines when there is none) and
// may carry "Label: value" lines, several per line separated by '|' ("Last update: D |
// Author: A | Information owner: O", "Version: 2.3" or "Version 2.3", "Owner:",
// "Approved by:", "Classification on this document: X", "Review cycle: annually",
// "Document type: Procedure"; a line is metadata only when every part is), a
// classification legend ("Public: ... | Internal: ...", with its "Classifications"
// caption) and a change-log table with an optional caption ("Change Log", "Revision
// history"): a header row naming Version and some of Date / Author / Change History (and
// synonyms) in any order, then rows written as pipe-table lines or one cell per line
// (with or without '|'); in the latter, empty cells may be missing and a date is
// recognized by its form ("2025-02-07", "7 February 2025", "07.02.2025"). These become
// metadata and are not repeated in the body; a value that cannot be read (a date "soon")
// leaves its line in the body and adds a note. Lines like "8.4 Title [refs]" (a number of
// 1-3 levels, then a capitalized title, not ending in a period or colon) become Markdown
// headings of the number's depth ("1.0" counts as depth 1) when they follow the previous
// heading like an outline (next sibling, first child, or a sibling of an ancestor);
// others, and lines continuing their numbering, are numbered list items. "- ", "* ",
// "+ ", "1. " lines stay list items (pasted bullets "•" become "- "); other lines become
// paragraphs, escaped where Markdown would read them as something else ("# x", "---").
// Nothing else is dropped. No name, title or number of any particular policy is special.
//
// Defaults, each with a note: the label is the greatest change-log version (else "1.0");
// last_update is the newest change-log date when none is given; the classification is
// internal when none is given; a missing change log or information owner is noted. The
// kind is taken from "Document type:" (or front matter "kind"), else from a title ending
// in "Procedure" or "Standard", else policy.
//
// Markdown: optional front matter between a first line "---" and the next line "---" (or
// "..."), with exactly the keys export_markdown writes: id, kind, status, title,
// classification, version (the label: policy authors call it the version), last_update,
// author, information_owner, approver, review_interval_months, requires_acknowledgement,
// change_log (a list of {version, date, author, changes}); then the body as is. Scalars are
// read as written, so "version: 3.0" is the label "3.0" and "last_update: 2025-02-07" the
// date. Refused (field "file"): front matter not closed, not valid YAML (with the line),
// not a mapping, more than one YAML document, anchors or aliases, tags other than !!str,
// nesting deeper than 8. Refused per key (field "front_matter.<key>", e.g.
// "front_matter.change_log[0].date"): unknown keys, keys given twice, wrong types, dates
// that are not YYYY-MM-DD days that exist, review_interval_months that is not a whole
// number, requires_acknowledgement other than true/false/yes/no, id or status that is not
// one line of at most 200 bytes. Without front matter the title is the first heading.
//
// HTML (libxml2's HTML parser, no network, no error output): the first <h1> is the title
// (else <title>); <meta name=...> with a label above, and definition lists, two-column
// (or label-row) tables and "Label: value" paragraphs before the first section heading
// give metadata; a table whose header row names change-log columns is the change log
// (with a heading "Change log" right before it dropped); other headings keep their level,
// paragraphs, lists (nested), tables (GFM), <pre>, <blockquote>, links (http, https,
// mailto and relative only), emphasis and code become Markdown; scripts, styles, embedded
// objects, forms and comments are dropped. Nesting deeper than 256 elements is refused.
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
// From a file name's extension (.txt/.text, .md/.markdown, .html/.htm/.xhtml) or, when
// the name has none, from the content (a first line "---" -> markdown; "<html" or
// "<!doctype html" -> html; else text); kInvalid (field "file") for other extensions
// (.pdf, .docx, .odt: "convert to text or HTML first").
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
// id, kind and status, keys in the order listed above, the label under `version`. Every
// string is double-quoted with escapes (\n, \t, \", \\, \uXXXX for NEL, LS, PS, BOM and
// controls), so YAML never retypes or folds it; an absent date is `null`, an empty change
// log `[]`; the body follows the closing "---" line unchanged. For content that passes
// check_document_content and an id/status of one line: import_markdown(export_markdown(x))
// gives back x, id, kind and status exactly, and exporting that again gives the same bytes.
std::string export_markdown(const std::string& id, DocumentKind kind, std::string_view status,
                            const DocumentContent& content);

}  // namespace isms
