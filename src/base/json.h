// JSON for isms: nlohmann::json with the helpers every layer needs.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/error.h"

namespace isms {

using Json = nlohmann::json;

// Parses text as one JSON value. Malformed, truncated or non-UTF-8 input returns
// kMalformed with a message naming the byte offset; never throws.
Result<Json> parse_json(std::string_view text);

// Compact serialization; invalid UTF-8 in strings is replaced rather than throwing.
std::string dump_json(const Json& value);

// True when text is valid UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view text);

}  // namespace isms
