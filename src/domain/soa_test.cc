#include "domain/soa.h"

#include <gtest/gtest.h>

#include <set>

namespace isms {
namespace {

Json parse(const char* text) { return Json::parse(text); }

std::set<std::string> fields_of(const std::vector<FieldError>& errors) {
  std::set<std::string> out;
  for (const auto& e : errors) out.insert(e.field);
  return out;
}

Applicability line(const std::string& ref, Applicable applicable) {
  Applicability a;
  a.framework_id = "iso27001-2022";
  a.ref_id = ref;
  a.title = "Control " + ref;
  a.applicable = applicable;
  if (applicable == Applicable::kYes) a.reasons = {InclusionReason::kRiskTreatment};
  if (applicable == Applicable::kNo) a.justification = "no such activity";
  return a;
}

TEST(SoaNames, RoundTrip) {
  for (auto a : {Applicable::kUndecided, Applicable::kYes, Applicable::kNo}) {
    EXPECT_EQ(parse_applicable(applicable_name(a)), a);
  }
  for (auto r : {InclusionReason::kRiskTreatment, InclusionReason::kLegal,
                 InclusionReason::kContractual, InclusionReason::kBusinessNeed}) {
    EXPECT_EQ(parse_inclusion_reason(inclusion_reason_name(r)), r);
  }
  EXPECT_EQ(implementation_status_name(ImplementationStatus::kPartial), "partial");
  EXPECT_FALSE(parse_applicable("maybe"));
  EXPECT_FALSE(parse_implementation_status("done"));
}

TEST(ApplicabilityFields, DecodesAndSortsReasons) {
  auto f = applicability_fields_from_json(parse(R"({"applicable":"yes",
    "reasons":["legal","risk_treatment","legal"],"justification":"GDPR Art. 32",
    "implementation":"partial","version":0})"));
  ASSERT_TRUE(f) << f.error().message;
  Applicability a = line("A.5.1", Applicable::kUndecided);
  apply_applicability_fields(*f, &a);
  EXPECT_EQ(a.applicable, Applicable::kYes);
  EXPECT_EQ(a.reasons, (std::vector<InclusionReason>{InclusionReason::kRiskTreatment,
                                                     InclusionReason::kLegal}));
  EXPECT_EQ(a.justification, "GDPR Art. 32");
  EXPECT_EQ(a.implementation, ImplementationStatus::kPartial);
  EXPECT_EQ(f->version, 0);
}

TEST(ApplicabilityFields, StrictAboutKeysAndValues) {
  auto f = applicability_fields_from_json(parse(R"({"applicable":"maybe","reasons":["fun"],
    "title":"x","control_ids":[],"owner":"p","version":-1})"));
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(fields_of(f.error().details),
            (std::set<std::string>{"applicable", "reasons[0]", "title", "control_ids", "owner",
                                   "version"}));
  auto long_text = applicability_fields_from_json(
      Json{{"justification", std::string(kSoaJustificationMax + 1, 'x')}});
  ASSERT_FALSE(long_text);
  EXPECT_EQ(long_text.error().field, "justification");
}

TEST(ValidateApplicability, Rules) {
  Applicability yes = line("A.5.1", Applicable::kYes);
  EXPECT_TRUE(validate_applicability(yes).empty());
  yes.reasons.clear();
  EXPECT_EQ(fields_of(validate_applicability(yes)), (std::set<std::string>{"reasons"}));

  Applicability no = line("A.7.1", Applicable::kNo);
  EXPECT_TRUE(validate_applicability(no).empty());
  no.justification = "  ";
  no.implementation = ImplementationStatus::kImplemented;
  EXPECT_EQ(fields_of(validate_applicability(no)),
            (std::set<std::string>{"justification", "implementation"}));

  EXPECT_TRUE(validate_applicability(line("A.8.1", Applicable::kUndecided)).empty());
}

TEST(SoaTotals, CountsDecisionsAndImplementationOfApplicableLines) {
  std::vector<Applicability> lines = {
      line("A.5.1", Applicable::kYes), line("A.5.2", Applicable::kYes),
      line("A.5.3", Applicable::kNo), line("A.5.4", Applicable::kUndecided)};
  lines[0].implementation = ImplementationStatus::kImplemented;
  lines[1].implementation = ImplementationStatus::kPartial;
  Soa::Totals t = soa_totals(lines);
  EXPECT_EQ(t.lines, 4);
  EXPECT_EQ(t.applicable, 2);
  EXPECT_EQ(t.not_applicable, 1);
  EXPECT_EQ(t.undecided, 1);
  EXPECT_EQ(t.implemented, 1);
  EXPECT_EQ(t.partial, 1);
  EXPECT_EQ(t.planned, 0);
  EXPECT_EQ(t.not_started, 0);
}

TEST(CompareSoaLines, ReportsChangedAddedAndRemovedInOrder) {
  std::vector<Applicability> a = {line("A.5.1", Applicable::kYes), line("A.5.2", Applicable::kNo),
                                  line("A.5.3", Applicable::kYes),
                                  line("A.5.4", Applicable::kUndecided)};
  std::vector<Applicability> b = a;
  b[0].implementation = ImplementationStatus::kImplemented;  // changed
  b[0].evidence_count = 2;
  b.erase(b.begin() + 1);                        // A.5.2 removed
  b.push_back(line("A.5.5", Applicable::kYes));  // added
  auto changes = compare_soa_lines(a, b);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].ref_id, "A.5.1");
  EXPECT_EQ(changes[0].changed_fields,
            (std::vector<std::string>{"implementation", "evidence_count"}));
  ASSERT_TRUE(changes[0].before && changes[0].after);
  EXPECT_EQ(changes[0].before->implementation, ImplementationStatus::kNotStarted);
  EXPECT_EQ(changes[1].ref_id, "A.5.2");
  EXPECT_TRUE(changes[1].before);
  EXPECT_FALSE(changes[1].after);
  EXPECT_EQ(changes[2].ref_id, "A.5.5");
  EXPECT_FALSE(changes[2].before);
  EXPECT_TRUE(changes[2].after);
  EXPECT_TRUE(compare_soa_lines(a, a).empty());
}

TEST(SoaJson, Shapes) {
  Soa s;
  s.id = "s1";
  s.number = 2;
  s.framework_ids = {"iso27001-2022"};
  s.lines = {line("A.5.1", Applicable::kYes)};
  s.totals = soa_totals(s.lines);
  Json with = soa_to_json(s, true);
  EXPECT_EQ(with["number"], 2);
  EXPECT_EQ(with["totals"]["applicable"], 1);
  ASSERT_EQ(with["lines"].size(), 1u);
  EXPECT_EQ(with["lines"][0]["applicable"], "yes");
  EXPECT_EQ(with["lines"][0]["reasons"], Json::array({"risk_treatment"}));
  EXPECT_FALSE(soa_to_json(s, false).contains("lines"));
  SoaLineChange c;
  c.framework_id = "iso27001-2022";
  c.ref_id = "A.5.1";
  c.changed_fields = {"applicable"};
  c.after = s.lines[0];
  Json cj = soa_line_change_to_json(c);
  EXPECT_TRUE(cj["before"].is_null());
  EXPECT_EQ(cj["after"]["ref_id"], "A.5.1");
}

}  // namespace
}  // namespace isms
