#include "domain/calendar.h"

#include <gtest/gtest.h>

#include "domain/calendar_ics.h"

namespace isms {
namespace {

Activity activity(const std::string& cadence_json, const std::string& anchor) {
  Activity a;
  a.id = "a1";
  a.title = "Duty";
  a.anchor_on = anchor;
  auto c = cadence_from_json(Json::parse(cadence_json), "cadence", anchor);
  EXPECT_TRUE(c.ok()) << cadence_json;
  if (c) a.cadence = *c;
  return a;
}

using Dates = std::vector<std::string>;

TEST(CalendarCadence, WeeklyFallsOnTheWeekdayOnOrAfterTheAnchor) {
  // 2026-03-04 is a Wednesday; the first Monday on or after it is 2026-03-09.
  Activity a = activity(R"({"kind":"weekly","weekday":"monday"})", "2026-03-04");
  EXPECT_EQ(occurrence_dates(a, "2026-03-01", "2026-03-31"),
            (Dates{"2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30"}));
  // Without a weekday the anchor's own weekday is used.
  Activity b = activity(R"({"kind":"weekly"})", "2026-03-04");
  EXPECT_EQ(b.cadence.weekday, 2);
  EXPECT_EQ(occurrence_dates(b, "2026-03-01", "2026-03-12"), (Dates{"2026-03-04", "2026-03-11"}));
}

TEST(CalendarCadence, MonthlyOnThe31stClampsToTheMonthsLastDay) {
  Activity a = activity(R"({"kind":"monthly","day_of_month":31})", "2026-01-31");
  EXPECT_EQ(occurrence_dates(a, "2026-01-01", "2026-05-31"),
            (Dates{"2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"}));
  // Leap year February.
  Activity b = activity(R"({"kind":"monthly","day_of_month":31})", "2028-01-31");
  EXPECT_EQ(occurrence_dates(b, "2028-02-01", "2028-02-29"), (Dates{"2028-02-29"}));
  // An anchor after the month's day starts in the next month.
  Activity c = activity(R"({"kind":"monthly","day_of_month":5})", "2026-01-20");
  EXPECT_EQ(occurrence_dates(c, "2026-01-01", "2026-03-10"), (Dates{"2026-02-05", "2026-03-05"}));
}

TEST(CalendarCadence, QuarterlyAndYearlyCountFromTheAnchor) {
  Activity q = activity(R"({"kind":"quarterly"})", "2026-01-31");
  // Each occurrence is anchor + 3k months, clamped, so the 31st comes back in July.
  EXPECT_EQ(occurrence_dates(q, "2026-01-01", "2026-12-31"),
            (Dates{"2026-01-31", "2026-04-30", "2026-07-31", "2026-10-31"}));
  Activity y = activity(R"({"kind":"yearly"})", "2024-02-29");
  EXPECT_EQ(occurrence_dates(y, "2024-01-01", "2025-12-31"), (Dates{"2024-02-29", "2025-02-28"}));
  EXPECT_EQ(occurrence_dates(y, "2028-01-01", "2028-12-31"), (Dates{"2028-02-29"}));
  EXPECT_TRUE(is_occurrence_date(y, "2027-02-28"));
  EXPECT_FALSE(is_occurrence_date(y, "2027-03-01"));
}

TEST(CalendarCadence, CustomEveryNUnits) {
  Activity d = activity(R"({"kind":"custom","every":10,"unit":"days"})", "2026-12-25");
  EXPECT_EQ(occurrence_dates(d, "2026-12-26", "2027-01-20"), (Dates{"2027-01-04", "2027-01-14"}));
  Activity w = activity(R"({"kind":"custom","every":2,"unit":"weeks"})", "2026-03-02");
  EXPECT_EQ(occurrence_dates(w, "2026-03-01", "2026-03-31"),
            (Dates{"2026-03-02", "2026-03-16", "2026-03-30"}));
  Activity m = activity(R"({"kind":"custom","every":6,"unit":"months"})", "2026-08-31");
  EXPECT_EQ(occurrence_dates(m, "2026-01-01", "2027-12-31"),
            (Dates{"2026-08-31", "2027-02-28", "2027-08-31"}));
  Activity y = activity(R"({"kind":"custom","every":2,"unit":"years"})", "2026-05-01");
  EXPECT_EQ(occurrence_dates(y, "2026-01-01", "2030-12-31"),
            (Dates{"2026-05-01", "2028-05-01", "2030-05-01"}));
  EXPECT_EQ(describe_cadence(w.cadence, ""), "Every 2 weeks");
  EXPECT_EQ(describe_cadence(m.cadence, "2026-08-31"), "Every 6 months from 2026-08-31");
}

TEST(CalendarCadence, NothingBeforeTheAnchorAndGenerationIsBounded) {
  Activity a = activity(R"({"kind":"custom","every":1,"unit":"days"})", "2026-06-10");
  EXPECT_EQ(occurrence_dates(a, "2026-06-01", "2026-06-11"), (Dates{"2026-06-10", "2026-06-11"}));
  EXPECT_EQ(occurrence_dates(a, "2026-06-10", "2030-01-01").size(), kOccurrencesPerCallMax);
  EXPECT_EQ(occurrence_dates(a, "2026-06-10", "2026-06-01").size(), 0u);  // to before from
  EXPECT_EQ(next_occurrence_on_or_after(a, "2020-01-01"), "2026-06-10");
}

TEST(CalendarCadence, StrictJson) {
  auto bad_kind = cadence_from_json(Json::parse(R"({"kind":"fortnightly"})"), "cadence", "");
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_EQ(bad_kind.error().field, "cadence.kind");
  auto stray = cadence_from_json(Json::parse(R"({"kind":"yearly","every":2})"), "cadence", "");
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().field, "cadence.every");
  auto no_unit = cadence_from_json(Json::parse(R"({"kind":"custom","every":2})"), "cadence", "");
  ASSERT_FALSE(no_unit.ok());
  EXPECT_EQ(no_unit.error().field, "cadence.unit");
  auto day = cadence_from_json(Json::parse(R"({"kind":"monthly","day_of_month":32})"), "c", "");
  ASSERT_FALSE(day.ok());
  EXPECT_EQ(day.error().field, "c.day_of_month");
  EXPECT_FALSE(cadence_from_json(Json::parse("[]"), "cadence", "").ok());
  // Round trip.
  Activity a = activity(R"({"kind":"custom","every":3,"unit":"weeks"})", "2026-01-01");
  EXPECT_EQ(cadence_to_json(a.cadence),
            Json::parse(R"({"kind":"custom","every":3,"unit":"weeks"})"));
}

TEST(CalendarState, AroundTheDueWindow) {
  // Date 2026-03-20, window 14: due from 2026-03-06.
  EXPECT_EQ(occurrence_state("2026-03-20", "2026-03-05", 14, false), "upcoming");
  EXPECT_EQ(occurrence_state("2026-03-20", "2026-03-06", 14, false), "due");
  EXPECT_EQ(occurrence_state("2026-03-20", "2026-03-20", 14, false), "due");
  EXPECT_EQ(occurrence_state("2026-03-20", "2026-03-21", 14, false), "overdue");
  EXPECT_EQ(occurrence_state("2026-03-20", "2026-03-21", 14, true), "done");
  // A window of 0: due only on the day itself.
  EXPECT_EQ(occurrence_state("2026-03-20", "2026-03-19", 0, false), "upcoming");
  EXPECT_EQ(occurrence_state("2026-03-20", "2026-03-20", 0, false), "due");
}

TEST(CalendarState, DatesDoNotMoveWithDaylightSaving) {
  // Weekly across the EU spring-forward (2026-03-29) and fall-back (2026-10-25): the
  // generated dates are calendar days, seven apart whatever the clock does.
  Activity a = activity(R"({"kind":"weekly","weekday":"sunday"})", "2026-03-22");
  EXPECT_EQ(occurrence_dates(a, "2026-03-22", "2026-04-05"),
            (Dates{"2026-03-22", "2026-03-29", "2026-04-05"}));
  EXPECT_EQ(occurrence_dates(a, "2026-10-18", "2026-11-01"),
            (Dates{"2026-10-18", "2026-10-25", "2026-11-01"}));
}

TEST(CalendarActivity, ValidationNamesTheField) {
  Activity a = activity(R"({"kind":"yearly"})", "2026-01-01");
  a.title = "";
  a.due_window_days = 91;
  a.subject.register_name = "weather";
  a.requires_fields = {"signature"};
  auto errors = validate_activity(a);
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"title", "due_window_days", "subject.register", "requires"}));
  a.title = "Ok";
  a.due_window_days = 90;
  a.subject.register_name = "backups";
  a.requires_fields = {"notes", "evidence"};
  EXPECT_TRUE(validate_activity(a).empty());
}

TEST(CalendarActivity, BodyRoundTrip) {
  Activity a = activity(R"({"kind":"monthly","day_of_month":31})", "2026-01-31");
  a.description = "Check logs";
  a.subject = {"logging", "obj-1"};
  a.requires_fields = {"notes"};
  a.due_window_days = 3;
  a.policy_ref = "Policy 8.14";
  a.default_key = "log_review";
  Activity b;
  b.id = "a1";
  ASSERT_TRUE(activity_from_body(activity_body(a), &b).ok());
  EXPECT_EQ(activity_body(b), activity_body(a));
  EXPECT_FALSE(activity_from_body(Json::parse(R"({"title":1})"), &b).ok());
}

TEST(CalendarCompletion, RequirementsAndStrictBody) {
  Activity a = activity(R"({"kind":"yearly"})", "2026-01-01");
  a.title = "Review";
  a.requires_fields = {"notes", "evidence", "decision"};
  auto c = completion_from_json(Json::parse(R"({"notes":"  "})"), false);
  ASSERT_TRUE(c.ok());
  auto missing = check_requirements(a, *c);
  ASSERT_FALSE(missing.ok());
  ASSERT_EQ(missing.error().details.size(), 3u);
  EXPECT_EQ(missing.error().details[0].field, "notes");
  auto full = completion_from_json(
      Json::parse(R"({"notes":"ok","evidence":["https://x.example/r"],"decision":"keep"})"), false);
  ASSERT_TRUE(full.ok());
  EXPECT_TRUE(check_requirements(a, *full).ok());
  EXPECT_FALSE(completion_from_json(Json::parse(R"({"reason":"x"})"), false).ok());
  EXPECT_FALSE(completion_from_json(Json::parse(R"({})"), true).ok());  // skip needs a reason
  auto http = completion_from_json(Json::parse(R"({"evidence":["http://x.example"]})"), false);
  ASSERT_FALSE(http.ok());
  EXPECT_EQ(http.error().field, "evidence[0]");
}

TEST(CalendarIcs, EscapesFoldsAndUsesCrlf) {
  EXPECT_EQ(ics_escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
  std::string line = "SUMMARY:" + std::string(100, 'x');
  std::string folded = ics_fold(line);
  EXPECT_EQ(folded.substr(0, 75), line.substr(0, 75));
  EXPECT_EQ(folded.substr(75, 3), "\r\n ");
  EXPECT_EQ(folded.substr(folded.size() - 2), "\r\n");
  // A multi-byte character is never split: "ä" is 2 octets at octets 74..75.
  std::string umlaut = std::string(74, 'a') + "\xC3\xA4" + "b";
  std::string f2 = ics_fold(umlaut);
  EXPECT_EQ(f2, std::string(74, 'a') + "\r\n \xC3\xA4" + "b\r\n");
  std::string cal = ics_calendar({{"u1@isms", "2026-12-31", "Year end, review", "", "", ""}},
                                 "2026-03-01T10:00:00.000000Z", "ISMS");
  EXPECT_NE(cal.find("DTSTART;VALUE=DATE:20261231\r\n"), std::string::npos);
  EXPECT_NE(cal.find("DTEND;VALUE=DATE:20270101\r\n"), std::string::npos);
  EXPECT_NE(cal.find("SUMMARY:Year end\\, review\r\n"), std::string::npos);
  EXPECT_NE(cal.find("DTSTAMP:20260301T100000Z\r\n"), std::string::npos);
  EXPECT_EQ(cal.rfind("END:VCALENDAR\r\n"), cal.size() - 15);
}

}  // namespace
}  // namespace isms
