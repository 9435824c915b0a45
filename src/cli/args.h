// Parsing of option values the CLI validates itself, so that a bad value is reported like
// every other failure ("isms: error: <option>: <why>", exit 1) rather than as a parser
// usage error. Pure functions; no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace isms::cli {

// A decimal integer in [min, max]; kInvalid naming `field` otherwise.
Result<int64_t> parse_integer(std::string_view field, std::string_view text, int64_t min,
                              int64_t max);

// "a,b, c" -> {"a","b","c"}; empty items are dropped, so "" -> {}.
std::vector<std::string> split_list(std::string_view text);

// "a, b, c" for messages listing the accepted values.
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace isms::cli
