// Markdown with YAML front matter: export format, round trips, hand-written front matter
// and refused front matter.
#include <gtest/gtest.h>

#include <random>

#include "formats/document_import.h"

namespace isms {
namespace {

DocumentContent sample() {
  DocumentContent c;
  c.title = "Information Security Policy";
  c.classification = Classification::kPublic;
  c.label = "3.0";
  c.last_update = "2025-02-07";
  c.author = "CISO";
  c.information_owner = "CEO";
  c.change_log = {{"1.0", "2022-11-16", "CISO", "Initial release"},
                  {"3.1", std::nullopt, "Hans \"HO\" Edblom", "Added: refs\nand # more"}};
  c.review_interval_months = 12;
  c.body = "Preamble\n\n# 1 Scope [ISO27001 4.3]\n\n---\n\nText\n";
  return c;
}

TEST(ExportMarkdown, WritesEveryFieldQuoted) {
  EXPECT_EQ(export_markdown("doc-1", DocumentKind::kPolicy, "published", sample()),
            "---\n"
            "id: \"doc-1\"\n"
            "kind: policy\n"
            "status: \"published\"\n"
            "title: \"Information Security Policy\"\n"
            "classification: public\n"
            "version: \"3.0\"\n"
            "last_update: \"2025-02-07\"\n"
            "author: \"CISO\"\n"
            "information_owner: \"CEO\"\n"
            "approver: \"\"\n"
            "review_interval_months: 12\n"
            "requires_acknowledgement: false\n"
            "change_log:\n"
            "  - version: \"1.0\"\n"
            "    date: \"2022-11-16\"\n"
            "    author: \"CISO\"\n"
            "    changes: \"Initial release\"\n"
            "  - version: \"3.1\"\n"
            "    date: null\n"
            "    author: \"Hans \\\"HO\\\" Edblom\"\n"
            "    changes: \"Added: refs\\nand # more\"\n"
            "---\n"
            "Preamble\n\n# 1 Scope [ISO27001 4.3]\n\n---\n\nText\n");
  DocumentContent empty_log = sample();
  empty_log.change_log.clear();
  empty_log.last_update.reset();
  std::string md = export_markdown("", DocumentKind::kProcedure, "", empty_log);
  EXPECT_NE(md.find("\nchange_log: []\n---\n"), std::string::npos);
  EXPECT_NE(md.find("\nlast_update: null\n"), std::string::npos);
  EXPECT_NE(md.find("\nkind: procedure\n"), std::string::npos);
}

TEST(ImportMarkdown, ReadsItsExportBack) {
  std::string md = export_markdown("doc-1", DocumentKind::kStandard, "draft", sample());
  auto r = import_markdown(md);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->content, sample());
  EXPECT_EQ(r->id, "doc-1");
  EXPECT_EQ(r->kind, DocumentKind::kStandard);
  EXPECT_EQ(r->status, "draft");
}

// Random text from pieces that stress YAML and the front-matter split.
std::string random_text(std::mt19937& rng, bool multiline, size_t max_pieces) {
  static const std::vector<std::string> kPieces = {"a",
                                                   "Policy",
                                                   " ",
                                                   "  ",
                                                   ":",
                                                   ": ",
                                                   "'",
                                                   "\"",
                                                   "#",
                                                   " #",
                                                   "-",
                                                   "- ",
                                                   "---",
                                                   "...",
                                                   "\\",
                                                   "\\n",
                                                   "é",
                                                   "日本語",
                                                   "😀",
                                                   "&anchor",
                                                   "*alias",
                                                   "!tag",
                                                   "%",
                                                   "@",
                                                   "`",
                                                   "{",
                                                   "}",
                                                   "[",
                                                   "]",
                                                   ",",
                                                   "?",
                                                   "|",
                                                   ">",
                                                   "~",
                                                   "null",
                                                   "yes",
                                                   "No",
                                                   "3.0",
                                                   "0x1F",
                                                   "1e3",
                                                   "2025-02-07",
                                                   "\xE2\x80\xA8",
                                                   "\xEF\xBB\xBF",
                                                   "\xC2\xA0",
                                                   "<b>",
                                                   "&amp;",
                                                   "true"};
  static const std::vector<std::string> kBreaks = {"\n", "\n---\n",         "\n...\n", "\n\n",
                                                   "\t", "\n# 1 Heading\n", "\n---"};
  std::uniform_int_distribution<size_t> count(0, max_pieces), piece(0, kPieces.size() - 1),
      brk(0, kBreaks.size() - 1), coin(0, 5);
  std::string out;
  size_t n = count(rng);
  for (size_t i = 0; i < n; ++i) {
    out += multiline && coin(rng) == 0 ? kBreaks[brk(rng)] : kPieces[piece(rng)];
  }
  return out;
}

std::optional<std::string> random_date(std::mt19937& rng) {
  std::uniform_int_distribution<int> y(1990, 2099), m(1, 12), d(1, 28), coin(0, 2);
  if (coin(rng) == 0) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y(rng), m(rng), d(rng));
  return std::string(buf);
}

DocumentContent random_content(std::mt19937& rng) {
  std::uniform_int_distribution<int> months(1, 60), entries(0, 4), coin(0, 1), cls(0, 3);
  DocumentContent c;
  do {
    c.title = random_text(rng, false, 12);
  } while (c.title.find_first_not_of(" ") == std::string::npos);
  c.classification = static_cast<Classification>(cls(rng));
  do {
    c.label = random_text(rng, false, 3);
  } while (c.label.find_first_not_of(" ") == std::string::npos || c.label.size() > 20);
  c.last_update = random_date(rng);
  c.author = random_text(rng, false, 5);
  c.information_owner = random_text(rng, false, 5);
  c.approver = random_text(rng, false, 3);
  int n = entries(rng);
  for (int i = 0; i < n; ++i) {
    ChangeLogEntry e;
    do {
      e.version = random_text(rng, false, 2);
    } while (e.version.find_first_not_of(" ") == std::string::npos || e.version.size() > 20);
    e.date = random_date(rng);
    e.author = random_text(rng, false, 4);
    e.changes = random_text(rng, true, 10);
    c.change_log.push_back(e);
  }
  c.review_interval_months = months(rng);
  c.requires_acknowledgement = coin(rng) == 1;
  c.body = random_text(rng, true, 60);
  return c;
}

TEST(ImportMarkdown, RoundTripProperty) {
  std::mt19937 rng(20250207);
  int checked = 0;
  for (int i = 0; i < 600; ++i) {
    DocumentContent c = random_content(rng);
    if (!check_document_content(c).empty()) continue;  // e.g. a label over 20 characters
    ++checked;
    std::string id = random_text(rng, false, 3), status = random_text(rng, false, 2);
    std::string md = export_markdown(id, DocumentKind::kProcedure, status, c);
    auto r = import_markdown(md);
    ASSERT_TRUE(r) << r.error().message << "\n" << md;
    ASSERT_EQ(r->content, c) << md;
    EXPECT_EQ(r->id, id);
    EXPECT_EQ(r->status, status);
    EXPECT_EQ(r->kind, DocumentKind::kProcedure);
    EXPECT_EQ(export_markdown(r->id, r->kind, r->status, r->content), md);
  }
  EXPECT_GT(checked, 400);
}

TEST(ImportMarkdown, EdgeBodies) {
  for (std::string body : {"", "\n", "---", "---\n", "---\n---\n", "...\n", "x", "\n\nx\n\n",
                           "---\ntitle: \"fake\"\n---\nbody"}) {
    DocumentContent c = sample();
    c.body = body;
    auto r = import_markdown(export_markdown("", DocumentKind::kPolicy, "", c));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->content.body, body);
  }
}

TEST(ImportMarkdown, HandWrittenFrontMatter) {
  std::string md =
      "---\r\n"
      "title: Access Control Policy   # a comment\r\n"
      "version: 3.0\r\n"
      "last_update: 2025-02-07\r\n"
      "classification: Customer data\r\n"
      "information_owner: CISO\r\n"
      "review_interval_months: 6\r\n"
      "requires_acknowledgement: yes\r\n"
      "change_log:\r\n"
      "  - {version: 1.0, date: 2024-01-01, author: CISO, changes: First}\r\n"
      "  - version: 3.0\r\n"
      "    author: CISO\r\n"
      "---\r\n"
      "# 1 Access\r\n";
  auto r = import_markdown(md);
  ASSERT_TRUE(r) << r.error().message;
  const DocumentContent& c = r->content;
  EXPECT_EQ(c.title, "Access Control Policy");
  EXPECT_EQ(c.label, "3.0");  // plain YAML 3.0 keeps its text
  EXPECT_EQ(c.last_update, "2025-02-07");
  EXPECT_EQ(c.classification, Classification::kCustomerData);
  EXPECT_EQ(c.review_interval_months, 6);
  EXPECT_TRUE(c.requires_acknowledgement);
  ASSERT_EQ(c.change_log.size(), 2u);
  EXPECT_EQ(c.change_log[0], (ChangeLogEntry{"1.0", "2024-01-01", "CISO", "First"}));
  EXPECT_EQ(c.change_log[1], (ChangeLogEntry{"3.0", std::nullopt, "CISO", ""}));
  EXPECT_EQ(c.body, "# 1 Access\n");
  EXPECT_EQ(r->kind, DocumentKind::kPolicy);
}

TEST(ImportMarkdown, WithoutFrontMatter) {
  auto r = import_markdown("Intro\n\n# Remote Work Policy [ISO27002 A6.7]\n\n## 1 Scope\n");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->content.title, "Remote Work Policy");
  EXPECT_EQ(r->content.body, "Intro\n\n# Remote Work Policy [ISO27002 A6.7]\n\n## 1 Scope\n");
  EXPECT_EQ(r->content.label, "1.0");
  EXPECT_EQ(r->content.classification, Classification::kInternal);
  EXPECT_FALSE(r->notes.empty());
  auto empty_fm = import_markdown("---\n---\nJust text\n");
  ASSERT_TRUE(empty_fm) << empty_fm.error().message;
  EXPECT_EQ(empty_fm->content.title, "Just text");
}

struct Bad {
  std::string front_matter;
  std::string field;
  std::string message_part;
};

TEST(ImportMarkdown, RefusesBadFrontMatter) {
  std::string bomb = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n";
  for (char c = 'b'; c <= 'k'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [*" + static_cast<char>(c - 1) + ",*" +
            static_cast<char>(c - 1) + ",*" + static_cast<char>(c - 1) + "]\n";
  }
  std::string deep_flow = "title: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  std::string deep_block = "change_log:\n";
  for (int i = 1; i < 40; ++i) deep_block += std::string(static_cast<size_t>(i) * 2, ' ') + "- \n";
  const std::vector<Bad> cases = {
      {"- a\n- b\n", "file", "must be a YAML mapping"},
      {"just text\n", "file", "must be a YAML mapping"},
      {"title: [a, b]\n", "front_matter.title", "must be text"},
      {"change_log: none\n", "front_matter.change_log", "must be a list"},
      {"change_log:\n  - 1.0\n", "front_matter.change_log[0]", "must be a mapping"},
      {"change_log:\n  - {version: '1', date: 2025-02-30}\n", "front_matter.change_log[0].date",
       "2025-02-30"},
      {"change_log:\n  - {version: '1', by: me}\n", "front_matter.change_log[0].by",
       "not a change-log key"},
      {"review_interval_months: abc\n", "front_matter.review_interval_months", "\"abc\""},
      {"review_interval_months: 1.5\n", "front_matter.review_interval_months", "whole number"},
      {"last_update: 2025-02-30\n", "front_matter.last_update", "2025-02-30"},
      {"last_update: 07.02.2025\n", "front_matter.last_update", "YYYY-MM-DD"},
      {"requires_acknowledgement: maybe\n", "front_matter.requires_acknowledgement",
       "true or false"},
      {"classification: secret\n", "front_matter.classification", "\"secret\""},
      {"kind: memo\n", "front_matter.kind", "policy, standard or procedure"},
      {"id: \"a\\x00b\"\n", "front_matter.id", "one line of text"},
      {"status: \"in\\nreview\"\n", "front_matter.status", "one line of text"},
      {"status: \"\\uD800\"\n", "file", "not valid YAML"},  // yaml-cpp refuses surrogates
      {"clasification: public\n", "front_matter.clasification", "not a known key"},
      {"title: a\ntitle: b\n", "front_matter.title", "given twice"},
      {"title: &t x\n", "file", "anchors or aliases"},
      {"title: x\nauthor: *t\n", "file", "not valid YAML (line 3"},  // undefined anchor
      {bomb, "file", "anchors or aliases"},
      {"<<: {title: x}\n", "front_matter.<<", "not a known key"},
      {"title: !!python/object:os.system x\n", "file", "tags are not allowed"},
      {"title: !custom x\n", "file", "tags are not allowed"},
      {deep_flow, "file", "deeper than"},
      {deep_block, "file", "deeper than"},
      {"title: x: y\n", "file", "not valid YAML (line 2"},
      {"? [a, b]\n: c\n", "file", "key that is not text"},
  };
  for (const Bad& b : cases) {
    auto r = import_markdown("---\n" + b.front_matter + "---\nBody\n");
    ASSERT_FALSE(r) << b.front_matter;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << b.front_matter;
    EXPECT_EQ(r.error().field, b.field) << b.front_matter.substr(0, 80);
    EXPECT_NE(r.error().message.find(b.message_part), std::string::npos)
        << r.error().message.substr(0, 200);
  }
}

TEST(ImportMarkdown, RefusesStructuralProblems) {
  auto unterminated = import_markdown("---\ntitle: x\n\n# Body\n");
  ASSERT_FALSE(unterminated);
  EXPECT_EQ(unterminated.error().field, "file");
  EXPECT_NE(unterminated.error().message.find("not closed"), std::string::npos);

  auto two_docs = import_markdown("---\ntitle: x\n...\n---\n");
  ASSERT_TRUE(two_docs) << two_docs.error().message;  // "..." closes the front matter too
  EXPECT_EQ(two_docs->content.body, "---\n");

  // Problems of the content itself name the content's fields.
  auto long_label =
      import_markdown("---\ntitle: x\nversion: \"" + std::string(21, '9') + "\"\n---\n");
  ASSERT_FALSE(long_label);
  EXPECT_EQ(long_label.error().field, "label");
  auto no_title = import_markdown("---\nversion: '1'\n---\n\n\n");
  ASSERT_FALSE(no_title);
  EXPECT_EQ(no_title.error().field, "title");
  auto control = import_markdown("---\ntitle: \"a\\u0007b\"\n---\n");
  ASSERT_FALSE(control);
  EXPECT_EQ(control.error().field, "title");
}

}  // namespace
}  // namespace isms
