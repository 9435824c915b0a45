// Unit tests of the citation scanner over a small in-memory catalogue. The sample policy
// with the real catalogue CSVs is in citation_policy_test.cc.
#include "domain/citation.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace isms {
namespace {

class FakeCatalogue : public CatalogueIndex {
 public:
  void add(const std::string& fw, std::vector<std::string> ids) {
    auto& list = frameworks_[fw];
    list.insert(list.end(), ids.begin(), ids.end());
  }
  bool has_framework(std::string_view fw) const override {
    return frameworks_.count(std::string(fw)) > 0;
  }
  bool has_requirement(std::string_view fw, std::string_view ref) const override {
    auto it = frameworks_.find(std::string(fw));
    if (it == frameworks_.end()) return false;
    for (const auto& id : it->second)
      if (id == ref) return true;
    return false;
  }
  std::vector<std::string> ref_ids(std::string_view fw) const override {
    auto it = frameworks_.find(std::string(fw));
    return it == frameworks_.end() ? std::vector<std::string>{} : it->second;
  }

 private:
  std::map<std::string, std::vector<std::string>> frameworks_;
};

// ISO 27001:2022 clauses and Annex A (numbers only) and the 2024/2690 Annex down to
// subsections, in document order.
FakeCatalogue standard_catalogue() {
  FakeCatalogue c;
  c.add("iso27001-2022",
        {"4",     "4.1",   "4.2",   "4.3",   "4.4",   "5",   "5.1",  "5.2", "5.3", "6",   "6.1",
         "6.1.1", "6.1.2", "6.1.3", "6.2",   "6.3",   "7",   "7.1",  "7.2", "7.3", "7.4", "7.5",
         "7.5.1", "7.5.2", "7.5.3", "8",     "8.1",   "8.2", "8.3",  "9",   "9.1", "9.2", "9.2.1",
         "9.2.2", "9.3",   "9.3.1", "9.3.2", "9.3.3", "10",  "10.1", "10.2"});
  c.add("iso27001-2022", {"A"});
  const int controls[] = {37, 8, 14, 34};  // A.5 .. A.8
  for (int theme = 5; theme <= 8; ++theme) {
    c.add("iso27001-2022", {"A." + std::to_string(theme)});
    for (int k = 1; k <= controls[theme - 5]; ++k)
      c.add("iso27001-2022", {"A." + std::to_string(theme) + "." + std::to_string(k)});
  }
  const int subsections[] = {2, 3, 6, 3, 4, 10, 1, 2, 1, 4, 7, 5, 3};  // sections 1..13
  for (int s = 1; s <= 13; ++s) {
    c.add("nis2-2024-2690", {std::to_string(s)});
    for (int k = 1; k <= subsections[s - 1]; ++k)
      c.add("nis2-2024-2690", {std::to_string(s) + "." + std::to_string(k)});
  }
  c.add("nis2-2024-2690", {"1.1.1", "1.1.1.a"});
  return c;
}

std::vector<std::string> keys(const CitationScan& scan) {
  std::vector<std::string> out;
  for (const auto& c : scan.citations) out.push_back(c.framework_id + ":" + c.ref_id);
  return out;
}

using Keys = std::vector<std::string>;

// Every citation's span is its raw text and lies inside its notation's span.
void expect_spans(std::string_view text, const CitationScan& scan) {
  for (const auto& c : scan.citations) {
    ASSERT_LE(c.offset + c.length, text.size());
    EXPECT_EQ(text.substr(c.offset, c.length), c.raw);
    EXPECT_LE(c.bracket_offset, c.offset);
    EXPECT_GE(c.bracket_offset + c.bracket_length, c.offset + c.length);
  }
  for (const auto& w : scan.warnings) EXPECT_LE(w.offset + w.length, text.size());
}

CitationScan scan(std::string_view text) {
  static const FakeCatalogue catalogue = standard_catalogue();
  CitationScan result = scan_citations(text, catalogue);
  expect_spans(text, result);
  return result;
}

TEST(CitationBracket, ClauseAndAnnexWithSpans) {
  std::string text = "Policy [ISO27001 5.2] and [ISO27002 A5.19, A5.20].";
  CitationScan r = scan(text);
  ASSERT_EQ(keys(r), (Keys{"iso27001-2022:5.2", "iso27001-2022:A.5.19", "iso27001-2022:A.5.20"}));
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.citations[0].raw, "5.2");
  EXPECT_EQ(r.citations[0].offset, text.find("5.2"));
  EXPECT_EQ(text.substr(r.citations[0].bracket_offset, r.citations[0].bracket_length),
            "[ISO27001 5.2]");
  EXPECT_EQ(r.citations[1].raw, "A5.19");
  EXPECT_EQ(r.citations[2].raw, "A5.20");
  EXPECT_EQ(text.substr(r.citations[2].bracket_offset, r.citations[2].bracket_length),
            "[ISO27002 A5.19, A5.20]");
  EXPECT_FALSE(r.citations[1].from_range);
}

TEST(CitationBracket, PrefixCarriesOver) {
  EXPECT_EQ(keys(scan("[ISO27002 A5.2, 5.4]")),
            (Keys{"iso27001-2022:A.5.2", "iso27001-2022:A.5.4"}));
  // Under ISO27001 bare numbers are clauses until an A is written.
  EXPECT_EQ(keys(scan("[ISO27001 4.3, A5.2, 5.4]")),
            (Keys{"iso27001-2022:4.3", "iso27001-2022:A.5.2", "iso27001-2022:A.5.4"}));
  EXPECT_EQ(keys(scan("[ISO27001 A.5.1]")), (Keys{"iso27001-2022:A.5.1"}));
  EXPECT_EQ(keys(scan("[ISO 27001 Annex A 5.15]")), (Keys{"iso27001-2022:A.5.15"}));
}

TEST(CitationBracket, UnknownClauseWarnsWithAnnexSuggestion) {
  std::string text = "4 Management commitment [ISO27001 5.1, 5.4] [NIS 1.1]";
  CitationScan r = scan(text);
  EXPECT_EQ(keys(r), (Keys{"iso27001-2022:5.1", "nis2-2024-2690:1.1"}));
  ASSERT_EQ(r.warnings.size(), 1u);
  const CitationWarning& w = r.warnings[0];
  EXPECT_EQ(w.raw, "ISO27001 5.4");
  EXPECT_EQ(w.offset, text.find("5.4"));
  EXPECT_EQ(w.length, 3u);
  EXPECT_EQ(w.framework_id, "iso27001-2022");
  EXPECT_EQ(w.ref_id, "5.4");
  EXPECT_EQ(w.message, "ISO 27001:2022 has no clause 5.4");
  EXPECT_EQ(w.suggestion, "iso27001-2022:A.5.4");
}

TEST(CitationBracket, AdjacentAndSeparatedBrackets) {
  EXPECT_EQ(keys(scan("8.1 Acceptable use [ISO27002 A5.10][NIS 12.2]")),
            (Keys{"iso27001-2022:A.5.10", "nis2-2024-2690:12.2"}));
  EXPECT_EQ(keys(scan("[ISO27002 A7.7] [NIS 12.3]")),
            (Keys{"iso27001-2022:A.7.7", "nis2-2024-2690:12.3"}));
  EXPECT_EQ(keys(scan("[NIS 12.2, 12.3]")), (Keys{"nis2-2024-2690:12.2", "nis2-2024-2690:12.3"}));
  EXPECT_EQ(keys(scan("[NIS 9]")), (Keys{"nis2-2024-2690:9"}));
  EXPECT_EQ(keys(scan("[NIS 1.1.1(a)] [NIS 1.1.1.a]")),
            (Keys{"nis2-2024-2690:1.1.1.a", "nis2-2024-2690:1.1.1.a"}));
  // A tag inside a bracket switches the framework.
  EXPECT_EQ(keys(scan("[ISO27001 5.2; NIS 1.1]")),
            (Keys{"iso27001-2022:5.2", "nis2-2024-2690:1.1"}));
}

TEST(CitationBracket, NotReferences) {
  for (const char* text : {
           "[ISO2700X] references the SS-EN ISO/IEC 2700X standard",
           "- [NIS] references are related to Regulation (EU) 2024/2690 Annex 1",
           "Text in brackets [] indicate references.", "[ISO27001]", "[ISO27001 ]",
           "[ISO27001X 5.2]", "Version 3.1 of the policy", "8.1 Acceptable use of IT resources",
           "3.1 Chief Executive Officer", "Last update: 2025-02-07 | Version: 3.1 |", "[see 5.2]",
           "[NISX 1.1]", "Elastisys’ “management” team ‘commits’",
           "the A5 paper, Appendix A.5.1 and Table A.6.2",
           "the state of the art 32 and GDPR",  // lower-case "art" needs a dot
       }) {
    CitationScan r = scan(text);
    EXPECT_TRUE(r.citations.empty()) << text << " -> " << keys(r).front();
    EXPECT_TRUE(r.warnings.empty()) << text << " -> " << r.warnings.front().message;
  }
}

TEST(CitationBracket, CaseAndUnicodeSpaces) {
  EXPECT_EQ(keys(scan("[iso27001 5.2]")), (Keys{"iso27001-2022:5.2"}));
  EXPECT_EQ(keys(scan("[iso/iec 27002 a5.1]")), (Keys{"iso27001-2022:A.5.1"}));
  EXPECT_EQ(keys(scan("[ISO27001\u00a05.2]")), (Keys{"iso27001-2022:5.2"}));
  EXPECT_EQ(keys(scan("[ISO\u00a027001\u202f5.2,\u20035.3]")),
            (Keys{"iso27001-2022:5.2", "iso27001-2022:5.3"}));
  EXPECT_EQ(keys(scan("[NIS\u30001.1]")), (Keys{"nis2-2024-2690:1.1"}));
}

TEST(CitationRange, ExpandsAtTheEndsDepth) {
  std::string text = "[NIS 5.1-5.3]";
  CitationScan r = scan(text);
  EXPECT_EQ(keys(r), (Keys{"nis2-2024-2690:5.1", "nis2-2024-2690:5.2", "nis2-2024-2690:5.3"}));
  for (const auto& c : r.citations) {
    EXPECT_TRUE(c.from_range);
    EXPECT_EQ(c.raw, "5.1-5.3");
    EXPECT_EQ(c.offset, 5u);
  }
  EXPECT_EQ(keys(scan("[NIS 5.1\u20135.2]")), (Keys{"nis2-2024-2690:5.1", "nis2-2024-2690:5.2"}));
  EXPECT_EQ(keys(scan("[NIS 5.1 to 5.2]")), (Keys{"nis2-2024-2690:5.1", "nis2-2024-2690:5.2"}));
  // Across parents at the same depth; the sections and paragraphs between are skipped.
  EXPECT_EQ(keys(scan("[NIS 4.3-5.1]")), (Keys{"nis2-2024-2690:4.3", "nis2-2024-2690:5.1"}));
  EXPECT_EQ(keys(scan("[ISO27002 A8.33-8.34]")),
            (Keys{"iso27001-2022:A.8.33", "iso27001-2022:A.8.34"}));
  EXPECT_EQ(keys(scan("[ISO27001 6.1.2-6.1.3]")),
            (Keys{"iso27001-2022:6.1.2", "iso27001-2022:6.1.3"}));
  EXPECT_EQ(keys(scan("[NIS 5.1-5.1]")), (Keys{"nis2-2024-2690:5.1"}));
}

TEST(CitationRange, MalformedRangesWarn) {
  struct Case {
    const char* text;
    const char* message_part;
  };
  for (const Case& c : {
           Case{"[NIS 5.1-6]", "ends at different levels"},
           Case{"[NIS 5.3-5.1]", "reversed range 5.3-5.1"},
           Case{"[NIS 5.1-5.9]", "range end 5.9 is not in the 2024/2690 Annex"},
           Case{"[ISO27001 5.1-A5.3]", "ends at different levels"},
       }) {
    CitationScan r = scan(c.text);
    EXPECT_TRUE(r.citations.empty()) << c.text;
    ASSERT_EQ(r.warnings.size(), 1u) << c.text;
    EXPECT_NE(r.warnings[0].message.find(c.message_part), std::string::npos)
        << r.warnings[0].message;
  }
  CitationScan r = scan("[NIS 5.1-6]");
  EXPECT_EQ(r.warnings[0].raw, "NIS 5.1-6");
  EXPECT_EQ(r.warnings[0].offset, 5u);
  EXPECT_EQ(r.warnings[0].length, 5u);
}

TEST(CitationRange, LargeRangeIsNotExpanded) {
  FakeCatalogue c;
  std::vector<std::string> ids;
  for (int k = 1; k <= 250; ++k) ids.push_back("1." + std::to_string(k));
  c.add("nis2-2024-2690", ids);
  CitationScan r = scan_citations("[NIS 1.1-1.250] [NIS 1.1-1.200]", c);
  EXPECT_EQ(r.citations.size(), 200u);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].message.find("spans 250 ids"), std::string::npos);
}

// Annex A and clause notations outside brackets; ISO 27001:2013 and 2022 numbering.
class CitationIso : public ::testing::Test {
 protected:
  CitationScan with_2013(std::string_view text) {
    FakeCatalogue c = standard_catalogue();
    c.add("iso27001-2013", {"A.5", "A.5.1", "A.5.1.1", "A.5.1.2", "A.9", "A.9.2", "A.9.2.1"});
    return scan_citations(text, c);
  }
};

TEST_F(CitationIso, ExplicitNotations) {
  EXPECT_EQ(keys(scan("see ISO 27001 A.5.15 and ISO/IEC 27001:2022 clause 6.1.2")),
            (Keys{"iso27001-2022:A.5.15", "iso27001-2022:6.1.2"}));
  EXPECT_EQ(keys(scan("Annex A 5.15, Annex A.5.16 and Annex A control 5.17")),
            (Keys{"iso27001-2022:A.5.15", "iso27001-2022:A.5.16", "iso27001-2022:A.5.17"}));
  EXPECT_EQ(keys(scan("Controls A.5.15 and A.8.34 apply.")),
            (Keys{"iso27001-2022:A.5.15", "iso27001-2022:A.8.34"}));
  EXPECT_EQ(keys(scan("clause 6.1.2 and Clause 9.3.")),
            (Keys{"iso27001-2022:6.1.2", "iso27001-2022:9.3"}));
  EXPECT_EQ(keys(scan("clauses 4.1, 4.2 and 4.3 of ISO 27001")),
            (Keys{"iso27001-2022:4.1", "iso27001-2022:4.2", "iso27001-2022:4.3"}));
  EXPECT_EQ(keys(scan("ISO 27002 5.15, 5.16")),
            (Keys{"iso27001-2022:A.5.15", "iso27001-2022:A.5.16"}));
  EXPECT_EQ(keys(scan("ISO 27001 A5.1-A5.3")),
            (Keys{"iso27001-2022:A.5.1", "iso27001-2022:A.5.2", "iso27001-2022:A.5.3"}));
  // The list after a marker goes on only with dotted ids.
  EXPECT_EQ(keys(scan("ISO 27001 clause 5.2, 3 weeks later")), (Keys{"iso27001-2022:5.2"}));
  EXPECT_EQ(keys(scan("ISO 27001 9 months ago; ISO 27001 clause 9.")), (Keys{"iso27001-2022:9"}));
}

TEST_F(CitationIso, ClauseOutsideIsoContext) {
  // "clause 14" is another document's clause unless the sentence names ISO 27001.
  CitationScan r = scan("See clause 14 of the contract.");
  EXPECT_TRUE(r.citations.empty());
  EXPECT_TRUE(r.warnings.empty());
  r = scan("ISO 27001 clause 14 does not exist.");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].message, "ISO 27001:2022 has no clause 14");
  EXPECT_EQ(r.warnings[0].raw, "ISO 27001 clause 14");
  r = scan("As ISO 27001 says. See clause 14.");  // another sentence
  EXPECT_TRUE(r.warnings.empty());
}

TEST_F(CitationIso, Numbering2013WithoutThe2013Catalogue) {
  CitationScan r = scan("Access is granted per ISO 27001 A.9.2.1.");
  EXPECT_TRUE(r.citations.empty());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].framework_id, "iso27001-2013");
  EXPECT_EQ(r.warnings[0].ref_id, "A.9.2.1");
  EXPECT_EQ(r.warnings[0].raw, "ISO 27001 A.9.2.1");
  EXPECT_EQ(r.warnings[0].message, "ISO 27001:2013 numbering; the 2022 equivalent is A.5.16");
  EXPECT_EQ(r.warnings[0].suggestion, "iso27001-2022:A.5.16");

  r = scan("ISO/IEC 27001:2013 A.18.2.3");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].message,
            "ISO 27001:2013 numbering; the 2022 equivalents are A.5.36 and A.8.8");
  EXPECT_EQ(r.warnings[0].suggestion, "iso27001-2022:A.5.36");

  // A.5.1.1 has three levels: 2013 only, even without a year.
  r = scan("[ISO27002 A5.1.1] and ISO 27001:2013 A.5.1.1");
  ASSERT_EQ(r.warnings.size(), 2u);
  for (const auto& w : r.warnings) EXPECT_EQ(w.suggestion, "iso27001-2022:A.5.1");
  // A 2013 objective maps through its controls.
  r = scan("ISO 27001:2013 A.12.3");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].suggestion, "iso27001-2022:A.8.13");
  // A year in the sentence applies to the ids without one.
  r = scan("Under ISO/IEC 27001:2013, Annex A 5.1 covers policies.");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].framework_id, "iso27001-2013");
  // Standalone 2013 ids.
  r = scan("A.12.6.1 and A.11.2.9");
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_EQ(r.warnings[0].suggestion, "iso27001-2022:A.8.8");
  EXPECT_EQ(r.warnings[1].suggestion, "iso27001-2022:A.7.7");
}

TEST_F(CitationIso, Numbering2013With2013Catalogue) {
  EXPECT_EQ(keys(with_2013("ISO 27001:2013 A.5.1 and ISO 27001 A.5.1")),
            (Keys{"iso27001-2013:A.5.1", "iso27001-2022:A.5.1"}));
  EXPECT_EQ(keys(with_2013("ISO 27001 A.9.2.1, A.5.1.1")),
            (Keys{"iso27001-2013:A.9.2.1", "iso27001-2013:A.5.1.1"}));
  // A.8.34 exists only in 2022.
  CitationScan r = with_2013("ISO 27001:2013 A.8.34");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].message, "ISO 27001:2013 Annex A has no control A.8.34");
  EXPECT_EQ(r.warnings[0].suggestion, "iso27001-2022:A.8.34");
  EXPECT_EQ(keys(with_2013("ISO 27001 A.8.34")), (Keys{"iso27001-2022:A.8.34"}));
}

TEST_F(CitationIso, UnknownAnnexIds) {
  CitationScan r = scan("ISO 27001 A.5.38");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].message, "ISO 27001:2022 Annex A has no control A.5.38");
  EXPECT_EQ(r.warnings[0].suggestion, "iso27001-2022:A.5");
  // An explicit 2022 with 2013 numbering names the equivalent.
  r = scan("ISO 27001:2022 A.9.2.1");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].framework_id, "iso27001-2022");
  EXPECT_NE(r.warnings[0].message.find("the 2022 equivalent is A.5.16"), std::string::npos);
  EXPECT_EQ(r.warnings[0].suggestion, "iso27001-2022:A.5.16");
  r = scan("ISO 27001 A.4.3");  // a clause number written as a control
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].suggestion, "iso27001-2022:4.3");
  // Unknown years are not a numbering this parser reads.
  r = scan("ISO/IEC 27001:2005 A.10.1.1");
  EXPECT_TRUE(r.citations.empty());
  EXPECT_TRUE(r.warnings.empty());
}

TEST(CitationOther, FrameworkNotInCatalogueWarns) {
  CitationScan r = scan("NIST SP 800-53 AC-2(1) and SOC 2 CC6.1.");
  EXPECT_TRUE(r.citations.empty());
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_EQ(r.warnings[0].framework_id, "nist-sp-800-53-r5");
  EXPECT_EQ(r.warnings[0].ref_id, "AC-2(1)");
  EXPECT_EQ(r.warnings[0].message, "NIST SP 800-53 Rev. 5 is not in the catalogue");
  EXPECT_EQ(r.warnings[1].framework_id, "soc2-tsc-2017");
  EXPECT_EQ(r.warnings[1].ref_id, "CC6.1");
}

TEST(CitationOther, NistAndSoc2) {
  FakeCatalogue c;
  c.add("nist-sp-800-53-r5", {"AC", "AC-2", "AC-2(1)", "SC-7"});
  c.add("soc2-tsc-2017", {"CC6", "CC6.1", "CC6.2", "A1.2"});
  auto k = [&](std::string_view t) { return keys(scan_citations(t, c)); };
  EXPECT_EQ(
      k("NIST 800-53 controls AC-2, AC-2(1) and AC-02 (1)."),
      (Keys{"nist-sp-800-53-r5:AC-2", "nist-sp-800-53-r5:AC-2(1)", "nist-sp-800-53-r5:AC-2(1)"}));
  EXPECT_EQ(k("[NIST sc-7]"), (Keys{"nist-sp-800-53-r5:SC-7"}));
  // Without NIST in the sentence "AC-2" is not read.
  EXPECT_EQ(k("The AC-2 unit. NIST is elsewhere."), Keys{});
  EXPECT_EQ(k("CC6.1 stands alone; SOC 2 also has A1.2."),
            (Keys{"soc2-tsc-2017:CC6.1", "soc2-tsc-2017:A1.2"}));
  EXPECT_EQ(k("[SOC 2 CC6.1, CC6.2]"), (Keys{"soc2-tsc-2017:CC6.1", "soc2-tsc-2017:CC6.2"}));
  EXPECT_EQ(k("A1.2 alone is not read. Nor cc6.1."), Keys{});
  CitationScan r = scan_citations("NIST AC-2(9)", c);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].message, "NIST SP 800-53 Rev. 5 has no control AC-2(9)");
  EXPECT_EQ(r.warnings[0].suggestion, "nist-sp-800-53-r5:AC-2");
}

TEST(CitationOther, Nis2DirectiveArticles) {
  FakeCatalogue c = standard_catalogue();
  c.add("nis2-directive", {"21", "21(2)", "21(2)(a)", "21(2)(b)", "21(2)(c)", "21(2)(d)", "23"});
  auto k = [&](std::string_view t) { return keys(scan_citations(t, c)); };
  EXPECT_EQ(k("NIS2 Art. 21(2)(a)"), (Keys{"nis2-directive:21(2)(a)"}));
  EXPECT_EQ(k("Article 21(2)(b) of Directive (EU) 2022/2555"), (Keys{"nis2-directive:21(2)(b)"}));
  EXPECT_EQ(k("Article 21(2), point (c), of Directive (EU) 2022/2555"),
            (Keys{"nis2-directive:21(2)(c)"}));
  EXPECT_EQ(k("NIS 2 Art. 21 (2) (a) and (b)"),
            (Keys{"nis2-directive:21(2)(a)", "nis2-directive:21(2)(b)"}));
  EXPECT_EQ(k("NIS2 Articles 21 and 23"), (Keys{"nis2-directive:21", "nis2-directive:23"}));
  EXPECT_EQ(
      k("NIS2 Art.\u00a021(2)(a)-(c)"),
      (Keys{"nis2-directive:21(2)(a)", "nis2-directive:21(2)(b)", "nis2-directive:21(2)(c)"}));
  EXPECT_EQ(k("[NIS2 Art. 21(2)(d)] [NIS2 21(2)(a)] [NIS2 23] [NIS2 5.1]"),
            (Keys{"nis2-directive:21(2)(d)", "nis2-directive:21(2)(a)", "nis2-directive:23",
                  "nis2-2024-2690:5.1"}));
  // No law named in the sentence: not a reference.
  EXPECT_EQ(k("Article 21 of the contract. NIS2 is elsewhere."), Keys{});
}

TEST(CitationOther, Nis2DirectiveMissingSuggestsTheAnnex) {
  struct Case {
    const char* text;
    const char* suggestion;
  };
  for (const Case& c : {Case{"NIS2 Art. 21(2)(a)", "nis2-2024-2690:1"},
                        Case{"NIS2 Art. 21(2)(d)", "nis2-2024-2690:5"},
                        Case{"NIS2 Art. 21(2)(h)", "nis2-2024-2690:9"},
                        Case{"NIS2 Art. 21(2)(i)", "nis2-2024-2690:10"},
                        Case{"NIS2 Art. 21(2)(j)", "nis2-2024-2690:11.7"}}) {
    CitationScan r = scan(c.text);
    ASSERT_EQ(r.warnings.size(), 1u) << c.text;
    EXPECT_EQ(r.warnings[0].framework_id, "nis2-directive");
    EXPECT_EQ(r.warnings[0].suggestion, c.suggestion) << c.text;
    EXPECT_NE(r.warnings[0].message.find("The NIS2 Directive is not in the catalogue"),
              std::string::npos);
  }
  CitationScan r = scan("NIS2 Art. 23");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].suggestion, std::nullopt);
}

TEST(CitationOther, Gdpr) {
  FakeCatalogue c;
  c.add("gdpr", {"32", "32(1)", "32(1)(b)", "5"});
  auto k = [&](std::string_view t) { return keys(scan_citations(t, c)); };
  EXPECT_EQ(k("GDPR Art. 32"), (Keys{"gdpr:32"}));
  EXPECT_EQ(k("Article 32 GDPR"), (Keys{"gdpr:32"}));
  EXPECT_EQ(k("Art. 32(1)(b) of Regulation (EU) 2016/679"), (Keys{"gdpr:32(1)(b)"}));
  EXPECT_EQ(k("[GDPR 32(1)(b), Art. 5]"), (Keys{"gdpr:32(1)(b)", "gdpr:5"}));
  // The nearest law word decides.
  c.add("nis2-directive", {"21"});
  EXPECT_EQ(k("GDPR Art. 32 and NIS2 Art. 21"), (Keys{"gdpr:32", "nis2-directive:21"}));
  CitationScan r = scan("Art. 32 GDPR");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].message, "The GDPR is not in the catalogue");
  EXPECT_EQ(r.warnings[0].raw, "Art. 32");
}

TEST(CitationLimits, CapsCitationsAt10000) {
  std::string text;
  for (int k = 0; k < 10050; ++k) text += "[NIS 1.1] ";
  CitationScan r = scan(text);
  EXPECT_EQ(r.citations.size(), 10000u);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].message.find("more than 10000 citations"), std::string::npos);
}

TEST(CitationLimits, CapsWarnings) {
  std::string text;
  for (int k = 0; k < 10010; ++k) text += "[NIS 14] ";
  CitationScan r = scan(text);
  ASSERT_EQ(r.warnings.size(), 10001u);
  EXPECT_EQ(r.warnings.back().message, "10 more warnings not listed");
}

TEST(CitationLimits, InvalidUtf8AndHostileInputs) {
  std::string bad = "\xff\xfe[ISO27001 \xc2 5.2] \xe2\x80 [NIS 1.1\xe2\x80\x93";
  bad += std::string("\0[ISO27001 5.2]", 15);
  CitationScan r = scan(bad);
  EXPECT_EQ(keys(r), (Keys{"iso27001-2022:5.2", "iso27001-2022:5.2"}));
  // Truncated multi-byte sequences at the very end.
  for (std::string tail : {"\xc2", "\xe2\x80", "\xe3\x80", "[NIS 1.1\xe2", "Art.", "A.5.", "["})
    scan("[ISO27001 5.2] " + tail);
  std::mt19937 rng(42);
  const std::string alphabet =
      "[]ISO27001 NIS.-,A5()\xe2\x80\x93\xc2\xa0"
      "Art GDPR CC6 clause";
  for (int n = 0; n < 2000; ++n) {
    std::string t;
    size_t len = rng() % 80;
    for (size_t k = 0; k < len; ++k) t.push_back(alphabet[rng() % alphabet.size()]);
    scan(t);
  }
}

TEST(CitationLimits, LinearOnLargeInputs) {
  // Patterns that would make a naive scanner quadratic: unclosed brackets, long lists,
  // many markers in one sentence.
  for (std::string unit :
       {"[", "[ISO27001 5.", "ISO 27001 ", "Art. 21 ", "5.1-", "NIS2 ", "A.5.1.", "\n", ". A"}) {
    std::string text;
    while (text.size() < 1000000) text += unit;
    auto start = std::chrono::steady_clock::now();
    scan(text);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    EXPECT_LT(ms, 5000) << "unit " << unit;
  }
}

TEST(CitationIso2013Map, KnownRows) {
  using V = std::vector<std::string>;
  EXPECT_EQ(iso27001_2013_to_2022("A.9.2.1"), V{"A.5.16"});
  EXPECT_EQ(iso27001_2013_to_2022("A.5.1.1"), V{"A.5.1"});
  EXPECT_EQ(iso27001_2013_to_2022("A.12.3.1"), V{"A.8.13"});
  EXPECT_EQ(iso27001_2013_to_2022("A.12.4.1"), V{"A.8.15"});
  EXPECT_EQ(iso27001_2013_to_2022("A.10.1.1"), V{"A.8.24"});
  for (const char* id : {"A.13.2.1", "A.13.2.2", "A.13.2.3"})
    EXPECT_EQ(iso27001_2013_to_2022(id), V{"A.5.14"});
  EXPECT_EQ(iso27001_2013_to_2022("A.15.1.1"), V{"A.5.19"});
  EXPECT_EQ(iso27001_2013_to_2022("A.6.1.2"), V{"A.5.3"});
  EXPECT_EQ(iso27001_2013_to_2022("A.11.2.9"), V{"A.7.7"});
  EXPECT_EQ(iso27001_2013_to_2022("A.8.3.1"), V{"A.7.10"});
  EXPECT_EQ(iso27001_2013_to_2022("A.12.6.1"), V{"A.8.8"});
  EXPECT_EQ(iso27001_2013_to_2022("A.18.2.3"), (V{"A.5.36", "A.8.8"}));
  EXPECT_EQ(iso27001_2013_to_2022("9.2.1"), V{"A.5.16"});
  EXPECT_TRUE(iso27001_2013_to_2022("A.9.2").empty());
  EXPECT_TRUE(iso27001_2013_to_2022("A.19.1.1").empty());
  EXPECT_TRUE(iso27001_2013_to_2022("").empty());
}

TEST(CitationIso2013Map, CoversAll114ControlsAndEvery2022ControlButTheNewOnes) {
  int rows = 0;
  std::set<std::string> targets;
  for (int cat = 5; cat <= 18; ++cat)
    for (int obj = 1; obj <= 9; ++obj)
      for (int ctl = 1; ctl <= 9; ++ctl) {
        auto to = iso27001_2013_to_2022("A." + std::to_string(cat) + "." + std::to_string(obj) +
                                        "." + std::to_string(ctl));
        if (!to.empty()) ++rows;
        targets.insert(to.begin(), to.end());
      }
  EXPECT_EQ(rows, 114);
  // ISO/IEC 27002:2022 has 93 controls; 11 are new and have no 2013 source.
  const std::set<std::string> kNew = {"A.5.7",  "A.5.23", "A.5.30", "A.7.4",  "A.8.9", "A.8.10",
                                      "A.8.11", "A.8.12", "A.8.16", "A.8.23", "A.8.28"};
  const int controls[] = {37, 8, 14, 34};
  for (int theme = 5; theme <= 8; ++theme)
    for (int k = 1; k <= controls[theme - 5]; ++k) {
      std::string id = "A." + std::to_string(theme) + "." + std::to_string(k);
      EXPECT_EQ(targets.count(id), kNew.count(id) ? 0u : 1u) << id;
    }
  EXPECT_EQ(targets.size(), 82u);
}

}  // namespace
}  // namespace isms
