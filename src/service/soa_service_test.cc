#include "service/soa_service.h"

#include <gtest/gtest.h>

#include "service/access_test_support.h"
#include "service/control_service.h"
#include "service/ledger_service.h"

namespace isms {
namespace {

const std::string kIso = "iso27001-2022";

class SoaServiceTest : public testing::AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    ciso_person_ = person("Carla CISO", {"ciso"});
  }

  Principal ciso() const {
    Principal p;
    p.person_id = ciso_person_.id;
    p.permissions = {"soa:read",      "soa:write",      "soa:approve",
                     "controls:read", "controls:write", "confidential:read"};
    p.actor = "user:ciso";
    return p;
  }

  static ApplicabilityFields yes(int64_t version) {
    ApplicabilityFields f;
    f.applicable = Applicable::kYes;
    f.reasons = std::vector<InclusionReason>{InclusionReason::kRiskTreatment};
    f.version = version;
    return f;
  }
  static ApplicabilityFields no(int64_t version) {
    ApplicabilityFields f;
    f.applicable = Applicable::kNo;
    f.justification = "no such activity in our organization";
    f.version = version;
    return f;
  }

  SoaWorkingCopy working() {
    auto w = SoaService(ctx_).working_copy(ciso(), {});
    EXPECT_TRUE(w) << w.error().message;
    return w ? *w : SoaWorkingCopy{};
  }

  void decide_all() {
    SoaService svc(ctx_);
    for (const Applicability& a : working().lines) {
      if (a.applicable != Applicable::kUndecided) continue;
      bool physical = a.ref_id.rfind("A.7.", 0) == 0;
      auto r = svc.update_line(ciso(), a.framework_id, a.ref_id,
                               physical ? no(a.version) : yes(a.version));
      ASSERT_TRUE(r) << a.ref_id << ": " << r.error().message;
    }
  }

  const Applicability* find(const std::vector<Applicability>& lines, const std::string& ref) {
    for (const auto& a : lines)
      if (a.ref_id == ref) return &a;
    return nullptr;
  }

  Person ciso_person_;
};

TEST_F(SoaServiceTest, WorkingCopyHasEveryAnnexAControlUndecided) {
  SoaWorkingCopy w = working();
  EXPECT_EQ(w.framework_ids, std::vector<std::string>{kIso});
  ASSERT_EQ(w.lines.size(), 93u);
  EXPECT_EQ(w.lines.front().ref_id, "A.5.1");
  EXPECT_EQ(w.lines.back().ref_id, "A.8.34");
  EXPECT_FALSE(w.lines.front().title.empty());
  EXPECT_EQ(w.totals.lines, 93);
  EXPECT_EQ(w.totals.undecided, 93);
  EXPECT_FALSE(w.last_approved);
  for (const auto& a : w.lines) EXPECT_EQ(a.version, 0) << a.ref_id;

  auto with_nis2 = SoaService(ctx_).working_copy(ciso(), {"nis2-2024-2690"});
  ASSERT_TRUE(with_nis2) << with_nis2.error().message;
  EXPECT_EQ(with_nis2->framework_ids, (std::vector<std::string>{kIso, "nis2-2024-2690"}));
  EXPECT_GT(with_nis2->lines.size(), 93u + 20u);

  auto unknown = SoaService(ctx_).working_copy(ciso(), {"pci-dss"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "framework");

  Principal nobody;
  nobody.actor = "user:nobody";
  auto denied = SoaService(ctx_).working_copy(nobody, {});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
}

TEST_F(SoaServiceTest, UpdateLineInsertsThenVersions) {
  SoaService svc(ctx_);
  auto first = svc.update_line(ciso(), kIso, "A.5.1", yes(0));
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->applicable, Applicable::kYes);
  EXPECT_EQ(first->updated_by, "user:ciso");

  auto stale = svc.update_line(ciso(), kIso, "A.5.1", no(0));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);

  ApplicabilityFields without_reason;
  without_reason.applicable = Applicable::kYes;
  without_reason.reasons = std::vector<InclusionReason>{};
  without_reason.version = 1;
  auto invalid = svc.update_line(ciso(), kIso, "A.5.1", without_reason);
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().field, "reasons");

  auto second = svc.update_line(ciso(), kIso, "A.5.1", no(1));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->version, 2);
  auto line = svc.line(ciso(), kIso, "A.5.1");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->applicable, Applicable::kNo);
  EXPECT_EQ(line->justification, "no such activity in our organization");

  auto missing = svc.line(ciso(), kIso, "A.99.1");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto clause = svc.update_line(ciso(), kIso, "4.1", yes(0));  // a clause is not a SoA line
  ASSERT_FALSE(clause);
  EXPECT_EQ(clause.error().code, ErrorCode::kNotFound);

  EXPECT_EQ(actions(kIso + ":A.5.1"),
            (std::vector<std::string>{"soa.line_update", "soa.line_update"}));
  EXPECT_EQ(working().totals.not_applicable, 1);
}

TEST_F(SoaServiceTest, LinesShowTheControlsNamingThem) {
  ControlPatch p;
  p.fields.title = "Access reviews";
  p.fields.status = ControlStatus::kImplemented;
  p.fields.requirement_keys = std::vector<std::string>{kIso + ":A.5.15", kIso + ":A.5.18"};
  auto c = ControlService(ctx_).create(ciso(), p);
  ASSERT_TRUE(c) << c.error().message;
  ASSERT_TRUE(ControlService(ctx_).add_link(
      ciso(), c->control.id, EvidenceLink{"Ticket", "", "https://tickets.example/1", "", {}}));
  SoaWorkingCopy w = working();
  const Applicability* line = find(w.lines, "A.5.15");
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->control_ids, std::vector<std::string>{c->control.id});
  EXPECT_EQ(line->control_refs, std::vector<std::string>{c->control.ref});
  EXPECT_EQ(line->evidence_count, 1);
  EXPECT_EQ(line->valid_evidence_count, 1);
  EXPECT_TRUE(find(w.lines, "A.5.16")->control_ids.empty());
}

TEST_F(SoaServiceTest, ApproveRefusedWhileUndecidedThenFrozen) {
  SoaService svc(ctx_);
  ASSERT_TRUE(svc.update_line(ciso(), kIso, "A.5.1", yes(0)));
  auto refused = svc.approve(ciso(), "first approval");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(refused.error().field, "lines");
  EXPECT_NE(refused.error().message.find("92 lines"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find(kIso + ":A.5.2"), std::string::npos);
  EXPECT_NE(refused.error().message.find("and 72 more"), std::string::npos);

  Principal operator_p = operator_principal("cli:root");
  auto no_person = svc.approve(operator_p, "");
  ASSERT_FALSE(no_person);
  EXPECT_EQ(no_person.error().code, ErrorCode::kForbidden);

  decide_all();
  auto approved = svc.approve(ciso(), "Management review 2026");
  ASSERT_TRUE(approved) << approved.error().message;
  EXPECT_EQ(approved->number, 1);
  EXPECT_EQ(approved->approved_by_person_id, ciso_person_.id);
  EXPECT_EQ(approved->lines.size(), 93u);
  EXPECT_EQ(approved->totals.undecided, 0);
  EXPECT_EQ(approved->totals.not_applicable, 14);  // A.7.1 .. A.7.14
  EXPECT_EQ(approved->totals.applicable, 79);
  EXPECT_EQ(actions(approved->id), std::vector<std::string>{"soa.approve"});

  SoaWorkingCopy w = working();
  ASSERT_TRUE(w.last_approved);
  EXPECT_EQ(w.last_approved->id, approved->id);
  EXPECT_EQ(w.changed_since_approval, 0);

  // A change after approval shows in the comparison and the working copy.
  const Applicability* a58 = find(w.lines, "A.5.8");
  ASSERT_NE(a58, nullptr);
  ApplicabilityFields impl;
  impl.implementation = ImplementationStatus::kImplemented;
  impl.version = a58->version;
  ASSERT_TRUE(svc.update_line(ciso(), kIso, "A.5.8", impl));
  EXPECT_EQ(working().changed_since_approval, 1);
  auto changes = svc.compare(ciso(), approved->id, "working");
  ASSERT_TRUE(changes) << changes.error().message;
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].ref_id, "A.5.8");
  EXPECT_EQ((*changes)[0].changed_fields, std::vector<std::string>{"implementation"});

  auto second = svc.approve(ciso(), "after implementation");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->number, 2);
  auto versions = svc.versions(ciso());
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->front().number, 2);
  auto between = svc.compare(ciso(), approved->id, second->id);
  ASSERT_TRUE(between);
  EXPECT_EQ(between->size(), 1u);
  auto unknown = svc.compare(ciso(), "nope", "working");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);

  auto csv = svc.export_soa(ciso(), second->id, SoaExportFormat::kCsv);
  ASSERT_TRUE(csv) << csv.error().message;
  EXPECT_EQ(csv->file_name, "statement-of-applicability-v2.csv");
  EXPECT_NE(csv->bytes.find("A.5.8"), std::string::npos);
  EXPECT_TRUE(ledger_ok());
}

TEST_F(SoaServiceTest, ImportDryRunThenApply) {
  SoaService svc(ctx_);
  const std::string csv =
      "Control,Applicable,Reasons,Justification,Implementation\n"
      "A.5.1,yes,legal,,implemented\n"
      "A.5.2,no,,We have no such role,\n"
      "A.5.3,yes,,,planned\n"         // applicable without a reason: rejected
      "A.99.9,yes,legal,,planned\n";  // not an Annex A control: rejected
  SoaImportRequest req;
  req.file_name = "old-soa.csv";
  req.content = csv;
  req.mapping.header_row = 0;
  req.mapping.ref = 0;
  req.mapping.applicable = 1;
  req.mapping.reasons = 2;
  req.mapping.justification = 3;
  req.mapping.implementation = 4;
  req.dry_run = true;

  int64_t ledger_before = *LedgerService(ctx_).head_seq();
  auto dry = svc.import(ciso(), req);
  ASSERT_TRUE(dry) << dry.error().message;
  EXPECT_FALSE(dry->applied);
  ASSERT_EQ(dry->rows.size(), 4u);
  EXPECT_EQ(dry->rows_ok, 2);
  EXPECT_EQ(dry->rows_rejected, 2);
  EXPECT_EQ(dry->rows_unchanged, 0);
  ASSERT_EQ(dry->changes.size(), 2u);
  EXPECT_EQ(dry->changes[0].ref_id, "A.5.1");
  ASSERT_TRUE(dry->changes[0].after);
  EXPECT_EQ(dry->changes[0].after->reasons, std::vector<InclusionReason>{InclusionReason::kLegal});
  EXPECT_TRUE(dry->rows[2].error);
  EXPECT_NE(dry->rows[2].error->find("reasons"), std::string::npos) << *dry->rows[2].error;
  EXPECT_EQ(dry->headers.size(), 5u);
  EXPECT_EQ(working().totals.undecided, 93);  // nothing stored
  EXPECT_EQ(*LedgerService(ctx_).head_seq(), ledger_before);

  req.dry_run = false;
  auto applied = svc.import(ciso(), req);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_TRUE(applied->applied);
  EXPECT_EQ(applied->rows_ok, 2);
  SoaWorkingCopy w = working();
  EXPECT_EQ(w.totals.undecided, 91);
  EXPECT_EQ(find(w.lines, "A.5.1")->implementation, ImplementationStatus::kImplemented);
  EXPECT_EQ(find(w.lines, "A.5.2")->applicable, Applicable::kNo);
  EXPECT_EQ(find(w.lines, "A.5.3")->applicable, Applicable::kUndecided);
  EXPECT_EQ(*LedgerService(ctx_).head_seq(), ledger_before + 1);
  EXPECT_EQ(actions("working"), std::vector<std::string>{"soa.import"});

  // The same file again changes nothing.
  auto again = svc.import(ciso(), req);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->rows_unchanged, 2);
  EXPECT_TRUE(again->changes.empty());
  EXPECT_TRUE(ledger_ok());
}

}  // namespace
}  // namespace isms
