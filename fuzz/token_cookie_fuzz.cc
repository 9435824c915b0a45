// Fuzz target: the parsers of credentials as they arrive from outside: API tokens
// (Authorization header), cookies (Cookie header), base32 TOTP secrets, recovery codes as
// typed, TOTP codes as typed, and the password policy.
//
// Input layout: "<cookie name>\n<everything else>"; the whole input is also used as a
// token, base32 text, recovery code, TOTP code and password.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/cookies.h"
#include "base/crypto.h"
#include "base/json.h"
#include "base/secrets.h"
#include "base/totp.h"

namespace {

const std::string kTotpSecret = "12345678901234567890";
constexpr int64_t kNow = 1111111111;  // step 37037037

bool is_cookie_octet(unsigned char c) {
  return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) ||
         (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
}

void check_token(std::string_view text) {
  auto parts = isms::parse_api_token(text);
  if (!parts) return;
  if (parts->id.size() != 16 || parts->secret.size() != 43) std::abort();
  if (isms::format_api_token(parts->id, parts->secret) != text) std::abort();
}

void check_cookie(std::string_view name, std::string_view header) {
  auto value = isms::find_cookie(header, name);
  if (value) {
    if (name.empty() || header.size() > isms::kCookieHeaderMaxBytes) std::abort();
    if (header.find(name) == std::string_view::npos) std::abort();
    for (char c : *value) {
      if (!is_cookie_octet(static_cast<unsigned char>(c))) std::abort();
    }
    // What the server sets, a browser sends back: the same value comes out again.
    std::string set = isms::set_cookie_header(name, *value, isms::CookieOptions{});
    auto again = isms::find_cookie(set.substr(0, set.find(';')), name);
    if (!again || *again != *value) std::abort();
  }
  // Whatever goes in, the Set-Cookie value cannot be split into more headers.
  isms::CookieOptions options;
  options.path = std::string(header.substr(0, 64));
  options.same_site = std::string(name);
  options.max_age_seconds = static_cast<int64_t>(header.size()) - 100;
  std::string set = isms::set_cookie_header(name, header, options);
  for (char c : set) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) std::abort();
  }
}

void check_base32(std::string_view text) {
  auto decoded = isms::base32_decode(text);
  if (decoded.ok()) {
    auto again = isms::base32_decode(isms::base32_encode(*decoded));
    if (!again.ok() || *again != *decoded) std::abort();
  } else if (decoded.error().code != isms::ErrorCode::kMalformed) {
    std::abort();
  }
  auto round = isms::base32_decode(isms::base32_encode(text));
  if (!round.ok() || *round != text) std::abort();
}

void check_recovery_code(std::string_view text) {
  std::string n = isms::normalize_recovery_code(text);
  for (char c : n) {
    if (c == ' ' || c == '-' || (c >= 'a' && c <= 'z')) std::abort();
  }
  if (isms::normalize_recovery_code(n) != n) std::abort();
}

void check_totp(std::string_view text) {
  const int64_t step = isms::totp_step(kNow);
  const int64_t last_used = step - 1 + static_cast<int64_t>(text.size() % 3);
  auto matched = isms::totp_verify(kTotpSecret, text, kNow, last_used);
  if (matched) {
    if (*matched <= last_used || *matched < step - 1 || *matched > step + 1) std::abort();
    std::string_view code = text;
    while (!code.empty() && code.front() == ' ') code.remove_prefix(1);
    while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
    if (code != isms::totp_code_at_step(kTotpSecret, *matched)) std::abort();
  }
  // The input as a secret: always a 6-digit code.
  std::string code = isms::totp_code_at_step(text, step);
  if (code.size() != 6) std::abort();
  for (char c : code) {
    if (c < '0' || c > '9') std::abort();
  }
}

void check_password(std::string_view text) {
  auto problems = isms::password_problems(text, text.substr(0, 8), text.substr(0, 16));
  if (!isms::is_valid_utf8(text) && problems.size() != 1) std::abort();
  for (const auto& p : problems) {
    if (p.empty()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool init = isms::crypto_init();
  if (!init) std::abort();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t nl = text.find('\n');
  std::string_view name = nl == std::string_view::npos ? std::string_view() : text.substr(0, nl);
  std::string_view header = nl == std::string_view::npos ? text : text.substr(nl + 1);

  check_token(text);
  check_cookie(name, header);
  check_base32(text);
  check_recovery_code(text);
  check_totp(text);
  check_password(text);
  return 0;
}
