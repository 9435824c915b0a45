// The citation scanner on the sample information security policy
// (tests/fixtures/information-security-policy.txt) with the real reference catalogue
// (data/catalogue/*.csv), both found relative to this file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "domain/citation.h"

namespace isms {
namespace {

const std::filesystem::path kRoot =
    std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& path) {
  std::string text = read_file(path);
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  rows.erase(rows.begin());  // header
  return rows;
}

// The built-in frameworks as the service will hold them: iso27001-2022 = clauses, then the
// group "A", each theme "A.5".."A.8" and its controls; nis2-2024-2690 = the Annex rows.
class CsvCatalogue : public CatalogueIndex {
 public:
  CsvCatalogue() {
    std::filesystem::path dir = kRoot / "data" / "catalogue";
    auto& iso = ids_["iso27001-2022"];
    for (const auto& row : read_csv(dir / "iso27001_2022_clauses.csv")) iso.push_back(row.at(0));
    iso.push_back("A");
    std::string theme;
    for (const auto& row : read_csv(dir / "iso27001_2022_annexA.csv")) {
      const std::string& id = row.at(0);
      std::string this_theme = id.substr(0, id.find('.', 2));
      if (this_theme != theme) iso.push_back(theme = this_theme);
      iso.push_back(id);
    }
    auto& nis = ids_["nis2-2024-2690"];
    for (const auto& row : read_csv(dir / "nis2_2024_2690_annex.csv")) nis.push_back(row.at(0));
    for (const auto& [fw, ids] : ids_) sets_[fw] = std::set<std::string>(ids.begin(), ids.end());
  }
  bool has_framework(std::string_view fw) const override { return ids_.count(std::string(fw)) > 0; }
  bool has_requirement(std::string_view fw, std::string_view ref) const override {
    auto it = sets_.find(std::string(fw));
    return it != sets_.end() && it->second.count(std::string(ref)) > 0;
  }
  std::vector<std::string> ref_ids(std::string_view fw) const override {
    auto it = ids_.find(std::string(fw));
    return it == ids_.end() ? std::vector<std::string>{} : it->second;
  }
  size_t size(const std::string& fw) const { return ids_.at(fw).size(); }

 private:
  std::map<std::string, std::vector<std::string>> ids_;
  std::map<std::string, std::set<std::string>> sets_;
};

const CsvCatalogue& catalogue() {
  static const CsvCatalogue c;
  return c;
}

TEST(CitationCatalogueCsv, LoadsTheReferenceData) {
  // 41 clause rows + "A" + 4 themes + 93 controls; the Annex has 220 rows.
  EXPECT_EQ(catalogue().size("iso27001-2022"), 41u + 1 + 4 + 93);
  EXPECT_EQ(catalogue().size("nis2-2024-2690"), 220u);
  EXPECT_TRUE(catalogue().has_requirement("iso27001-2022", "A.8.34"));
  EXPECT_TRUE(catalogue().has_requirement("iso27001-2022", "6.1.2"));
  EXPECT_TRUE(catalogue().has_requirement("nis2-2024-2690", "6.10"));
}

TEST(CitationPolicy, SamplePolicyGivesExactlyTheExpectedCitations) {
  std::string text = read_file(kRoot / "tests" / "fixtures" / "information-security-policy.txt");
  ASSERT_GT(text.size(), 10000u);
  CitationScan r = scan_citations(text, catalogue());

  std::set<std::string> got;
  for (const auto& c : r.citations) {
    got.insert(c.framework_id + ":" + c.ref_id);
    EXPECT_EQ(text.substr(c.offset, c.length), c.raw);
    std::string_view bracket = std::string_view(text).substr(c.bracket_offset, c.bracket_length);
    EXPECT_EQ(bracket.front(), '[');
    EXPECT_EQ(bracket.back(), ']');
  }
  std::set<std::string> expected;
  for (const char* id : {"4.3", "5.1", "5.2"}) expected.insert(std::string("iso27001-2022:") + id);
  for (const char* id :
       {"5.1",  "5.2",  "5.4", "5.10", "5.12", "5.14", "5.15", "5.19", "5.20", "5.23",
        "5.32", "5.34", "6.7", "7.7",  "7.10", "8.1",  "8.8",  "8.13", "8.15", "8.24"}) {
    expected.insert(std::string("iso27001-2022:A.") + id);
  }
  for (const char* id : {"1.1", "1.2", "3.2", "4.2", "5.1", "5.2", "6.1", "6.9", "6.10", "9",
                         "11.1", "12.2", "12.3"}) {
    expected.insert(std::string("nis2-2024-2690:") + id);
  }
  EXPECT_EQ(got, expected);

  ASSERT_EQ(r.warnings.size(), 1u);
  const CitationWarning& w = r.warnings[0];
  EXPECT_EQ(w.raw, "ISO27001 5.4");
  EXPECT_EQ(w.framework_id, "iso27001-2022");
  EXPECT_EQ(w.ref_id, "5.4");
  EXPECT_EQ(w.message, "ISO 27001:2022 has no clause 5.4");
  EXPECT_EQ(w.suggestion, "iso27001-2022:A.5.4");
  EXPECT_EQ(text.substr(w.offset, w.length), "5.4");
  size_t section4 = text.find("4 Management commitment [ISO27001 5.1, 5.4]");
  ASSERT_NE(section4, std::string::npos);
  EXPECT_EQ(w.offset, text.find("5.4]", section4));

  // "[NIS 5.1-5.2]": both from the range, each with the range's span.
  int from_range = 0;
  for (const auto& c : r.citations) {
    if (!c.from_range) continue;
    ++from_range;
    EXPECT_EQ(c.raw, "5.1-5.2");
    EXPECT_EQ(c.framework_id, "nis2-2024-2690");
  }
  EXPECT_EQ(from_range, 2);

  // Each occurrence is kept: [ISO27002 A5.1] twice, [NIS 12.2] three times, [NIS 6.1] twice.
  auto count = [&](const std::string& fw, const std::string& ref) {
    int n = 0;
    for (const auto& c : r.citations) n += c.framework_id == fw && c.ref_id == ref;
    return n;
  };
  EXPECT_EQ(count("iso27001-2022", "A.5.1"), 2);
  EXPECT_EQ(count("nis2-2024-2690", "12.2"), 3);
  EXPECT_EQ(count("nis2-2024-2690", "6.1"), 2);
  EXPECT_EQ(count("nis2-2024-2690", "1.1"), 2);
}

TEST(CitationPolicy, RangesOverTheRealAnnex) {
  // 6.1-6.3 at depth 2 includes 6.2 and skips the paragraphs 6.1.x between.
  CitationScan r = scan_citations("[NIS 6.1-6.3] [NIS 6.8-6.10]", catalogue());
  std::vector<std::string> got;
  for (const auto& c : r.citations) got.push_back(c.ref_id);
  EXPECT_EQ(got, (std::vector<std::string>{"6.1", "6.2", "6.3", "6.8", "6.9", "6.10"}));
  // Every paragraph (three levels) of the Annex: under the 200 limit.
  size_t paragraphs = 0;
  for (const auto& id : catalogue().ref_ids("nis2-2024-2690"))
    paragraphs += std::count(id.begin(), id.end(), '.') == 2;
  r = scan_citations("[NIS 1.1.1-13.3.3]", catalogue());
  EXPECT_EQ(r.citations.size(), paragraphs);
  EXPECT_TRUE(r.warnings.empty());
  r = scan_citations("[ISO27002 A5.1-A8.34]", catalogue());
  EXPECT_EQ(r.citations.size(), 93u);
}

TEST(CitationPolicy, UnknownIdsGetParentSuggestions) {
  CitationScan r = scan_citations("[NIS 6.11] [NIS 14] [ISO27001 9.4]", catalogue());
  ASSERT_EQ(r.warnings.size(), 3u);
  EXPECT_EQ(r.warnings[0].message, "The 2024/2690 Annex has no section 6.11");
  EXPECT_EQ(r.warnings[0].suggestion, "nis2-2024-2690:6");
  EXPECT_EQ(r.warnings[1].suggestion, std::nullopt);
  EXPECT_EQ(r.warnings[2].suggestion, "iso27001-2022:9");
}

}  // namespace
}  // namespace isms
