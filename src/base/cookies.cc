#include "base/cookies.h"

namespace isms {
namespace {

bool is_tchar(unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

// RFC 6265: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
bool is_cookie_octet(unsigned char c) {
  return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) ||
         (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
}

bool is_ows(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

bool all_of(std::string_view s, bool (*pred)(unsigned char)) {
  for (char c : s) {
    if (!pred(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Attribute values: visible ASCII and space, except ';'.
bool is_attribute_char(unsigned char c) { return c >= 0x20 && c < 0x7f && c != ';'; }

std::string keep_only(std::string_view s, bool (*pred)(unsigned char)) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (pred(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return out;
}

}  // namespace

std::optional<std::string> find_cookie(std::string_view cookie_header, std::string_view name) {
  if (cookie_header.size() > kCookieHeaderMaxBytes || name.empty()) return std::nullopt;
  while (!cookie_header.empty()) {
    size_t semi = cookie_header.find(';');
    std::string_view pair = cookie_header.substr(0, semi);
    cookie_header =
        semi == std::string_view::npos ? std::string_view() : cookie_header.substr(semi + 1);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view n = trim(pair.substr(0, eq));
    if (n != name || !all_of(n, is_tchar)) continue;
    std::string_view v = trim(pair.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (!all_of(v, is_cookie_octet)) continue;
    return std::string(v);
  }
  return std::nullopt;
}

std::string set_cookie_header(std::string_view name, std::string_view value,
                              const CookieOptions& options) {
  std::string out = keep_only(name, is_tchar);
  out.push_back('=');
  out += keep_only(value, is_cookie_octet);
  std::string path = keep_only(options.path, is_attribute_char);
  if (!path.empty()) out += "; Path=" + path;
  if (options.max_age_seconds) {
    int64_t age = *options.max_age_seconds < 0 ? 0 : *options.max_age_seconds;
    out += "; Max-Age=" + std::to_string(age);
  }
  if (options.http_only) out += "; HttpOnly";
  if (options.secure) out += "; Secure";
  std::string same_site = keep_only(options.same_site, is_tchar);
  if (!same_site.empty()) out += "; SameSite=" + same_site;
  return out;
}

}  // namespace isms
