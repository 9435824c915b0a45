// The built-in catalogue, the shared helpers and the mapping-end rule
// (resolve_mapping_urns). CISO Assistant and OSCAL readers: ciso_assistant_test.cc,
// oscal_catalog_test.cc.
#include "formats/catalogue_formats.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "formats/catalogue_internal.h"

namespace isms {
namespace {

using catalogue_internal::parse_csv;

const Requirement* find(const CatalogueLibrary& lib, std::string_view fw, std::string_view ref) {
  for (const Requirement& r : lib.requirements)
    if (r.framework_id == fw && r.ref_id == ref) return &r;
  return nullptr;
}

std::vector<const Requirement*> of(const CatalogueLibrary& lib, std::string_view fw) {
  std::vector<const Requirement*> out;
  for (const Requirement& r : lib.requirements)
    if (r.framework_id == fw) out.push_back(&r);
  return out;
}

TEST(Csv, QuotedFieldsCommasQuotesAndLineBreaks) {
  auto rows = parse_csv("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\r\n3,,\n");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[1], (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ((*rows)[2], (std::vector<std::string>{"2", "two\nlines", ""}));
  EXPECT_EQ((*rows)[3], (std::vector<std::string>{"3", "", ""}));
  // No final line break; UTF-8 passes through.
  rows = parse_csv("id\n\xCE\x91.5.19");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[1][0], "\xCE\x91.5.19");
  EXPECT_TRUE(parse_csv("")->empty());
}

TEST(Csv, RefusesBrokenQuotes) {
  auto rows = parse_csv("a,b\n1,\"open\n2,3\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.error().message.find("line 2"), std::string::npos) << rows.error().message;
  EXPECT_FALSE(parse_csv("a,\"b\"c\n").ok());
}

TEST(Helpers, UrnSuffixMatchFormSlugAndText) {
  using namespace catalogue_internal;
  EXPECT_EQ(urn_node_suffix("urn:intuitem:risk:req_node:iso27001-2022:a.5.1"), "a.5.1");
  EXPECT_EQ(urn_node_suffix("urn:intuitem:risk:req_node:x:4.3.2:1"), "4.3.2:1");
  EXPECT_EQ(urn_node_suffix("urn:short:x"), "x");
  EXPECT_EQ(match_form("A.5.1"), match_form("a.5.1"));
  EXPECT_EQ(match_form("12.5:1"), match_form("12.5.1"));
  EXPECT_EQ(slug("Sample Security Catalog *for Demonstration*", 100),
            "sample-security-catalog-for-demonstration");
  EXPECT_EQ(slug("A.5.1", 100), "a-5-1");
  EXPECT_EQ(slug("--", 100), "");
  EXPECT_LE(slug(std::string(300, 'x') + " y", 100).size(), 100u);
  EXPECT_EQ(one_line("  two\n  lines \t"), "two lines");
  EXPECT_EQ(trim("\n x y \r\n"), "x y");
  EXPECT_EQ(utf8_prefix("a\xC3\xA9", 2), "a");  // never half a character
  EXPECT_EQ(utf8_prefix("abc", 5), "abc");
}

TEST(Helpers, CisoFrameworkIds) {
  EXPECT_EQ(ciso_framework_id("urn:intuitem:risk:framework:iso27001-2022"), "iso27001-2022");
  EXPECT_EQ(ciso_framework_id(
                "urn:intuitem:risk:framework:annex-technical-and-methodological-requirements-nis2"),
            "nis2-2024-2690");
  EXPECT_EQ(ciso_framework_id("urn:intuitem:risk:framework:NIST-CSF_2.0"), "nist-csf-2.0");
  EXPECT_EQ(ciso_framework_id("urn:x:--"), "");
  EXPECT_EQ(ciso_framework_id("urn:x:" + std::string(200, 'a')).size(), 100u);
}

TEST(Builtin, IsAValidLibrary) {
  const CatalogueLibrary& lib = builtin_catalogue();
  auto problems = check_library(lib);
  for (const auto& p : problems) ADD_FAILURE() << p.field << ": " << p.message;
  ASSERT_EQ(lib.frameworks.size(), 2u);
  EXPECT_EQ(lib.frameworks[0].id, kIso27001Id);
  EXPECT_EQ(lib.frameworks[0].urn, "urn:intuitem:risk:framework:iso27001-2022");
  EXPECT_EQ(lib.frameworks[0].ref_id, "ISO/IEC 27001:2022");
  EXPECT_EQ(lib.frameworks[0].provider, "ISO/IEC");
  EXPECT_EQ(lib.frameworks[1].id, kNis2AnnexId);
  EXPECT_EQ(lib.frameworks[1].urn,
            "urn:intuitem:risk:framework:annex-technical-and-methodological-requirements-nis2");
  EXPECT_EQ(lib.frameworks[1].provider, "European Commission");
  EXPECT_NE(lib.frameworks[1].copyright.find("Mapping: © ENISA 2025, CC BY 4.0, normalised"),
            std::string::npos);
  for (const Framework& f : lib.frameworks) EXPECT_EQ(f.source, "builtin");
  EXPECT_TRUE(lib.warnings.empty());
}

TEST(Builtin, Iso27001ClausesAndAnnexA) {
  const CatalogueLibrary& lib = builtin_catalogue();
  auto iso = of(lib, kIso27001Id);
  int controls = 0, clauses = 0;
  for (const Requirement* r : iso) {
    if (r->kind == "control") {
      ++controls;
      EXPECT_TRUE(r->assessable);
      EXPECT_EQ(r->parent_ref_id, r->ref_id.substr(0, 3)) << r->ref_id;
    }
    if (r->kind == "clause") ++clauses;
  }
  EXPECT_EQ(controls, 93);
  EXPECT_EQ(clauses, 41);
  const Requirement* a519 = find(lib, kIso27001Id, "A.5.19");
  ASSERT_NE(a519, nullptr);
  EXPECT_EQ(a519->title, "Information security in supplier relationships");
  EXPECT_EQ(a519->urn, "urn:intuitem:risk:req_node:iso27001-2022:a.5.19");
  const Requirement* a = find(lib, kIso27001Id, "A");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, "group");
  EXPECT_FALSE(a->assessable);
  EXPECT_EQ(a->title, "Annex A — Information security controls");
  for (auto [ref, title] : {std::pair{"A.5", "Organizational controls"},
                            {"A.6", "People controls"},
                            {"A.7", "Physical controls"},
                            {"A.8", "Technological controls"}}) {
    const Requirement* t = find(lib, kIso27001Id, ref);
    ASSERT_NE(t, nullptr) << ref;
    EXPECT_EQ(t->title, title);
    EXPECT_EQ(t->kind, "group");
    EXPECT_EQ(t->parent_ref_id, "A");
    EXPECT_FALSE(t->assessable);
  }
  // Clause headings group their sub-clauses; leaves are assessed.
  EXPECT_FALSE(find(lib, kIso27001Id, "4")->assessable);
  EXPECT_FALSE(find(lib, kIso27001Id, "6.1")->assessable);
  EXPECT_TRUE(find(lib, kIso27001Id, "6.1.2")->assessable);
  EXPECT_EQ(find(lib, kIso27001Id, "6.1.2")->parent_ref_id, "6.1");
  EXPECT_NE(find(lib, kIso27001Id, "6.1.2")->notes.find("CISO Assistant"), std::string::npos);
  EXPECT_NE(find(lib, kIso27001Id, "A.7.6")->notes.find("capitalisation"), std::string::npos);
}

TEST(Builtin, PositionsAreDocumentOrder) {
  const CatalogueLibrary& lib = builtin_catalogue();
  for (const Framework& f : lib.frameworks) {
    auto reqs = of(lib, f.id);
    for (size_t i = 0; i < reqs.size(); ++i) EXPECT_EQ(reqs[i]->position, static_cast<int>(i));
  }
  auto iso = of(lib, kIso27001Id);
  std::vector<std::string> order;
  for (const Requirement* r : iso) order.push_back(r->ref_id);
  auto at = [&](const std::string& ref) {
    return std::find(order.begin(), order.end(), ref) - order.begin();
  };
  EXPECT_EQ(order.front(), "4");
  EXPECT_EQ(order.back(), "A.8.34");
  EXPECT_LT(at("10.2"), at("A"));
  EXPECT_EQ(at("A.5") + 1, at("A.5.1"));
  EXPECT_EQ(at("A.5.37") + 1, at("A.6"));
  EXPECT_EQ(at("6.1") + 1, at("6.1.1"));
  auto nis = of(lib, kNis2AnnexId);
  EXPECT_EQ(nis.front()->ref_id, "1");
  EXPECT_EQ(nis[1]->ref_id, "1.1");
  EXPECT_EQ(nis[2]->ref_id, "1.1.1");
}

TEST(Builtin, Nis2AnnexLevelsPointsAndNotes) {
  const CatalogueLibrary& lib = builtin_catalogue();
  auto nis = of(lib, kNis2AnnexId);
  std::map<std::string, int> kinds;
  for (const Requirement* r : nis) ++kinds[r->kind];
  EXPECT_EQ(kinds["section"], 13);
  EXPECT_EQ(kinds["subsection"] + kinds["paragraph"] + kinds["section"],
            static_cast<int>(nis.size()));
  const Requirement* p = find(lib, kNis2AnnexId, "1.1.1");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->kind, "paragraph");
  EXPECT_EQ(p->parent_ref_id, "1.1");
  EXPECT_EQ(p->description, "Points (a)–(k).");
  EXPECT_EQ(
      p->urn,
      "urn:intuitem:risk:req_node:annex-technical-and-methodological-requirements-nis2:1.1.1");
  const Requirement* s = find(lib, kNis2AnnexId, "1");
  EXPECT_FALSE(s->assessable);
  EXPECT_EQ(s->notes, "Art. 21(2)(a) of Directive (EU) 2022/2555");
  // A subsection without paragraphs is assessed itself.
  EXPECT_TRUE(find(lib, kNis2AnnexId, "5.2")->assessable);
  EXPECT_EQ(find(lib, kNis2AnnexId, "5.2")->description, "Points (a)–(b).");
}

TEST(Builtin, EnisaMapping) {
  const CatalogueLibrary& lib = builtin_catalogue();
  std::set<std::string> targets_of_1_1;
  int legacy = 0, enisa = 0;
  for (const RequirementMapping& m : lib.mappings) {
    EXPECT_EQ(m.source_framework_id, kNis2AnnexId);
    EXPECT_EQ(m.relationship, "related");
    EXPECT_NE(find(lib, kNis2AnnexId, m.source_ref_id), nullptr) << m.source_ref_id;
    if (m.target_framework_id == "iso27001-2013") {
      ++legacy;
      EXPECT_EQ(m.target_ref_id, "A.9");
      continue;
    }
    EXPECT_EQ(m.target_framework_id, kIso27001Id);
    EXPECT_NE(find(lib, kIso27001Id, m.target_ref_id), nullptr) << m.target_ref_id;
    if (m.origin == "ENISA TIG mapping table v1.0 (2025-06)") ++enisa;
    if (m.source_ref_id == "1.1") targets_of_1_1.insert(m.target_ref_id);
  }
  EXPECT_EQ(lib.mappings.size(), 122u);
  EXPECT_EQ(legacy, 3);
  EXPECT_EQ(enisa, 118);
  EXPECT_EQ(targets_of_1_1, (std::set<std::string>{"5.2", "A.5.1", "A.5.36", "A.5.4", "9.3"}));
  // The normalised rows keep what was normalised in their notes.
  bool alpha = false;
  for (const RequirementMapping& m : lib.mappings)
    if (m.source_ref_id == "2.1" && m.target_ref_id == "A.5.19")
      alpha = m.notes.find("Greek capital alpha") != std::string::npos;
  EXPECT_TRUE(alpha);
}

// --- resolve_mapping_urns -------------------------------------------------------------

const std::string kIsoUrn = "urn:intuitem:risk:framework:iso27001-2022";
const std::string kNisUrn =
    "urn:intuitem:risk:framework:annex-technical-and-methodological-requirements-nis2";
const std::string kIsoNode = "urn:intuitem:risk:req_node:iso27001-2022:";
const std::string kNisNode =
    "urn:intuitem:risk:req_node:annex-technical-and-methodological-requirements-nis2:";

RequirementMapping unresolved(const std::string& source_node, const std::string& target_node) {
  RequirementMapping m;
  m.source_framework_id = kNisUrn;
  m.source_ref_id = kNisNode + source_node;
  m.target_framework_id = kIsoUrn;
  m.target_ref_id = kIsoNode + target_node;
  m.relationship = "intersect";
  m.origin = "set";
  return m;
}

// The service's view: the built-in frameworks as stored.
StoredFrameworkLookup builtin_lookup() {
  return [](const std::string& urn) -> std::optional<StoredFramework> {
    const CatalogueLibrary& lib = builtin_catalogue();
    for (const Framework& f : lib.frameworks) {
      if (f.urn != urn) continue;
      StoredFramework s{f.id, {}};
      for (const Requirement& r : lib.requirements)
        if (r.framework_id == f.id) s.requirements.push_back(r);
      return s;
    }
    return std::nullopt;
  };
}

TEST(ResolveMappingUrns, ByUrnBySuffixAndKeptBySuffix) {
  CatalogueLibrary lib;
  lib.mappings = {unresolved("1.1", "a.5.1"),       // node URNs of the stored requirements
                  unresolved("12.5:1", "5.2"),      // ':' for '.'
                  unresolved("1.1.1.a", "a.5.36"),  // 1.1.1.a is not stored (yet)
                  unresolved("1.1", "a.5.1")};      // a duplicate
  resolve_mapping_urns(&lib, builtin_lookup());
  ASSERT_EQ(lib.mappings.size(), 3u);
  auto key = [](const RequirementMapping& m) {
    return requirement_key(m.source_framework_id, m.source_ref_id) + " " +
           requirement_key(m.target_framework_id, m.target_ref_id);
  };
  EXPECT_EQ(key(lib.mappings[0]), "nis2-2024-2690:1.1 iso27001-2022:A.5.1");
  EXPECT_EQ(key(lib.mappings[1]), "nis2-2024-2690:12.5.1 iso27001-2022:5.2");
  EXPECT_EQ(key(lib.mappings[2]), "nis2-2024-2690:1.1.1.a iso27001-2022:A.5.36");
  ASSERT_EQ(lib.warnings.size(), 2u);
  EXPECT_NE(lib.warnings[0].find("1 mapping ends"), std::string::npos) << lib.warnings[0];
  EXPECT_NE(lib.warnings[1].find("1 duplicate"), std::string::npos) << lib.warnings[1];
  EXPECT_TRUE(check_library(lib).empty());
}

TEST(ResolveMappingUrns, WithoutStoreUsesDerivedIds) {
  CatalogueLibrary lib;
  lib.mappings = {unresolved("1.1", "a.5.1")};
  lib.mappings[0].target_framework_id = "urn:intuitem:risk:framework:other-fw";
  lib.mappings[0].target_ref_id = "urn:intuitem:risk:req_node:other-fw:x.1";
  resolve_mapping_urns(&lib, nullptr);
  ASSERT_EQ(lib.mappings.size(), 1u);
  EXPECT_EQ(lib.mappings[0].source_framework_id, "nis2-2024-2690");
  EXPECT_EQ(lib.mappings[0].source_ref_id, "1.1");
  EXPECT_EQ(lib.mappings[0].target_framework_id, "other-fw");
  EXPECT_EQ(lib.mappings[0].target_ref_id, "x.1");
  EXPECT_TRUE(check_library(lib).empty());
}

TEST(ResolveMappingUrns, TheLibrarysOwnFrameworkWinsOverTheStoredOne) {
  CatalogueLibrary lib;
  Framework f;
  f.id = "iso27001-2022";
  f.urn = kIsoUrn;
  f.name = "ISO";
  f.source = "ciso-assistant";
  lib.frameworks = {f};
  Requirement r;
  r.framework_id = f.id;
  r.ref_id = "A.5.1";
  r.kind = "control";
  r.urn = kIsoNode + "a.5.1";
  lib.requirements = {r};
  lib.mappings = {unresolved("1.1", "a.5.1"), unresolved("1.1", "a.5.2")};
  resolve_mapping_urns(&lib, builtin_lookup());
  // A.5.2 is stored, but the library replaces that framework and lacks it.
  ASSERT_EQ(lib.mappings.size(), 1u);
  EXPECT_EQ(lib.mappings[0].target_ref_id, "A.5.1");
  ASSERT_FALSE(lib.warnings.empty());
  EXPECT_NE(lib.warnings[0].find("a.5.2"), std::string::npos) << lib.warnings[0];
  EXPECT_TRUE(check_library(lib).empty());
}

TEST(ResolveMappingUrns, LeavesResolvedEndsAlone) {
  CatalogueLibrary lib = builtin_catalogue();
  auto before = lib.mappings.size();
  resolve_mapping_urns(&lib, builtin_lookup());
  EXPECT_EQ(lib.mappings.size(), before);
  EXPECT_TRUE(lib.warnings.empty());
}

}  // namespace
}  // namespace isms
