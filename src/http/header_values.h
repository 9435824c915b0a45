// Parsing of the request header values the API relies on: Content-Type and If-Match.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace isms::http {

// True for "application/json" (case-insensitive) with optional parameters; a charset
// parameter, when present, must be utf-8. "application/json; charset=UTF-8" -> true,
// "text/plain" -> false, "application/json; charset=latin1" -> false.
bool is_json_content_type(std::string_view value);

// If-Match carries the version the client last saw as a strong ETag: "\"3\"". nullptr
// (header absent) -> nullopt. Anything else than one quoted positive integer is kMalformed
// with field "If-Match" (including "*" and weak tags: a version is required to be exact).
Result<std::optional<int64_t>> parse_if_match(const std::string* value);

// The ETag header value for a version: 3 -> "\"3\"".
std::string etag_for_version(int64_t version);

// True when an If-None-Match header value (nullptr = absent -> false) names `etag` (a
// quoted entity tag as sent in ETag) or is "*". The comparison is weak (RFC 9110 13.1.2):
// a W/ prefix on either side is ignored. Malformed members never match.
bool if_none_match_matches(const std::string* value, std::string_view etag);

}  // namespace isms::http
