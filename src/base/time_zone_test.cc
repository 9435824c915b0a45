#include "base/time_zone.h"

#include <gtest/gtest.h>

#include "base/time.h"

namespace isms {
namespace {

int64_t at(const char* utc) {
  int64_t m = 0;
  EXPECT_TRUE(parse_utc_micros(utc, &m)) << utc;
  return m;
}

TEST(TimeZone, KnownZones) {
  EXPECT_TRUE(is_known_time_zone("UTC"));
  EXPECT_TRUE(is_known_time_zone("Europe/Stockholm"));
  EXPECT_FALSE(is_known_time_zone("Mars/Olympus_Mons"));
  EXPECT_FALSE(is_known_time_zone(""));
  auto bad = local_date(0, "Nowhere/Else");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "time_zone");
}

TEST(TimeZone, LocalDateCrossesMidnight) {
  // 23:30 UTC on 31 Dec is already 1 Jan in Stockholm (CET, +1) but not in New York.
  EXPECT_EQ(local_date(at("2026-12-31T23:30:00Z"), "Europe/Stockholm").value(), "2027-01-01");
  EXPECT_EQ(local_date(at("2026-12-31T23:30:00Z"), "America/New_York").value(), "2026-12-31");
}

TEST(TimeZone, SpringForwardAndFallBack) {
  // Stockholm: 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET.
  EXPECT_EQ(format_local_time(at("2026-03-29T00:59:59Z"), "Europe/Stockholm").value(),
            "2026-03-29T01:59:59+01:00");
  EXPECT_EQ(format_local_time(at("2026-03-29T01:00:00Z"), "Europe/Stockholm").value(),
            "2026-03-29T03:00:00+02:00");
  // 02:30 does not exist that day: the gap's end.
  EXPECT_EQ(local_time_to_utc("2026-03-29", 2 * 3600 + 1800, "Europe/Stockholm").value(),
            at("2026-03-29T01:00:00Z"));
  // 02:30 happens twice on 25 October: the earlier (CEST) one.
  EXPECT_EQ(local_time_to_utc("2026-10-25", 2 * 3600 + 1800, "Europe/Stockholm").value(),
            at("2026-10-25T00:30:00Z"));
  // A 23-hour and a 25-hour day end at local midnight.
  EXPECT_EQ(end_of_local_day("2026-03-29", "Europe/Stockholm").value(),
            at("2026-03-29T21:59:59.999999Z"));
  EXPECT_EQ(end_of_local_day("2026-10-25", "Europe/Stockholm").value(),
            at("2026-10-25T22:59:59.999999Z"));
  EXPECT_EQ(utc_offset_seconds(at("2026-07-01T12:00:00Z"), "Europe/Stockholm").value(), 7200);
}

TEST(TimeZone, DateArithmetic) {
  EXPECT_EQ(add_months("2026-01-31", 1).value(), "2026-02-28");
  EXPECT_EQ(add_months("2028-01-31", 1).value(), "2028-02-29");
  EXPECT_EQ(add_months("2026-03-31", -1).value(), "2026-02-28");
  EXPECT_EQ(add_months("2026-11-15", 3).value(), "2027-02-15");
  EXPECT_EQ(add_days("2026-12-31", 1).value(), "2027-01-01");
  EXPECT_EQ(add_days("2026-03-01", -1).value(), "2026-02-28");
  EXPECT_EQ(days_between("2026-01-01", "2027-01-01").value(), 365);
  EXPECT_EQ(iso_weekday("2026-11-30").value(), 0);  // a Monday
  EXPECT_EQ(iso_weekday("2026-11-29").value(), 6);  // a Sunday
  EXPECT_FALSE(is_valid_date("2026-02-29"));
  EXPECT_FALSE(is_valid_date("2026-2-01"));
  EXPECT_FALSE(is_valid_date("2026-02-01T00:00"));
  EXPECT_TRUE(is_valid_date("2028-02-29"));
  EXPECT_EQ(add_days("not a date", 1).error().field, "date");
}

}  // namespace
}  // namespace isms
