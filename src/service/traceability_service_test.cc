#include "service/traceability_service.h"

#include <gtest/gtest.h>

#include "service/catalogue_json.h"
#include "service/document_test_support.h"

namespace isms {
namespace {

class TraceabilityServiceTest : public testing::DocumentFixture {
 protected:
  GapReport report(const Principal& p, const std::string& fw, const std::string& scope = "") {
    auto r = TraceabilityService(ctx_).gap_report(p, fw, scope);
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : GapReport{};
  }

  static std::vector<std::string> covered_refs(const GapReport& r) {
    std::vector<std::string> out;
    for (const TraceRow& row : r.rows) {
      if (!row.citations.empty()) out.push_back(row.requirement.ref_id);
    }
    return out;
  }

  static const TraceRow* row(const GapReport& r, const std::string& ref) {
    for (const TraceRow& row : r.rows) {
      if (row.requirement.ref_id == ref) return &row;
    }
    return nullptr;
  }
};

TEST_F(TraceabilityServiceTest, DraftsDoNotCount) {
  import_policy();
  GapReport annex = report(ciso_, "iso27001-2022");
  EXPECT_EQ(annex.scope, "Annex A controls");
  EXPECT_EQ(annex.figures.total, 93);
  EXPECT_EQ(annex.figures.covered, 0);
  EXPECT_EQ(annex.gaps.size(), 93u);
  EXPECT_DOUBLE_EQ(annex.figures.percent, 0.0);
}

TEST_F(TraceabilityServiceTest, PublishedPolicyCoverageFigures) {
  publish_policy();

  GapReport annex = report(employee_, "iso27001-2022");
  EXPECT_EQ(annex.figures.total, 93);
  EXPECT_EQ(annex.figures.covered, 20);
  EXPECT_EQ(annex.figures.covered_through_mapping, 0);
  EXPECT_DOUBLE_EQ(annex.figures.percent, 21.5);
  EXPECT_DOUBLE_EQ(annex.figures.percent_with_mapping, 21.5);
  EXPECT_EQ(covered_refs(annex),
            (std::vector<std::string>{"A.5.1",  "A.5.2",  "A.5.4",  "A.5.10", "A.5.12",
                                      "A.5.14", "A.5.15", "A.5.19", "A.5.20", "A.5.23",
                                      "A.5.32", "A.5.34", "A.6.7",  "A.7.7",  "A.7.10",
                                      "A.8.1",  "A.8.8",  "A.8.13", "A.8.15", "A.8.24"}));
  EXPECT_EQ(annex.gaps.size(), 73u);
  const TraceRow* suppliers = row(annex, "A.5.19");
  ASSERT_NE(suppliers, nullptr);
  ASSERT_EQ(suppliers->citations.size(), 1u);
  EXPECT_EQ(suppliers->citations[0].section_number, "8.4");
  EXPECT_EQ(suppliers->citations[0].section_title,
            "Information Security in Supplier Relationships");
  EXPECT_EQ(suppliers->citations[0].document_title, "Information Security Policy");
  const TraceRow* policies = row(annex, "A.5.1");
  ASSERT_NE(policies, nullptr);
  EXPECT_EQ(policies->citations.size(), 2u);  // sections 1 and 6

  GapReport clauses = report(employee_, "iso27001-2022", "clauses");
  EXPECT_EQ(clauses.scope, "Clauses 4-10");
  EXPECT_EQ(clauses.figures.total, 30);
  EXPECT_EQ(covered_refs(clauses), (std::vector<std::string>{"4.3", "5.1", "5.2"}));
  EXPECT_DOUBLE_EQ(clauses.figures.percent, 10.0);
  EXPECT_EQ(row(clauses, "6.1"), nullptr);  // a heading of 6.1.1-6.1.3
  EXPECT_NE(row(clauses, "6.1.2"), nullptr);

  GapReport nis2 = report(employee_, "nis2-2024-2690");
  EXPECT_EQ(nis2.scope, "Annex subsections");
  EXPECT_EQ(nis2.figures.total, 49);
  EXPECT_EQ(covered_refs(nis2),
            (std::vector<std::string>{"1.1", "1.2", "3.2", "4.2", "5.1", "5.2", "6.1", "6.9",
                                      "6.10", "9", "11.1", "12.2", "12.3"}));
  EXPECT_EQ(nis2.figures.covered, 13);
  EXPECT_EQ(nis2.figures.covered_through_mapping, 3);
  EXPECT_DOUBLE_EQ(nis2.figures.percent, 26.5);
  EXPECT_DOUBLE_EQ(nis2.figures.percent_with_mapping, 32.7);
  const TraceRow* risk = row(nis2, "2.1");
  ASSERT_NE(risk, nullptr);
  EXPECT_TRUE(risk->citations.empty());
  EXPECT_EQ(risk->covered_through,
            (std::vector<std::string>{"iso27001-2022:A.5.19", "iso27001-2022:A.5.20"}));
  ASSERT_NE(row(nis2, "7"), nullptr);  // a section without subsections is its own row
  ASSERT_NE(row(nis2, "9"), nullptr);
  EXPECT_EQ(row(nis2, "9")->citations.size(), 1u);

  auto coverage = TraceabilityService(ctx_).coverage(employee_);
  ASSERT_TRUE(coverage) << coverage.error().message;
  ASSERT_EQ(coverage->reports.size(), 3u);
  EXPECT_EQ(coverage->reports[0].figures.covered, 20);
  EXPECT_EQ(coverage->reports[1].figures.covered, 3);
  EXPECT_EQ(coverage->reports[2].figures.covered, 13);
  EXPECT_TRUE(coverage->reports[0].rows.empty());
  Json json = coverage_to_json(*coverage);
  EXPECT_EQ(json.at("reports")[2].at("figures").at("percent_with_mapping"), 32.7);
  auto dashboard = OrganizationService(ctx_).dashboard(employee_);
  ASSERT_TRUE(dashboard) << dashboard.error().message;
  ASSERT_TRUE(dashboard->coverage);
  EXPECT_EQ(dashboard->coverage->reports.size(), 3u);

  auto matrix = TraceabilityService(ctx_).matrix(employee_, "nis2-2024-2690");
  ASSERT_TRUE(matrix) << matrix.error().message;
  for (const TraceRow& r : *matrix) {
    for (const PublishedCitation& c : r.citations) EXPECT_EQ(c.ref_id, r.requirement.ref_id);
  }
}

TEST_F(TraceabilityServiceTest, OnlyReadableDocumentsCountAndExports) {
  publish_policy();
  DocumentService docs(ctx_);
  DocumentFields f;
  f.kind = DocumentKind::kStandard;
  f.title = "Secure Development Standard";
  f.classification = Classification::kConfidential;
  f.information_owner = "CISO";
  f.body = "# 1 Testing [ISO27002 A8.29]\n";
  auto created = docs.create(ciso_, f);
  ASSERT_TRUE(created) << created.error().message;
  const std::string id = created->document.id;
  auto s = docs.submit(ciso_, id, created->latest->version);
  ASSERT_TRUE(s) << s.error().message;
  auto a = docs.approve(op(), id, s->latest->version);
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_TRUE(docs.publish(ciso_, id, a->latest->version));

  EXPECT_EQ(report(ciso_, "iso27001-2022").figures.covered, 21);
  EXPECT_EQ(report(employee_, "iso27001-2022").figures.covered, 20);

  TraceabilityService svc(ctx_);
  auto csv = svc.export_gap_report(employee_, "iso27001-2022", "", "csv");
  ASSERT_TRUE(csv) << csv.error().message;
  EXPECT_EQ(csv->rfind("Requirement,Title,Covered,Cited by,Covered through mapping\r\n", 0), 0u);
  EXPECT_EQ(std::count(csv->begin(), csv->end(), '\n'), 94);
  auto xlsx = svc.export_gap_report(employee_, "iso27001-2022", "", "xlsx");
  ASSERT_TRUE(xlsx) << xlsx.error().message;
  EXPECT_EQ(xlsx->substr(0, 2), "PK");
  EXPECT_EQ(svc.export_gap_report(employee_, "iso27001-2022", "", "ods").error().field, "format");
  EXPECT_EQ(svc.gap_report(employee_, "nis2-2024-2690", "clauses").error().field, "scope");
  EXPECT_EQ(svc.gap_report(employee_, "nope", "").error().code, ErrorCode::kNotFound);
  Principal contractor = principal_of(user("carl", {"contractor"}));
  EXPECT_EQ(svc.coverage(contractor).error().code, ErrorCode::kForbidden);
}

}  // namespace
}  // namespace isms
