// Typed decoding of query parameter values. Every failure is kMalformed with Error::field
// set to the parameter name, as docs/api.md requires ("a bad value -> 400 naming the
// parameter"). Never throws.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/error.h"
#include "http/message.h"
#include "http/router.h"

namespace isms::http {

// kMalformed naming the first parameter in `params` that `accepted` does not list.
Status check_known_params(const QueryParams& params, const std::vector<QueryParamDoc>& accepted);

// A decimal integer in [min, max]: digits only (no sign, spaces or exponent).
Result<int64_t> parse_int_param(const std::string& name, const std::string& value, int64_t min,
                                int64_t max);

// "true" or "false".
Result<bool> parse_bool_param(const std::string& name, const std::string& value);

// A comma-separated list of 1..max_items non-empty items, each accepted by `valid`
// (nullptr accepts any). Duplicates are dropped, order kept.
Result<std::vector<std::string>> parse_list_param(
    const std::string& name, const std::string& value, size_t max_items,
    const std::function<bool(const std::string&)>& valid);

}  // namespace isms::http
