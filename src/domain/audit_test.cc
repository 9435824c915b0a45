#include "domain/audit.h"

#include <gtest/gtest.h>

#include "domain/finding.h"

namespace isms {
namespace {

Audit sample_audit() {
  Audit a;
  a.id = "a1";
  a.ref = "AUD-0001";
  a.title = "Access control audit";
  a.scope = "Identity and access management of the production systems";
  a.criteria = {"iso27001-2022:A.5.15", "iso27001-2022:A.5.18"};
  a.lead_auditor_id = "p1";
  a.start_on = "2026-03-01";
  a.end_on = "2026-03-05";
  a.checklist = checklist_for({}, a.criteria, {{"iso27001-2022:A.5.15", "Access control"}});
  return a;
}

CorrectiveAction action(ActionStatus s, std::string due = "2026-04-01") {
  CorrectiveAction a;
  a.id = "ca";
  a.ref = "CA-0001";
  a.title = "Fix";
  a.owner_id = "p2";
  a.due_on = std::move(due);
  a.status = s;
  return a;
}

Finding finding(FindingGrade g) {
  Finding f;
  f.id = "f1";
  f.ref = "F-0001";
  f.grade = g;
  f.title = "Leavers keep access";
  f.source = FindingSource::kAudit;
  f.source_id = "a1";
  return f;
}

TEST(AuditNames, GradesAndResultsParseAndRefuseUnknownNames) {
  for (auto name : finding_grade_names()) {
    auto g = parse_finding_grade(name);
    ASSERT_TRUE(g);
    EXPECT_EQ(finding_grade_name(*g), name);
  }
  EXPECT_FALSE(parse_finding_grade("major"));
  EXPECT_FALSE(parse_finding_grade(""));
  EXPECT_EQ(parse_check_result("nonconform"), CheckResult::kNonconform);
  EXPECT_FALSE(parse_check_result("Nonconform"));
  EXPECT_EQ(parse_audit_type("certification"), AuditType::kCertification);
  EXPECT_FALSE(parse_audit_status("done"));
  EXPECT_TRUE(is_nonconformity(FindingGrade::kMinorNonconformity));
  EXPECT_FALSE(is_nonconformity(FindingGrade::kOpportunity));
}

TEST(AuditChecklist, OneItemPerCriterionKeepingDecidedItems) {
  Audit a = sample_audit();
  ASSERT_EQ(a.checklist.size(), 2u);
  EXPECT_EQ(a.checklist[0].requirement_title, "Access control");
  EXPECT_EQ(a.checklist[0].result, CheckResult::kNotChecked);
  a.checklist[1].result = CheckResult::kConform;
  auto next = checklist_for(a.checklist, {"iso27001-2022:A.5.18", "iso27001-2022:A.8.2"}, {});
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[0].requirement_key, "iso27001-2022:A.5.18");
  EXPECT_EQ(next[0].result, CheckResult::kConform);
  EXPECT_EQ(next[1].result, CheckResult::kNotChecked);
}

TEST(AuditTransitions, FollowThePlanAndEndInFinalStates) {
  Audit a = sample_audit();
  EXPECT_FALSE(check_audit_transition(a, AuditStatus::kCompleted));
  EXPECT_TRUE(check_audit_transition(a, AuditStatus::kInProgress));
  EXPECT_TRUE(check_audit_transition(a, AuditStatus::kCancelled));
  a.status = AuditStatus::kInProgress;
  EXPECT_FALSE(check_audit_transition(a, AuditStatus::kInProgress));
  EXPECT_TRUE(check_audit_transition(a, AuditStatus::kCompleted));
  a.status = AuditStatus::kCompleted;
  EXPECT_FALSE(check_audit_transition(a, AuditStatus::kCancelled));
  auto s = check_audit_transition(a, AuditStatus::kInProgress);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  a.status = AuditStatus::kCancelled;
  EXPECT_FALSE(check_audit_transition(a, AuditStatus::kInProgress));
}

TEST(AuditTransitions, CompletionNeedsEveryItemDecidedAndAConclusion) {
  Audit a = sample_audit();
  auto problems = completion_problems(a);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].field, "checklist[0].result");
  EXPECT_EQ(problems[2].field, "conclusion");
  a.checklist[0].result = CheckResult::kNonconform;
  a.checklist[1].result = CheckResult::kNotApplicable;
  a.conclusion = "Effective with one nonconformity";
  EXPECT_TRUE(completion_problems(a).empty());
}

TEST(AuditValidation, NamesTheFields) {
  Audit a = sample_audit();
  EXPECT_TRUE(validate_audit(a).empty());
  a.end_on = "2026-02-28";
  a.criteria = {"nokey", "iso27001-2022:A.5.15", "iso27001-2022:A.5.15"};
  a.title = " ";
  auto e = validate_audit(a);
  std::set<std::string> fields;
  for (const auto& f : e) fields.insert(f.field);
  EXPECT_TRUE(fields.count("end_on"));
  EXPECT_TRUE(fields.count("criteria[0]"));
  EXPECT_TRUE(fields.count("criteria[2]"));
  EXPECT_TRUE(fields.count("title"));
}

TEST(AuditRecords, RoundTripAndRefuseUnknownBodyMembers) {
  Audit a = sample_audit();
  a.checklist[0].evidence = {"EVD-1"};
  a.version = 3;
  OpRecord r = audit_to_record(a);
  EXPECT_EQ(r.due_at, "2026-03-05");
  EXPECT_EQ(r.owner_id, "p1");
  auto back = audit_from_record(r);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->checklist[0].evidence, std::vector<std::string>{"EVD-1"});
  EXPECT_EQ(back->version, 3);
  Json body = parse_json(r.body).value();
  body["surprise"] = 1;
  body["checklist"][1]["result"] = "maybe";
  r.body = body.dump();
  auto bad = audit_from_record(r);
  ASSERT_FALSE(bad);
  std::set<std::string> fields;
  for (const auto& e : bad.error().details) fields.insert(e.field);
  EXPECT_TRUE(fields.count("surprise"));
  EXPECT_TRUE(fields.count("checklist[1].result"));

  AuditProgramme p;
  p.id = "ap";
  p.year = 2026;
  p.title = "Audit programme 2026";
  OpRecord pr = programme_to_record(p);
  EXPECT_EQ(pr.ref, "AP-2026");
  EXPECT_EQ(pr.due_at, "2026-12-31");
  ASSERT_TRUE(programme_from_record(pr));
}

TEST(FindingRules, NonconformityNeedsAVerifiedActionAndNothingPending) {
  Finding f = finding(FindingGrade::kMajorNonconformity);
  auto none = check_finding_closable(f, {}, "");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(check_finding_closable(f, {action(ActionStatus::kImplemented)}, ""));
  EXPECT_FALSE(check_finding_closable(f, {action(ActionStatus::kIneffective)}, ""));
  EXPECT_FALSE(nonconformity_resolved(f, {action(ActionStatus::kIneffective)}));
  std::vector<CorrectiveAction> replaced = {action(ActionStatus::kIneffective),
                                            action(ActionStatus::kVerified)};
  EXPECT_TRUE(check_finding_closable(f, replaced, ""));
  EXPECT_TRUE(nonconformity_resolved(f, replaced));
  replaced.push_back(action(ActionStatus::kOpen));
  EXPECT_FALSE(nonconformity_resolved(f, replaced));
}

TEST(FindingRules, ObservationsCloseWithADecisionNote) {
  Finding f = finding(FindingGrade::kObservation);
  auto s = check_finding_closable(f, {}, " ");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalid);
  EXPECT_TRUE(check_finding_closable(f, {}, "Accepted as is"));
  EXPECT_FALSE(nonconformity_resolved(f, {action(ActionStatus::kVerified)}));
  f.status = FindingStatus::kClosed;
  EXPECT_FALSE(check_finding_closable(f, {}, "again"));
}

TEST(ActionRules, ImplementationNeedsRootCauseAndVerifierIsNotTheOwner) {
  CorrectiveAction a = action(ActionStatus::kOpen);
  auto s = check_implementable(a);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().details.at(0).field, "root_cause");
  a.root_cause = "No leaver process";
  EXPECT_TRUE(check_implementable(a));
  EXPECT_FALSE(check_verifiable(a, "p3"));  // not implemented yet
  a.status = ActionStatus::kImplemented;
  auto own = check_verifiable(a, "p2");
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(check_verifiable(a, "p3"));
}

TEST(ActionRules, OverdueIsDerivedFromTheDueDateWhileOpen) {
  CorrectiveAction a = action(ActionStatus::kOpen, "2026-04-01");
  EXPECT_FALSE(action_overdue(a, "2026-04-01"));
  EXPECT_TRUE(action_overdue(a, "2026-04-02"));
  a.status = ActionStatus::kImplemented;
  EXPECT_FALSE(action_overdue(a, "2026-05-01"));
  Finding f = finding(FindingGrade::kMinorNonconformity);
  EXPECT_TRUE(finding_overdue(f, {action(ActionStatus::kOpen, "2026-01-01")}, "2026-02-01"));
  f.status = FindingStatus::kClosed;
  EXPECT_FALSE(finding_overdue(f, {action(ActionStatus::kOpen, "2026-01-01")}, "2026-02-01"));
}

TEST(FindingRecords, RoundTripAndValidate) {
  Finding f = finding(FindingGrade::kMinorNonconformity);
  f.checklist_index = 1;
  f.requirement_keys = {"iso27001-2022:A.5.18"};
  auto back = finding_from_record(finding_to_record(f));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->checklist_index, 1);
  EXPECT_EQ(back->grade, FindingGrade::kMinorNonconformity);
  EXPECT_TRUE(validate_finding(f).empty());
  f.source = FindingSource::kSelfAssessment;
  EXPECT_FALSE(validate_finding(f).empty());  // source_id and checklist_index
  CorrectiveAction a = action(ActionStatus::kVerified);
  a.effective = true;
  a.verified_on = "2026-04-10";
  auto ab = action_from_record(action_to_record(a));
  ASSERT_TRUE(ab) << ab.error().message;
  EXPECT_EQ(ab->effective, true);
  EXPECT_EQ(action_to_record(a).due_at, "2026-04-01");
}

}  // namespace
}  // namespace isms
