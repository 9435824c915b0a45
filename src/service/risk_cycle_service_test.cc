#include "service/risk_cycle_service.h"

#include <gtest/gtest.h>

#include <set>

#include "service/access_test_support.h"
#include "service/asset_service.h"

namespace isms {
namespace {

RiskRating rating(int likelihood, int integrity) {
  RiskRating r;
  r.likelihood = likelihood;
  r.impact_integrity = integrity;
  return r;
}

class RiskCycleServiceTest : public testing::AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    if (HasFatalFailure()) return;
    AssetPatch ap;
    ap.fields.name = "Payroll";
    auto asset = AssetService(ctx_).create(op(), ap);
    ASSERT_TRUE(asset) << asset.error().message;
    asset_id_ = asset->id;
    auto t = RiskService(ctx_).sources(op(), RiskSourceKind::kThreat, ArchivedFilter::kActiveOnly);
    auto v = RiskService(ctx_).sources(op(), RiskSourceKind::kVulnerability,
                                       ArchivedFilter::kActiveOnly);
    ASSERT_TRUE(t && v);
    threat_id_ = t->front().id;
    vulnerability_id_ = v->front().id;
  }

  RiskCycleService cycles() const { return RiskCycleService(ctx_); }

  RiskView risk(const std::string& title, RiskRating r) {
    RiskPatch p;
    p.fields.title = title;
    p.fields.asset_ids = std::vector<std::string>{asset_id_};
    p.fields.threat_id = threat_id_;
    p.fields.vulnerability_id = vulnerability_id_;
    p.fields.inherent = r;
    auto v = RiskService(ctx_).create(op(), p);
    EXPECT_TRUE(v) << v.error().message;
    return v ? *v : RiskView{};
  }

  CycleView open(const std::string& opened_on) {
    CycleFields f;
    f.opened_on = opened_on;
    auto c = cycles().open(op(), f);
    EXPECT_TRUE(c) << c.error().message;
    return c ? *c : CycleView{};
  }

  // Auditors are external: their access must carry an end date.
  User auditor_user(const std::string& name) {
    return user(name, {"auditor"},
                format_utc_micros(clock_.now_micros() + 30LL * 24 * 3600 * 1000000));
  }

  std::string asset_id_, threat_id_, vulnerability_id_;
};

TEST_F(RiskCycleServiceTest, OpenReviewCloseAndCompare) {
  RiskView stays = risk("Stays", rating(2, 2));
  RiskView rises = risk("Rises", rating(2, 2));
  RiskView goes = risk("Goes", rating(3, 3));

  auto none = cycles().schedule(op());
  ASSERT_TRUE(none);
  EXPECT_EQ(none->state, "none");

  CycleView c = open("2026-11-30");
  EXPECT_EQ(c.cycle.title, "2026 Q4 Risk Management Forum");
  EXPECT_EQ(c.cycle.status, CycleStatus::kOpen);
  EXPECT_EQ(c.cycle.method_number, 1);
  EXPECT_EQ(c.next_due, "2027-02-28");
  EXPECT_EQ(c.schedule_state, "open");
  auto second = cycles().open(op(), CycleFields{});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);

  // The operator has no person: a reviewer must be named.
  ReviewRequest confirm{stays.risk.id, ReviewOutcome::kConfirmed, "still valid", std::nullopt};
  auto anonymous = cycles().review(op(), c.cycle.id, confirm, std::nullopt);
  ASSERT_FALSE(anonymous);
  EXPECT_EQ(anonymous.error().field, "reviewer");
  Person reviewer = person("Rita Reviewer");
  auto reviewed = cycles().review(op(), c.cycle.id, confirm, reviewer.id);
  ASSERT_TRUE(reviewed) << reviewed.error().message;
  ASSERT_EQ(reviewed->reviews.size(), 1u);
  EXPECT_EQ(reviewed->reviews[0].reviewed_by, reviewer.id);
  EXPECT_EQ(reviewed->reviews[0].outcome, ReviewOutcome::kConfirmed);
  EXPECT_EQ(reviewed->cycle.reviewed_count, 1);

  // A changed outcome carries the change and updates the risk in the same transaction.
  ReviewRequest change{rises.risk.id, ReviewOutcome::kChanged, "supplier left", std::nullopt};
  auto missing = cycles().review(op(), c.cycle.id, change, reviewer.id);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "change");
  RiskPatch patch;
  patch.fields.residual = rating(5, 5);
  patch.version = rises.risk.version;
  change.change = patch;
  auto changed = cycles().review(op(), c.cycle.id, change, reviewer.id);
  ASSERT_TRUE(changed) << changed.error().message;
  auto after = RiskService(ctx_).get(op(), rises.risk.id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->risk.residual_level, 3);
  const RiskReview* rv = nullptr;
  for (const auto& r : changed->reviews) {
    if (r.risk_id == rises.risk.id) rv = &r;
  }
  ASSERT_NE(rv, nullptr);
  EXPECT_EQ(rv->residual_level_before, 0);
  EXPECT_EQ(rv->residual_level_after, 3);
  EXPECT_EQ(actions(rises.risk.id), (std::vector<std::string>{"risk.create", "risk.update"}));

  CycleFields minutes;
  minutes.minutes = "Attendees agreed the plan.";
  minutes.decisions = std::vector<CycleDecision>{{"Buy a UPS", reviewer.id, "2027-01-31"}};
  minutes.attendee_ids = std::vector<std::string>{reviewer.id};
  minutes.version = changed->cycle.version;
  auto updated = cycles().update(op(), c.cycle.id, minutes);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->cycle.decisions.size(), 1u);
  EXPECT_EQ(updated->cycle.attendee_ids, std::vector<std::string>{reviewer.id});

  auto stale = cycles().close(op(), c.cycle.id, updated->cycle.version + 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto closed = cycles().close(op(), c.cycle.id, updated->cycle.version);
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->cycle.status, CycleStatus::kClosed);
  EXPECT_TRUE(closed->cycle.closed_at);
  EXPECT_EQ(actions(c.cycle.id),
            (std::vector<std::string>{"risk_cycle.open", "risk_cycle.review", "risk_cycle.review",
                                      "risk_cycle.update", "risk_cycle.close"}));

  // Closed cycles do not change.
  minutes.version = closed->cycle.version;
  auto late = cycles().update(op(), c.cycle.id, minutes);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  auto late_review = cycles().review(op(), c.cycle.id, confirm, reviewer.id);
  ASSERT_FALSE(late_review);
  EXPECT_EQ(late_review.error().code, ErrorCode::kConflict);

  // The live register against the snapshot: one archived, one new, one lowered.
  auto g = RiskService(ctx_).get(op(), goes.risk.id);
  ASSERT_TRUE(RiskService(ctx_).archive(op(), goes.risk.id, g->risk.version, "gone"));
  RiskView fresh = risk("New", rating(1, 1));
  RiskPatch lower;
  lower.fields.residual = rating(3, 3);
  lower.version = after->risk.version;
  ASSERT_TRUE(RiskService(ctx_).update(op(), rises.risk.id, lower));
  auto cmp = cycles().compare(op(), c.cycle.id, "live");
  ASSERT_TRUE(cmp) << cmp.error().message;
  ASSERT_EQ(cmp->added.size(), 1u);
  EXPECT_EQ(cmp->added[0].risk_id, fresh.risk.id);
  ASSERT_EQ(cmp->removed.size(), 1u);
  EXPECT_EQ(cmp->removed[0].risk_id, goes.risk.id);
  ASSERT_EQ(cmp->lowered.size(), 1u);
  EXPECT_EQ(cmp->lowered[0].first.residual_level, 3);
  EXPECT_EQ(cmp->lowered[0].second.residual_level, 1);
  EXPECT_EQ(cmp->unchanged, 1);

  // A second cycle, closed, compares with the first.
  CycleView next = open("2027-02-20");
  auto open_cmp = cycles().compare(op(), next.cycle.id, "live");
  ASSERT_FALSE(open_cmp);
  EXPECT_EQ(open_cmp.error().field, "a");
  auto closed_next = cycles().close(op(), next.cycle.id, next.cycle.version);
  ASSERT_TRUE(closed_next) << closed_next.error().message;
  auto between = cycles().compare(op(), c.cycle.id, next.cycle.id);
  ASSERT_TRUE(between);
  EXPECT_EQ(between->added.size(), 1u);
  EXPECT_EQ(between->removed.size(), 1u);

  auto sched = cycles().schedule(op());
  ASSERT_TRUE(sched);
  ASSERT_TRUE(sched->last);
  EXPECT_EQ(sched->last->id, next.cycle.id);
  EXPECT_EQ(sched->next_due, "2027-05-20");
  auto all = cycles().list(op());
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);
  EXPECT_TRUE(ledger_ok());
}

TEST_F(RiskCycleServiceTest, ValidationAndPermissions) {
  CycleFields bad;
  bad.opened_on = "2026-02-30";
  bad.interval_months = 0;
  auto r = cycles().open(op(), bad);
  ASSERT_FALSE(r);
  EXPECT_TRUE(names_field(r.error(), "opened_on"));
  EXPECT_TRUE(names_field(r.error(), "interval_months"));
  CycleFields unknown;
  unknown.attendee_ids = std::vector<std::string>{"nobody"};
  auto u = cycles().open(op(), unknown);
  ASSERT_FALSE(u);
  EXPECT_TRUE(names_field(u.error(), "attendee_ids"));

  Principal auditor = principal_of(auditor_user("aud"));
  auto denied = cycles().open(auditor, CycleFields{});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(cycles().list(auditor));

  // A person reviews as themselves.
  Principal ciso = principal_of(user("ciso", {"ciso"}));
  CycleView c = open("2026-01-10");
  RiskView v = risk("r", rating(2, 2));
  auto own = cycles().review(
      ciso, c.cycle.id, {v.risk.id, ReviewOutcome::kConfirmed, "", std::nullopt}, std::nullopt);
  ASSERT_TRUE(own) << own.error().message;
  EXPECT_EQ(own->reviews[0].reviewed_by, ciso.person_id);
  auto missing =
      cycles().review(ciso, c.cycle.id,
                      {"no-such-risk", ReviewOutcome::kConfirmed, "", std::nullopt}, std::nullopt);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "risk_id");
}

TEST(RiskCycleJson, DecodesRequestsStrictly) {
  auto f = cycle_fields_from_json(Json::parse(
      R"({"title":"Forum","opened_on":"2026-10-01","interval_months":6,
          "decisions":[{"text":"Patch","owner_id":null,"due_on":"2026-12-01"}],"version":2})"));
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(*f->interval_months, 6);
  EXPECT_EQ((*f->decisions)[0].due_on, std::optional<std::string>("2026-12-01"));
  auto bad = cycle_fields_from_json(
      Json::parse(R"({"status":"closed","colour":1,"decisions":[{"txt":"x"}]})"));
  ASSERT_FALSE(bad);
  std::set<std::string> fields;
  for (const auto& d : bad.error().details) fields.insert(d.field);
  EXPECT_EQ(fields, (std::set<std::string>{"status", "colour", "decisions[0].txt"}));

  auto r = review_request_from_json(Json::parse(
      R"({"risk_id":"r1","outcome":"changed","change":{"residual":{"likelihood":2,
          "impact":{"integrity":1}},"version":4}})"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->outcome, ReviewOutcome::kChanged);
  ASSERT_TRUE(r->change);
  EXPECT_EQ(r->change->version, 4);
  auto bad_review =
      review_request_from_json(Json::parse(R"({"outcome":"maybe","change":{"ref":"R-1"}})"));
  ASSERT_FALSE(bad_review);
  fields.clear();
  for (const auto& d : bad_review.error().details) fields.insert(d.field);
  EXPECT_EQ(fields, (std::set<std::string>{"risk_id", "outcome", "change.ref"}));
}

}  // namespace
}  // namespace isms
