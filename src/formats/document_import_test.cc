// Plain-text and HTML import, byte checks and format detection. Markdown import and
// export are in document_import_markdown_test.cc.
#include "formats/document_import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace isms {

// Found by GoogleTest through argument-dependent lookup, so it lives in namespace isms.
void PrintTo(const ChangeLogEntry& e, std::ostream* os) {
  *os << "{" << e.version << ", " << e.date.value_or("-") << ", " << e.author << ", " << e.changes
      << "}";
}

namespace {

std::string read_fixture(const char* name) {
  auto root = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
  std::ifstream in(root / "tests" / "fixtures" / name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ImportedDocument must_import(const Result<ImportedDocument>& r) {
  if (!r) {
    ADD_FAILURE() << r.error().message;
    return {};
  }
  return *r;
}

bool has_note(const ImportedDocument& d, std::string_view part) {
  for (const auto& n : d.notes) {
    if (n.find(part) != std::string::npos) return true;
  }
  return false;
}

std::vector<std::pair<std::string, std::string>> outline(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& s : extract_sections(body)) out.emplace_back(s.number, s.title);
  return out;
}

// ---- the sample policy -------------------------------------------------------------------

TEST(ImportPlainText, SamplePolicyMetadata) {
  std::string text = read_fixture("information-security-policy.txt");
  ASSERT_FALSE(text.empty());
  ImportedDocument d = must_import(import_plain_text(text));
  const DocumentContent& c = d.content;
  EXPECT_EQ(c.title, "Information Security Policy");
  EXPECT_EQ(c.classification, Classification::kPublic);
  EXPECT_EQ(c.last_update, "2025-02-07");
  EXPECT_EQ(c.author, "CISO");
  EXPECT_EQ(c.information_owner, "CEO");
  EXPECT_EQ(role_key_for_owner(c.information_owner), "ceo");
  EXPECT_EQ(c.label, "3.1");
  EXPECT_EQ(d.kind, DocumentKind::kPolicy);
  std::vector<ChangeLogEntry> log = {
      {"1.0", "2022-11-16", "CISO", "Initial release of previous document"},
      {"2.0", "2024-03-05", "CISO",
       "Implemented the new template added Purpose Section. Updated Information security "
       "objective, and Information security management process"},
      {"3.0", "2025-02-07", "Hans Olof Edblom", ""},
      {"3.1", std::nullopt, "Hans Olof Edblom", "Added ISO-references to headers."},
  };
  EXPECT_EQ(c.change_log, log);
  EXPECT_TRUE(check_document_content(c).empty());
}

TEST(ImportPlainText, SamplePolicyBody) {
  std::string text = read_fixture("information-security-policy.txt");
  const std::string body = must_import(import_plain_text(text)).content.body;
  std::vector<std::pair<std::string, std::string>> expected = {
      {"1", "Definition and purpose"},
      {"2", "Scope"},
      {"3", "Roles and Responsibilities"},
      {"3.1", "Chief Executive Officer"},
      {"3.2", "Chief Information Security Officer (CISO)"},
      {"3.3", "Employees and Contractors"},
      {"4", "Management commitment"},
      {"5", "Information security management process"},
      {"6", "Information security objectives"},
      {"7", "Information Classification"},
      {"8", "Topic-specific policies"},
      {"8.1", "Acceptable use of IT resources"},
      {"8.2", "Information Transfer"},
      {"8.3", "Access Control"},
      {"8.4", "Information Security in Supplier Relationships"},
      {"8.5", "Information Security for use of Cloud Services"},
      {"8.6", "Intellectual Property Rights"},
      {"8.7", "Privacy and protection of PII"},
      {"8.8", "Remote Working"},
      {"8.9", "Clear desk and clear screen"},
      {"8.10", "Storage Media"},
      {"8.11", "User endpoint devices"},
      {"8.12", "Management of technical vulnerabilities"},
      {"8.13", "Information Backup"},
      {"8.14", "Logging"},
      {"8.15", "Use of Cryptography"},
  };
  EXPECT_EQ(outline(body), expected);
  auto sections = extract_sections(body);
  ASSERT_EQ(sections.size(), expected.size());
  EXPECT_EQ(sections[10].end, body.size());          // 8 runs to the end of 8.15
  EXPECT_EQ(sections[11].end, sections[12].offset);  // 8.1 ends where 8.2 starts

  // Citation brackets stay in the heading lines for the citation scan.
  EXPECT_NE(body.find("\n## 8.4 Information Security in Supplier Relationships [ISO27002 A5.19, "
                      "A5.20][NIS 5.1-5.2]\n"),
            std::string::npos);
  EXPECT_NE(body.find("\n# 3 Roles and Responsibilities [ISO27002 A5.2, 5.4] [NIS 1.2]\n"),
            std::string::npos);
  // The preamble keeps the download line and the subtitle.
  std::string preamble = body.substr(0, sections[0].offset);
  EXPECT_EQ(preamble,
            "You can download the Information Security Policy as a PDF document, for your record "
            "keeping and to print it.\n\nPolicy on the security of network and information "
            "systems [ISO27001 5.2] [NIS 1.1]\n\n");
  // Objectives stay paragraphs; "- " lines stay list items.
  EXPECT_NE(body.find("\n\nCyber Resilience Assurance: Establish robust"), std::string::npos);
  EXPECT_NE(body.find("\n- Secure Elastisys against cybersecurity threats"), std::string::npos);
  // Legend, metadata and change log are not repeated in the body.
  for (const char* gone : {"Classifications", "Okay to put on our website", "Change Log",
                           "Initial release of previous document", "Last update:",
                           "Classification on this document", "Hans Olof Edblom", "|"}) {
    EXPECT_EQ(body.find(gone), std::string::npos) << gone;
  }
  // Nothing else is dropped: every line from the first heading on is in the body.
  size_t start = text.find("\n1 Definition and purpose");
  ASSERT_NE(start, std::string::npos);
  std::istringstream lines(text.substr(start));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    EXPECT_NE(body.find(line + "\n"), std::string::npos) << line;
  }
}

// ---- other organizations' policies ----------------------------------------------------------

// Key-value metadata lines, a pipe table with columns in another order and one textual
// date, "1." numbered headings, pasted bullets, a numbered list inside a section and
// Markdown-looking lines that must stay text.
constexpr const char* kNorthwind = R"(Acceptable Use Policy
Northwind Health Oy

Version: 2.3
Owner: Head of IT
Approved by: Board
Classification: Internal
Review cycle: every 2 years

Revision history
| Date | Author | Version | Description of change |
|------|--------|---------|-----------------------|
| 2021-05-20 | IT Team | 1.0 | First version |
| 2023-09-01 | J. Virtanen | 2.2 | Annual review; added BYOD rules |
| 12 March 2024 | J. Virtanen | 2.3 | Added remote work rules |

1. Purpose
This policy sets the rules for using Northwind's IT equipment and services.
2. Scope
2.1. Users
All employees, contractors and interns.
2.2. Systems
• Laptops and phones issued by Northwind
• Cloud services used for patient scheduling
3. Rules [ISO27002 A5.10]
Users must:
1. Lock the screen when leaving the device
2. Report lost devices within 24 hours
3. Never share passwords
3.1. Email
Do not forward patient data to private accounts.
# Hashtags like this are text
---
4. Violations
Breaches may lead to disciplinary action.
)";

TEST(ImportPlainText, PolicyWithKeyValueHeaderAndPipeTable) {
  ImportedDocument d = must_import(import_plain_text(kNorthwind));
  const DocumentContent& c = d.content;
  EXPECT_EQ(c.title, "Acceptable Use Policy");
  EXPECT_EQ(c.label, "2.3");
  EXPECT_EQ(c.information_owner, "Head of IT");
  EXPECT_FALSE(role_key_for_owner(c.information_owner));
  EXPECT_EQ(c.approver, "Board");
  EXPECT_EQ(c.author, "");
  EXPECT_EQ(c.classification, Classification::kInternal);
  EXPECT_EQ(c.review_interval_months, 24);
  EXPECT_EQ(c.last_update, "2024-03-12");  // from the newest change-log date
  EXPECT_TRUE(has_note(d, "taken from the newest change-log date"));
  EXPECT_FALSE(has_note(d, "No classification"));
  std::vector<ChangeLogEntry> log = {
      {"1.0", "2021-05-20", "IT Team", "First version"},
      {"2.2", "2023-09-01", "J. Virtanen", "Annual review; added BYOD rules"},
      {"2.3", "2024-03-12", "J. Virtanen", "Added remote work rules"},
  };
  EXPECT_EQ(c.change_log, log);
  EXPECT_EQ(outline(c.body),
            (std::vector<std::pair<std::string, std::string>>{{"1", "Purpose"},
                                                              {"2", "Scope"},
                                                              {"2.1", "Users"},
                                                              {"2.2", "Systems"},
                                                              {"3", "Rules"},
                                                              {"3.1", "Email"},
                                                              {"4", "Violations"}}));
  EXPECT_EQ(c.body.substr(0, c.body.find("# 1.")), "Northwind Health Oy\n\n");
  EXPECT_NE(c.body.find("\n## 2.1. Users\n"), std::string::npos);
  EXPECT_NE(c.body.find("- Laptops and phones issued by Northwind\n- Cloud services"),
            std::string::npos);
  EXPECT_NE(c.body.find("Users must:\n\n1. Lock the screen when leaving the device\n2. Report"),
            std::string::npos);
  EXPECT_NE(c.body.find("\n\\# Hashtags like this are text\n"), std::string::npos);
  EXPECT_NE(c.body.find("\n\\---\n"), std::string::npos);
  EXPECT_EQ(c.body.find("Revision history"), std::string::npos);
  EXPECT_EQ(c.body.find("Board"), std::string::npos);
}

// CRLF line endings, "1.0"-style numbering, metadata on one '|' line, the kind from the
// header, a date with a month name, no change log and no version.
constexpr const char* kFabrikam =
    "Incident Reporting Procedure\r\n\r\n"
    "Document type: Procedure\r\n"
    "Document owner: Chief Information Security Officer | Effective date: 3 June 2024 | "
    "Classification: CONFIDENTIAL\r\n"
    "Prepared by: Security Team\r\n"
    "Next review: June 2025\r\n\r\n"
    "1.0 Purpose\r\n"
    "Staff report suspected incidents so that they can be contained quickly.\r\n"
    "2.0 Procedure\r\n"
    "2.1 Reporting\r\n"
    "Call the service desk or write to security@fabrikam.example.\r\n"
    "2.2 Triage\r\n"
    "The on-call engineer classifies the incident within 4 hours:\r\n"
    "- Severity 1: customer data affected\r\n"
    "- Severity 2: internal systems affected\r\n"
    "3.0 References\r\n"
    "See the Incident Management Standard.\r\n";

TEST(ImportPlainText, ProcedureWithoutChangeLog) {
  ImportedDocument d = must_import(import_plain_text(kFabrikam));
  const DocumentContent& c = d.content;
  EXPECT_EQ(d.kind, DocumentKind::kProcedure);
  EXPECT_EQ(c.title, "Incident Reporting Procedure");
  EXPECT_EQ(c.information_owner, "Chief Information Security Officer");
  EXPECT_EQ(role_key_for_owner(c.information_owner), "ciso");
  EXPECT_EQ(c.last_update, "2024-06-03");
  EXPECT_EQ(c.classification, Classification::kConfidential);
  EXPECT_EQ(c.author, "Security Team");
  EXPECT_EQ(c.label, "1.0");
  EXPECT_TRUE(c.change_log.empty());
  EXPECT_TRUE(has_note(d, "No change log found"));
  EXPECT_TRUE(has_note(d, "No version label found"));
  EXPECT_EQ(c.body.find('\r'), std::string::npos);
  // "Next review" is not a field: it stays in the body.
  EXPECT_EQ(c.body.substr(0, c.body.find("\n# 1.0")), "Next review: June 2025\n");
  auto sections = extract_sections(c.body);
  ASSERT_EQ(outline(c.body),
            (std::vector<std::pair<std::string, std::string>>{{"1.0", "Purpose"},
                                                              {"2.0", "Procedure"},
                                                              {"2.1", "Reporting"},
                                                              {"2.2", "Triage"},
                                                              {"3.0", "References"}}));
  EXPECT_EQ(sections[1].level, 1);
  EXPECT_EQ(sections[2].level, 2);
  EXPECT_EQ(sections[1].end, sections[4].offset);
}

TEST(ImportPlainText, StreamedChangeLogWithoutRowSeparators) {
  // One cell per line with no '|' at all; rows run together and the second has no changes.
  std::string text =
      "Backup Standard\nChange log\nVersion\nDate\nAuthor\nChanges\n"
      "1.0\n2023-01-10\nOps\nFirst\n1.1\n2023-06-01\nOps\n\n\n"
      "1 Scope\nAll production data.\n";
  ImportedDocument d = must_import(import_plain_text(text));
  EXPECT_EQ(d.kind, DocumentKind::kStandard);
  EXPECT_EQ(d.content.change_log,
            (std::vector<ChangeLogEntry>{{"1.0", "2023-01-10", "Ops", "First"},
                                         {"1.1", "2023-06-01", "Ops", ""}}));
  EXPECT_EQ(d.content.label, "1.1");
  EXPECT_EQ(d.content.body, "# 1 Scope\n\nAll production data.\n");
}

TEST(ImportPlainText, HeadinglessTextAndBadValues) {
  std::string text =
      "Clean Desk Rules\nClassification: top secret\nLast update: soon\nKeep desks clear.\n";
  ImportedDocument d = must_import(import_plain_text(text));
  EXPECT_EQ(d.content.classification, Classification::kInternal);
  EXPECT_TRUE(has_note(d, "No classification found"));
  EXPECT_TRUE(has_note(d, "\"Classification: top secret\" was not used"));
  EXPECT_TRUE(has_note(d, "\"Last update: soon\" was not used"));
  EXPECT_TRUE(has_note(d, "No numbered headings"));
  EXPECT_FALSE(d.content.last_update);
  EXPECT_EQ(d.content.body, "Keep desks clear.\n");
}

TEST(ImportPlainText, ImpossibleChangeLogDateIsAFieldError) {
  std::string text =
      "Policy\n| Version | Date | Author |\n| 1.0 | 2025-02-30 | Me |\n1 Scope\nText\n";
  auto r = import_plain_text(text);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(r.error().field, "change_log[0].date");
}

// ---- bytes every importer refuses ----------------------------------------------------------

using Importer = Result<ImportedDocument> (*)(std::string_view);

void expect_file_error(std::string_view bytes, std::string_view message_part,
                       ErrorCode code = ErrorCode::kInvalid) {
  for (Importer im : {&import_plain_text, &import_markdown, &import_html}) {
    auto r = im(bytes);
    ASSERT_FALSE(r) << message_part;
    EXPECT_EQ(r.error().code, code);
    EXPECT_EQ(r.error().field, "file");
    EXPECT_NE(r.error().message.find(message_part), std::string::npos) << r.error().message;
  }
}

TEST(ImportBytes, RefusesWhatIsNotUtf8Text) {
  expect_file_error("", "is empty");
  expect_file_error(" \n\t\r\n", "only blank");
  expect_file_error(std::string(kMaxImportBytes + 1, 'a'), "import limit", ErrorCode::kTooLarge);
  expect_file_error("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", "a PDF document");
  expect_file_error(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "a PNG image");
  expect_file_error(std::string("PK\x03\x04\x14\0\x06\0", 8), "ZIP archive");
  expect_file_error("\xFF\xFEP\0o\0", "UTF-16");
  expect_file_error(std::string("Title\nab\0cd", 11), "NUL byte at byte offset 8");
  expect_file_error("Title\n\x1B[31mred", "control byte 0x1B at byte offset 6");
  expect_file_error("Title\xC3(", "not valid UTF-8 (byte offset 5)");
  expect_file_error("T\xED\xA0\x80", "byte offset 1");        // a UTF-16 surrogate
  expect_file_error("Ti\xC0\xAF", "byte offset 2");           // overlong '/'
  expect_file_error("Tit\xF4\x90\x80\x80", "byte offset 3");  // above U+10FFFF
}

TEST(ImportBytes, AcceptsBomAndTheSizeLimit) {
  ImportedDocument d = must_import(import_plain_text("\xEF\xBB\xBFTitle\nText\n"));
  EXPECT_EQ(d.content.title, "Title");
  std::string big = "Title\n" + std::string(kMaxImportBytes - 8, 'a') + "\n";
  big.resize(kMaxImportBytes, 'a');
  EXPECT_TRUE(import_plain_text(big));
}

TEST(DetectImportFormat, ByExtensionThenContent) {
  EXPECT_EQ(*detect_import_format("policy.txt", ""), ImportFormat::kPlainText);
  EXPECT_EQ(*detect_import_format("POLICY.MD", ""), ImportFormat::kMarkdown);
  EXPECT_EQ(*detect_import_format("p.markdown", ""), ImportFormat::kMarkdown);
  EXPECT_EQ(*detect_import_format("dir.v2/p.htm", ""), ImportFormat::kHtml);
  EXPECT_EQ(*detect_import_format("p.html", "plain"), ImportFormat::kHtml);
  EXPECT_EQ(*detect_import_format("", "---\ntitle: x\n---\n"), ImportFormat::kMarkdown);
  EXPECT_EQ(*detect_import_format("upload", "\xEF\xBB\xBF<!DOCTYPE html><html>"),
            ImportFormat::kHtml);
  EXPECT_EQ(*detect_import_format("upload", "  <HTML><body>"), ImportFormat::kHtml);
  EXPECT_EQ(*detect_import_format("upload", "Policy\n1 Scope\n"), ImportFormat::kPlainText);
  EXPECT_EQ(*detect_import_format(".profile", "x"), ImportFormat::kPlainText);
  for (const char* name : {"policy.pdf", "policy.docx", "a.odt"}) {
    auto r = detect_import_format(name, "");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "file");
    EXPECT_NE(r.error().message.find("convert to text or HTML first"), std::string::npos);
  }
  EXPECT_FALSE(detect_import_format("data.csv", ""));
  EXPECT_EQ(import_format_name(ImportFormat::kPlainText), "text");
  EXPECT_EQ(import_format_name(ImportFormat::kMarkdown), "markdown");
  EXPECT_EQ(import_format_name(ImportFormat::kHtml), "html");
}

TEST(ImportDocument, Dispatches) {
  auto r = import_document(ImportFormat::kHtml, "<h1>T</h1><p>x</p>");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->content.body, "x\n");
}

// ---- HTML ----------------------------------------------------------------------------------

constexpr const char* kPasswordPage = R"html(<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Password Policy | Contoso Intranet</title>
  <meta name="author" content="Security Office">
  <style>body { color: red } h2::before { content: "# fake" }</style>
  <script>document.write("<h2>9 Injected</h2>"); var owner = "Owner: Evil";</script>
</head>
<body>
<h1>Password Policy</h1>
<dl>
  <dt>Version</dt><dd>4.2</dd>
  <dt>Information owner</dt><dd>CISO</dd>
  <dt>Classification</dt><dd>Internal</dd>
  <dt>Last update</dt><dd>2024-11-05</dd>
</dl>
<!-- reviewed by legal, do not publish -->
<h2>Change log</h2>
<table>
  <thead><tr><th>Version</th><th>Date</th><th>Author</th><th>Changes</th></tr></thead>
  <tbody>
    <tr><td>4.1</td><td>2024-01-15</td><td>A. Berg</td><td>Passphrases allowed</td></tr>
    <tr><td>4.2</td><td>2024-11-05</td><td>A. Berg</td><td>MFA &amp; password managers</td></tr>
  </tbody>
</table>
<h2>1. Purpose [ISO27002 A5.17]</h2>
<p>Passwords protect Contoso&rsquo;s systems &amp; data. See
   <a href="https://example.com/std">the standard</a> and <a href="javascript:alert(1)">this</a>.</p>
<h2>2. Rules</h2>
<h3>2.1. Length</h3>
<p>Passwords must have <strong>at least 14</strong> characters.<br>Passphrases are <em>encouraged</em>.</p>
<ul>
  <li>Use a password manager
    <ul><li>Approved: Bitwarden</li></ul>
  </li>
  <li>Never reuse passwords</li>
</ul>
<ol><li>Enable MFA</li><li>Report phishing to <code>security@contoso.example</code></li></ol>
<table>
  <tr><th>Account type</th><th>Minimum length</th></tr>
  <tr><td>User</td><td>14</td></tr>
  <tr><td>Admin | service</td><td>20</td></tr>
</table>
<h3>2.2. Storage</h3>
<pre>hash = argon2id(password)
  # not a heading</pre>
<blockquote><p>Security is everyone&#39;s job.</p></blockquote>
<p>1. This line is not a list * and _ stays text</p>
</body>
</html>
)html";

TEST(ImportHtml, PolicyPage) {
  ImportedDocument d = must_import(import_html(kPasswordPage));
  const DocumentContent& c = d.content;
  EXPECT_EQ(c.title, "Password Policy");
  EXPECT_EQ(c.label, "4.2");
  EXPECT_EQ(c.information_owner, "CISO");
  EXPECT_EQ(c.classification, Classification::kInternal);
  EXPECT_EQ(c.last_update, "2024-11-05");
  EXPECT_EQ(c.author, "Security Office");
  EXPECT_EQ(c.change_log, (std::vector<ChangeLogEntry>{
                              {"4.1", "2024-01-15", "A. Berg", "Passphrases allowed"},
                              {"4.2", "2024-11-05", "A. Berg", "MFA & password managers"}}));
  EXPECT_EQ(c.body,
            "## 1. Purpose [ISO27002 A5.17]\n\n"
            "Passwords protect Contoso\xE2\x80\x99s systems & data. See [the "
            "standard](https://example.com/std) and this.\n\n"
            "## 2. Rules\n\n"
            "### 2.1. Length\n\n"
            "Passwords must have **at least 14** characters.\\\nPassphrases are *encouraged*.\n\n"
            "- Use a password manager\n  - Approved: Bitwarden\n- Never reuse passwords\n\n"
            "1. Enable MFA\n2. Report phishing to `security@contoso.example`\n\n"
            "| Account type | Minimum length |\n| --- | --- |\n| User | 14 |\n"
            "| Admin \\| service | 20 |\n\n"
            "### 2.2. Storage\n\n"
            "```\nhash = argon2id(password)\n  # not a heading\n```\n\n"
            "> Security is everyone's job.\n\n"
            "1\\. This line is not a list \\* and \\_ stays text\n");
  EXPECT_EQ(outline(c.body),
            (std::vector<std::pair<std::string, std::string>>{
                {"1", "Purpose"}, {"2", "Rules"}, {"2.1", "Length"}, {"2.2", "Storage"}}));
}

TEST(ImportHtml, MetadataParagraphsTablesAndTitleFallback) {
  std::string page =
      "<html><head><title>Risk Policy</title></head><body>"
      "<p>Last update: 2025-02-07 | Author: CISO | Information owner: CEO</p>"
      "<p>Classification on this document: PUBLIC</p>"
      "<table><tr><td>Approved by</td><td>Board</td></tr>"
      "<tr><td>Review interval</td><td>6 months</td></tr></table>"
      "<p>Intro text.</p>"
      "<h2>1 Scope</h2><p>Owner: this paragraph is body text</p>"
      "<dl><dt>Risk</dt><dd>Effect of uncertainty</dd></dl>"
      "<table><tr><td>Owner</td><td>Asset owner</td></tr></table>"
      "</body></html>";
  ImportedDocument d = must_import(import_html(page));
  const DocumentContent& c = d.content;
  EXPECT_EQ(c.title, "Risk Policy");
  EXPECT_TRUE(has_note(d, "page title"));
  EXPECT_EQ(c.last_update, "2025-02-07");
  EXPECT_EQ(c.author, "CISO");
  EXPECT_EQ(c.information_owner, "CEO");
  EXPECT_EQ(c.classification, Classification::kPublic);
  EXPECT_EQ(c.approver, "Board");
  EXPECT_EQ(c.review_interval_months, 6);
  EXPECT_EQ(c.body,
            "Intro text.\n\n## 1 Scope\n\nOwner: this paragraph is body text\n\n**Risk**\n\n"
            "Effect of uncertainty\n\n| Owner | Asset owner |\n| --- | --- |\n");
}

TEST(ImportHtml, RefusesDeepNestingAndSurvivesJunk) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div><span>";
  deep += "x";
  auto r = import_html("<h1>T</h1>" + deep);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "file");
  EXPECT_NE(r.error().message.find("deeper than"), std::string::npos);

  for (const char* junk : {"<", "<<<>>>", "<h1>", "</p></p>", "<table><tr><td>", "<![CDATA[x",
                           "<h1>T</h1><ul><li><ol><li>", "<h1>T</h1>&#0;&#x80;&#xD800;&bogus;"}) {
    auto j = import_html(junk);  // must not crash; an error or a document are both fine
    if (j) {
      EXPECT_TRUE(check_document_content(j->content).empty());
    }
  }
}

}  // namespace
}  // namespace isms
