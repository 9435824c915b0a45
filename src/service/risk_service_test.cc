#include "service/risk_service.h"

#include <gtest/gtest.h>

#include "domain/risk_common.h"
#include "service/access_test_support.h"
#include "service/asset_service.h"
#include "service/organization_service.h"

namespace isms {
namespace {

RiskRating rating(int likelihood, int confidentiality, int availability = 0) {
  RiskRating r;
  r.likelihood = likelihood;
  r.impact_confidentiality = confidentiality;
  r.impact_availability = availability;
  return r;
}

class RiskServiceTest : public testing::AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    if (HasFatalFailure()) return;
    AssetPatch ap;
    ap.fields.name = "Customer database";
    auto asset = AssetService(ctx_).create(op(), ap);
    ASSERT_TRUE(asset) << asset.error().message;
    asset_id_ = asset->id;
    auto threats = svc().sources(op(), RiskSourceKind::kThreat, ArchivedFilter::kActiveOnly);
    auto vulns = svc().sources(op(), RiskSourceKind::kVulnerability, ArchivedFilter::kActiveOnly);
    ASSERT_TRUE(threats && vulns);
    ASSERT_FALSE(threats->empty());
    ASSERT_FALSE(vulns->empty());
    threat_id_ = threats->front().id;
    vulnerability_id_ = vulns->front().id;
  }

  RiskService svc() const { return RiskService(ctx_); }

  RiskPatch new_risk(const std::string& title, RiskRating inherent,
                     std::optional<RiskRating> residual = std::nullopt) {
    RiskPatch p;
    p.fields.title = title;
    p.fields.asset_ids = std::vector<std::string>{asset_id_};
    p.fields.threat_id = threat_id_;
    p.fields.vulnerability_id = vulnerability_id_;
    p.fields.inherent = inherent;
    if (residual) p.fields.residual = *residual;
    return p;
  }

  RiskView create(const std::string& title, RiskRating inherent,
                  std::optional<RiskRating> residual = std::nullopt,
                  std::optional<std::string> owner = std::nullopt) {
    RiskPatch p = new_risk(title, inherent, residual);
    if (owner) p.fields.owner_id = std::optional<std::string>(*owner);
    auto v = svc().create(op(), p);
    EXPECT_TRUE(v) << v.error().message;
    return v ? *v : RiskView{};
  }

  RiskView rate_residual(const RiskView& v, RiskRating residual) {
    RiskPatch p;
    p.fields.residual = residual;
    p.version = v.risk.version;
    auto out = svc().update(op(), v.risk.id, p);
    EXPECT_TRUE(out) << out.error().message;
    return out ? *out : RiskView{};
  }

  // The default method with Possible x Moderate (and its neighbours) raised to high.
  RiskMethod stricter(const std::string& note) {
    RiskMethod m = default_risk_method();
    m.grid[2][2] = 2;
    m.grid[2][3] = 2;
    m.grid[3][2] = 2;
    m.change_note = note;
    return m;
  }

  std::string months_ahead(int months) {
    auto today = risk_detail::parse_date(clock_.now_utc().substr(0, 10));
    return risk_detail::format_date(risk_detail::add_months(*today, months));
  }

  // Auditors are external: their access must carry an end date.
  User auditor_user(const std::string& name) {
    return user(name, {"auditor"},
                format_utc_micros(clock_.now_micros() + 30LL * 24 * 3600 * 1000000));
  }

  std::string asset_id_, threat_id_, vulnerability_id_;
};

TEST_F(RiskServiceTest, DefaultsAreCreatedOnceWithTwoLedgerEntries) {
  auto m = svc().current_method(op());
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->number, 1);
  EXPECT_EQ(m->likelihood.size(), 5u);
  EXPECT_EQ(m->created_by, "system");
  auto threats = svc().sources(op(), RiskSourceKind::kThreat, ArchivedFilter::kAll);
  auto vulns = svc().sources(op(), RiskSourceKind::kVulnerability, ArchivedFilter::kAll);
  ASSERT_TRUE(threats && vulns);
  EXPECT_EQ(threats->size(), default_threats().size());
  EXPECT_EQ(vulns->size(), default_vulnerabilities().size());
  EXPECT_EQ(actions("1"), (std::vector<std::string>{"risk_method.create"}));
  EXPECT_EQ(actions("defaults"), (std::vector<std::string>{"risk_source.seed"}));

  // Initializing again (every server start) creates nothing new.
  ASSERT_TRUE(OrganizationService(ctx_).initialize(actor_, "Test Org"));
  auto again = svc().sources(op(), RiskSourceKind::kThreat, ArchivedFilter::kAll);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->size(), threats->size());
  EXPECT_EQ(actions("defaults").size(), 1u);
  auto methods = svc().methods(op());
  ASSERT_TRUE(methods);
  EXPECT_EQ(methods->size(), 1u);
}

TEST_F(RiskServiceTest, CreateDerivesLevelsAndRecordsTheLedger) {
  RiskView v = create("Database stolen", rating(4, 4));
  EXPECT_EQ(v.risk.ref, "R-0001");
  EXPECT_EQ(v.risk.method_number, 1);
  EXPECT_EQ(v.risk.inherent_level, 2);          // Likely x Major = high
  EXPECT_EQ(v.risk.residual, v.risk.inherent);  // residual defaults to inherent
  EXPECT_EQ(v.risk.residual_level, 2);
  EXPECT_TRUE(v.flags.above_appetite);
  EXPECT_TRUE(v.flags.needs_acceptance);
  EXPECT_FALSE(v.risk.threat_name.empty());
  RiskView w = create("Second", rating(1, 1));
  EXPECT_EQ(w.risk.ref, "R-0002");
  EXPECT_EQ(w.risk.residual_level, 0);
  EXPECT_EQ(actions(v.risk.id), (std::vector<std::string>{"risk.create"}));
  EXPECT_TRUE(ledger_ok());
}

TEST_F(RiskServiceTest, CreateChecksReferencesNamingTheField) {
  auto expect_invalid = [&](RiskPatch p, const std::string& field) {
    auto r = svc().create(op(), p);
    ASSERT_FALSE(r) << field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << field;
    EXPECT_TRUE(names_field(r.error(), field)) << field << ": " << r.error().message;
  };
  RiskPatch p = new_risk("x", rating(2, 2));
  p.fields.asset_ids = std::vector<std::string>{asset_id_, "no-such-asset"};
  expect_invalid(p, "asset_ids");
  p = new_risk("x", rating(2, 2));
  p.fields.threat_id = vulnerability_id_;  // a vulnerability is no threat
  expect_invalid(p, "threat_id");
  p = new_risk("x", rating(2, 2));
  p.fields.vulnerability_id = "nope";
  expect_invalid(p, "vulnerability_id");
  p = new_risk("x", rating(2, 2));
  p.fields.owner_id = std::optional<std::string>("nobody");
  expect_invalid(p, "owner_id");
  p = new_risk("x", rating(2, 2));
  p.fields.control_ids = std::vector<std::string>{"no-such-control"};
  expect_invalid(p, "control_ids");
  p = new_risk("x", rating(6, 2));
  expect_invalid(p, "inherent.likelihood");
  p = new_risk("x", rating(2, 2));
  p.fields.asset_ids.reset();
  expect_invalid(p, "asset_ids");
}

TEST_F(RiskServiceTest, UpdateChecksVersionAndSkipsNoOps) {
  RiskView v = create("Database stolen", rating(4, 4));
  RiskPatch p;
  p.fields.title = "Database copied";
  p.version = v.risk.version + 1;
  auto stale = svc().update(op(), v.risk.id, p);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  p.version.reset();
  auto missing = svc().update(op(), v.risk.id, p);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "version");
  p.version = v.risk.version;
  auto ok = svc().update(op(), v.risk.id, p);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->risk.title, "Database copied");
  EXPECT_EQ(ok->risk.version, v.risk.version + 1);
  p.version = ok->risk.version;
  auto same = svc().update(op(), v.risk.id, p);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->risk.version, ok->risk.version);
  EXPECT_EQ(actions(v.risk.id), (std::vector<std::string>{"risk.create", "risk.update"}));
  auto gone = svc().get(op(), "no-such-risk");
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
}

TEST_F(RiskServiceTest, PermissionsAreChecked) {
  Principal employee = principal_of(user("emp", {"employee"}));
  auto read = svc().current_method(employee);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::kForbidden);
  EXPECT_NE(read.error().message.find("risks:read"), std::string::npos);
  Principal auditor = principal_of(auditor_user("aud"));
  EXPECT_TRUE(svc().current_method(auditor));
  auto write = svc().create(auditor, new_risk("x", rating(2, 2)));
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error().code, ErrorCode::kForbidden);
  EXPECT_NE(write.error().message.find("risks:write"), std::string::npos);
  auto method = svc().save_method(principal_of(auditor_user("www")), stricter("n"), {}, 1, false);
  ASSERT_FALSE(method);
  EXPECT_NE(method.error().message.find("risks:method"), std::string::npos);
}

TEST_F(RiskServiceTest, AcceptWithinAppetiteByOwnerOrWriter) {
  User owner_user = auditor_user("owner");  // risks:read only
  Principal owner = principal_of(owner_user);
  Principal other = principal_of(auditor_user("other"));
  RiskView v = create("Laptop lost", rating(4, 4), rating(2, 3), owner.person_id);
  ASSERT_EQ(v.risk.residual_level, 1);  // medium: within the appetite
  auto refused = svc().accept(other, v.risk.id, v.risk.version, "fine", std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  auto no_reason = svc().accept(owner, v.risk.id, v.risk.version, " ", std::nullopt);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "justification");
  auto stale = svc().accept(owner, v.risk.id, v.risk.version + 1, "fine", std::nullopt);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto bad_date = svc().accept(owner, v.risk.id, v.risk.version, "fine", "2999-01-01");
  ASSERT_FALSE(bad_date);
  EXPECT_EQ(bad_date.error().field, "expires_on");

  auto ok = svc().accept(owner, v.risk.id, v.risk.version, "Encrypted disks", std::nullopt);
  ASSERT_TRUE(ok) << ok.error().message;
  ASSERT_TRUE(ok->risk.acceptance);
  EXPECT_EQ(ok->risk.acceptance->accepted_by_person_id, owner.person_id);
  EXPECT_EQ(ok->risk.acceptance->accepted_by_role, "owner");
  EXPECT_EQ(ok->risk.acceptance->level_rank, 1);
  EXPECT_EQ(ok->risk.acceptance->expires_on, months_ahead(12));
  EXPECT_FALSE(ok->flags.needs_acceptance);

  // The operator holds risks:write: within the appetite it may accept too.
  auto by_op = svc().accept(op(), v.risk.id, ok->risk.version, "renewed", std::nullopt);
  ASSERT_TRUE(by_op) << by_op.error().message;
  EXPECT_EQ(by_op->risk.acceptance->accepted_by_role, "risks:write");
  EXPECT_EQ(actions(v.risk.id),
            (std::vector<std::string>{"risk.create", "risk.accept", "risk.accept"}));

  auto revoked = svc().revoke_acceptance(op(), v.risk.id, by_op->risk.version, "new facts");
  ASSERT_TRUE(revoked) << revoked.error().message;
  EXPECT_FALSE(revoked->risk.acceptance);
  auto again = svc().revoke_acceptance(op(), v.risk.id, revoked->risk.version, "again");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(RiskServiceTest, AcceptAboveAppetiteNeedsTopManagement) {
  Principal ciso = principal_of(user("ciso", {"ciso"}));
  Principal ceo = principal_of(user("ceo", {"ceo"}));
  RiskView v = create("Ransomware", rating(4, 4), rating(4, 3), ciso.person_id);
  ASSERT_EQ(v.risk.residual_level, 2);  // high: above the appetite
  for (const Principal& who : {ciso, op()}) {
    auto refused = svc().accept(who, v.risk.id, v.risk.version, "ok", std::nullopt);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
    EXPECT_NE(refused.error().message.find("\"ceo\""), std::string::npos)
        << refused.error().message;
  }
  std::string expiry = months_ahead(6);
  auto ok = svc().accept(ceo, v.risk.id, v.risk.version, "Insured; backups offline", expiry);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->risk.acceptance->accepted_by_role, "ceo");
  EXPECT_EQ(ok->risk.acceptance->accepted_by_person_id, ceo.person_id);
  EXPECT_EQ(ok->risk.acceptance->expires_on, expiry);
  EXPECT_TRUE(ok->flags.above_appetite);
  EXPECT_FALSE(ok->flags.needs_acceptance);

  // Lowering the residual level keeps the acceptance; raising it drops it.
  RiskView lower = rate_residual(*ok, rating(3, 3));
  ASSERT_EQ(lower.risk.residual_level, 1);
  EXPECT_TRUE(lower.risk.acceptance);
  RiskView higher = rate_residual(lower, rating(5, 5));
  ASSERT_EQ(higher.risk.residual_level, 3);
  EXPECT_FALSE(higher.risk.acceptance);
  EXPECT_TRUE(higher.flags.needs_acceptance);
  EXPECT_TRUE(higher.flags.residual_above_inherent);
}

TEST_F(RiskServiceTest, ArchiveAndListAboveAppetite) {
  RiskView high = create("High", rating(4, 4));
  RiskView low = create("Low", rating(1, 1));
  RiskListRequest req;
  req.above_appetite = true;
  auto page = svc().list(op(), req);
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].risk.id, high.risk.id);

  auto no_reason = svc().archive(op(), low.risk.id, low.risk.version, "");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  auto archived = svc().archive(op(), low.risk.id, low.risk.version, "duplicate");
  ASSERT_TRUE(archived) << archived.error().message;
  EXPECT_TRUE(archived->risk.archived_at);
  auto twice = svc().archive(op(), low.risk.id, archived->risk.version, "duplicate");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  RiskPatch p;
  p.fields.title = "x";
  p.version = archived->risk.version;
  auto change = svc().update(op(), low.risk.id, p);
  ASSERT_FALSE(change);
  EXPECT_EQ(change.error().code, ErrorCode::kConflict);

  // Pages: a cursor leads to the rest; a cursor of another sort is refused.
  create("Third", rating(2, 2));
  RiskListRequest first;
  first.query.limit = 1;
  auto one = svc().list(op(), first);
  ASSERT_TRUE(one);
  ASSERT_FALSE(one->next_cursor.empty());
  RiskListRequest next = first;
  next.cursor = one->next_cursor;
  auto two = svc().list(op(), next);
  ASSERT_TRUE(two);
  ASSERT_EQ(two->items.size(), 1u);
  EXPECT_NE(two->items[0].risk.id, one->items[0].risk.id);
  next.query.sort = RiskSort::kTitle;
  auto wrong = svc().list(op(), next);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kMalformed);
}

TEST_F(RiskServiceTest, MethodChangePreviewSaveAndRerate) {
  RiskView a = create("Possible x Moderate", rating(3, 3));  // medium now
  RiskView b = create("Rare x Negligible", rating(1, 1));    // low, stays low

  auto preview = svc().preview_method(op(), stricter(""), {});
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_EQ(preview->proposed.number, 2);
  EXPECT_EQ(preview->changed_count, 1);
  EXPECT_EQ(preview->unchanged_count, 1);
  ASSERT_EQ(preview->changed.size(), 1u);
  EXPECT_EQ(preview->changed[0].risk_id, a.risk.id);
  EXPECT_EQ(preview->changed[0].residual.level_before, 1);
  EXPECT_EQ(preview->changed[0].residual.level_after, 2);

  RiskMethod bad = stricter("");
  bad.grid[4][0] = 0;
  auto invalid = svc().preview_method(op(), bad, {});
  ASSERT_FALSE(invalid);
  EXPECT_TRUE(names_field(invalid.error(), "grid[4][0]"));

  auto no_note = svc().save_method(op(), stricter(""), {}, 1, false);
  ASSERT_FALSE(no_note);
  EXPECT_TRUE(names_field(no_note.error(), "change_note"));
  auto stale = svc().save_method(op(), stricter("stricter"), {}, 7, false);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);

  // Without re-rating the risks stay on method 1 and say so.
  auto saved = svc().save_method(op(), stricter("stricter grid"), {}, 1, false);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->number, 2);
  auto got = svc().get(op(), a.risk.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->risk.method_number, 1);
  EXPECT_EQ(got->risk.residual_level, 1);
  EXPECT_TRUE(got->flags.rated_under_old_method);
  EXPECT_EQ(got->method.number, 1);
  auto heat = svc().heat_map(op(), true);
  ASSERT_TRUE(heat);
  EXPECT_EQ(heat->method.number, 2);
  EXPECT_EQ(heat->total, 2);
  EXPECT_EQ(heat->rated_under_old_methods, 2);
  EXPECT_EQ(heat->counts[2][2], 0);

  // Method 3 has four likelihood values: the map is required, then everything moves.
  RiskMethod four = stricter("four likelihood values");
  four.likelihood.pop_back();
  four.grid.pop_back();
  auto unmapped = svc().save_method(op(), four, {}, 2, true);
  ASSERT_FALSE(unmapped);
  EXPECT_EQ(unmapped.error().field, "likelihood_map");
  ScaleMapping map{{{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 4}}, {}};
  auto rerated = svc().save_method(op(), four, map, 2, true);
  ASSERT_TRUE(rerated) << rerated.error().message;
  EXPECT_EQ(rerated->number, 3);
  auto moved = svc().get(op(), a.risk.id);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->risk.method_number, 3);
  EXPECT_EQ(moved->risk.residual_level, 2);  // high under the stricter grid
  EXPECT_FALSE(moved->flags.rated_under_old_method);
  EXPECT_EQ(moved->risk.version, a.risk.version + 1);
  EXPECT_EQ(actions(a.risk.id), (std::vector<std::string>{"risk.create", "risk.rerate"}));
  EXPECT_EQ(actions(b.risk.id), (std::vector<std::string>{"risk.create", "risk.rerate"}));
  heat = svc().heat_map(op(), true);
  ASSERT_TRUE(heat);
  EXPECT_EQ(heat->rated_under_old_methods, 0);
  ASSERT_EQ(heat->counts.size(), 4u);
  EXPECT_EQ(heat->counts[2][2], 1);
  EXPECT_EQ(heat->counts[0][0], 1);
  EXPECT_TRUE(ledger_ok());
}

TEST_F(RiskServiceTest, OldMethodRiskNeedsBothRatingsToMove) {
  RiskView a = create("Old", rating(3, 3));
  ASSERT_TRUE(svc().save_method(op(), stricter("stricter"), {}, 1, false));
  RiskPatch half;
  half.fields.residual = rating(2, 2);
  half.version = a.risk.version;
  auto r = svc().update(op(), a.risk.id, half);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "inherent");
  half.fields.inherent = rating(3, 3);
  auto both = svc().update(op(), a.risk.id, half);
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(both->risk.method_number, 2);
  EXPECT_EQ(both->risk.inherent_level, 2);
}

TEST_F(RiskServiceTest, SummaryCountsAboveAppetiteAndTopRisks) {
  create("High", rating(4, 4));
  create("Critical", rating(5, 5));
  create("Low", rating(1, 1));
  auto s = svc().summary(op());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->above_appetite, 2);
  EXPECT_EQ(s->residual.total, 3);
  EXPECT_EQ(s->inherent.counts[4][4], 1);
  ASSERT_EQ(s->top_risks.size(), 3u);
  EXPECT_EQ(s->top_risks[0].risk.title, "Critical");
  ASSERT_FALSE(s->top_owners.empty());
}

TEST_F(RiskServiceTest, SourcesCrud) {
  RiskSourceFields f;
  f.name = "Drone over the car park";
  f.category = "human_deliberate";
  f.properties = std::vector<SecurityProperty>{SecurityProperty::kConfidentiality};
  auto created = svc().create_source(op(), RiskSourceKind::kThreat, f);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->kind, RiskSourceKind::kThreat);
  EXPECT_TRUE(created->key.empty());
  RiskSourceFields dup;
  dup.name = "DRONE over the car park";
  auto twin = svc().create_source(op(), RiskSourceKind::kThreat, dup);
  ASSERT_FALSE(twin);
  EXPECT_EQ(twin.error().code, ErrorCode::kConflict);
  // The same name is free among vulnerabilities.
  EXPECT_TRUE(svc().create_source(op(), RiskSourceKind::kVulnerability, dup));

  RiskSourceFields change;
  change.description = "Photographs of screens through windows";
  auto no_version = svc().update_source(op(), created->id, change);
  ASSERT_FALSE(no_version);
  EXPECT_EQ(no_version.error().field, "version");
  change.version = created->version;
  auto updated = svc().update_source(op(), created->id, change);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->description, "Photographs of screens through windows");

  auto archived = svc().archive_source(op(), created->id, updated->version);
  ASSERT_TRUE(archived) << archived.error().message;
  EXPECT_TRUE(archived->archived_at);
  EXPECT_EQ(actions(created->id),
            (std::vector<std::string>{"risk_source.create", "risk_source.update",
                                      "risk_source.archive"}));
  // An archived threat is not offered for new risks.
  RiskPatch p = new_risk("x", rating(2, 2));
  p.fields.threat_id = created->id;
  auto r = svc().create(op(), p);
  ASSERT_FALSE(r);
  EXPECT_TRUE(names_field(r.error(), "threat_id"));
}

TEST_F(RiskServiceTest, ExportsTheRegister) {
  create("Database stolen", rating(4, 4));
  auto xlsx = svc().export_register(op(), RiskService::RegisterFormat::kXlsx);
  ASSERT_TRUE(xlsx) << xlsx.error().message;
  EXPECT_EQ(xlsx->file_name, "risk-register.xlsx");
  EXPECT_EQ(xlsx->bytes.substr(0, 2), "PK");
  auto pdf = svc().export_register(op(), RiskService::RegisterFormat::kPdf);
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(pdf->media_type, "application/pdf");
  EXPECT_EQ(pdf->bytes.substr(0, 5), "%PDF-");
  Principal nobody = principal_of(user("nobody", {"employee"}));
  EXPECT_FALSE(svc().export_register(nobody, RiskService::RegisterFormat::kPdf));
}

}  // namespace
}  // namespace isms
