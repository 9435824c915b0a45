#include "service/catalogue_service.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "service/catalogue_json.h"
#include "service/document_test_support.h"
#include "service/ledger_service.h"

namespace isms {
namespace {

const char* kIsoLibrary = "ciso-assistant/iso27001-2022.yaml";
const char* kNis2Library =
    "ciso-assistant/annex-nis2-regulation--2024-2690-with-technical-implementation-guidance-by-"
    "enisa.yaml";
const char* kMappingLibrary =
    "ciso-assistant/"
    "mapping-annex-technical-and-methodological-requirements-nis2-and-iso27001-2022.yaml";

class CatalogueServiceTest : public testing::DocumentFixture {
 protected:
  CatalogueImportResult import(const std::string& bytes,
                               const std::string& format = "ciso-assistant",
                               const std::string& framework = "") {
    auto r = CatalogueService(ctx_).import_library(op(), format, bytes, framework);
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : CatalogueImportResult{};
  }

  std::vector<Requirement> requirements(const ServiceContext& ctx, const std::string& fw) {
    auto r = CatalogueService(ctx).requirements(op(), fw);
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : std::vector<Requirement>{};
  }

  static bool all_zero(const CatalogueImportResult& r) {
    return r.framework_ids.empty() && r.frameworks_created == 0 && r.frameworks_updated == 0 &&
           r.requirements_added == 0 && r.requirements_changed == 0 &&
           r.requirements_removed == 0 && r.mappings == 0;
  }
};

TEST_F(CatalogueServiceTest, BuiltinCatalogueComesWithTheOrganizationOnce) {
  CatalogueService svc(ctx_);
  auto frameworks = svc.frameworks(op());
  ASSERT_TRUE(frameworks) << frameworks.error().message;
  std::vector<std::string> ids;
  for (const auto& f : *frameworks) ids.push_back(f.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"iso27001-2022", "nis2-2024-2690"}));
  int controls = 0;
  for (const auto& r : requirements(ctx_, "iso27001-2022")) {
    controls +=
        r.ref_id.rfind("A.", 0) == 0 && std::count(r.ref_id.begin(), r.ref_id.end(), '.') == 2;
  }
  EXPECT_EQ(controls, 93);
  EXPECT_TRUE(has(actions("catalogue"), "catalogue.import"));

  // Again (as at every server start): nothing written, no ledger entry.
  int64_t seq = ledger_seq();
  {
    auto tx = store_->begin_write();
    ASSERT_TRUE(tx);
    LedgerRecorder ledger(ctx_, tx->get(), actor_);
    ASSERT_TRUE(CatalogueService::ensure_builtin(ctx_, tx->get(), &ledger));
    ASSERT_TRUE(ledger.finish());
    ASSERT_TRUE((*tx)->commit());
  }
  ASSERT_TRUE(OrganizationService(ctx_).initialize(actor_, "Test Org"));
  EXPECT_EQ(ledger_seq(), seq);

  auto detail = svc.requirement(employee_, "iso27001-2022", "A.5.1");
  ASSERT_TRUE(detail) << detail.error().message;
  ASSERT_EQ(detail->ancestors.size(), 2u);
  EXPECT_EQ(detail->ancestors[0].ref_id, "A");
  EXPECT_EQ(detail->ancestors[1].ref_id, "A.5");
  EXPECT_TRUE(detail->children.empty());
  bool mapped = false;
  for (const auto& m : detail->mappings) {
    mapped = mapped || (m.mapping.source_framework_id == "nis2-2024-2690" &&
                        m.mapping.source_ref_id == "1.1" && !m.source_title.empty());
  }
  EXPECT_TRUE(mapped);
  Json json = requirement_detail_to_json(*detail);
  EXPECT_EQ(json.at("requirement").at("key"), "iso27001-2022:A.5.1");

  auto found = svc.search(employee_, "supplier", "iso27001-2022", 50);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_TRUE(std::any_of(found->begin(), found->end(),
                          [](const Requirement& r) { return r.ref_id == "A.5.19"; }));
  EXPECT_EQ(svc.search(employee_, "", "", 50).error().field, "q");
  EXPECT_EQ(svc.requirement(employee_, "iso27001-2022", "A.9.9").error().code,
            ErrorCode::kNotFound);

  auto scan = svc.scan(employee_, "See [ISO27001 5.4] and [ISO27002 A5.19].");
  ASSERT_TRUE(scan) << scan.error().message;
  EXPECT_EQ(scan->citations.size(), 1u);
  ASSERT_EQ(scan->warnings.size(), 1u);
  EXPECT_EQ(scan->warnings[0].suggestion, std::optional<std::string>("iso27001-2022:A.5.4"));
}

TEST_F(CatalogueServiceTest, CisoAssistantLibrariesUpdateTheBuiltinFrameworksInPlace) {
  std::string iso = testing::fixture_file(kIsoLibrary);
  std::string nis2 = testing::fixture_file(kNis2Library);
  std::string mapping = testing::fixture_file(kMappingLibrary);

  auto first_iso = import(iso);
  EXPECT_EQ(first_iso.framework_ids, std::vector<std::string>{"iso27001-2022"});
  EXPECT_EQ(first_iso.frameworks_created, 0);
  auto first_nis2 = import(nis2);
  EXPECT_EQ(first_nis2.framework_ids, std::vector<std::string>{"nis2-2024-2690"});
  EXPECT_EQ(first_nis2.frameworks_created, 0);
  EXPECT_EQ(first_nis2.frameworks_updated, 1);
  EXPECT_GT(first_nis2.requirements_added, 0);
  auto first_mapping = import(mapping);
  EXPECT_TRUE(first_mapping.framework_ids.empty());
  EXPECT_GT(first_mapping.mappings, 0);

  CatalogueService svc(ctx_);
  EXPECT_EQ(svc.frameworks(op())->size(), 2u);
  auto point = svc.requirement(op(), "nis2-2024-2690", "1.1.1.a");
  ASSERT_TRUE(point) << point.error().message;
  EXPECT_EQ(point->requirement.parent_ref_id, "1.1.1");
  EXPECT_FALSE(point->mappings.empty());

  auto nis2_entries = LedgerService(ctx_).list(0, 1000, "nis2-2024-2690");
  ASSERT_TRUE(nis2_entries);
  ASSERT_FALSE(nis2_entries->empty());
  const ledger::Entry& entry = nis2_entries->back();
  EXPECT_EQ(entry.action, "catalogue.import");
  EXPECT_EQ(testing::change_of(entry).at("format"), "ciso-assistant");
  EXPECT_EQ(testing::change_of(entry).at("sha256"), sha256_hex(nis2));
  EXPECT_EQ(testing::change_of(entry).at("counts").at("requirements_added"),
            first_nis2.requirements_added);

  // The same libraries again: nothing changes, nothing is recorded.
  int64_t seq = ledger_seq();
  for (const std::string* lib : {&iso, &nis2, &mapping}) {
    auto again = import(*lib);
    EXPECT_TRUE(all_zero(again)) << catalogue_import_result_to_json(again).dump();
  }
  EXPECT_EQ(ledger_seq(), seq);

  // A newer version: one title changed, the last point removed.
  std::string newer = nis2;
  const std::string title =
      "ref_id: '1.1'\n      name: Policy on the security of network and "
      "information systems\n";
  size_t at = newer.find(title);
  ASSERT_NE(at, std::string::npos);
  newer.insert(at + title.size() - 1, " (revised)");
  size_t last = newer.rfind("    - urn: urn:intuitem:risk:req_node:");
  ASSERT_NE(last, std::string::npos);
  newer.resize(last);
  newer.replace(newer.find("\nversion: 12\n"), 13, "\nversion: 13\n");
  auto updated = import(newer);
  EXPECT_EQ(updated.framework_ids, std::vector<std::string>{"nis2-2024-2690"});
  EXPECT_EQ(updated.frameworks_updated, 1);
  EXPECT_EQ(updated.requirements_added, 0);
  EXPECT_EQ(updated.requirements_changed, 1);
  EXPECT_EQ(updated.requirements_removed, 1);
  EXPECT_EQ(svc.requirement(op(), "nis2-2024-2690", "1.1")->requirement.title,
            "Policy on the security of network and information systems (revised)");
  EXPECT_EQ(svc.framework(op(), "nis2-2024-2690")->version, "13");

  // An imported framework is not reverted to the built-in data at the next start.
  seq = ledger_seq();
  ASSERT_TRUE(OrganizationService(ctx_).initialize(actor_, "Test Org"));
  EXPECT_EQ(ledger_seq(), seq);
  EXPECT_TRUE(ledger_ok());
}

TEST_F(CatalogueServiceTest, OscalImportAndExportRoundTrip) {
  std::string catalog = testing::fixture_file("oscal/basic-catalog.json");
  auto imported = import(catalog, "oscal");
  ASSERT_EQ(imported.framework_ids.size(), 1u);
  const std::string fw = imported.framework_ids.front();
  EXPECT_EQ(imported.frameworks_created, 1);
  EXPECT_GT(imported.requirements_added, 0);
  EXPECT_TRUE(all_zero(import(catalog, "oscal")));

  CatalogueService svc(ctx_);
  auto exported = svc.export_oscal(employee_, fw);
  ASSERT_TRUE(exported) << exported.error().message;
  testing::SecondStore fresh(ctx_);
  ASSERT_TRUE(fresh.ok());
  auto again = CatalogueService(fresh.ctx).import_library(op(), "oscal", *exported, fw);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->framework_ids, std::vector<std::string>{fw});
  auto a = requirements(ctx_, fw);
  auto b = requirements(fresh.ctx, fw);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].ref_id, b[i].ref_id);
    EXPECT_EQ(a[i].parent_ref_id, b[i].parent_ref_id);
    EXPECT_EQ(a[i].title, b[i].title);
    EXPECT_EQ(a[i].description, b[i].description);
    EXPECT_EQ(a[i].kind, b[i].kind);
    EXPECT_EQ(a[i].position, b[i].position);
  }
  EXPECT_EQ(svc.framework(op(), fw)->name, CatalogueService(fresh.ctx).framework(op(), fw)->name);
  auto round = CatalogueService(fresh.ctx).export_oscal(op(), fw);
  ASSERT_TRUE(round);
  // Identical but for the time of the last change (and the document uuid, which OSCAL
  // changes with every revision).
  auto without_time = [](const std::string& text) {
    Json j = *parse_json(text);
    j["catalog"]["metadata"].erase("last-modified");
    j["catalog"].erase("uuid");
    return j;
  };
  EXPECT_EQ(without_time(*round), without_time(*exported));
}

TEST_F(CatalogueServiceTest, BadLibrariesStoreNothingAndPermissionsHold) {
  CatalogueService svc(ctx_);
  int64_t seq = ledger_seq();
  const std::string orphan =
      "urn: urn:intuitem:risk:library:broken\nref_id: broken\nname: Broken\nversion: 1\n"
      "objects:\n  framework:\n    urn: urn:intuitem:risk:framework:broken\n    ref_id: broken\n"
      "    name: Broken\n    requirement_nodes:\n"
      "    - urn: urn:intuitem:risk:req_node:broken:1\n      ref_id: '1'\n      name: One\n"
      "      parent_urn: urn:intuitem:risk:req_node:broken:missing\n";
  for (const std::string& bad : {std::string("objects: [unclosed"), orphan}) {
    auto r = svc.import_library(op(), "ciso-assistant", bad, "");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << r.error().message;
  }
  EXPECT_EQ(svc.import_library(op(), "csv", "a,b", "").error().field, "format");
  EXPECT_EQ(ledger_seq(), seq);
  EXPECT_EQ(svc.frameworks(op())->size(), 2u);

  auto denied = svc.import_library(employee_, "oscal", "{}", "");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
  Principal contractor = principal_of(user("carl", {"contractor"}));
  EXPECT_EQ(svc.frameworks(contractor).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(svc.framework(op(), "nope").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace isms
