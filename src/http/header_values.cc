#include "http/header_values.h"

#include <charconv>

#include "http/message.h"

namespace isms::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool is_json_content_type(std::string_view value) {
  size_t semi = value.find(';');
  if (!iequals(trim(value.substr(0, semi)), "application/json")) return false;
  while (semi != std::string_view::npos) {
    value.remove_prefix(semi + 1);
    semi = value.find(';');
    std::string_view param = trim(value.substr(0, semi));
    if (param.empty()) continue;
    size_t eq = param.find('=');
    if (eq == std::string_view::npos) return false;
    std::string_view name = trim(param.substr(0, eq));
    std::string_view v = trim(param.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (iequals(name, "charset") && !iequals(v, "utf-8") && !iequals(v, "utf8")) return false;
  }
  return true;
}

Result<std::optional<int64_t>> parse_if_match(const std::string* value) {
  if (value == nullptr) return std::optional<int64_t>{};
  std::string_view v = trim(*value);
  auto bad = [] {
    return Error::malformed("If-Match: must be the quoted version, e.g. \"3\"", "If-Match");
  };
  if (v.size() < 3 || v.front() != '"' || v.back() != '"') return bad();
  std::string_view digits = v.substr(1, v.size() - 2);
  if (digits.size() > 18) return bad();
  for (char c : digits) {
    if (c < '0' || c > '9') return bad();
  }
  int64_t n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size() || n < 1) return bad();
  return std::optional<int64_t>{n};
}

std::string etag_for_version(int64_t version) { return "\"" + std::to_string(version) + "\""; }

}  // namespace isms::http
