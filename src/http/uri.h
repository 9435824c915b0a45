// Request-target parsing: splitting path and query, percent-decoding, query parameters.
//
// Every function returns kMalformed (never throws) for input a client could send by
// mistake or on purpose: invalid %-escapes, decoded bytes that are not UTF-8, NUL bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "http/message.h"

namespace isms::http {

// Decodes %XX escapes; with plus_is_space also '+' as ' ' (form encoding, used in query
// strings). The result must be valid UTF-8 without NUL. `what` names the part in messages
// and becomes Error::field (e.g. the query parameter name).
Result<std::string> percent_decode(std::string_view text, bool plus_is_space,
                                   const std::string& what = {});

// A request target in origin form, split at the first '?'.
struct Target {
  std::string_view path;   // starts with '/', still encoded
  std::string_view query;  // after '?', still encoded; empty when absent
};
// kMalformed unless target starts with '/' and contains no '#'.
Result<Target> split_target(std::string_view target);

// Splits an encoded path into decoded segments: "/" -> {}, "/a/b%20c" -> {"a","b c"},
// "/a/" -> {"a",""}. A decoded segment may contain '/' (from %2F); callers that map
// segments to files must reject it.
Result<std::vector<std::string>> split_path(std::string_view path);

// Parses "a=1&b=x%20y" into decoded pairs in order. Empty pieces ("a=1&&b=2") are skipped;
// a piece without '=' has an empty value. A name given twice is kMalformed naming it.
Result<QueryParams> parse_query(std::string_view query);

}  // namespace isms::http
