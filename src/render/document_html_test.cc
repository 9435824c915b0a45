#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "render/document_render.h"
#include "render/render_test_support.h"

namespace isms {
namespace {

using testing::policy_version;
using testing::render_context;
using testing::version_with_body;

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

TEST(DocumentHtmlTest, CitationsBecomeCatalogueLinksAndHeadingsGetSectionAnchors) {
  DocumentVersion v = policy_version();
  std::string html = render_body_html(v, render_context());
  EXPECT_NE(
      html.find("<h3 id=\"s-8-4\">8.4 Information Security in Supplier Relationships [ISO27002 "
                "<a class=\"citation\" data-key=\"iso27001-2022:A.5.19\" "
                "href=\"/catalogue/iso27001-2022/A.5.19\">A5.19</a>, "
                "<a class=\"citation\" data-key=\"iso27001-2022:A.5.20\" "
                "href=\"/catalogue/iso27001-2022/A.5.20\">A5.20</a>][NIS "
                "<a class=\"citation\" data-key=\"nis2-2024-2690:5.1\" "
                "data-keys=\"nis2-2024-2690:5.1 nis2-2024-2690:5.2\" "
                "href=\"/catalogue/nis2-2024-2690/5.1\">5.1-5.2</a>]</h3>"),
      std::string::npos)
      << html;
  EXPECT_NE(html.find("<h2 id=\"s-4\">4 Management commitment [ISO27001 "
                      "<a class=\"citation\" data-key=\"iso27001-2022:5.1\" "
                      "href=\"/catalogue/iso27001-2022/5.1\">5.1</a>, "
                      "<span class=\"citation-warning\" title=\"ISO 27001:2022 has no clause "
                      "5.4\">5.4</span>]"),
            std::string::npos);
  // Every section heading has its anchor, once, in order.
  size_t last = 0;
  for (const Section& s : v.sections) {
    size_t at = html.find(" id=\"" + s.anchor + "\"");
    ASSERT_NE(at, std::string::npos) << s.anchor;
    EXPECT_GT(at, last) << s.anchor;
    EXPECT_EQ(count(html, " id=\"" + s.anchor + "\""), 1u);
    last = at;
  }
  // One link per distinct citation span, one span per warning.
  std::set<std::pair<size_t, size_t>> spans;
  for (const DocumentCitation& c : v.citations)
    spans.insert({c.citation.offset, c.citation.length});
  EXPECT_EQ(count(html, "<a class=\"citation\""), spans.size());
  EXPECT_EQ(count(html, "class=\"citation-warning\""), v.warnings.size());
  EXPECT_NE(html.find("<li>Secure Elastisys against cybersecurity threats and data breaches.</li>"),
            std::string::npos);
  // No placeholder survives.
  EXPECT_EQ(html.find("ZZCITE"), std::string::npos);
}

TEST(DocumentHtmlTest, CatalogueBaseAndKeysAreEscaped) {
  DocumentVersion v = version_with_body("See [ISO27001 5.2].\n");
  ASSERT_EQ(v.citations.size(), 1u);
  v.citations[0].citation.ref_id = "5.2\"><script>x</script>";
  RenderContext ctx = render_context();
  ctx.catalogue_base = "https://isms.example/catalogue/";
  std::string html = render_body_html(v, ctx);
  EXPECT_EQ(html,
            "<p>See [ISO27001 <a class=\"citation\" "
            "data-key=\"iso27001-2022:5.2&quot;&gt;&lt;script&gt;x&lt;/script&gt;\" "
            "href=\"https://isms.example/catalogue/iso27001-2022/"
            "5.2%22%3E%3Cscript%3Ex%3C%2Fscript%3E\">5.2</a>].</p>\n");
}

TEST(DocumentHtmlTest, WarningTitleIsEscaped) {
  DocumentVersion v = version_with_body("Refs [ISO27001 5.4] here\n");
  ASSERT_EQ(v.warnings.size(), 1u);
  v.warnings[0].message = "no \"clause\" <b>5.4</b> & more";
  v.warnings[0].suggestion = "iso27001-2022:A.5.4";
  std::string html = render_body_html(v, render_context());
  EXPECT_EQ(html,
            "<p>Refs [ISO27001 <span class=\"citation-warning\" title=\"no &quot;clause&quot; "
            "&lt;b&gt;5.4&lt;/b&gt; &amp; more\" data-suggestion=\"iso27001-2022:A.5.4\">5.4</span>"
            "] here</p>\n");
}

TEST(DocumentHtmlTest, CitationInLinkTextCodeOrDestination) {
  DocumentVersion v = version_with_body(
      "[read [ISO27001 5.2]](https://example.com/a) and `[ISO27001 5.3]`\n\n"
      "[x](<https://example.com/[ISO27001 6.1]>)\n");
  ASSERT_EQ(v.citations.size(), 3u);
  std::string html = render_body_html(v, render_context());
  // Inside a link: a span (no nested anchor). In code: the link. In an href: plain text.
  EXPECT_NE(html.find("<a href=\"https://example.com/a\">read [ISO27001 <span class=\"citation\" "
                      "data-key=\"iso27001-2022:5.2\">5.2</span>]</a>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<code>[ISO27001 <a class=\"citation\" data-key=\"iso27001-2022:5.3\" "
                      "href=\"/catalogue/iso27001-2022/5.3\">5.3</a>]</code>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<a href=\"https://example.com/%5BISO27001%206.1%5D\">x</a>"),
            std::string::npos)
      << html;
  EXPECT_EQ(count(html, "<a "), 3u) << html;  // the two real links and one citation link
}

TEST(DocumentHtmlTest, TextIsEscaped) {
  DocumentVersion v = version_with_body("Tom & Jerry <3 \"quotes\" 'single'\n");
  EXPECT_EQ(render_body_html(v, render_context()),
            "<p>Tom &amp; Jerry &lt;3 &quot;quotes&quot; 'single'</p>\n");
}

// Every tag in `html` is one a Markdown rendering makes, with no event handler and no
// script URL.
void expect_inert(const std::string& html) {
  static const std::set<std::string> allowed = {
      "p",     "a",  "h1",     "h2",   "h3",  "h4",  "h5",    "h6",         "ul",    "ol",
      "li",    "em", "strong", "code", "pre", "br",  "hr",    "blockquote", "table", "thead",
      "tbody", "tr", "th",     "td",   "del", "img", "input", "span"};
  static const std::regex tag(R"(<(/?)([a-zA-Z0-9!-]+)([^>]*)>)");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator();
       ++it) {
    std::string name = (*it)[2];
    std::string attrs = (*it)[3];
    if (name == "!--") continue;  // "<!-- raw HTML omitted -->"
    EXPECT_TRUE(allowed.count(name)) << "tag " << it->str();
    EXPECT_FALSE(std::regex_search(attrs, std::regex(R"(\bon[a-z]+\s*=)", std::regex::icase)))
        << it->str();
    EXPECT_FALSE(std::regex_search(
        attrs,
        std::regex(R"((href|src)\s*=\s*"\s*(javascript|vbscript|data:text))", std::regex::icase)))
        << it->str();
  }
  std::string lower = html;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(lower.find("<script"), std::string::npos);
  EXPECT_EQ(lower.find("<iframe"), std::string::npos);
}

TEST(DocumentHtmlTest, HostileBodyProducesNoExecutableMarkup) {
  DocumentVersion v = version_with_body(
      "<script>alert(1)</script>\n\n"
      "<img src=x onerror=alert(1)>\n\n"
      "<div onclick=\"evil()\">raw block</div>\n\n"
      "[x](javascript:alert(1)) [y](JAVASCRIPT:alert(2)) [z](vbscript:msgbox(1)) "
      "[d](data:text/html;base64,PHNjcmlwdD4=) ![i](javascript:alert(3))\n\n"
      "Inline <b onmouseover=alert(1)>bold</b>, <iframe src=//evil.example></iframe> and "
      "`<code>` text.\n\n"
      "<a href=\"javascript:alert(4)\">a</a>\n\n"
      "[ref]: javascript:alert(5)\n\n[via ref][ref] and <javascript:alert(6)>\n\n"
      "| a | b |\n|---|---|\n| <script>x</script> | [l](javascript:alert(7)) |\n\n"
      "- [ ] task <style>body{}</style>\n- [x] done\n");
  std::string html = render_body_html(v, render_context());
  expect_inert(html);
  EXPECT_NE(html.find("<p>Inline <!-- raw HTML omitted -->bold<!-- raw HTML omitted -->, "),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<code>&lt;code&gt;</code>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"\">x</a>"), std::string::npos);  // the link text is kept
  EXPECT_NE(html.find("<input type=\"checkbox\" disabled=\"\" />"), std::string::npos) << html;
  std::string page = render_document_html(v, render_context());
  size_t main = page.find("<main class=\"document-body\">\n");
  ASSERT_NE(main, std::string::npos);
  main += 29;
  expect_inert(page.substr(main, page.find("</main>") - main));
}

TEST(DocumentHtmlTest, StandalonePage) {
  DocumentVersion v = policy_version();
  v.content.title = "Information Security Policy <v3>";
  std::string page = render_document_html(v, render_context());
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_NE(page.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(page.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  EXPECT_NE(page.find("<title>Information Security Policy &lt;v3&gt;</title>"), std::string::npos);
  EXPECT_NE(page.find("<p class=\"classification classification-public\">PUBLIC</p>"),
            std::string::npos);
  EXPECT_NE(page.find("<dt>Version</dt><dd>3.1</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>Status</dt><dd>Published</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>Information owner</dt><dd>CEO</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>Approver</dt><dd>CEO</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>Last update</dt><dd>2025-02-07</dd>"), std::string::npos);
  EXPECT_NE(page.find("<tr><td>1.0</td><td>2022-11-16</td><td>CISO</td><td>Initial release of "
                      "previous document</td></tr>"),
            std::string::npos);
  EXPECT_NE(page.find("<tr><td>3.1</td><td></td><td>Hans Olof Edblom</td><td>Added "
                      "ISO-references to headers.</td></tr>"),
            std::string::npos);
  EXPECT_NE(page.find("<li class=\"toc-level-2\"><a href=\"#s-8-4\">8.4 Information Security in "
                      "Supplier Relationships</a></li>"),
            std::string::npos);
  EXPECT_NE(page.find("<li class=\"toc-level-1\"><a href=\"#s-8\">8 Topic-specific "
                      "policies</a></li>"),
            std::string::npos);
  EXPECT_NE(page.find("<h3 id=\"s-8-4\">"), std::string::npos);
  EXPECT_NE(page.find("Elastisys AB · Generated 2025-03-01T09:30:00Z"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);

  v.content.classification = Classification::kCustomerData;
  page = render_document_html(v, render_context());
  EXPECT_NE(page.find("classification-customer_data\">CUSTOMER DATA</p>"), std::string::npos);
}

TEST(DocumentHtmlTest, BadSpansAreLeftAsText) {
  DocumentVersion v = version_with_body("Line [ISO27001 5.2]\n");
  ASSERT_EQ(v.citations.size(), 1u);
  DocumentCitation past_end = v.citations[0];
  past_end.citation.offset = 1000;
  DocumentCitation overlapping = v.citations[0];
  overlapping.citation.offset += 1;  // starts inside the first span
  v.citations.push_back(past_end);
  v.citations.push_back(overlapping);
  std::string html = render_body_html(v, render_context());
  EXPECT_EQ(count(html, "class=\"citation\""), 1u) << html;
  EXPECT_NE(html.find("Line [ISO27001 <a"), std::string::npos) << html;
}

}  // namespace
}  // namespace isms
