// Appending JSON text directly to a std::string, for hot paths where building a Json tree
// and dumping it costs far more than the bytes themselves (docs/performance.md).
//
// The output is byte-identical to dump_json() of the equivalent Json value: strings are
// escaped exactly like nlohmann's serializer with ensure_ascii=false and
// error_handler_t::replace (\" \\ \b \f \n \r \t, other C0 controls as lower-case \u00xx,
// DEL and non-ASCII left raw, '/' unescaped, every invalid UTF-8 sequence replaced by one
// U+FFFD the way nlohmann's decoder resynchronizes). Callers must write object members in
// nlohmann's key order (std::map, i.e. byte-wise ascending) to stay identical.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isms {

// Appends `s` as a quoted JSON string.
void append_json_string(std::string_view s, std::string* out);

// Appends a quoted string, or null when `s` is empty.
void append_json_optional(const std::optional<std::string>& s, std::string* out);

// Appends a decimal integer.
void append_json_int(int64_t value, std::string* out);

inline void append_json_bool(bool value, std::string* out) {
  out->append(value ? "true" : "false");
}

}  // namespace isms
