#include "http/query_params.h"

#include <algorithm>
#include <charconv>

namespace isms::http {

Status check_known_params(const QueryParams& params, const std::vector<QueryParamDoc>& accepted) {
  for (const auto& param : params) {
    const std::string& name =
        param.first;  // not a structured binding: clang-14 cannot capture those
    bool known = std::any_of(accepted.begin(), accepted.end(),
                             [&](const QueryParamDoc& d) { return d.name == name; });
    if (!known) return Error::malformed(name + ": unknown query parameter", name);
  }
  return ok_status();
}

Result<int64_t> parse_int_param(const std::string& name, const std::string& value, int64_t min,
                                int64_t max) {
  auto bad = [&] {
    return Error::malformed(
        name + ": must be an integer from " + std::to_string(min) + " to " + std::to_string(max),
        name);
  };
  if (value.empty() || value.size() > 19) return bad();
  if (!std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return bad();
  }
  int64_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < min || n > max) return bad();
  return n;
}

Result<bool> parse_bool_param(const std::string& name, const std::string& value) {
  if (value == "true") return true;
  if (value == "false") return false;
  return Error::malformed(name + ": must be true or false", name);
}

Result<std::vector<std::string>> parse_list_param(
    const std::string& name, const std::string& value, size_t max_items,
    const std::function<bool(const std::string&)>& valid) {
  std::vector<std::string> items;
  size_t start = 0;
  while (true) {
    size_t comma = value.find(',', start);
    std::string item =
        value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item.empty()) return Error::malformed(name + ": empty value in list", name);
    if (valid && !valid(item)) {
      // Echo short values only: the message should help, not mirror arbitrary input.
      std::string shown = item.size() <= 64 ? " '" + item + "'" : "";
      return Error::malformed(name + ": unknown value" + shown, name);
    }
    if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
    if (items.size() > max_items) {
      return Error::malformed(name + ": at most " + std::to_string(max_items) + " values", name);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return items;
}

}  // namespace isms::http
