#include "domain/risk_common.h"

#include <algorithm>
#include <cstdio>

namespace isms::risk_detail {

size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

namespace {

// C0 controls, DEL and C1 controls (UTF-8 C2 80..C2 9F): invisible or cursor-moving text.
bool has_control_characters(std::string_view s, bool allow_newlines) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size()) {
      auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

}  // namespace

void check_text(std::vector<FieldError>& errors, const std::string& field, std::string_view value,
                size_t max, bool multiline, bool required) {
  if (!is_valid_utf8(value)) return errors.push_back({field, "must be valid UTF-8"});
  if (required && is_blank(value)) return errors.push_back({field, "must not be empty"});
  size_t n = utf8_length(value);
  if (n > max) {
    errors.push_back({field, "must be at most " + std::to_string(max) + " characters (got " +
                                 std::to_string(n) + ")"});
  } else if (has_control_characters(value, multiline)) {
    errors.push_back({field, "must not contain control characters"});
  }
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return kDays[month - 1];
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t n, int* out) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      v = v * 10 + (text[i] - '0');
    }
    *out = v;
    return true;
  };
  Date d;
  if (!digits(0, 4, &d.year) || !digits(5, 2, &d.month) || !digits(8, 2, &d.day)) {
    return std::nullopt;
  }
  if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > days_in_month(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

bool is_valid_date(std::string_view text) { return parse_date(text).has_value(); }

std::string format_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Date add_months(const Date& d, int months) {
  int index = d.year * 12 + (d.month - 1) + months;
  Date out;
  out.year = index / 12;
  out.month = index % 12 + 1;
  out.day = std::min(d.day, days_in_month(out.year, out.month));
  return out;
}

Date add_days(const Date& d, int days) {
  Date out = d;
  // Steps a month at a time where it can; the callers move by days or weeks.
  while (days > 0) {
    int left = days_in_month(out.year, out.month) - out.day;
    if (days <= left) {
      out.day += days;
      break;
    }
    days -= left + 1;
    out.day = 1;
    if (++out.month > 12) {
      out.month = 1;
      ++out.year;
    }
  }
  while (days < 0) {
    if (-days < out.day) {
      out.day += days;
      break;
    }
    days += out.day;
    if (--out.month < 1) {
      out.month = 12;
      --out.year;
    }
    out.day = days_in_month(out.year, out.month);
  }
  return out;
}

std::optional<std::string> JsonFields::string(const Json& v, const std::string& field) {
  if (!v.is_string()) {
    add(field, "must be a string");
    return std::nullopt;
  }
  return v.get<std::string>();
}

std::optional<int64_t> JsonFields::integer(const Json& v, const std::string& field, int64_t min,
                                           int64_t max) {
  if (!v.is_number_integer()) {
    add(field, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  int64_t n = v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)
                  ? INT64_MAX
                  : v.get<int64_t>();
  if (n < min || n > max) {
    add(field, "must be from " + std::to_string(min) + " to " + std::to_string(max) + ", got " +
                   std::to_string(n));
    return std::nullopt;
  }
  return n;
}

std::optional<std::vector<std::string>> JsonFields::strings(const Json& v, const std::string& field,
                                                            size_t max_items) {
  if (!v.is_array()) {
    add(field, "must be an array of strings");
    return std::nullopt;
  }
  if (v.size() > max_items) {
    add(field, "must list at most " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const Json& e : v) {
    if (!e.is_string()) {
      add(field, "must contain only strings");
      return std::nullopt;
    }
    out.push_back(e.get<std::string>());
  }
  return out;
}

std::optional<std::optional<std::string>> JsonFields::nullable_string(const Json& v,
                                                                      const std::string& field) {
  if (v.is_null()) return std::optional<std::string>{};
  if (!v.is_string()) {
    add(field, "must be a string or null");
    return std::nullopt;
  }
  return std::optional<std::string>{v.get<std::string>()};
}

}  // namespace isms::risk_detail
