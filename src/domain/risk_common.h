// Small helpers shared by the risk domain files (risk_method, threat, risk, risk_cycle):
// text rules, calendar dates (YYYY-MM-DD) and reading JSON members with every problem
// collected. Used by the risk domain files and the risk services; pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"

namespace isms::risk_detail {

// Code points of valid UTF-8.
size_t utf8_length(std::string_view s);
bool is_blank(std::string_view s);

// Appends an error for `field` unless `value` is valid UTF-8 of at most max code points
// without control characters (newlines and tabs allowed when multiline); required = not
// blank.
void check_text(std::vector<FieldError>& errors, const std::string& field, std::string_view value,
                size_t max, bool multiline, bool required);

// A calendar date of the proleptic Gregorian calendar.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
};
// "YYYY-MM-DD" naming a real day (years 1900..9999); nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);
bool is_valid_date(std::string_view text);
std::string format_date(const Date& d);
int days_in_month(int year, int month);
// months later; a day past the end of the target month becomes its last day
// (Nov 30 + 3 months = Feb 28, or Feb 29 in a leap year).
Date add_months(const Date& d, int months);
Date add_days(const Date& d, int days);

// Collects errors while decoding members of a JSON object. Each reader returns nullopt
// (and records an error) when the value has the wrong type or range.
struct JsonFields {
  std::vector<FieldError> errors;

  void add(std::string field, std::string message) {
    errors.push_back({std::move(field), std::move(message)});
  }
  std::optional<std::string> string(const Json& v, const std::string& field);
  std::optional<int64_t> integer(const Json& v, const std::string& field, int64_t min, int64_t max);
  // An array of strings (ids), at most max_items.
  std::optional<std::vector<std::string>> strings(const Json& v, const std::string& field,
                                                  size_t max_items);
  // null -> engaged holding nullopt; a string -> engaged holding it.
  std::optional<std::optional<std::string>> nullable_string(const Json& v,
                                                            const std::string& field);
  Status finish() {
    if (errors.empty()) return ok_status();
    return Error::invalid(std::move(errors));
  }
};

}  // namespace isms::risk_detail
