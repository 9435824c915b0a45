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

bool if_none_match_matches(const std::string* value, std::string_view etag) {
  if (value == nullptr) return false;
  auto opaque = [](std::string_view tag) {
    if (tag.size() >= 2 && tag[0] == 'W' && tag[1] == '/') tag.remove_prefix(2);
    return tag;
  };
  std::string_view ours = opaque(etag);
  std::string_view rest = *value;
  if (trim(rest) == "*") return true;
  // Entity tags cannot contain commas (etagc excludes them), so splitting is exact.
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view member = opaque(trim(rest.substr(0, comma)));
    if (member.size() >= 2 && member.front() == '"' && member.back() == '"' && member == ours) {
      return true;
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace isms::http
