#include "domain/catalogue.h"

#include <gtest/gtest.h>

namespace isms {
namespace {

Framework framework(const std::string& id) {
  Framework f;
  f.id = id;
  f.name = "Framework " + id;
  f.source = "builtin";
  return f;
}

Requirement req(const std::string& fw, const std::string& ref, const std::string& parent = "",
                const std::string& kind = "requirement") {
  Requirement r;
  r.framework_id = fw;
  r.ref_id = ref;
  r.parent_ref_id = parent;
  r.kind = kind;
  r.title = "Title of " + ref;
  return r;
}

RequirementMapping mapping(const std::string& sf, const std::string& sr, const std::string& tf,
                           const std::string& tr) {
  RequirementMapping m;
  m.source_framework_id = sf;
  m.source_ref_id = sr;
  m.target_framework_id = tf;
  m.target_ref_id = tr;
  m.relationship = "related";
  m.origin = "test";
  return m;
}

CatalogueLibrary small_library() {
  CatalogueLibrary lib;
  lib.frameworks = {framework("iso27001-2022"), framework("nis2-2024-2690")};
  lib.requirements = {
      req("iso27001-2022", "A", "", "group"), req("iso27001-2022", "A.5", "A", "group"),
      req("iso27001-2022", "A.5.1", "A.5", "control"), req("nis2-2024-2690", "1", "", "section"),
      req("nis2-2024-2690", "1.1", "1", "subsection")};
  lib.mappings = {mapping("nis2-2024-2690", "1.1", "iso27001-2022", "A.5.1")};
  return lib;
}

bool has_problem(const std::vector<CatalogueProblem>& problems, const std::string& field) {
  for (const auto& p : problems)
    if (p.field == field) return true;
  return false;
}

std::string dump(const std::vector<CatalogueProblem>& problems) {
  std::string out;
  for (const auto& p : problems) out += p.field + ": " + p.message + "\n";
  return out;
}

TEST(RequirementKey, JoinsAndSplits) {
  EXPECT_EQ(requirement_key("iso27001-2022", "A.5.1"), "iso27001-2022:A.5.1");
  auto parts = split_requirement_key("iso27001-2022:A.5.1");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->first, "iso27001-2022");
  EXPECT_EQ(parts->second, "A.5.1");
  // Only the first colon splits: a ref id may itself hold one ("4.3.2:1").
  parts = split_requirement_key("nis2-2024-2690:4.3.2:1");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->first, "nis2-2024-2690");
  EXPECT_EQ(parts->second, "4.3.2:1");
  EXPECT_FALSE(split_requirement_key("iso27001-2022"));
  EXPECT_FALSE(split_requirement_key(":A.5.1"));
  EXPECT_FALSE(split_requirement_key("iso27001-2022:"));
  EXPECT_FALSE(split_requirement_key(""));
}

TEST(CheckFramework, AcceptsAValidFramework) {
  Framework f = framework("iso27001-2022");
  f.urn = "urn:intuitem:risk:framework:iso27001-2022";
  f.description = "Line one\nline two";
  EXPECT_TRUE(check_framework(f).empty()) << dump(check_framework(f));
}

TEST(CheckFramework, NamesEachBadField) {
  Framework f;
  f.id = "ISO 27001";
  f.urn = "not a urn";
  f.name = "";
  f.source = "excel";
  f.version = "1\n2";
  f.description = std::string(20001, 'x');
  f.ref_id = "bad\xff";
  auto problems = check_framework(f);
  for (auto field : {"id", "urn", "name", "source", "version", "description", "ref_id"})
    EXPECT_TRUE(has_problem(problems, field)) << field << "\n" << dump(problems);
  f = framework("a");
  f.name = "   ";
  EXPECT_TRUE(has_problem(check_framework(f), "name"));
  f = framework(std::string(101, 'a'));
  EXPECT_TRUE(has_problem(check_framework(f), "id"));
  f = framework(std::string(100, 'a'));
  EXPECT_TRUE(check_framework(f).empty());
  f = framework("-leading-dash");
  EXPECT_TRUE(has_problem(check_framework(f), "id"));
}

TEST(CheckLibrary, AcceptsAValidLibrary) {
  auto lib = small_library();
  EXPECT_TRUE(check_library(lib).empty()) << dump(check_library(lib));
}

TEST(CheckLibrary, MappingEndsOutsideTheLibraryMayBeNamedById) {
  auto lib = small_library();
  lib.mappings.push_back(mapping("nis2-2024-2690", "1.1", "iso27001-2013", "A.9"));
  EXPECT_TRUE(check_library(lib).empty()) << dump(check_library(lib));
}

TEST(CheckLibrary, MappingEndsInsideTheLibraryMustExist) {
  auto lib = small_library();
  lib.mappings.push_back(mapping("nis2-2024-2690", "9.9", "iso27001-2022", "A.9"));
  auto problems = check_library(lib);
  EXPECT_TRUE(has_problem(problems, "mappings[1].source_ref_id")) << dump(problems);
  EXPECT_TRUE(has_problem(problems, "mappings[1].target_ref_id")) << dump(problems);
}

TEST(CheckLibrary, RefusesUnresolvedUrnEnds) {
  auto lib = small_library();
  lib.mappings.push_back(mapping("nis2-2024-2690", "1.1", "iso27001-2022",
                                 "urn:intuitem:risk:req_node:iso27001-2022:a.5.1"));
  auto problems = check_library(lib);
  ASSERT_TRUE(has_problem(problems, "mappings[1].target_ref_id")) << dump(problems);
  EXPECT_NE(problems[0].message.find("unresolved"), std::string::npos);
}

TEST(CheckLibrary, RefusesDuplicateMappings) {
  auto lib = small_library();
  lib.mappings.push_back(lib.mappings[0]);
  EXPECT_TRUE(has_problem(check_library(lib), "mappings[1]"));
  lib.mappings[1].origin = "another origin";
  EXPECT_TRUE(check_library(lib).empty());
}

TEST(CheckLibrary, RefusesBadMappingFields) {
  auto lib = small_library();
  lib.mappings[0].relationship = "kind of";
  lib.mappings[0].origin = "";
  lib.mappings[0].target_framework_id = "Not An Id";
  auto problems = check_library(lib);
  for (auto field :
       {"mappings[0].relationship", "mappings[0].origin", "mappings[0].target_framework_id"})
    EXPECT_TRUE(has_problem(problems, field)) << field << "\n" << dump(problems);
}

TEST(CheckLibrary, RefusesDuplicateRefIds) {
  auto lib = small_library();
  lib.requirements.push_back(req("iso27001-2022", "A.5.1", "A.5", "control"));
  EXPECT_TRUE(has_problem(check_library(lib), "requirements[5].ref_id"));
  // The same ref id in another framework is a different requirement.
  lib.requirements.back().framework_id = "nis2-2024-2690";
  lib.requirements.back().parent_ref_id = "1";
  EXPECT_TRUE(check_library(lib).empty()) << dump(check_library(lib));
}

TEST(CheckLibrary, RefusesUnknownParentsAndCycles) {
  auto lib = small_library();
  lib.requirements.push_back(req("iso27001-2022", "A.9.1", "A.9"));
  auto problems = check_library(lib);
  EXPECT_TRUE(has_problem(problems, "requirements[5].parent_ref_id")) << dump(problems);

  lib = small_library();
  lib.requirements[0].parent_ref_id = "A.5.1";  // A -> A.5.1 -> A.5 -> A
  problems = check_library(lib);
  ASSERT_EQ(problems.size(), 1u) << dump(problems);
  EXPECT_NE(problems[0].message.find("cycle"), std::string::npos);

  lib = small_library();
  lib.requirements[0].parent_ref_id = "A";  // its own parent
  EXPECT_FALSE(check_library(lib).empty());

  // A parent in another framework does not count.
  lib = small_library();
  lib.requirements[4].parent_ref_id = "A.5";
  EXPECT_TRUE(has_problem(check_library(lib), "requirements[4].parent_ref_id"));
}

TEST(CheckLibrary, LongChainsAreCheckedWithoutDeepRecursion) {
  CatalogueLibrary lib;
  lib.frameworks = {framework("f")};
  const int n = 50000;
  for (int i = 0; i < n; ++i)
    lib.requirements.push_back(req("f", "r" + std::to_string(i), "r" + std::to_string(i + 1)));
  lib.requirements.back().parent_ref_id = "r0";
  auto problems = check_library(lib);
  ASSERT_EQ(problems.size(), 1u) << dump(problems);
  EXPECT_NE(problems[0].message.find("cycle"), std::string::npos);
  // Without the cycle the chain is one tree, far too deep.
  lib.requirements.back().parent_ref_id = "";
  problems = check_library(lib);
  ASSERT_EQ(problems.size(), 1u) << dump(problems);
  EXPECT_NE(problems[0].message.find("deeper than 20"), std::string::npos);
}

TEST(CheckLibrary, TreesUpToTwentyLevels) {
  CatalogueLibrary lib;
  lib.frameworks = {framework("f")};
  // Children listed before their parents: the depth is found whatever the order.
  for (int i = 1; i <= 20; ++i)
    lib.requirements.push_back(
        req("f", "r" + std::to_string(i), i == 20 ? "" : "r" + std::to_string(i + 1)));
  EXPECT_TRUE(check_library(lib).empty()) << dump(check_library(lib));
  lib.requirements.push_back(req("f", "r0", "r1"));
  EXPECT_TRUE(has_problem(check_library(lib), "requirements[20].parent_ref_id"));
}

TEST(CheckLibrary, RefusesBadRequirementFields) {
  auto lib = small_library();
  lib.requirements[2].kind = "bullet";
  lib.requirements[2].title = "two\nlines";
  lib.requirements[2].position = -1;
  lib.requirements[2].description = std::string(20001, 'd');
  lib.requirements[3].ref_id = " 1";
  lib.requirements[3].framework_id = "nowhere";
  lib.requirements[1].ref_id = "urn:x";
  auto problems = check_library(lib);
  for (auto field :
       {"requirements[2].kind", "requirements[2].title", "requirements[2].position",
        "requirements[2].description", "requirements[3].framework_id", "requirements[1].ref_id"})
    EXPECT_TRUE(has_problem(problems, field)) << field << "\n" << dump(problems);

  lib = small_library();
  lib.requirements[1].ref_id = " A.5";
  lib.requirements[2].parent_ref_id = " A.5";
  EXPECT_TRUE(has_problem(check_library(lib), "requirements[1].ref_id"));
  lib.requirements[1].ref_id = "";
  EXPECT_TRUE(has_problem(check_library(lib), "requirements[1].ref_id"));
  lib.requirements[1].ref_id = std::string(101, 'x');
  EXPECT_TRUE(has_problem(check_library(lib), "requirements[1].ref_id"));
}

TEST(CheckLibrary, RequirementUrnsAreUniquePerFramework) {
  auto lib = small_library();
  lib.requirements[1].urn = "urn:intuitem:risk:req_node:iso27001-2022:a.5";
  lib.requirements[2].urn = "urn:intuitem:risk:req_node:iso27001-2022:a.5";
  EXPECT_TRUE(has_problem(check_library(lib), "requirements[2].urn"));
  lib.requirements[2].urn = "urn:has space";
  EXPECT_TRUE(has_problem(check_library(lib), "requirements[2].urn"));
  lib.requirements[2].urn = "a-5-1";  // an OSCAL id
  EXPECT_TRUE(check_library(lib).empty()) << dump(check_library(lib));
}

TEST(CheckLibrary, RefusesDuplicateFrameworks) {
  auto lib = small_library();
  lib.frameworks.push_back(framework("iso27001-2022"));
  EXPECT_TRUE(has_problem(check_library(lib), "frameworks[2].id"));
  lib = small_library();
  lib.frameworks[0].urn = lib.frameworks[1].urn = "urn:x:y";
  EXPECT_TRUE(has_problem(check_library(lib), "frameworks[1].urn"));
}

TEST(CheckLibrary, StopsAfterAHundredProblems) {
  CatalogueLibrary lib;
  lib.frameworks = {framework("f")};
  for (int i = 0; i < 1000; ++i) lib.requirements.push_back(req("f", "", "", "nope"));
  EXPECT_EQ(check_library(lib).size(), 100u);
}

}  // namespace
}  // namespace isms
