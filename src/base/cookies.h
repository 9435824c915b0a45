// HTTP cookies: reading one cookie from a Cookie request header (RFC 6265 section 4.2
// cookie-string) and building a Set-Cookie header value (section 4.1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isms {

// Cookie headers longer than this are not parsed (find_cookie returns nullopt).
inline constexpr size_t kCookieHeaderMaxBytes = 8 * 1024;

// The value of the first cookie named `name` (case-sensitive) in a Cookie header such as
// "a=b; c=d". Spaces and tabs around pairs, names and values are ignored ("a=b;c=d" works);
// a value in double quotes is returned without them. Malformed pairs (no "=", a name that
// is not an RFC 7230 token, a value with characters outside RFC 6265 cookie-octet) are
// skipped. nullopt when absent, or when the header is over kCookieHeaderMaxBytes.
std::optional<std::string> find_cookie(std::string_view cookie_header, std::string_view name);

struct CookieOptions {
  std::string path = "/";  // empty: no Path attribute
  bool http_only = true;
  std::string same_site = "Strict";  // "Strict", "Lax", "None" (needs secure); empty: omitted
  bool secure = false;
  std::optional<int64_t> max_age_seconds;  // nullopt: session cookie; 0 (or less): delete
};

// The value of a Set-Cookie header (without "Set-Cookie: "), e.g.
// "isms_session=abc; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Strict".
// A name is expected to be a token and a value cookie-octets; any other byte is dropped
// (and ';' or control characters from path and same_site), so the header can never be
// split or extended by the input.
std::string set_cookie_header(std::string_view name, std::string_view value,
                              const CookieOptions& options);

}  // namespace isms
