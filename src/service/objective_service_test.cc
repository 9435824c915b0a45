#include "service/objective_service.h"

#include <gtest/gtest.h>

#include <set>

#include "base/time_zone.h"
#include "service/access_test_support.h"
#include "service/ledger_recorder.h"
#include "service/operations_defaults.h"
#include "service/time_zone_setting.h"

namespace isms {
namespace {

Json j(const char* text) { return Json::parse(text); }

class ObjectiveServiceTest : public testing::AccessFixture {
 protected:
  ObjectiveService svc() const { return ObjectiveService(ctx_); }

  std::string today() {
    auto tx = store_->begin_read();
    EXPECT_TRUE(tx);
    auto t = organization_today(ctx_, **tx);
    EXPECT_TRUE(t);
    return t ? *t : std::string();
  }

  ObjectiveView first_objective() {
    auto list = svc().list(op(), false);
    EXPECT_TRUE(list) << list.error().message;
    EXPECT_FALSE(list->empty());
    return list->front();
  }

  IndicatorView indicator(const std::string& objective_id, const char* body) {
    auto f = indicator_fields_from_json(j(body));
    EXPECT_TRUE(f) << f.error().message;
    auto v = svc().add_indicator(op(), objective_id, *f);
    EXPECT_TRUE(v) << v.error().message;
    return v ? *v : IndicatorView{};
  }

  Result<RecordedMeasurement> record(const std::string& indicator_id, const std::string& value,
                                     const std::string& on) {
    MeasurementInput in;
    in.value = *parse_decimal(value, nullptr);
    in.measured_on = on;
    return svc().record_measurement(op(), indicator_id, in);
  }

  std::string day(int64_t offset) {
    auto d = add_days(today(), offset);
    return d ? *d : std::string();
  }
};

TEST_F(ObjectiveServiceTest, InitializeCreatesThePolicysSixObjectivesOnce) {
  auto list = svc().list(op(), true);
  ASSERT_TRUE(list) << list.error().message;
  std::set<std::string> titles;
  for (const auto& v : *list) {
    titles.insert(v.objective.title);
    EXPECT_EQ(v.objective.policy_section, "6");
    EXPECT_EQ(v.objective.next_review_on, add_months(today(), 12).value());
  }
  EXPECT_EQ(titles, (std::set<std::string>{
                        "Cyber Resilience Assurance", "Regulatory and Contractual Compliance",
                        "Security-Centric Culture Development",
                        "Strategic Partnerships and Vendor Management",
                        "Continuous Improvement and Innovation", "Confidence and Transparency"}));
  EXPECT_EQ(list->front().objective.ref, "OBJ-01");
  // Again (every start runs it): nothing new, even after a default was withdrawn.
  auto w = svc().withdraw(op(), list->front().objective.id, list->front().objective.version);
  ASSERT_TRUE(w) << w.error().message;
  {
    auto tx = store_->begin_write();
    ASSERT_TRUE(tx);
    LedgerRecorder ledger(ctx_, tx->get(), Actor{"system"});
    ASSERT_TRUE(ensure_default_objectives(ctx_, tx->get(), &ledger).ok());
    ASSERT_TRUE(ledger.finish().ok());
    ASSERT_TRUE((*tx)->commit().ok());
  }
  EXPECT_EQ(svc().list(op(), true)->size(), 6u);
  EXPECT_EQ(svc().list(op(), false)->size(), 5u);
}

TEST_F(ObjectiveServiceTest, MeasurementsAreJudgedAgainstTheTargetAndOrderedByDate) {
  ObjectiveView o = first_objective();
  IndicatorView i = indicator(o.objective.id,
                              R"({"name":"Availability","unit":"%","direction":"higher_is_better",
                                  "target":"99.9","frequency":"monthly"})");
  EXPECT_EQ(i.indicator.ref, "IND-0001");
  EXPECT_EQ(i.indicator.next_due_on, today());  // first measurement due at creation
  ASSERT_TRUE(record(i.indicator.id, "99.95", day(-10)));
  ASSERT_TRUE(record(i.indicator.id, "99.5", day(-40)));
  auto r = record(i.indicator.id, "99.90", day(-5));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->indicator.last_measured_on, day(-5));
  EXPECT_EQ(r->indicator.next_due_on, add_months(day(-5), 1).value());
  auto v = svc().get_indicator(op(), i.indicator.id, false);
  ASSERT_TRUE(v);
  ASSERT_EQ(v->measurements.size(), 3u);
  EXPECT_EQ(v->measurements[0].value.text(), "99.5");  // date order, not recording order
  EXPECT_FALSE(*measurement_on_target(v->indicator, v->measurements[0].value));
  EXPECT_TRUE(*v->summary.on_target);  // 99.90 >= 99.9
  EXPECT_EQ(*v->summary.trend_state, "improving");
  // A date in the future is refused, and nothing is written.
  auto future = record(i.indicator.id, "100", day(1));
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(svc().get_indicator(op(), i.indicator.id, false)->measurements.size(), 3u);
}

TEST_F(ObjectiveServiceTest, SupersedingKeepsTheOldMeasurement) {
  ObjectiveView o = first_objective();
  IndicatorView i = indicator(
      o.objective.id, R"({"name":"Phishing clicks","direction":"lower_is_better","target":"5"})");
  auto first = record(i.indicator.id, "7", day(0));
  ASSERT_TRUE(first);
  MeasurementInput fix;
  fix.value = *parse_decimal("4", nullptr);
  auto corrected = svc().supersede_measurement(op(), first->measurement.id, fix);
  ASSERT_TRUE(corrected) << corrected.error().message;
  EXPECT_EQ(corrected->measurement.measured_on, day(0));  // the old one's date by default
  EXPECT_EQ(corrected->measurement.supersedes, first->measurement.id);
  EXPECT_EQ(corrected->superseded->superseded_by, corrected->measurement.id);
  auto again = svc().supersede_measurement(op(), first->measurement.id, fix);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto current = svc().get_indicator(op(), i.indicator.id, false);
  ASSERT_EQ(current->measurements.size(), 1u);
  EXPECT_EQ(current->measurements[0].value.text(), "4");
  EXPECT_EQ(svc().get_indicator(op(), i.indicator.id, true)->measurements.size(), 2u);
  std::string file;
  auto csv = svc().measurements_csv(op(), i.indicator.id, &file);
  ASSERT_TRUE(csv);
  EXPECT_EQ(file, i.indicator.ref + "-measurements.csv");
  EXPECT_NE(csv->find(",7,,no,"), std::string::npos) << *csv;
}

TEST_F(ObjectiveServiceTest, StaleVersionsConflictAndRetiredIndicatorsTakeNoMeasurements) {
  ObjectiveView o = first_objective();
  ObjectiveFields f;
  f.title = "Renamed";
  f.version = o.objective.version + 1;
  EXPECT_EQ(svc().update(op(), o.objective.id, f).error().code, ErrorCode::kConflict);
  f.version = o.objective.version;
  auto updated = svc().update(op(), o.objective.id, f);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->objective.version, o.objective.version + 1);

  IndicatorView i = indicator(
      o.objective.id,
      R"({"name":"Patch latency","unit":"days","direction":"target_range","target":["1","14"]})");
  auto retired = svc().retire_indicator(op(), i.indicator.id, i.indicator.version);
  ASSERT_TRUE(retired) << retired.error().message;
  auto r = record(i.indicator.id, "3", day(0));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
}

TEST_F(ObjectiveServiceTest, ReviewMovesTheNextReviewOneIntervalFromToday) {
  ObjectiveView o = first_objective();
  ObjectiveReviewInput in;
  in.outcome = ObjectiveReviewOutcome::kChanged;
  in.note = "New indicator for MTTR";
  auto v = svc().review(op(), o.objective.id, in);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->objective.last_reviewed_on, today());
  EXPECT_EQ(v->objective.next_review_on, add_months(today(), 12).value());
  ASSERT_EQ(v->objective.reviews.size(), 1u);
  EXPECT_EQ(v->objective.reviews[0].note, "New indicator for MTTR");
  EXPECT_EQ(v->objective.reviews[0].by_name, "cli:test");
}

TEST_F(ObjectiveServiceTest, EmployeesMayNotWriteAndTheSummaryCounts) {
  User u = user("emp", {"employee"});
  Principal emp = principal_of(u);
  EXPECT_EQ(svc().list(emp, false).error().code, ErrorCode::kForbidden);
  ObjectiveView o = first_objective();
  IndicatorView a = indicator(o.objective.id, R"({"name":"A","target":"10"})");
  IndicatorView b = indicator(o.objective.id, R"({"name":"B","target":"10"})");
  indicator(o.objective.id, R"({"name":"C","target":"10"})");
  ASSERT_TRUE(record(a.indicator.id, "11", day(0)));
  ASSERT_TRUE(record(b.indicator.id, "9.99", day(0)));
  auto s = svc().summary(op());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->objectives, 6);
  EXPECT_EQ(s->indicators, 3);
  EXPECT_EQ(s->on_target, 1);
  EXPECT_EQ(s->off_target, 1);
  EXPECT_EQ(s->not_measured, 1);
  EXPECT_EQ(s->measurements_overdue, 0);
}

}  // namespace
}  // namespace isms
