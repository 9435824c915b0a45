#include "base/time_zone.h"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace isms {
namespace {

using Micros = std::chrono::microseconds;

// locate_zone throws for an unknown name; isms reports errors as values.
const date::time_zone* find_zone(const std::string& zone) {
  try {
    return date::locate_zone(zone);
  } catch (const std::exception&) {
    return nullptr;
  }
}

Error unknown_zone(const std::string& zone) {
  return Error::invalid("time_zone", "unknown time zone \"" + zone +
                                         "\" (use an IANA name such as Europe/Stockholm)");
}

bool parse_date(std::string_view text, date::year_month_day* out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = 0; k < lengths[i]; ++k) {
      char c = text[starts[i] + k];
      if (c < '0' || c > '9') return false;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  date::year_month_day ymd{date::year{parts[0]}, date::month{static_cast<unsigned>(parts[1])},
                           date::day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok() || parts[0] < 1) return false;
  *out = ymd;
  return true;
}

std::string format_date(const date::year_month_day& ymd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

Error bad_date(std::string_view date) {
  return Error::invalid(
      "date", "\"" + std::string(date.substr(0, 40)) + "\" is not a date of the form YYYY-MM-DD");
}

}  // namespace

bool is_known_time_zone(std::string_view zone) {
  return zone == "UTC" || find_zone(std::string(zone)) != nullptr;
}

bool is_valid_date(std::string_view text) {
  date::year_month_day ymd;
  return parse_date(text, &ymd);
}

Result<std::string> local_date(int64_t micros, const std::string& zone) {
  const date::time_zone* tz = find_zone(zone);
  if (tz == nullptr) return unknown_zone(zone);
  auto local = tz->to_local(date::sys_time<Micros>{Micros{micros}});
  return format_date(date::year_month_day{date::floor<date::days>(local)});
}

Result<int64_t> local_time_to_utc(const std::string& date_text, int seconds_of_day,
                                  const std::string& zone) {
  const date::time_zone* tz = find_zone(zone);
  if (tz == nullptr) return unknown_zone(zone);
  date::year_month_day ymd;
  if (!parse_date(date_text, &ymd)) return bad_date(date_text);
  if (seconds_of_day < 0 || seconds_of_day > 86399) {
    return Error::invalid("time", "a time of day is between 00:00:00 and 23:59:59");
  }
  date::local_time<Micros> local = date::local_days{ymd} + std::chrono::seconds{seconds_of_day};
  auto sys = tz->to_sys(local, date::choose::earliest);
  return static_cast<int64_t>(sys.time_since_epoch().count());
}

Result<int64_t> end_of_local_day(const std::string& date_text, const std::string& zone) {
  // The next day's start minus one microsecond: right on 23- and 25-hour days, and when
  // midnight itself is skipped by a change (some zones move clocks at 00:00).
  ISMS_ASSIGN(std::string next, add_days(date_text, 1));
  ISMS_ASSIGN(int64_t start, local_time_to_utc(next, 0, zone));
  return start - 1;
}

Result<std::string> format_local_time(int64_t micros, const std::string& zone) {
  const date::time_zone* tz = find_zone(zone);
  if (tz == nullptr) return unknown_zone(zone);
  date::sys_seconds sys = date::floor<std::chrono::seconds>(date::sys_time<Micros>{Micros{micros}});
  auto info = tz->get_info(sys);
  auto local = date::local_seconds{sys.time_since_epoch() + info.offset};
  auto day = date::floor<date::days>(local);
  date::hh_mm_ss<std::chrono::seconds> tod{local - day};
  int offset = static_cast<int>(info.offset.count());
  char sign = offset < 0 ? '-' : '+';
  if (offset < 0) offset = -offset;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d",
                format_date(date::year_month_day{day}).c_str(),
                static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                static_cast<int>(tod.seconds().count()), sign, offset / 3600, (offset % 3600) / 60);
  return std::string(buf);
}

Result<int> utc_offset_seconds(int64_t micros, const std::string& zone) {
  const date::time_zone* tz = find_zone(zone);
  if (tz == nullptr) return unknown_zone(zone);
  auto info =
      tz->get_info(date::floor<std::chrono::seconds>(date::sys_time<Micros>{Micros{micros}}));
  return static_cast<int>(info.offset.count());
}

Result<std::string> add_days(const std::string& date_text, int64_t days) {
  date::year_month_day ymd;
  if (!parse_date(date_text, &ymd)) return bad_date(date_text);
  date::year_month_day out{date::sys_days{ymd} + date::days{days}};
  if (!out.ok() || static_cast<int>(out.year()) < 1 || static_cast<int>(out.year()) > 9999) {
    return Error::invalid("date", "date out of range");
  }
  return format_date(out);
}

Result<std::string> add_months(const std::string& date_text, int64_t months) {
  date::year_month_day ymd;
  if (!parse_date(date_text, &ymd)) return bad_date(date_text);
  if (months > 120000 || months < -120000) return Error::invalid("months", "out of range");
  auto ym = date::year_month{ymd.year(), ymd.month()} + date::months{months};
  if (static_cast<int>(ym.year()) < 1 || static_cast<int>(ym.year()) > 9999) {
    return Error::invalid("date", "date out of range");
  }
  date::year_month_day_last last{ym.year(), date::month_day_last{ym.month()}};
  date::day d = ymd.day() > last.day() ? last.day() : ymd.day();
  return format_date(date::year_month_day{ym.year(), ym.month(), d});
}

Result<int64_t> days_between(const std::string& a, const std::string& b) {
  date::year_month_day ya, yb;
  if (!parse_date(a, &ya)) return bad_date(a);
  if (!parse_date(b, &yb)) return bad_date(b);
  return static_cast<int64_t>((date::sys_days{yb} - date::sys_days{ya}).count());
}

Result<int> iso_weekday(const std::string& date_text) {
  date::year_month_day ymd;
  if (!parse_date(date_text, &ymd)) return bad_date(date_text);
  date::weekday wd{date::sys_days{ymd}};
  return static_cast<int>(wd.iso_encoding()) - 1;
}

}  // namespace isms
