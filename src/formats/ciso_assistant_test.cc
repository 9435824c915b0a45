// read_ciso_assistant_library: small libraries written here, the CISO Assistant fixtures
// of tests/fixtures/ciso-assistant/, and bad input.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "formats/catalogue_formats.h"

namespace isms {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(ISMS_FIXTURES_DIR) + "/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
const char* kIsoFile = "ciso-assistant/iso27001-2022.yaml";
const char* kNisFile =
    "ciso-assistant/"
    "annex-nis2-regulation--2024-2690-with-technical-implementation-guidance-by-enisa.yaml";
const char* kMappingFile =
    "ciso-assistant/"
    "mapping-annex-technical-and-methodological-requirements-nis2-and-iso27001-2022.yaml";

const Requirement* find(const CatalogueLibrary& lib, std::string_view fw, std::string_view ref) {
  for (const Requirement& r : lib.requirements)
    if (r.framework_id == fw && r.ref_id == ref) return &r;
  return nullptr;
}

// A small library in CISO Assistant's shape.
const char* kSmall = R"(urn: urn:intuitem:risk:library:demo
locale: en
ref_id: DEMO-1
name: Demo library
description: A demo
copyright: Demo copyright
version: 3
provider: Demo provider
packager: intuitem
objects:
  reference_controls:
  - urn: urn:intuitem:risk:function:demo:x
    ref_id: X
  framework:
    urn: urn:intuitem:risk:framework:demo-fw
    ref_id: DEMO
    name: Demo framework
    description: Framework description
    requirement_nodes:
    - urn: urn:intuitem:risk:req_node:demo-fw:1
      assessable: false
      depth: 1
      ref_id: '1'
      name: "First\n  section"
    - urn: urn:intuitem:risk:req_node:demo-fw:1.1
      assessable: true
      depth: 2
      parent_urn: urn:intuitem:risk:req_node:demo-fw:1
      ref_id: 1.1
      name: Paragraph
      description: "  Do this.  "
      annotation: Guidance text
      typical_evidence: A record
    - urn: urn:intuitem:risk:req_node:demo-fw:1.1.a
      assessable: true
      depth: 3
      parent_urn: urn:intuitem:risk:req_node:demo-fw:1.1
      ref_id: 1.1.a
      description: point a
    - urn: urn:intuitem:risk:req_node:demo-fw:1.1:1
      assessable: true
      depth: 3
      parent_urn: urn:intuitem:risk:req_node:demo-fw:1.1
      description: an unnumbered paragraph
)";

TEST(CisoAssistant, ReadsASmallLibrary) {
  auto lib = read_ciso_assistant_library(kSmall);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  ASSERT_EQ(lib->frameworks.size(), 1u);
  const Framework& f = lib->frameworks[0];
  EXPECT_EQ(f.id, "demo-fw");
  EXPECT_EQ(f.urn, "urn:intuitem:risk:framework:demo-fw");
  EXPECT_EQ(f.ref_id, "DEMO");
  EXPECT_EQ(f.name, "Demo framework");
  EXPECT_EQ(f.description, "Framework description");
  EXPECT_EQ(f.version, "3");
  EXPECT_EQ(f.provider, "Demo provider");
  EXPECT_EQ(f.copyright, "Demo copyright");
  EXPECT_EQ(f.source, "ciso-assistant");
  ASSERT_EQ(lib->requirements.size(), 4u);
  const Requirement& s = lib->requirements[0];
  EXPECT_EQ(s.ref_id, "1");
  EXPECT_EQ(s.title, "First section");
  EXPECT_EQ(s.kind, "group");
  EXPECT_FALSE(s.assessable);
  const Requirement& p = lib->requirements[1];
  EXPECT_EQ(p.parent_ref_id, "1");
  EXPECT_EQ(p.description, "Do this.");
  EXPECT_EQ(p.notes, "Guidance text\n\nTypical evidence:\nA record");
  EXPECT_EQ(p.kind, "requirement");
  EXPECT_EQ(p.urn, "urn:intuitem:risk:req_node:demo-fw:1.1");
  EXPECT_EQ(lib->requirements[2].kind, "point");
  EXPECT_EQ(lib->requirements[2].parent_ref_id, "1.1");
  EXPECT_EQ(lib->requirements[3].ref_id, "1.1:1");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(lib->requirements[i].position, i);
  ASSERT_EQ(lib->warnings.size(), 1u);
  EXPECT_NE(lib->warnings[0].find("requirement_nodes[3]: no ref_id"), std::string::npos)
      << lib->warnings[0];
}

TEST(CisoAssistant, ParentsFromDepthWhenParentUrnIsMissing) {
  std::string yaml = R"(urn: urn:x:lib
objects:
  framework:
    urn: urn:intuitem:risk:framework:f
    name: F
    requirement_nodes:
    - {urn: "urn:n:1", ref_id: "1", depth: 1}
    - {urn: "urn:n:1.1", ref_id: "1.1", depth: 2}
    - {urn: "urn:n:1.1.1", ref_id: "1.1.1", depth: 3}
    - {urn: "urn:n:1.2", ref_id: "1.2", depth: 2}
    - {urn: "urn:n:2", ref_id: "2", depth: 1}
)";
  auto lib = read_ciso_assistant_library(yaml);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  std::vector<std::string> parents;
  for (const auto& r : lib->requirements) parents.push_back(r.parent_ref_id);
  EXPECT_EQ(parents, (std::vector<std::string>{"", "1", "1.1", "1", ""}));
}

TEST(CisoAssistant, PositionsFollowTheTreeWhenChildrenComeFirst) {
  std::string yaml = R"(urn: urn:x:lib
objects:
  framework:
    urn: urn:intuitem:risk:framework:f
    name: F
    requirement_nodes:
    - {urn: "urn:n:1.1", ref_id: "1.1", parent_urn: "urn:n:1"}
    - {urn: "urn:n:2", ref_id: "2"}
    - {urn: "urn:n:1", ref_id: "1"}
)";
  auto lib = read_ciso_assistant_library(yaml);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  std::map<std::string, int> pos;
  for (const auto& r : lib->requirements) pos[r.ref_id] = r.position;
  EXPECT_EQ(pos, (std::map<std::string, int>{{"2", 0}, {"1", 1}, {"1.1", 2}}));
}

TEST(CisoAssistant, IsoFixtureUpdatesTheBuiltinFramework) {
  auto lib = read_ciso_assistant_library(fixture(kIsoFile));
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  ASSERT_EQ(lib->frameworks.size(), 1u);
  const Framework& f = lib->frameworks[0];
  EXPECT_EQ(f.id, "iso27001-2022");
  EXPECT_EQ(f.urn, "urn:intuitem:risk:framework:iso27001-2022");
  EXPECT_EQ(f.ref_id, "ISO/IEC 27001:2022");
  EXPECT_EQ(f.version, "18");
  EXPECT_EQ(f.provider, "ISO/IEC");
  EXPECT_EQ(lib->requirements.size(), 140u);
  const Requirement* a51 = find(*lib, "iso27001-2022", "A.5.1");
  ASSERT_NE(a51, nullptr);
  EXPECT_EQ(a51->parent_ref_id, "A.5");
  EXPECT_EQ(a51->kind, "control");  // from the built-in data
  EXPECT_EQ(a51->urn, "urn:intuitem:risk:req_node:iso27001-2022:a.5.1");
  EXPECT_EQ(find(*lib, "iso27001-2022", "4.1")->kind, "clause");
  EXPECT_EQ(find(*lib, "iso27001-2022", "4.1")->parent_ref_id, "4");
  // CISO Assistant's "annex-a" node has the built-in "A"'s URN: it stays "A".
  EXPECT_EQ(find(*lib, "iso27001-2022", "A.5")->parent_ref_id, "A");
  EXPECT_EQ(find(*lib, "iso27001-2022", "annex-a"), nullptr);
  EXPECT_EQ(find(*lib, "iso27001-2022", "A")->kind, "group");
  EXPECT_EQ(find(*lib, "iso27001-2022", "core")->kind, "group");
  EXPECT_TRUE(lib->mappings.empty());
  EXPECT_TRUE(check_library(*lib).empty());
}

TEST(CisoAssistant, Nis2FixtureAddsPointsWithGuidance) {
  auto lib = read_ciso_assistant_library(fixture(kNisFile));
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  ASSERT_EQ(lib->frameworks.size(), 1u);
  EXPECT_EQ(lib->frameworks[0].id, "nis2-2024-2690");
  EXPECT_EQ(lib->requirements.size(), 439u);
  const Requirement* point = find(*lib, "nis2-2024-2690", "1.1.1.a");
  ASSERT_NE(point, nullptr);
  EXPECT_EQ(point->kind, "point");
  EXPECT_EQ(point->parent_ref_id, "1.1.1");
  EXPECT_TRUE(point->assessable);
  const Requirement* para = find(*lib, "nis2-2024-2690", "1.1.1");
  ASSERT_NE(para, nullptr);
  EXPECT_EQ(para->kind, "paragraph");
  // No name in the library: the built-in title.
  EXPECT_EQ(para->title, "Required content of the network and information security policy");
  EXPECT_NE(para->notes.find("Typical evidence:"), std::string::npos);
  EXPECT_NE(find(*lib, "nis2-2024-2690", "12.5.1"), nullptr);
  EXPECT_NE(find(*lib, "nis2-2024-2690", "4.3.2:1"), nullptr);
  for (const auto& r : lib->requirements) EXPECT_LE(r.notes.size(), 20000u);
  EXPECT_TRUE(check_library(*lib).empty());
}

TEST(CisoAssistant, MappingFixtureAloneLeavesUrnEnds) {
  auto lib = read_ciso_assistant_library(fixture(kMappingFile));
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  EXPECT_TRUE(lib->frameworks.empty());
  // 954 entries, 28 of them duplicates; the reverse set is skipped.
  EXPECT_EQ(lib->mappings.size(), 926u);
  const RequirementMapping& m = lib->mappings[0];
  EXPECT_EQ(m.source_framework_id,
            "urn:intuitem:risk:framework:annex-technical-and-methodological-requirements-nis2");
  EXPECT_EQ(m.source_ref_id,
            "urn:intuitem:risk:req_node:annex-technical-and-methodological-requirements-nis2:"
            "1.1.1.a");
  EXPECT_EQ(m.target_framework_id, "urn:intuitem:risk:framework:iso27001-2022");
  EXPECT_EQ(m.target_ref_id, "urn:intuitem:risk:req_node:iso27001-2022:5.2");
  EXPECT_EQ(m.relationship, "intersect");
  EXPECT_EQ(m.origin,
            "mapping-annex-technical-and-methodological-requirements-nis2-and-iso27001-2022");
  bool reverse_warned = false;
  for (const auto& w : lib->warnings) reverse_warned |= w.find("reverse") != std::string::npos;
  EXPECT_TRUE(reverse_warned);
}

// The three fixtures in any order: the mapping resolves against whatever is stored (here
// the built-in data, or the NIS2 library just read) to the same mappings.
TEST(CisoAssistant, MappingResolvesTheSameWithOrWithoutTheLibraries) {
  auto lookup_in = [](std::vector<CatalogueLibrary> stored) -> StoredFrameworkLookup {
    return [stored](const std::string& urn) -> std::optional<StoredFramework> {
      for (const CatalogueLibrary& lib : stored)
        for (const Framework& f : lib.frameworks) {
          if (f.urn != urn) continue;
          StoredFramework s{f.id, {}};
          for (const Requirement& r : lib.requirements)
            if (r.framework_id == f.id) s.requirements.push_back(r);
          return s;
        }
      return std::nullopt;
    };
  };
  auto read = [](const char* name) {
    auto lib = read_ciso_assistant_library(fixture(name));
    EXPECT_TRUE(lib.ok()) << name << ": " << lib.error().message;
    return std::move(lib).value();
  };
  CatalogueLibrary builtin = builtin_catalogue();
  auto keys = [](const CatalogueLibrary& lib) {
    std::set<std::string> out;
    for (const auto& m : lib.mappings)
      out.insert(requirement_key(m.source_framework_id, m.source_ref_id) + ">" +
                 requirement_key(m.target_framework_id, m.target_ref_id));
    return out;
  };
  CatalogueLibrary first = read(kMappingFile);  // before the libraries
  resolve_mapping_urns(&first, lookup_in({builtin}));
  EXPECT_TRUE(check_library(first).empty());
  CatalogueLibrary later = read(kMappingFile);  // after both libraries
  resolve_mapping_urns(&later, lookup_in({read(kNisFile), read(kIsoFile)}));
  EXPECT_TRUE(check_library(later).empty());
  EXPECT_EQ(keys(first), keys(later));
  EXPECT_EQ(first.mappings.size(), 926u);
  EXPECT_TRUE(keys(first).count("nis2-2024-2690:1.1.1.a>iso27001-2022:5.2"));
  EXPECT_TRUE(keys(first).count("nis2-2024-2690:12.5.1>iso27001-2022:A.5.11"));
}

// --- bad input ------------------------------------------------------------------------

void expect_error(std::string_view yaml, ErrorCode code, const std::string& field_or_text) {
  auto lib = read_ciso_assistant_library(yaml);
  ASSERT_FALSE(lib.ok()) << yaml.substr(0, 200);
  EXPECT_EQ(lib.error().code, code) << lib.error().message;
  EXPECT_NE((lib.error().field + " " + lib.error().message).find(field_or_text), std::string::npos)
      << "field " << lib.error().field << ", message " << lib.error().message;
}

std::string framework_with(const std::string& nodes) {
  return "urn: urn:x:lib\nobjects:\n  framework:\n    urn: urn:intuitem:risk:framework:f\n"
         "    name: F\n    requirement_nodes:\n" +
         nodes;
}

TEST(CisoAssistantBadInput, NotYamlOrNotALibrary) {
  expect_error("not: [valid", ErrorCode::kMalformed, "YAML");
  expect_error("", ErrorCode::kMalformed, "no YAML document");
  expect_error("- a\n- b\n", ErrorCode::kInvalid, "library");
  expect_error("urn: x\nobjects: \"nope\"\n", ErrorCode::kInvalid, "objects");
  expect_error("urn: x\n", ErrorCode::kInvalid, "objects");
  expect_error("urn: x\nobjects: {}\n", ErrorCode::kInvalid, "neither framework");
  expect_error("objects: {framework: {urn: 'urn:a:b', requirement_nodes: []}}\n",
               ErrorCode::kInvalid, "urn");
  expect_error("a: 1\n---\nb: 2\n", ErrorCode::kMalformed, "more than one");
  expect_error("a: 1\na: 2\n", ErrorCode::kMalformed, "duplicate key");
  expect_error("a: \"\x01\"\n", ErrorCode::kMalformed, "control character");
}

TEST(CisoAssistantBadInput, WrongTypes) {
  expect_error(
      "urn: x\nobjects:\n  framework:\n    urn: urn:intuitem:risk:framework:f\n"
      "    name: F\n    requirement_nodes: a string\n",
      ErrorCode::kInvalid, "objects.framework.requirement_nodes");
  expect_error(framework_with("    - just text\n"), ErrorCode::kInvalid,
               "objects.framework.requirement_nodes[0]");
  expect_error(framework_with("    - {urn: [a, b]}\n"), ErrorCode::kInvalid,
               "objects.framework.requirement_nodes[0].urn");
  expect_error(framework_with("    - {urn: 'urn:n:1', assessable: maybe}\n"), ErrorCode::kInvalid,
               "requirement_nodes[0].assessable");
  expect_error(framework_with("    - {urn: 'urn:n:1', depth: -1}\n"), ErrorCode::kInvalid,
               "requirement_nodes[0].depth");
  expect_error("urn: x\nobjects:\n  framework: [1]\n", ErrorCode::kInvalid, "objects.framework");
  expect_error("urn: x\nobjects:\n  requirement_mapping_sets: {a: 1}\n", ErrorCode::kInvalid,
               "objects.requirement_mapping_sets");
  expect_error(
      "urn: x\nobjects:\n  requirement_mapping_sets:\n  - ref_id: s\n"
      "    source_framework_urn: urn:a:b\n    target_framework_urn: urn:a:c\n"
      "    requirement_mappings:\n    - {source_requirement_urn: 'urn:a:b:1', "
      "target_requirement_urn: 'urn:a:c:1', relationship: kinda}\n",
      ErrorCode::kInvalid,
      "objects.requirement_mapping_sets[0].requirement_mappings[0].relationship");
  expect_error(
      "urn: x\nobjects:\n  requirement_mapping_sets:\n  - ref_id: s\n"
      "    source_framework_urn: urn:a:b\n    target_framework_urn: urn:a:c\n"
      "    requirement_mappings:\n    - {target_requirement_urn: 'urn:a:c:1'}\n",
      ErrorCode::kInvalid,
      "objects.requirement_mapping_sets[0].requirement_mappings[0]"
      ".source_requirement_urn");
}

TEST(CisoAssistantBadInput, MissingUrnDuplicatesCyclesUnknownParents) {
  std::string nodes;
  for (int i = 0; i < 12; ++i)
    nodes +=
        "    - {urn: 'urn:n:" + std::to_string(i) + "', ref_id: '" + std::to_string(i) + "'}\n";
  expect_error(framework_with(nodes + "    - {ref_id: '12'}\n"), ErrorCode::kInvalid,
               "objects.framework.requirement_nodes[12].urn");
  expect_error(framework_with(nodes + "    - {urn: 'urn:n:3', ref_id: x}\n"), ErrorCode::kInvalid,
               "the same URN as requirement_nodes[3]");
  expect_error(framework_with(nodes + "    - {urn: 'urn:n:x', ref_id: '3'}\n"), ErrorCode::kInvalid,
               "objects.framework.requirement_nodes[12].ref_id");
  expect_error(framework_with(nodes + "    - {urn: 'urn:n:x', parent_urn: 'urn:n:zz'}\n"),
               ErrorCode::kInvalid, "objects.framework.requirement_nodes[12].parent_urn");
  expect_error(framework_with("    - {urn: 'urn:n:a', ref_id: a, parent_urn: 'urn:n:b'}\n"
                              "    - {urn: 'urn:n:b', ref_id: b, parent_urn: 'urn:n:a'}\n"),
               ErrorCode::kInvalid, "cycle");
  expect_error(framework_with("    - {urn: 'urn:n:a', ref_id: '" + std::string(101, 'x') + "'}\n"),
               ErrorCode::kInvalid, "objects.framework.requirement_nodes[0].ref_id");
  // yaml-cpp refuses an escaped lone surrogate itself.
  expect_error(framework_with("    - {urn: 'urn:n:a', name: \"\\ud800\"}\n"), ErrorCode::kMalformed,
               "invalid unicode");
}

TEST(CisoAssistantBadInput, LimitsSizeUtf8AndNesting) {
  std::string big(kMaxLibraryBytes + 1, ' ');
  expect_error(big, ErrorCode::kTooLarge, "larger than");
  expect_error("urn: \"\xff\xfe\"\n", ErrorCode::kMalformed, "UTF-8");
  std::string deep;
  for (int i = 0; i < 65; ++i) deep += "[";
  for (int i = 0; i < 65; ++i) deep += "]";
  expect_error(deep, ErrorCode::kMalformed, "deeper than 64");
  std::string deep_block;
  for (int i = 0; i < 70; ++i) deep_block += std::string(i, ' ') + "k:\n";
  expect_error(deep_block, ErrorCode::kMalformed, "deeper than 64");
  // 64 levels are fine for the parser (the library is still not valid).
  std::string ok_depth = std::string(63, '[') + std::string(63, ']');
  auto lib = read_ciso_assistant_library(ok_depth);
  ASSERT_FALSE(lib.ok());
  EXPECT_EQ(lib.error().code, ErrorCode::kInvalid);
}

TEST(CisoAssistantBadInput, AliasBombIsRefusedQuickly) {
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  const char* names = "abcdefghij";
  for (int i = 1; i < 10; ++i) {
    bomb += std::string(1, names[i]) + ": &" + names[i] + " [";
    for (int k = 0; k < 8; ++k) bomb += std::string(k ? "," : "") + "*" + names[i - 1];
    bomb += "]\n";
  }
  auto start = std::chrono::steady_clock::now();
  expect_error(bomb, ErrorCode::kMalformed, "alias");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  // Aliases as such are fine.
  auto lib = read_ciso_assistant_library(
      framework_with("    - &n {urn: 'urn:n:1', ref_id: '1', name: x}\n") + "  other: [*n, *n]\n");
  EXPECT_TRUE(lib.ok()) << lib.error().message;
  expect_error("a: *nope\n", ErrorCode::kMalformed, "YAML");
  expect_error("a: &x [*x]\n", ErrorCode::kMalformed, "anchor");
}

}  // namespace
}  // namespace isms
