// parse_utc_micros / format_utc_micros: the instants of API bodies, stored records and the
// fake clock file.
#include "base/time.h"

#include <gtest/gtest.h>

namespace isms {
namespace {

TEST(ParseUtcMicros, ReadsWhatFormatWrites) {
  for (int64_t m : {int64_t{0}, int64_t{1790000000123456}, int64_t{951782400000000}}) {
    int64_t back = -1;
    ASSERT_TRUE(parse_utc_micros(format_utc_micros(m), &back)) << format_utc_micros(m);
    EXPECT_EQ(back, m);
  }
}

TEST(ParseUtcMicros, AcceptsNoOrLongFractions) {
  int64_t m = 0;
  ASSERT_TRUE(parse_utc_micros("2026-11-29T01:02:03Z", &m));
  EXPECT_EQ(format_utc_micros(m), "2026-11-29T01:02:03.000000Z");
  ASSERT_TRUE(parse_utc_micros("2026-11-29T01:02:03.123456789Z", &m));
  EXPECT_EQ(format_utc_micros(m), "2026-11-29T01:02:03.123456Z");
  ASSERT_TRUE(parse_utc_micros("2024-02-29T00:00:00Z", &m));  // a leap day
}

TEST(ParseUtcMicros, RefusesSignsSpacesAndImpossibleDays) {
  int64_t m = 0;
  for (const char* bad :
       {"2026-11-29T-1:00:00Z", "2026-11-29T01:-1:00Z", "2026-11-29T01:00:-1Z",
        "2026-11-29T+1:00:00Z", "2026-11-29T 1:00:00Z", "2026-+1-29T01:00:00Z",
        "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-11-29 01:00:00Z", "2026-11-29T01:00:00", "2026-11-29T01:00:00+01:00",
        "2026-11-29T24:00:00Z", "2026-13-01T00:00:00Z", "", "2026-11-29"}) {
    EXPECT_FALSE(parse_utc_micros(bad, &m)) << bad;
  }
}

}  // namespace
}  // namespace isms
