// Calendar arithmetic in the organization's time zone (IANA names such as
// "Europe/Stockholm"), over the system tzdata through Howard Hinnant's date/tz (Debian
// libhowardhinnant-date-dev; C++20 <chrono> time zones are not in GCC 12's library).
// Instants are micros since the Unix epoch, UTC (base/time.h); dates are "YYYY-MM-DD".
// Thread-safe. Errors: kInvalid naming `field` for an unknown zone or a malformed date.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace isms {

// True when the system tzdata knows the zone ("UTC" always).
bool is_known_time_zone(std::string_view zone);

// The local calendar date of an instant.
Result<std::string> local_date(int64_t micros, const std::string& zone);

// The instant of a local wall time: `date` at `seconds_of_day` (0..86399). A wall time that
// does not exist (skipped by a spring-forward change) gives the instant the gap ends
// (02:30 on the day clocks go 02:00 -> 03:00 gives 03:00); one that occurs twice (fall-back)
// gives the earlier instant.
Result<int64_t> local_time_to_utc(const std::string& date, int seconds_of_day,
                                  const std::string& zone);

// The last microsecond of `date` in the zone (23:59:59.999999 local; days of 23 or 25
// hours at daylight-saving changes are handled).
Result<int64_t> end_of_local_day(const std::string& date, const std::string& zone);

// "2026-03-31T10:00:00+02:00": the instant in local time with its UTC offset (seconds
// dropped from the fraction).
Result<std::string> format_local_time(int64_t micros, const std::string& zone);

// The UTC offset of the zone at an instant, in seconds (e.g. 7200 for CEST).
Result<int> utc_offset_seconds(int64_t micros, const std::string& zone);

// Date arithmetic without a zone. add_days: any sign. add_months: the same day of the
// month, or the last day of the month when it has no such day (Jan 31 + 1 -> Feb 28/29).
// kInvalid naming `date` when malformed.
Result<std::string> add_days(const std::string& date, int64_t days);
Result<std::string> add_months(const std::string& date, int64_t months);
// Days from a to b (b - a); both must be valid dates.
Result<int64_t> days_between(const std::string& a, const std::string& b);
// 0 = Monday .. 6 = Sunday (ISO).
Result<int> iso_weekday(const std::string& date);
bool is_valid_date(std::string_view date);

}  // namespace isms
