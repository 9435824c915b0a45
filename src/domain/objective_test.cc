#include "domain/objective.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/objective_input.h"

namespace isms {
namespace {

Decimal dec(const char* text) {
  std::string why;
  auto d = parse_decimal(text, &why);
  EXPECT_TRUE(d.has_value()) << text << ": " << why;
  return d.value_or(Decimal{});
}

bool parses(const char* text) { return parse_decimal(text, nullptr).has_value(); }

TEST(DecimalTest, ParsesAndPrintsExactly) {
  EXPECT_EQ(dec("99.95").text(), "99.95");
  EXPECT_EQ(dec("12.50").text(), "12.50");  // the scale given is kept
  EXPECT_EQ(dec("007").text(), "7");
  EXPECT_EQ(dec("-0.5").text(), "-0.5");
  EXPECT_EQ(dec("-0").text(), "0");
  EXPECT_EQ(dec("0.000000000000001").text(), "0.000000000000001");
  EXPECT_EQ(dec("999999999999999").text(), "999999999999999");
  EXPECT_EQ(dec("99999999999999.9").mantissa, 999999999999999);
}

TEST(DecimalTest, RefusesWhatIsNotAnExactDecimal) {
  for (const char* bad : {"", "NaN", "nan", "Infinity", "-", ".5", "5.", "1e3", "+1", " 1", "1 ",
                          "1,5", "1.2.3", "0x10", "--1", "abc"}) {
    EXPECT_FALSE(parses(bad)) << bad;
  }
  EXPECT_FALSE(parses("1234567890123456"));      // 16 significant digits
  EXPECT_FALSE(parses("0.1234567890123456"));    // 16 digits after the point
  EXPECT_FALSE(parses("99.9999999999999999"));   // a float printed in full
  EXPECT_TRUE(parses("0000000000000000001.5"));  // leading zeros are not significant
}

TEST(DecimalTest, ComparesNumerically) {
  EXPECT_EQ(dec("12.5"), dec("12.50"));
  EXPECT_LT(dec("99.94"), dec("99.95"));
  EXPECT_LT(dec("-1"), dec("0.000000000000001"));
  EXPECT_LT(dec("99999999999999.9"), dec("999999999999999"));
  EXPECT_EQ(dec("0.000000000000001").compare(dec("999999999999999")), -1);
  EXPECT_EQ(dec("3").compare(dec("2.99999999999999")), 1);
}

TEST(DecimalTest, JsonIntegersAreExactButFloatsAndOtherTypesAreRefused) {
  std::vector<FieldError> errors;
  EXPECT_EQ(decimal_from_json(Json(42), "v", errors)->text(), "42");
  EXPECT_TRUE(errors.empty());
  EXPECT_FALSE(decimal_from_json(Json(99.5), "v", errors).has_value());
  EXPECT_FALSE(decimal_from_json(Json(true), "v", errors).has_value());
  EXPECT_FALSE(decimal_from_json(Json("NaN"), "v", errors).has_value());
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "v");
  EXPECT_NE(errors[0].message.find("floating point"), std::string::npos);
}

Indicator indicator(IndicatorDirection d) {
  Indicator i;
  i.name = "Availability";
  i.unit = "%";
  i.direction = d;
  i.created_on = "2026-01-15";
  if (d == IndicatorDirection::kTargetRange) {
    i.target_min = dec("2");
    i.target_max = dec("5.5");
  } else {
    i.target = dec("99.9");
  }
  return i;
}

TEST(IndicatorRulesTest, OnTargetFollowsTheDirection) {
  Indicator higher = indicator(IndicatorDirection::kHigherIsBetter);
  EXPECT_TRUE(*measurement_on_target(higher, dec("99.90")));  // equal counts as on target
  EXPECT_TRUE(*measurement_on_target(higher, dec("100")));
  EXPECT_FALSE(*measurement_on_target(higher, dec("99.89")));
  Indicator lower = indicator(IndicatorDirection::kLowerIsBetter);
  EXPECT_TRUE(*measurement_on_target(lower, dec("99.9")));
  EXPECT_TRUE(*measurement_on_target(lower, dec("3")));
  EXPECT_FALSE(*measurement_on_target(lower, dec("99.91")));
  Indicator range = indicator(IndicatorDirection::kTargetRange);
  EXPECT_TRUE(*measurement_on_target(range, dec("2")));
  EXPECT_TRUE(*measurement_on_target(range, dec("5.50")));
  EXPECT_FALSE(*measurement_on_target(range, dec("5.51")));
  EXPECT_FALSE(*measurement_on_target(range, dec("1.99")));
  range.target_max.reset();
  EXPECT_FALSE(measurement_on_target(range, dec("3")).has_value());
}

TEST(IndicatorRulesTest, NextDueIsCreationThenLastMeasurementPlusFrequency) {
  Indicator i = indicator(IndicatorDirection::kHigherIsBetter);
  i.frequency = IndicatorFrequency::kQuarterly;
  EXPECT_EQ(indicator_next_due(i), "2026-01-15");
  i.last_measured_on = "2026-11-30";
  EXPECT_EQ(indicator_next_due(i), "2027-02-28");  // end of month clamped
  i.frequency = IndicatorFrequency::kMonthly;
  EXPECT_EQ(indicator_next_due(i), "2026-12-30");
  i.frequency = IndicatorFrequency::kYearly;
  i.last_measured_on = "2028-02-29";
  EXPECT_EQ(indicator_next_due(i), "2029-02-28");
  i.next_due_on = "2026-03-01";
  EXPECT_FALSE(indicator_overdue(i, "2026-03-01"));  // due today is not overdue
  EXPECT_TRUE(indicator_overdue(i, "2026-03-02"));
  i.status = IndicatorStatus::kRetired;
  EXPECT_FALSE(indicator_overdue(i, "2026-03-02"));
}

TEST(IndicatorRulesTest, ValidationChecksTheTargetShape) {
  Indicator i = indicator(IndicatorDirection::kTargetRange);
  EXPECT_TRUE(validate_indicator(i).empty());
  i.target_min = dec("6");
  ASSERT_EQ(validate_indicator(i).size(), 1u);
  EXPECT_EQ(validate_indicator(i)[0].field, "target");
  i = indicator(IndicatorDirection::kHigherIsBetter);
  i.target.reset();
  EXPECT_EQ(validate_indicator(i).size(), 1u);
  i = indicator(IndicatorDirection::kHigherIsBetter);
  i.unit = std::string(21, 'x');
  ASSERT_EQ(validate_indicator(i).size(), 1u);
  EXPECT_EQ(validate_indicator(i)[0].field, "unit");
}

Measurement measured(const char* on, const char* value, const char* created = "2026-01-01") {
  Measurement m;
  m.measured_on = on;
  m.value = dec(value);
  m.created_at = created;
  m.id = std::string(on) + created;
  return m;
}

TEST(IndicatorRulesTest, TrendComparesTheLastThreeInDateOrder) {
  Indicator i = indicator(IndicatorDirection::kLowerIsBetter);
  std::vector<Measurement> ms = {measured("2026-03-01", "9"), measured("2026-01-01", "1"),
                                 measured("2026-02-01", "5"), measured("2026-04-01", "4")};
  sort_measurements(&ms);
  EXPECT_EQ(ms.front().measured_on, "2026-01-01");
  // Last three: 5, 9, 4 -> 4 is lower (better) than 5.
  EXPECT_EQ(*indicator_trend(i, ms), "improving");
  i.direction = IndicatorDirection::kHigherIsBetter;
  EXPECT_EQ(*indicator_trend(i, ms), "worsening");
  i = indicator(IndicatorDirection::kTargetRange);  // 2..5.5: 5 is inside, 4 is inside
  EXPECT_EQ(*indicator_trend(i, ms), "steady");
  EXPECT_FALSE(indicator_trend(i, {ms[0]}).has_value());
}

TEST(ObjectiveBodyTest, RoundTripsAndRefusesUnknownKeys) {
  Objective o;
  o.title = "Cyber Resilience Assurance";
  o.description = "Keep services up.";
  o.policy_section = "6";
  o.default_key = "cyber-resilience";
  o.next_review_on = "2027-01-01";
  o.last_reviewed_on = "2026-01-01";
  o.reviews.push_back({"2026-01-01", "p1", "Ada", "fine", ObjectiveReviewOutcome::kChanged});
  Objective back;
  ASSERT_TRUE(objective_from_body(objective_body(o), &back).ok());
  EXPECT_EQ(back.title, o.title);
  EXPECT_EQ(back.default_key, "cyber-resilience");
  ASSERT_EQ(back.reviews.size(), 1u);
  EXPECT_EQ(back.reviews[0].outcome, ObjectiveReviewOutcome::kChanged);
  Json body = objective_body(o);
  body["extra"] = 1;
  EXPECT_EQ(objective_from_body(body, &back).error().code, ErrorCode::kCorruption);
}

TEST(IndicatorBodyTest, RoundTripsRangesAndSingleTargets) {
  Indicator i = indicator(IndicatorDirection::kTargetRange);
  i.baseline = dec("1.25");
  Indicator back;
  ASSERT_TRUE(indicator_from_body(indicator_body(i), &back).ok());
  EXPECT_EQ(back.target_min->text(), "2");
  EXPECT_EQ(back.target_max->text(), "5.5");
  EXPECT_FALSE(back.target.has_value());
  EXPECT_EQ(back.baseline->text(), "1.25");
  // The ledger and the body hold decimals as strings, never floating point numbers.
  EXPECT_EQ(indicator_body(i)["target"], Json::parse(R"(["2","5.5"])"));
}

TEST(IndicatorInputTest, ParsesStrictlyNamingEveryBadField) {
  auto f = indicator_fields_from_json(
      Json::parse(R"({"name":"x","direction":"target_range","target":["1","2"],"unit":"ms"})"));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->target_min->text(), "1");
  auto bad = indicator_fields_from_json(Json::parse(
      R"({"target":99.95,"direction":"sideways","frequency":"daily","colour":"red",
          "baseline":"NaN","next_due_on":"2026-01-01"})"));
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& e : bad.error().details) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"target", "direction", "frequency", "colour", "baseline",
                                           "next_due_on"}));
}

TEST(MeasurementInputTest, RequiresAnExactValueAndARealDate) {
  auto ok =
      measurement_input_from_json(Json::parse(R"({"value":"99.95","measured_on":"2026-02-28"})"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->value.text(), "99.95");
  for (const char* body : {R"({})", R"({"value":"1e5"})", R"({"value":1.5})",
                           R"({"value":"1","measured_on":"2026-02-30"})",
                           R"({"value":"1","id":"x"})", R"({"value":null})"}) {
    EXPECT_FALSE(measurement_input_from_json(Json::parse(body)).ok()) << body;
  }
}

TEST(MeasurementCsvTest, QuotesTextAndDefusesFormulas) {
  Indicator i = indicator(IndicatorDirection::kHigherIsBetter);
  i.ref = "IND-0001";
  Measurement m = measured("2026-02-01", "99.95", "2026-02-01T10:00:00.000000Z");
  m.note = "=cmd, \"x\"";
  std::string csv = measurements_csv(i, {m});
  EXPECT_NE(csv.find("IND-0001,2026-02-01,99.95,%,yes,,\"'=cmd, \"\"x\"\"\""), std::string::npos)
      << csv;
}

}  // namespace
}  // namespace isms
