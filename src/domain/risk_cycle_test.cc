#include "domain/risk_cycle.h"

#include <gtest/gtest.h>

#include <set>

namespace isms {
namespace {

RiskCycle cycle(const std::string& opened_on, int months = 3) {
  RiskCycle c;
  c.id = "c1";
  c.title = "2026 Q4 Risk Management Forum";
  c.opened_on = opened_on;
  c.interval_months = months;
  c.status = CycleStatus::kClosed;
  return c;
}

RiskSnapshotEntry entry(const std::string& id, int residual, bool archived = false) {
  RiskSnapshotEntry e;
  e.risk_id = id;
  e.ref = "R-" + id;
  e.residual_level = residual;
  e.archived = archived;
  return e;
}

TEST(RiskCycleSchedule, NextDueClampsToTheEndOfTheMonth) {
  EXPECT_EQ(cycle_next_due(cycle("2026-11-30")), "2027-02-28");
  EXPECT_EQ(cycle_next_due(cycle("2027-11-30")), "2028-02-29");  // 2028 is a leap year
  EXPECT_EQ(cycle_next_due(cycle("2026-01-15")), "2026-04-15");
  EXPECT_EQ(cycle_next_due(cycle("2026-10-31")), "2027-01-31");
  EXPECT_EQ(cycle_next_due(cycle("2026-08-31", 1)), "2026-09-30");
  EXPECT_EQ(cycle_next_due(cycle("2026-03-31", 12)), "2027-03-31");
}

TEST(RiskCycleSchedule, StateFollowsTheDueDate) {
  RiskCycle c = cycle("2026-01-15");  // due 2026-04-15
  EXPECT_EQ(cycle_schedule_state(c, "2026-03-31"), "scheduled");
  EXPECT_EQ(cycle_schedule_state(c, "2026-04-01"), "due");  // 14 days before
  EXPECT_EQ(cycle_schedule_state(c, "2026-04-15"), "due");
  EXPECT_EQ(cycle_schedule_state(c, "2026-04-16"), "overdue");
  c.status = CycleStatus::kOpen;
  EXPECT_EQ(cycle_schedule_state(c, "2027-01-01"), "open");
  // The 14-day window crosses a month and a year boundary.
  RiskCycle d = cycle("2026-10-05");  // due 2027-01-05
  EXPECT_EQ(cycle_schedule_state(d, "2026-12-22"), "due");
  EXPECT_EQ(cycle_schedule_state(d, "2026-12-21"), "scheduled");
}

TEST(RiskCycleCompare, AddedRemovedRaisedLowered) {
  std::vector<RiskSnapshotEntry> a = {entry("1", 1), entry("2", 2), entry("3", 2),
                                      entry("4", 0, true), entry("5", 1)};
  std::vector<RiskSnapshotEntry> b = {entry("1", 1), entry("2", 3),       entry("3", 1),
                                      entry("4", 1), entry("5", 1, true), entry("6", 2)};
  CycleComparison c = compare_snapshots(a, b);
  ASSERT_EQ(c.added.size(), 2u);  // 4 (archived in a) and 6 (new)
  EXPECT_EQ(c.added[0].risk_id, "4");
  EXPECT_EQ(c.added[1].risk_id, "6");
  ASSERT_EQ(c.removed.size(), 1u);
  EXPECT_EQ(c.removed[0].risk_id, "5");
  EXPECT_TRUE(c.removed[0].archived);
  ASSERT_EQ(c.raised.size(), 1u);
  EXPECT_EQ(c.raised[0].first.residual_level, 2);
  EXPECT_EQ(c.raised[0].second.residual_level, 3);
  ASSERT_EQ(c.lowered.size(), 1u);
  EXPECT_EQ(c.lowered[0].first.risk_id, "3");
  EXPECT_EQ(c.unchanged, 1);

  Json j = cycle_comparison_to_json(c);
  EXPECT_EQ(j["raised"][0]["before"]["risk_id"], "2");
  EXPECT_EQ(j["raised"][0]["after"]["residual_level"], 3);
  EXPECT_EQ(j["unchanged"], 1);

  // Missing from b entirely counts as removed too.
  CycleComparison gone = compare_snapshots(a, {});
  EXPECT_EQ(gone.removed.size(), 4u);
  EXPECT_TRUE(gone.added.empty());
}

TEST(RiskCycleSnapshot, OfARisk) {
  Risk r;
  r.id = "r";
  r.ref = "R-0007";
  r.owner_name = "Pat";
  r.inherent.likelihood = 4;
  r.inherent.impact_availability = 5;
  r.inherent_level = 3;
  r.residual.likelihood = 2;
  r.residual.impact_integrity = 2;
  r.residual_level = 0;
  r.treatment = Treatment::kAvoid;
  RiskSnapshotEntry e = snapshot_of(r);
  EXPECT_EQ(e.owner_name, "Pat");
  EXPECT_EQ(e.inherent_impact, 5);
  EXPECT_EQ(e.residual_impact, 2);
  EXPECT_EQ(e.treatment, "avoid");
  EXPECT_FALSE(e.archived);
}

TEST(RiskCycleValidation, NamesTheFields) {
  RiskCycle c = cycle("2026-13-01", 0);
  c.title = "";
  c.decisions = {{"Buy a UPS", "", "2026-02-30"}, {"", "", std::nullopt}};
  std::set<std::string> f;
  for (const auto& e : validate_risk_cycle(c)) f.insert(e.field);
  EXPECT_EQ(f, (std::set<std::string>{"title", "opened_on", "interval_months",
                                      "decisions[0].due_on", "decisions[1].text"}));
  EXPECT_TRUE(validate_risk_cycle(cycle("2026-01-15")).empty());
}

TEST(RiskCycleJson, WireForm) {
  RiskCycle c = cycle("2026-01-15");
  c.status = CycleStatus::kOpen;
  c.decisions = {{"Buy a UPS", "p1", std::nullopt}};
  Json j = risk_cycle_to_json(c, "2026-02-01");
  EXPECT_EQ(j["status"], "open");
  EXPECT_EQ(j["next_due"], "2026-04-15");
  EXPECT_EQ(j["schedule_state"], "open");
  EXPECT_TRUE(j["decisions"][0]["due_on"].is_null());
  EXPECT_TRUE(j["closed_at"].is_null());
  RiskReview r;
  r.outcome = ReviewOutcome::kChanged;
  EXPECT_EQ(risk_review_to_json(r)["outcome"], "changed");
  EXPECT_EQ(parse_review_outcome("confirmed"), ReviewOutcome::kConfirmed);
  EXPECT_FALSE(parse_review_outcome("maybe"));
}

}  // namespace
}  // namespace isms
