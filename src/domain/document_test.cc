#include "domain/document.h"

#include <gtest/gtest.h>

#include <set>

namespace isms {
namespace {

DocumentContent valid_content() {
  DocumentContent c;
  c.title = "Information Security Policy";
  c.label = "3.1";
  c.last_update = "2025-02-07";
  c.author = "CISO";
  c.information_owner = "CEO";
  c.change_log = {{"1.0", "2022-11-16", "CISO", "Initial release"},
                  {"3.1", std::nullopt, "Hans Olof Edblom", "Added ISO-references to headers."}};
  c.body = "# 1 Purpose\n\nText\twith tab.\n";
  return c;
}

std::set<std::string> problem_fields(const DocumentContent& c) {
  std::set<std::string> out;
  for (const auto& p : check_document_content(c)) out.insert(p.field);
  return out;
}

TEST(DocumentNames, RoundTrip) {
  for (auto k : {DocumentKind::kPolicy, DocumentKind::kStandard, DocumentKind::kProcedure}) {
    EXPECT_EQ(parse_document_kind(document_kind_name(k)), k);
  }
  for (auto s : {VersionStatus::kDraft, VersionStatus::kInReview, VersionStatus::kApproved,
                 VersionStatus::kPublished, VersionStatus::kSuperseded}) {
    EXPECT_EQ(parse_version_status(version_status_name(s)), s);
  }
  EXPECT_EQ(version_status_name(VersionStatus::kInReview), "in_review");
  EXPECT_FALSE(parse_document_kind("Policy"));
  EXPECT_FALSE(parse_version_status("review"));
}

TEST(CalendarDate, ExistingDaysOnly) {
  EXPECT_TRUE(is_calendar_date("2025-02-07"));
  EXPECT_TRUE(is_calendar_date("2024-02-29"));
  EXPECT_TRUE(is_calendar_date("2000-02-29"));
  EXPECT_FALSE(is_calendar_date("1900-02-29"));
  EXPECT_FALSE(is_calendar_date("2025-02-29"));
  EXPECT_FALSE(is_calendar_date("2025-02-30"));
  EXPECT_FALSE(is_calendar_date("2025-04-31"));
  EXPECT_FALSE(is_calendar_date("2025-13-01"));
  EXPECT_FALSE(is_calendar_date("2025-00-10"));
  EXPECT_FALSE(is_calendar_date("2025-2-3"));
  EXPECT_FALSE(is_calendar_date("2025-02-07T00:00"));
  EXPECT_FALSE(is_calendar_date(""));
}

TEST(CheckDocumentContent, ValidContentHasNoProblems) {
  EXPECT_TRUE(check_document_content(valid_content()).empty());
}

TEST(CheckDocumentContent, NamesEveryBadField) {
  DocumentContent c = valid_content();
  c.title = "  ";
  c.label = std::string(21, '1');
  c.last_update = "2025-02-30";
  c.author = "a\nb";
  c.information_owner = std::string(201, 'x');
  c.approver = "bad\xC2\x85";  // C1 control NEL
  c.change_log[1].date = "3.1";
  c.change_log[0].version = "";
  c.change_log[0].changes = "line\nline\ttab";  // allowed
  c.review_interval_months = 61;
  c.body = "ok\rno";
  EXPECT_EQ(problem_fields(c),
            (std::set<std::string>{"title", "label", "last_update", "author", "information_owner",
                                   "approver", "change_log[1].date", "change_log[0].version",
                                   "review_interval_months", "body"}));
}

TEST(CheckDocumentContent, LimitsCountCodePointsAndBytes) {
  DocumentContent c = valid_content();
  std::string sigma;
  for (int i = 0; i < 300; ++i) sigma += "\xCF\x83";  // 300 code points, 600 bytes
  c.title = sigma;
  EXPECT_TRUE(check_document_content(c).empty());
  c.title += "x";
  EXPECT_EQ(problem_fields(c), std::set<std::string>{"title"});

  c = valid_content();
  c.body = std::string(2 * 1024 * 1024 + 1, 'a');
  EXPECT_EQ(problem_fields(c), std::set<std::string>{"body"});
  c.body = "bad \xFF utf-8";
  EXPECT_EQ(problem_fields(c), std::set<std::string>{"body"});
  c.body = std::string("nul\0", 4);
  EXPECT_EQ(problem_fields(c), std::set<std::string>{"body"});

  c = valid_content();
  c.change_log.assign(501, ChangeLogEntry{"1", std::nullopt, "", ""});
  EXPECT_EQ(problem_fields(c), std::set<std::string>{"change_log"});
  c.review_interval_months = 0;
  EXPECT_EQ(problem_fields(c), (std::set<std::string>{"change_log", "review_interval_months"}));
}

TEST(RoleKeyForOwner, BuiltInRolesByNameOrAbbreviation) {
  EXPECT_EQ(role_key_for_owner("CEO"), "ceo");
  EXPECT_EQ(role_key_for_owner("Chief Executive Officer"), "ceo");
  EXPECT_EQ(role_key_for_owner("  chief   EXECUTIVE officer. "), "ceo");
  EXPECT_EQ(role_key_for_owner("The CEO"), "ceo");
  EXPECT_EQ(role_key_for_owner("CISO"), "ciso");
  EXPECT_EQ(role_key_for_owner("Chief Information Security Officer"), "ciso");
  EXPECT_EQ(role_key_for_owner("Chief Information Security Officer (CISO)"), "ciso");
  EXPECT_EQ(role_key_for_owner("Employees"), "employee");
  EXPECT_EQ(role_key_for_owner("contractor"), "contractor");
  EXPECT_EQ(role_key_for_owner("Auditor"), "auditor");
  EXPECT_EQ(role_key_for_owner("Administrator"), "administrator");
  EXPECT_FALSE(role_key_for_owner(""));
  EXPECT_FALSE(role_key_for_owner("Head of IT"));
  EXPECT_FALSE(role_key_for_owner("Hans Olof Edblom"));
  EXPECT_FALSE(role_key_for_owner("CEO and CISO"));
  EXPECT_FALSE(role_key_for_owner("CEO (CISO)"));  // contradicts itself
}

TEST(NextVersionLabel, IncrementsTheLastNumber) {
  EXPECT_EQ(next_version_label("3.1"), "3.2");
  EXPECT_EQ(next_version_label("3"), "4");
  EXPECT_EQ(next_version_label(""), "1.0");
  EXPECT_EQ(next_version_label("v2"), "v3");
  EXPECT_EQ(next_version_label("3.9"), "3.10");
  EXPECT_EQ(next_version_label("v99"), "v100");
  EXPECT_EQ(next_version_label("1.0-draft"), "1.1-draft");
  EXPECT_EQ(next_version_label("09"), "10");
  EXPECT_EQ(next_version_label("draft"), "draft-2");
}

std::vector<std::string> numbers(const std::vector<Section>& s) {
  std::vector<std::string> out;
  for (const auto& x : s) out.push_back(x.number.empty() ? x.anchor : x.number);
  return out;
}

TEST(ExtractSections, NumberedHeadingsNestAndLoseCitations) {
  std::string body =
      "Preamble [ISO27001 5.2]\n\n"
      "# 1 Definition and purpose [ISO27002 A5.1]\n\ntext\n\n"
      "# 3 Roles [ISO27002 A5.2, 5.4] [NIS 1.2]\n\n"
      "## 3.1 Chief Executive Officer\n\n- a\n\n"
      "## 3.2. Chief Information Security Officer (CISO)\n\nb\n\n"
      "# 8 Topic-specific policies\n\n"
      "## 8.4 Information Security in Supplier Relationships [ISO27002 A5.19, A5.20][NIS "
      "5.1-5.2]\n\nc\n\n"
      "## 8.15 Use of Cryptography [ISO27002 A8.24] [NIS 9]\n\nlast\n";
  auto s = extract_sections(body);
  ASSERT_EQ(numbers(s), (std::vector<std::string>{"1", "3", "3.1", "3.2", "8", "8.4", "8.15"}));
  EXPECT_EQ(s[0].title, "Definition and purpose");
  EXPECT_EQ(s[1].title, "Roles");
  EXPECT_EQ(s[3].title, "Chief Information Security Officer (CISO)");
  EXPECT_EQ(s[5].title, "Information Security in Supplier Relationships");
  EXPECT_EQ(s[6].title, "Use of Cryptography");
  EXPECT_EQ(s[5].anchor, "s-8-4");
  EXPECT_EQ(s[2].level, 2);
  EXPECT_EQ(s[4].level, 1);
  EXPECT_EQ(body.compare(s[0].offset, 5, "# 1 D"), 0);
  EXPECT_EQ(s[0].end, s[1].offset);
  EXPECT_EQ(s[1].end, s[4].offset);  // 3 ends where 8 starts
  EXPECT_EQ(s[2].end, s[3].offset);  // 3.1 ends where 3.2 starts
  EXPECT_EQ(s[3].end, s[4].offset);
  EXPECT_EQ(s[4].end, body.size());  // 8 ends with 8.15's text
  EXPECT_EQ(s[5].end, s[6].offset);
  EXPECT_EQ(s[6].end, body.size());
}

TEST(ExtractSections, UnnumberedFencedSetextAndUniqueAnchors) {
  std::string body =
      "# Overview\n\nintro\n"
      "```\n# not a heading\n```\n"
      "~~~~ text\n## also not\n~~~\n## still code\n~~~~\n"
      "    # indented code\n\n"
      "## Overview ##\n"
      "## Scope & Use: **all** staff\n"
      "Setext One\n==========\n"
      "para line one\nline two\n---\n"
      "- item\n---\n"
      "#hashtag is text\n"
      "####### seven is text\n"
      "## [Draft] [ISO2700X] Notes\n"
      "## 2024 Review\n"
      "## 1.0 Purpose\n"
      "## [Link](http://x) Översikt\n"
      "##\n";
  auto s = extract_sections(body);
  std::vector<std::string> titles;
  for (const auto& x : s) titles.push_back(x.title);
  EXPECT_EQ(titles,
            (std::vector<std::string>{"Overview", "Overview", "Scope & Use: **all** staff",
                                      "Setext One", "para line one line two", "[Draft] Notes",
                                      "2024 Review", "Purpose", "Link Översikt", ""}));
  EXPECT_EQ(numbers(s),
            (std::vector<std::string>{"s-overview", "s-overview-2", "s-scope-use-all-staff",
                                      "s-setext-one", "s-para-line-one-line-two", "s-draft-notes",
                                      "s-2024-review", "1.0", "s-link-Översikt", "s-section"}));
  EXPECT_EQ(s[0].level, 1);
  EXPECT_EQ(s[1].level, 2);
  EXPECT_EQ(s[3].level, 1);
  EXPECT_EQ(s[4].level, 2);
  EXPECT_EQ(s[7].level, 1);  // "1.0" is a top-level number
  EXPECT_EQ(s[7].anchor, "s-1-0");
  EXPECT_EQ(body.compare(s[4].offset, 9, "para line"), 0);
  EXPECT_EQ(s[0].end, s[3].offset);  // the level-1 "Overview" runs until "Setext One"
}

TEST(ExtractSections, EmptyAndHeadingless) {
  EXPECT_TRUE(extract_sections("").empty());
  EXPECT_TRUE(extract_sections("just text\n\n- list\n").empty());
  auto s = extract_sections("# 1 A\n# 1 A\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].anchor, "s-1-2");
  EXPECT_EQ(s[1].end, 12u);
}

TEST(AttachCitations, InnermostSectionOrPreamble) {
  std::string body = "pre [X 1]\n# 1 A [X 2]\ntext\n## 1.1 B\nin b\n# 2 C\nin c\n";
  auto sections = extract_sections(body);
  ASSERT_EQ(sections.size(), 3u);
  auto at = [&](std::string_view needle) {
    Citation c;
    c.offset = body.find(needle);
    return c;
  };
  auto dc = attach_citations(
      sections, {at("pre"), at("[X 2]"), at("text"), at("in b"), at("in c"), at("# 2")});
  ASSERT_EQ(dc.size(), 6u);
  EXPECT_EQ(dc[0].section_number, "");
  EXPECT_EQ(dc[0].section_anchor, "");
  EXPECT_EQ(dc[1].section_number, "1");
  EXPECT_EQ(dc[2].section_number, "1");
  EXPECT_EQ(dc[3].section_number, "1.1");
  EXPECT_EQ(dc[3].section_anchor, "s-1-1");
  EXPECT_EQ(dc[4].section_number, "2");
  EXPECT_EQ(dc[5].section_number, "2");
  EXPECT_TRUE(attach_citations({}, {at("pre")})[0].section_anchor.empty());
}

std::string render(const VersionDiff& d) {
  std::string out;
  for (const auto& l : d.lines) {
    out += l.op;
    out += std::to_string(l.old_line) + "," + std::to_string(l.new_line) + " " + l.text + "\n";
  }
  return out;
}

TEST(DiffVersions, FieldsThatDiffer) {
  DocumentContent a = valid_content(), b = a;
  EXPECT_TRUE(diff_versions(a, b).fields.empty());
  b.title = "New";
  b.classification = Classification::kConfidential;
  b.label = "3.2";
  b.last_update.reset();
  b.approver = "CEO";
  b.review_interval_months = 6;
  b.requires_acknowledgement = true;
  b.change_log.push_back({"3.2", "2025-06-01", "CISO", "More"});
  auto d = diff_versions(a, b);
  std::vector<std::string> names;
  for (const auto& f : d.fields) names.push_back(f.field);
  EXPECT_EQ(names, (std::vector<std::string>{"title", "classification", "label", "last_update",
                                             "approver", "review_interval_months",
                                             "requires_acknowledgement", "change_log"}));
  EXPECT_EQ(d.fields[1].before, "internal");
  EXPECT_EQ(d.fields[1].after, "confidential");
  EXPECT_EQ(d.fields[3].after, "");
  EXPECT_EQ(d.fields[6].after, "true");
  EXPECT_NE(d.fields[7].after.find("3.2 | 2025-06-01 | CISO | More"), std::string::npos);
  EXPECT_NE(d.fields[7].before.find("3.1 |  | Hans Olof Edblom"), std::string::npos);
}

VersionDiff body_diff(std::string a, std::string b) {
  DocumentContent x = valid_content(), y = x;
  x.body = std::move(a);
  y.body = std::move(b);
  return diff_versions(x, y);
}

TEST(DiffVersions, InsertionsDeletionsAndLineNumbers) {
  auto d = body_diff("a\nb\nc\nd\n", "a\nx\nc\nd\ne\n");
  EXPECT_EQ(render(d), " 1,1 a\n-2,0 b\n+0,2 x\n 3,3 c\n 4,4 d\n+0,5 e\n");
  EXPECT_EQ(d.added, 2);
  EXPECT_EQ(d.removed, 1);
  EXPECT_TRUE(d.fields.empty());
}

TEST(DiffVersions, MovedBlockIsRemovedAndAdded) {
  auto d = body_diff("1\n2\n3\n4\n5\n", "4\n5\n1\n2\n3\n");
  EXPECT_EQ(d.added + d.removed, 4);
  // Every old line and every new line appears exactly once, in order.
  std::string olds, news;
  for (const auto& l : d.lines) {
    if (l.op != '+') olds += l.text;
    if (l.op != '-') news += l.text;
  }
  EXPECT_EQ(olds, "12345");
  EXPECT_EQ(news, "45123");
}

TEST(DiffVersions, EmptyBodiesAndTrailingNewline) {
  EXPECT_TRUE(body_diff("", "").lines.empty());
  EXPECT_EQ(render(body_diff("", "a\n")), "+0,1 a\n");
  EXPECT_EQ(render(body_diff("a\nb\n", "")), "-1,0 a\n-2,0 b\n");
  // A last line without '\n' differs from the same line with one.
  auto d = body_diff("a\nb", "a\nb\n");
  EXPECT_EQ(render(d), " 1,1 a\n-2,0 b\n+0,2 b\n");
  EXPECT_TRUE(body_diff("a\nb\n", "a\nb\n").added == 0);
  EXPECT_EQ(render(body_diff("x\n\n", "x\n")), " 1,1 x\n-2,0 \n");
}

TEST(DiffVersions, HugeUnrelatedBodiesStayFast) {
  std::string a, b;
  for (int i = 0; i < 30000; ++i) {
    a += "old line " + std::to_string(i) + "\n";
    b += "new line " + std::to_string(i) + "\n";
  }
  auto d = body_diff("same\n" + a, "same\n" + b);
  EXPECT_EQ(d.removed, 30000);
  EXPECT_EQ(d.added, 30000);
  EXPECT_EQ(d.lines.front().op, ' ');
}

}  // namespace
}  // namespace isms
