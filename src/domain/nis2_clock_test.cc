#include "domain/nis2_clock.h"

#include <gtest/gtest.h>

#include "base/time.h"
#include "base/time_zone.h"

namespace isms {
namespace {

int64_t utc(const char* text) {
  int64_t m = 0;
  EXPECT_TRUE(parse_utc_micros(text, &m)) << text;
  return m;
}

// Local wall time hh:mm on `date` in `zone`.
int64_t local(const char* date, int hh, int mm, const char* zone) {
  auto r = local_time_to_utc(date, hh * 3600 + mm * 60, zone);
  EXPECT_TRUE(r.ok()) << date << " " << zone;
  return r.ok() ? *r : 0;
}

std::string iso(int64_t micros) { return format_utc_micros(micros); }

std::string local_text(int64_t micros, const char* zone) {
  auto r = format_local_time(micros, zone);
  return r.ok() ? *r : "?";
}

const ReportClock& clock_of(const std::vector<ReportClock>& clocks, ReportType t) {
  for (const auto& c : clocks) {
    if (c.type == t) return c;
  }
  ADD_FAILURE() << "no clock " << report_type_name(t);
  return clocks.front();
}

std::vector<ReportClock> run(const ClockInputs& in) {
  auto r = compute_clocks(in);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : std::vector<ReportClock>{};
}

ClockInputs significant_at(int64_t aware, const char* zone, int64_t now) {
  ClockInputs in;
  in.aware_at = aware;
  in.significant = true;
  in.zone = zone;
  in.now = now;
  return in;
}

TEST(Nis2Clock, EarlyWarningAndNotificationCountExactHoursInUtc) {
  int64_t aware = utc("2026-05-10T10:17:00Z");
  auto clocks = run(significant_at(aware, "UTC", aware));
  ASSERT_EQ(clocks.size(), 6u);
  EXPECT_EQ(iso(*clock_of(clocks, ReportType::kEarlyWarning).due_at),
            "2026-05-11T10:17:00.000000Z");
  EXPECT_EQ(iso(*clock_of(clocks, ReportType::kNotification).due_at),
            "2026-05-13T10:17:00.000000Z");
  EXPECT_EQ(clock_of(clocks, ReportType::kEarlyWarning).state, ClockState::kPending);
  EXPECT_EQ(*clock_of(clocks, ReportType::kEarlyWarning).remaining_seconds, 24 * 3600);
  EXPECT_EQ(clock_of(clocks, ReportType::kEarlyWarning).basis,
            "Directive (EU) 2022/2555 Art. 23(4)(a)");
}

TEST(Nis2Clock, SeventyTwoHoursAcrossTheStockholmSpringChange) {
  // Aware Saturday 2026-03-28 10:00 CET; clocks go forward on Sunday 29 March. 72 elapsed
  // hours end at 11:00 CEST on Tuesday, not at 10:00 local.
  int64_t aware = local("2026-03-28", 10, 0, "Europe/Stockholm");
  EXPECT_EQ(iso(aware), "2026-03-28T09:00:00.000000Z");
  auto clocks = run(significant_at(aware, "Europe/Stockholm", aware));
  const auto& n = clock_of(clocks, ReportType::kNotification);
  EXPECT_EQ(iso(*n.due_at), "2026-03-31T09:00:00.000000Z");
  EXPECT_EQ(local_text(*n.due_at, "Europe/Stockholm"), "2026-03-31T11:00:00+02:00");
  Json j = clock_to_json(n, "Europe/Stockholm");
  EXPECT_EQ(j["due_local"], "2026-03-31T11:00:00+02:00");
  EXPECT_EQ(j["due_at"], "2026-03-31T09:00:00.000000Z");
}

TEST(Nis2Clock, SeventyTwoHoursAcrossTheNewYorkSpringChange) {
  // US clocks go forward on Sunday 2026-03-08.
  int64_t aware = local("2026-03-07", 10, 0, "America/New_York");
  EXPECT_EQ(iso(aware), "2026-03-07T15:00:00.000000Z");
  auto clocks = run(significant_at(aware, "America/New_York", aware));
  const auto& n = clock_of(clocks, ReportType::kNotification);
  EXPECT_EQ(iso(*n.due_at), "2026-03-10T15:00:00.000000Z");
  EXPECT_EQ(local_text(*n.due_at, "America/New_York"), "2026-03-10T11:00:00-04:00");
}

TEST(Nis2Clock, TwentyFourHoursAcrossTheOctoberFallBack) {
  // EU clocks go back on Sunday 2026-10-25: 24 elapsed hours from 12:00 CEST on Saturday
  // end at 11:00 CET on Sunday.
  int64_t aware = local("2026-10-24", 12, 0, "Europe/Stockholm");
  auto clocks = run(significant_at(aware, "Europe/Stockholm", aware));
  const auto& ew = clock_of(clocks, ReportType::kEarlyWarning);
  EXPECT_EQ(iso(*ew.due_at), "2026-10-25T10:00:00.000000Z");
  EXPECT_EQ(local_text(*ew.due_at, "Europe/Stockholm"), "2026-10-25T11:00:00+01:00");
}

TEST(Nis2Clock, FinalReportMonthEndsOnTheLastDayOfFebruaryInTheLocalZone) {
  // Notification submitted on 31 January local: the final report is due at the end of
  // 28 February (2026 is not a leap year), local time.
  struct Case {
    const char* zone;
    const char* expected_due_utc;
  } cases[] = {
      {"Europe/Stockholm", "2026-02-28T22:59:59.999999Z"},
      {"America/New_York", "2026-03-01T04:59:59.999999Z"},
      {"Asia/Kolkata", "2026-02-28T18:29:59.999999Z"},
      {"UTC", "2026-02-28T23:59:59.999999Z"},
  };
  for (const auto& c : cases) {
    int64_t aware = local("2026-01-29", 9, 0, c.zone);
    int64_t notified = local("2026-01-31", 12, 0, c.zone);
    ClockInputs in = significant_at(aware, c.zone, notified);
    in.reports = {{ReportType::kEarlyWarning, aware + kNis2MicrosPerHour},
                  {ReportType::kNotification, notified}};
    auto clocks = run(in);
    const auto& f = clock_of(clocks, ReportType::kFinal);
    ASSERT_TRUE(f.due_at) << c.zone;
    EXPECT_EQ(iso(*f.due_at), c.expected_due_utc) << c.zone;
    EXPECT_EQ(*f.start_at, notified);
    EXPECT_EQ(f.state, ClockState::kPending) << c.zone;
  }
}

TEST(Nis2Clock, MonthPeriodUsesTheLocalDateNotTheUtcDate) {
  // 23:30 UTC on 30 January is already 31 January in Kolkata (+05:30).
  int64_t at = utc("2026-01-30T23:30:00Z");
  EXPECT_EQ(iso(*month_period_end(at, "UTC")), "2026-02-28T23:59:59.999999Z");
  EXPECT_EQ(iso(*month_period_end(at, "Asia/Kolkata")), "2026-02-28T18:29:59.999999Z");
  // 15 March -> end of 15 April; 30 September -> end of 30 October.
  EXPECT_EQ(iso(*month_period_end(utc("2026-03-15T08:00:00Z"), "UTC")),
            "2026-04-15T23:59:59.999999Z");
  // The fall-back day has 25 hours; its end is 23:59:59.999999 CET.
  EXPECT_EQ(
      iso(*month_period_end(local("2026-09-25", 10, 0, "Europe/Stockholm"), "Europe/Stockholm")),
      "2026-10-25T22:59:59.999999Z");
  // Leap year: 31 January 2028 -> 29 February.
  EXPECT_EQ(iso(*month_period_end(utc("2028-01-31T10:00:00Z"), "UTC")),
            "2028-02-29T23:59:59.999999Z");
  EXPECT_FALSE(month_period_end(at, "Mars/Olympus").ok());
}

TEST(Nis2Clock, OneMicrosecondAfterTheDeadlineIsLate) {
  int64_t aware = utc("2026-06-01T08:00:00Z");
  int64_t due = aware + 24 * kNis2MicrosPerHour;
  ClockInputs in = significant_at(aware, "UTC", due + 5);
  in.reports = {{ReportType::kEarlyWarning, due}};
  EXPECT_EQ(clock_of(run(in), ReportType::kEarlyWarning).state, ClockState::kSubmitted);
  in.reports = {{ReportType::kEarlyWarning, due + 1}};
  EXPECT_EQ(clock_of(run(in), ReportType::kEarlyWarning).state, ClockState::kSubmittedLate);
}

TEST(Nis2Clock, OverdueOnlyAfterTheDeadline) {
  int64_t aware = utc("2026-06-01T08:00:00Z");
  int64_t due = aware + 24 * kNis2MicrosPerHour;
  auto at_due = run(significant_at(aware, "UTC", due));
  EXPECT_EQ(clock_of(at_due, ReportType::kEarlyWarning).state, ClockState::kDueSoon);
  EXPECT_EQ(*clock_of(at_due, ReportType::kEarlyWarning).remaining_seconds, 0);
  auto past = run(significant_at(aware, "UTC", due + 1));
  EXPECT_EQ(clock_of(past, ReportType::kEarlyWarning).state, ClockState::kOverdue);
  // Half a second past reads as -1 s, not 0.
  auto half = run(significant_at(aware, "UTC", due + 500000));
  EXPECT_EQ(*clock_of(half, ReportType::kEarlyWarning).remaining_seconds, -1);
  auto day_late = run(significant_at(aware, "UTC", due + 24 * kNis2MicrosPerHour));
  EXPECT_EQ(*clock_of(day_late, ReportType::kEarlyWarning).remaining_seconds, -24 * 3600);
  // The notification is not overdue yet.
  EXPECT_EQ(clock_of(past, ReportType::kNotification).state, ClockState::kPending);
}

TEST(Nis2Clock, DueSoonWhenLessThanAQuarterOfThePeriodIsLeft) {
  int64_t aware = utc("2026-06-01T08:00:00Z");
  int64_t due = aware + 24 * kNis2MicrosPerHour;
  EXPECT_EQ(deadline_state(aware, due, std::nullopt, due - 6 * kNis2MicrosPerHour),
            ClockState::kPending);
  EXPECT_EQ(deadline_state(aware, due, std::nullopt, due - 6 * kNis2MicrosPerHour + 1),
            ClockState::kDueSoon);
  // 72 h notification: due soon in the last 18 hours.
  int64_t n_due = aware + 72 * kNis2MicrosPerHour;
  EXPECT_EQ(deadline_state(aware, n_due, std::nullopt, n_due - 18 * kNis2MicrosPerHour),
            ClockState::kPending);
  EXPECT_EQ(deadline_state(aware, n_due, std::nullopt, n_due - 18 * kNis2MicrosPerHour + 1),
            ClockState::kDueSoon);
}

TEST(Nis2Clock, NotSignificantNeedsNoNis2ReportButGdprRunsWithPersonalData) {
  int64_t aware = utc("2026-06-01T08:00:00Z");
  ClockInputs in;
  in.aware_at = aware;
  in.now = aware;
  auto none = run(in);
  for (const auto& c : none) EXPECT_EQ(c.state, ClockState::kNotRequired) << c.basis;
  EXPECT_FALSE(earliest_unmet_deadline(none));

  in.personal_data = true;
  auto gdpr = run(in);
  const auto& g = clock_of(gdpr, ReportType::kGdprBreach);
  EXPECT_EQ(g.state, ClockState::kPending);
  EXPECT_EQ(iso(*g.due_at), "2026-06-04T08:00:00.000000Z");
  EXPECT_EQ(g.basis, "Regulation (EU) 2016/679 Art. 33(1)");
  EXPECT_EQ(clock_of(gdpr, ReportType::kEarlyWarning).state, ClockState::kNotRequired);
  EXPECT_EQ(*earliest_unmet_deadline(gdpr), *g.due_at);
}

TEST(Nis2Clock, FinalWaitsForTheNotification) {
  int64_t aware = utc("2026-06-01T08:00:00Z");
  auto clocks = run(significant_at(aware, "UTC", aware));
  const auto& f = clock_of(clocks, ReportType::kFinal);
  EXPECT_EQ(f.state, ClockState::kPending);
  EXPECT_FALSE(f.due_at);
  EXPECT_EQ(clock_of(clocks, ReportType::kProgress).state, ClockState::kNotRequired);
  EXPECT_EQ(clock_of(clocks, ReportType::kIntermediate).state, ClockState::kNotRequired);
}

TEST(Nis2Clock, HandledInTimeNeedsAFinalReportAndNoProgressReport) {
  int64_t aware = utc("2026-06-01T08:00:00Z");
  int64_t notified = utc("2026-06-03T08:00:00Z");
  ClockInputs in = significant_at(aware, "UTC", utc("2026-06-20T00:00:00Z"));
  in.reports = {{ReportType::kEarlyWarning, aware + 1}, {ReportType::kNotification, notified}};
  in.handled_at = utc("2026-06-10T00:00:00Z");
  auto clocks = run(in);
  EXPECT_EQ(iso(*clock_of(clocks, ReportType::kFinal).due_at), "2026-07-03T23:59:59.999999Z");
  EXPECT_EQ(clock_of(clocks, ReportType::kProgress).state, ClockState::kNotRequired);
  EXPECT_EQ(iso(*earliest_unmet_deadline(clocks)), "2026-07-03T23:59:59.999999Z");
}

TEST(Nis2Clock, OngoingAtTheFinalDeadlineNeedsAProgressReportThenTheFinalAfterHandling) {
  int64_t aware = utc("2026-06-01T08:00:00Z");
  int64_t notified = utc("2026-06-03T08:00:00Z");
  ClockInputs in = significant_at(aware, "UTC", utc("2026-07-04T00:00:00Z"));
  in.reports = {{ReportType::kEarlyWarning, aware + 1}, {ReportType::kNotification, notified}};
  auto ongoing = run(in);
  const auto& p = clock_of(ongoing, ReportType::kProgress);
  EXPECT_EQ(p.state, ClockState::kOverdue);
  EXPECT_EQ(iso(*p.due_at), "2026-07-03T23:59:59.999999Z");
  EXPECT_EQ(clock_of(ongoing, ReportType::kFinal).state, ClockState::kPending);
  EXPECT_FALSE(clock_of(ongoing, ReportType::kFinal).due_at);

  // Before the month ends, both are shown due then (which one depends on the incident).
  in.now = utc("2026-06-20T00:00:00Z");
  auto before = run(in);
  EXPECT_EQ(iso(*clock_of(before, ReportType::kFinal).due_at), "2026-07-03T23:59:59.999999Z");
  EXPECT_EQ(iso(*clock_of(before, ReportType::kProgress).due_at), "2026-07-03T23:59:59.999999Z");

  // Handled on 15 July: progress was due on 3 July, final on 15 August.
  in.handled_at = utc("2026-07-15T12:00:00Z");
  in.now = utc("2026-07-16T00:00:00Z");
  in.reports.push_back({ReportType::kProgress, utc("2026-07-03T10:00:00Z")});
  auto handled = run(in);
  EXPECT_EQ(clock_of(handled, ReportType::kProgress).state, ClockState::kSubmitted);
  const auto& f = clock_of(handled, ReportType::kFinal);
  EXPECT_EQ(iso(*f.due_at), "2026-08-15T23:59:59.999999Z");
  EXPECT_EQ(f.state, ClockState::kPending);
  EXPECT_EQ(handled[3].type, ReportType::kFinal);  // order kept
  EXPECT_EQ(handled[4].type, ReportType::kProgress);
}

TEST(Nis2Clock, IntermediateReportOnlyWhenRequested) {
  int64_t aware = utc("2026-06-01T08:00:00Z");
  ClockInputs in = significant_at(aware, "UTC", utc("2026-06-05T00:00:00Z"));
  in.intermediate =
      IntermediateRequest{utc("2026-06-04T00:00:00Z"), utc("2026-06-06T00:00:00Z"), "CERT-SE"};
  // A report filed before the request does not answer it.
  in.reports = {{ReportType::kIntermediate, utc("2026-06-03T00:00:00Z")}};
  auto clocks = run(in);
  const auto& i = clock_of(clocks, ReportType::kIntermediate);
  EXPECT_EQ(i.state, ClockState::kPending);
  EXPECT_EQ(iso(*i.due_at), "2026-06-06T00:00:00.000000Z");
  EXPECT_EQ(i.note, "requested by CERT-SE");
  in.reports.push_back({ReportType::kIntermediate, utc("2026-06-05T12:00:00Z")});
  EXPECT_EQ(clock_of(run(in), ReportType::kIntermediate).state, ClockState::kSubmitted);
}

TEST(Nis2Clock, EarliestUnmetDeadlineSkipsSubmittedClocks) {
  int64_t aware = utc("2026-06-01T08:00:00Z");
  ClockInputs in = significant_at(aware, "UTC", aware + kNis2MicrosPerHour);
  auto clocks = run(in);
  EXPECT_EQ(*earliest_unmet_deadline(clocks), aware + 24 * kNis2MicrosPerHour);
  in.reports = {{ReportType::kEarlyWarning, aware + 2 * kNis2MicrosPerHour}};
  EXPECT_EQ(*earliest_unmet_deadline(run(in)), aware + 72 * kNis2MicrosPerHour);
  // The earliest of two submissions counts.
  in.reports.push_back({ReportType::kEarlyWarning, aware + 30 * kNis2MicrosPerHour});
  EXPECT_EQ(clock_of(run(in), ReportType::kEarlyWarning).state, ClockState::kSubmitted);
}

TEST(Nis2Clock, UnknownZoneIsRefused) {
  ClockInputs in;
  in.zone = "Nowhere/Town";
  auto r = compute_clocks(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
}

TEST(Nis2Clock, ReportTypeNamesRoundTrip) {
  for (ReportType t : all_report_types()) {
    EXPECT_EQ(parse_report_type(report_type_name(t)), t);
  }
  EXPECT_FALSE(parse_report_type("summary"));
}

}  // namespace
}  // namespace isms
