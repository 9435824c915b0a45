#include "service/audit_service.h"

#include <gtest/gtest.h>

#include "service/access_test_support.h"
#include "service/finding_intake.h"
#include "service/ledger_recorder.h"
#include "service/ledger_service.h"

namespace isms {
namespace {

class AuditServiceTest : public testing::AccessFixture {
 protected:
  AuditService svc() const { return AuditService(ctx_); }

  Audit planned_audit(const std::string& lead) {
    Json body{{"title", "Access control audit"},
              {"type", "internal"},
              {"scope", "IAM of production"},
              {"criteria", {"iso27001-2022:A.5.15", "iso27001-2022:A.5.18"}},
              {"lead_auditor_id", lead},
              {"start_on", "2026-03-01"},
              {"end_on", "2026-03-05"}};
    auto a = svc().create_audit(op(), body);
    EXPECT_TRUE(a) << a.error().message;
    return a ? *a : Audit{};
  }

  int64_t ledger_count(const std::string& action) {
    auto tx = store_->begin_read();
    auto entries = (*tx)->list_ledger(0, 10000, "");
    int64_t n = 0;
    for (const auto& e : *entries) n += e.action == action ? 1 : 0;
    return n;
  }
};

TEST_F(AuditServiceTest, FullChainFromChecklistToVerifiedFix) {
  Person lead = person("Alice Auditor");
  Person owner = person("Olle Owner");
  Audit a = planned_audit(lead.id);
  ASSERT_EQ(a.ref, "AUD-0001");
  ASSERT_EQ(a.checklist.size(), 2u);
  EXPECT_FALSE(a.checklist[0].requirement_title.empty());

  // Decisions need a running audit.
  auto early = svc().check_item(op(), a.id, 0, Json{{"version", 1}, {"result", "conform"}});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kConflict);

  auto started = svc().start_audit(op(), a.id, a.version);
  ASSERT_TRUE(started) << started.error().message;
  auto c0 = svc().check_item(op(), a.id, 0, Json{{"version", 1}, {"result", "conform"}});
  ASSERT_TRUE(c0) << c0.error().message;
  // A stale item version is refused.
  auto stale = svc().check_item(op(), a.id, 0, Json{{"version", 1}, {"result", "observation"}});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);

  Json raise{{"version", 1},
             {"result", "nonconform"},
             {"notes", "Two leavers kept VPN access"},
             {"finding",
              {{"grade", "minor_nonconformity"},
               {"owner_id", owner.id},
               {"action",
                {{"title", "Automate deprovisioning"},
                 {"owner_id", owner.id},
                 {"due_on", "2026-04-30"}}}}}};
  auto c1 = svc().check_item(op(), a.id, 1, raise);
  ASSERT_TRUE(c1) << c1.error().message;
  ASSERT_TRUE(c1->finding);
  FindingView f = *c1->finding;
  EXPECT_EQ(f.finding.ref, "F-0001");
  EXPECT_EQ(f.finding.checklist_index, 1);
  EXPECT_EQ(f.finding.requirement_keys, std::vector<std::string>{"iso27001-2022:A.5.18"});
  EXPECT_EQ(f.source_ref, "AUD-0001");
  ASSERT_EQ(f.actions.size(), 1u);
  CorrectiveAction act = f.actions[0];

  // Closing a nonconformity before its action is verified is refused.
  auto early_close = svc().close_finding(op(), f.finding.id, f.finding.version, "");
  ASSERT_FALSE(early_close);
  EXPECT_EQ(early_close.error().code, ErrorCode::kConflict);

  // Implementation needs a root cause; the owner may record it with no audit permission.
  Principal owner_p = op();
  owner_p.operator_access = false;
  owner_p.permissions.clear();
  owner_p.person_id = owner.id;
  owner_p.actor = "user:olle";
  auto no_cause = svc().implement_action(owner_p, act.id, Json{{"version", act.version}});
  ASSERT_FALSE(no_cause);
  EXPECT_TRUE(names_field(no_cause.error(), "root_cause"));
  auto patched = svc().update_action(
      op(), act.id, Json{{"version", act.version}, {"root_cause", "Manual leaver checklist"}});
  ASSERT_TRUE(patched) << patched.error().message;
  Principal stranger = owner_p;
  stranger.person_id = lead.id;
  auto forbidden = svc().implement_action(stranger, act.id, Json{{"version", patched->version}});
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().code, ErrorCode::kForbidden);
  auto done = svc().implement_action(owner_p, act.id, Json{{"version", patched->version}});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->status, ActionStatus::kImplemented);

  // The owner does not verify their own action; the operator names the verifier.
  auto own = svc().verify_action(op(), act.id,
                                 Json{{"version", done->version}, {"effective", true}}, owner.id);
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, ErrorCode::kForbidden);
  auto nobody = svc().verify_action(
      op(), act.id, Json{{"version", done->version}, {"effective", true}}, std::nullopt);
  ASSERT_FALSE(nobody);
  EXPECT_TRUE(names_field(nobody.error(), "verified_by"));
  auto verified = svc().verify_action(
      op(), act.id, Json{{"version", done->version}, {"effective", true}}, lead.id);
  ASSERT_TRUE(verified) << verified.error().message;
  EXPECT_EQ(verified->status, ActionStatus::kVerified);

  auto closed = svc().get_finding(op(), f.finding.id);
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->finding.status, FindingStatus::kClosed);
  EXPECT_EQ(ledger_count("finding.close"), 1);
  EXPECT_EQ(ledger_count("corrective_action.verify"), 1);

  // Completion needs the conclusion.
  auto current = svc().get_audit(op(), a.id);
  auto no_conclusion = svc().complete_audit(op(), a.id, current->version, std::nullopt);
  ASSERT_FALSE(no_conclusion);
  EXPECT_TRUE(names_field(no_conclusion.error(), "conclusion"));
  auto completed = svc().complete_audit(op(), a.id, current->version, "Effective but leavers");
  ASSERT_TRUE(completed) << completed.error().message;
  EXPECT_EQ(completed->status, AuditStatus::kCompleted);

  auto report = svc().report(op(), a.id);
  ASSERT_TRUE(report) << report.error().message;
  Json j = audit_report_to_json(*report);
  EXPECT_EQ(j["totals"]["by_grade"]["minor_nonconformity"], 1);
  EXPECT_EQ(j["totals"]["closed"], 1);
  EXPECT_EQ(j["findings"][0]["actions"][0]["effective"], true);
  auto pdf = svc().report_pdf(op(), a.id);
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
}

TEST_F(AuditServiceTest, IneffectiveActionKeepsTheFindingOpenUntilANewOneWorks) {
  Person owner = person("Olle Owner");
  Person checker = person("Vera Verifier");
  Json body{{"source", "self_assessment"},
            {"grade", "major_nonconformity"},
            {"title", "No backup restore test"},
            {"requirement_keys", {"iso27001-2022:A.8.13"}},
            {"action",
             {{"title", "Test restores"},
              {"root_cause", "Nobody owns it"},
              {"owner_id", owner.id},
              {"due_on", "2026-01-31"}}}};
  auto f = svc().create_finding(op(), body);
  ASSERT_TRUE(f) << f.error().message;
  CorrectiveAction a = f->actions.at(0);
  auto impl = svc().implement_action(op(), a.id, Json{{"version", a.version}});
  ASSERT_TRUE(impl) << impl.error().message;
  auto no_note = svc().verify_action(
      op(), a.id, Json{{"version", impl->version}, {"effective", false}}, checker.id);
  ASSERT_FALSE(no_note);
  EXPECT_TRUE(names_field(no_note.error(), "note"));
  auto bad = svc().verify_action(
      op(), a.id,
      Json{{"version", impl->version}, {"effective", false}, {"note", "Restore still fails"}},
      checker.id);
  ASSERT_TRUE(bad) << bad.error().message;
  EXPECT_EQ(bad->status, ActionStatus::kIneffective);
  auto still = svc().get_finding(op(), f->finding.id);
  EXPECT_EQ(still->finding.status, FindingStatus::kOpen);
  auto close = svc().close_finding(op(), f->finding.id, still->finding.version, "");
  ASSERT_FALSE(close);
  EXPECT_EQ(close.error().code, ErrorCode::kConflict);

  auto second = svc().add_action(op(), f->finding.id,
                                 Json{{"title", "Monthly restore drill"},
                                      {"root_cause", "No schedule"},
                                      {"owner_id", owner.id},
                                      {"due_on", "2026-03-31"}});
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->ref, "CA-0002");
  auto i2 = svc().implement_action(op(), second->id, Json{{"version", 1}});
  ASSERT_TRUE(i2) << i2.error().message;
  auto v2 =
      svc().verify_action(op(), second->id, Json{{"version", 2}, {"effective", true}}, checker.id);
  ASSERT_TRUE(v2) << v2.error().message;
  EXPECT_EQ(svc().get_finding(op(), f->finding.id)->finding.status, FindingStatus::kClosed);
}

TEST_F(AuditServiceTest, IntakeForOtherModulesValidatesAndWritesNothingOnBadInput) {
  Person owner = person("Olle Owner");
  auto tx = store_->begin_write();
  ASSERT_TRUE(tx);
  LedgerRecorder ledger(ctx_, tx->get(), Actor{"test"});
  FindingIntake bad;
  bad.source = "incident";
  bad.source_id = "nope";
  bad.grade = "major";
  bad.title = "x";
  bad.requirement_keys = {"iso27001-2022:Z.9"};
  bad.action = CorrectiveActionIntake{"Fix", "", owner.id, "2026-13-01"};
  auto r = record_finding_in_tx(**tx, ledger, bad, clock_.now_utc());
  ASSERT_FALSE(r);
  EXPECT_TRUE(names_field(r.error(), "grade"));
  EXPECT_TRUE(names_field(r.error(), "requirement_keys[0]"));
  EXPECT_TRUE(names_field(r.error(), "action.due_on"));

  FindingIntake good;
  good.source = "self_assessment";
  good.grade = "opportunity";
  good.title = "Automate the asset inventory";
  good.action = CorrectiveActionIntake{"Evaluate tools", "", owner.id, "2026-06-30"};
  auto ok = record_finding_in_tx(**tx, ledger, good, clock_.now_utc());
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->finding_ref, "F-0001");
  EXPECT_EQ(ok->action_ref, "CA-0001");
  ASSERT_TRUE(ledger.finish());
  ASSERT_TRUE((*tx)->commit());

  FindingFilter filter;
  filter.source = "self_assessment";
  auto listed = svc().list_findings(op(), filter);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  // An opportunity closes with a decision note once no action is pending.
  FindingView v = listed->front();
  auto pending = svc().close_finding(op(), v.finding.id, v.finding.version, "Not now");
  ASSERT_FALSE(pending);
  EXPECT_EQ(pending.error().code, ErrorCode::kConflict);
}

TEST_F(AuditServiceTest, ProgrammesAreOnePerYearAndApprovalIsRecorded) {
  Person lead = person("Alice Auditor");
  auto p = svc().create_programme(op(), Json{{"year", 2026}, {"title", "Audit programme 2026"}});
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->programme.status, ProgrammeStatus::kDraft);
  auto dup = svc().create_programme(op(), Json{{"year", 2026}, {"title", "Again"}});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  auto unknown = svc().create_programme(op(), Json{{"year", 2027}, {"title", "x"}, {"extra", 1}});
  ASSERT_FALSE(unknown);
  EXPECT_TRUE(names_field(unknown.error(), "extra"));

  Json body{{"title", "Supplier audit"},   {"type", "supplier"},
            {"scope", "Hosting provider"}, {"criteria", {"iso27001-2022:A.5.19"}},
            {"lead_auditor_id", lead.id},  {"start_on", "2027-01-10"},
            {"end_on", "2027-01-11"},      {"programme_id", p->programme.id}};
  auto wrong_year = svc().create_audit(op(), body);
  ASSERT_FALSE(wrong_year);
  EXPECT_TRUE(names_field(wrong_year.error(), "start_on"));
  body["start_on"] = "2026-10-10";
  body["end_on"] = "2026-10-11";
  ASSERT_TRUE(svc().create_audit(op(), body));

  auto approved = svc().approve_programme(op(), p->programme.id, p->programme.version);
  ASSERT_TRUE(approved) << approved.error().message;
  EXPECT_EQ(approved->programme.status, ProgrammeStatus::kApproved);
  EXPECT_EQ(approved->audits.size(), 1u);
  auto stale = svc().approve_programme(op(), p->programme.id, p->programme.version);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto changed = svc().update_programme(
      op(), p->programme.id,
      Json{{"version", approved->programme.version}, {"objectives", "Cover Annex A"}});
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->programme.status, ProgrammeStatus::kDraft);
  EXPECT_EQ(ledger_count("audit_programme.approve"), 1);

  Principal reader = op();
  reader.operator_access = false;
  reader.permissions = {"audits:read"};
  EXPECT_TRUE(svc().list_programmes(reader));
  auto denied = svc().create_programme(reader, Json{{"year", 2030}, {"title", "x"}});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
}

TEST_F(AuditServiceTest, AuditValidationNamesFieldsAndCriteriaRegenerateTheChecklist) {
  Person lead = person("Alice Auditor");
  auto bad = svc().create_audit(op(), Json{{"title", ""},
                                           {"type", "party"},
                                           {"scope", "x"},
                                           {"criteria", {"iso27001-2022:NOPE"}},
                                           {"lead_auditor_id", "ghost"},
                                           {"start_on", "2026-03-05"},
                                           {"end_on", "2026-03-01"}});
  ASSERT_FALSE(bad);
  EXPECT_TRUE(names_field(bad.error(), "title"));
  EXPECT_TRUE(names_field(bad.error(), "type"));
  Audit a = planned_audit(lead.id);
  auto changed = svc().update_audit(
      op(), a.id,
      Json{{"version", a.version}, {"criteria", {"iso27001-2022:A.5.18", "iso27001-2022:A.8.2"}}});
  ASSERT_TRUE(changed) << changed.error().message;
  ASSERT_EQ(changed->checklist.size(), 2u);
  EXPECT_EQ(changed->checklist[1].requirement_key, "iso27001-2022:A.8.2");
  auto unknown_key = svc().update_audit(
      op(), a.id, Json{{"version", changed->version}, {"criteria", {"iso27001-2022:Q.1"}}});
  ASSERT_FALSE(unknown_key);
  EXPECT_TRUE(names_field(unknown_key.error(), "criteria[0]"));
  auto cancelled = svc().cancel_audit(op(), a.id, changed->version, "Postponed");
  ASSERT_TRUE(cancelled) << cancelled.error().message;
  auto after =
      svc().update_audit(op(), a.id, Json{{"version", cancelled->version}, {"title", "x"}});
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace isms
