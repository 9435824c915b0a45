// HTML renderings of a document version (document_render.h). cmark-gfm renders the body
// in safe mode; this file then fills in what cmark cannot know: heading ids (section
// anchors) and the citation marks (render_common.h), by one scan over cmark's output.
#include <cmark-gfm-extension_api.h>

#include <cstdlib>

#include "domain/classification.h"
#include "render/document_render.h"
#include "render/render_common.h"

namespace isms {
namespace {

using render_internal::append_html_escaped;
using render_internal::html_escape;
using render_internal::Mark;
using render_internal::MarkedBody;

void append_mark(const Mark& m, bool inside_link, const RenderContext& context, std::string* out) {
  if (m.warning) {
    out->append("<span class=\"citation-warning\" title=\"");
    append_html_escaped(m.message, out);
    out->push_back('"');
    if (m.suggestion) {
      out->append(" data-suggestion=\"");
      append_html_escaped(*m.suggestion, out);
      out->push_back('"');
    }
    out->push_back('>');
    append_html_escaped(m.raw, out);
    out->append("</span>");
    return;
  }
  // A link inside a link is invalid HTML (browsers split it), so a citation that sits in a
  // link's text keeps its class and key on a span.
  out->append(inside_link ? "<span" : "<a");
  out->append(" class=\"citation\" data-key=\"");
  append_html_escaped(m.framework_ids[0] + ":" + m.ref_ids[0], out);
  out->push_back('"');
  if (m.ref_ids.size() > 1) {  // an expanded range: every key it cites
    out->append(" data-keys=\"");
    for (size_t i = 0; i < m.ref_ids.size(); ++i) {
      if (i > 0) out->push_back(' ');
      append_html_escaped(m.framework_ids[i] + ":" + m.ref_ids[i], out);
    }
    out->push_back('"');
  }
  if (!inside_link) {
    out->append(" href=\"");
    append_html_escaped(context.catalogue_base +
                            render_internal::url_path_segment(m.framework_ids[0]) + "/" +
                            render_internal::url_path_segment(m.ref_ids[0]),
                        out);
    out->push_back('"');
  }
  out->push_back('>');
  append_html_escaped(m.raw, out);
  out->append(inside_link ? "</span>" : "</a>");
}

bool starts_with_at(std::string_view s, size_t i, std::string_view p) {
  return s.compare(i, p.size(), p) == 0;
}

// cmark's output with heading ids and citation marks filled in. cmark escapes text and
// attribute values (no raw '<' or '>' in either; raw HTML is omitted in safe mode), so
// '<' ... '>' delimit tags exactly. A token inside a tag (an href, an alt text) becomes
// its escaped raw text, never markup.
std::string finish_html(std::string_view html, const MarkedBody& marked,
                        const std::vector<int>& heading_sections, const DocumentVersion& version,
                        const RenderContext& context) {
  std::string out;
  out.reserve(html.size() + marked.marks.size() * 96 + heading_sections.size() * 16);
  bool in_tag = false;
  int link_depth = 0;
  size_t heading = 0;
  for (size_t i = 0; i < html.size();) {
    char c = html[i];
    if (!in_tag && c == '<') {
      in_tag = true;
      if (i + 3 < html.size() && html[i + 1] == 'h' && html[i + 2] >= '1' && html[i + 2] <= '6' &&
          (html[i + 3] == '>' || html[i + 3] == ' ')) {
        out.append(html.substr(i, 3));
        int s = heading < heading_sections.size() ? heading_sections[heading] : -1;
        ++heading;
        if (s >= 0) {
          out.append(" id=\"");
          append_html_escaped(version.sections[static_cast<size_t>(s)].anchor, &out);
          out.push_back('"');
        }
        i += 3;
        continue;
      }
      if (starts_with_at(html, i, "<a ") || starts_with_at(html, i, "<a>")) ++link_depth;
      if (starts_with_at(html, i, "</a>") && link_depth > 0) --link_depth;
    } else if (in_tag && c == '>') {
      in_tag = false;
    } else if (c == marked.prefix[0]) {
      size_t index = 0;
      size_t length = 0;
      if (render_internal::match_token(html, i, marked, &index, &length)) {
        const Mark& m = marked.marks[index];
        if (in_tag) {
          append_html_escaped(m.raw, &out);
        } else {
          append_mark(m, link_depth > 0, context, &out);
        }
        i += length;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
  return out;
}

void append_meta(std::string_view name, std::string_view value, std::string* out) {
  if (value.empty()) return;
  out->append("<dt>");
  append_html_escaped(name, out);
  out->append("</dt><dd>");
  append_html_escaped(value, out);
  out->append("</dd>\n");
}

// Inline only (the CSP below allows no stylesheet files); print-friendly.
constexpr std::string_view kStyle = R"css(
body{font-family:"DejaVu Sans",system-ui,sans-serif;font-size:15px;line-height:1.5;color:#1d1d1f;max-width:52rem;margin:2rem auto;padding:0 1rem}
.classification{display:inline-block;font-weight:bold;letter-spacing:.08em;padding:.15rem .6rem;border-radius:.25rem;color:#fff;background:#555}
.classification-public{background:#2e7d32}.classification-internal{background:#1565c0}
.classification-confidential{background:#e65100}.classification-customer_data{background:#b71c1c}
.document-title{margin:.5rem 0 1rem}
.document-meta{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
.document-meta dt{font-weight:bold}.document-meta dd{margin:0}
table{border-collapse:collapse;margin:1rem 0;width:100%}
th,td{border:1px solid #bbb;padding:.3rem .5rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#eee}
pre{background:#f4f4f4;padding:.6rem;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere}
code{font-family:"DejaVu Sans Mono",monospace}
blockquote{border-left:3px solid #bbb;margin-left:0;padding-left:1rem;color:#444}
.toc ol{list-style:none;padding-left:0}.toc li{margin:.1rem 0}
.toc-level-2{padding-left:1.2rem}.toc-level-3{padding-left:2.4rem}.toc-level-4,.toc-level-5,.toc-level-6{padding-left:3.6rem}
a.citation{color:#1a5fb4;text-decoration:none;border-bottom:1px dotted #1a5fb4}
.citation-warning{color:#b3261e;text-decoration:underline wavy #b3261e}
.document-body{overflow-wrap:anywhere}
footer{margin-top:3rem;color:#666;font-size:.85rem}
)css";

}  // namespace

std::string render_body_html(const DocumentVersion& version, const RenderContext& context) {
  MarkedBody marked = render_internal::mark_body(version);
  render_internal::ParsedMarkdown md = render_internal::parse_markdown(marked.markdown);
  std::vector<int> headings =
      render_internal::heading_sections(md.root.get(), render_internal::sections_by_line(version));
  char* html = cmark_render_html(md.root.get(), render_internal::kCmarkOptions,
                                 cmark_parser_get_syntax_extensions(md.parser.get()));
  std::string out = finish_html(html, marked, headings, version, context);
  std::free(html);
  return out;
}

std::string render_document_html(const DocumentVersion& version, const RenderContext& context) {
  const DocumentContent& c = version.content;
  std::string out;
  out.reserve(c.body.size() * 2 + 8192);
  out.append(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // Nothing runs and nothing loads but inline style and images: defence in depth
      // should anything executable ever slip through the renderer.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src https: data:\">\n"
      "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
  append_html_escaped(c.title, &out);
  out.append("</title>\n<style>");
  out.append(kStyle);
  out.append("</style>\n</head>\n<body>\n<header class=\"document-header\">\n");

  out.append("<p class=\"classification classification-");
  out.append(classification_name(c.classification));
  out.append("\">");
  append_html_escaped(upper_ascii(classification_label(c.classification)), &out);
  out.append("</p>\n<h1 class=\"document-title\">");
  append_html_escaped(c.title, &out);
  out.append("</h1>\n<dl class=\"document-meta\">\n");
  append_meta("Version", c.label, &out);
  append_meta("Status", render_internal::status_display(context.status), &out);
  append_meta("Classification", classification_label(c.classification), &out);
  append_meta("Author", c.author, &out);
  append_meta("Information owner", c.information_owner, &out);
  append_meta("Approver", c.approver, &out);
  append_meta("Last update", c.last_update.value_or(""), &out);
  append_meta("Organization", context.organization_name, &out);
  out.append("</dl>\n</header>\n");

  if (!c.change_log.empty()) {
    out.append(
        "<section class=\"change-log\">\n<h2>Change log</h2>\n<table>\n<thead><tr>"
        "<th>Version</th><th>Date</th><th>Author</th><th>Changes</th></tr></thead>\n<tbody>\n");
    for (const ChangeLogEntry& e : c.change_log) {
      out.append("<tr><td>");
      append_html_escaped(e.version, &out);
      out.append("</td><td>");
      append_html_escaped(e.date.value_or(""), &out);
      out.append("</td><td>");
      append_html_escaped(e.author, &out);
      out.append("</td><td>");
      append_html_escaped(e.changes, &out);
      out.append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
  }

  if (!version.sections.empty()) {
    out.append("<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n");
    for (const Section& s : version.sections) {
      out.append("<li class=\"toc-level-");
      out.append(std::to_string(s.level < 1 ? 1 : s.level > 6 ? 6 : s.level));
      out.append("\"><a href=\"#");
      append_html_escaped(s.anchor, &out);
      out.append("\">");
      if (!s.number.empty()) {
        append_html_escaped(s.number, &out);
        out.push_back(' ');
      }
      append_html_escaped(s.title, &out);
      out.append("</a></li>\n");
    }
    out.append("</ol>\n</nav>\n");
  }

  out.append("<main class=\"document-body\">\n");
  out.append(render_body_html(version, context));
  out.append("</main>\n<footer>");
  append_html_escaped(context.organization_name, &out);
  if (!context.organization_name.empty() && !context.generated_at.empty()) out.append(" · ");
  if (!context.generated_at.empty()) {
    out.append("Generated ");
    append_html_escaped(context.generated_at, &out);
  }
  out.append("</footer>\n</body>\n</html>\n");
  return out;
}

}  // namespace isms
