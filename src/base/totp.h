// TOTP (RFC 6238) over HOTP (RFC 4226), with OpenSSL's HMAC, and the base32 and
// otpauth:// forms authenticator apps read. Verified against RFC 6238 Appendix B.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace isms {

enum class TotpHash { kSha1, kSha256, kSha512 };

inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

// The time step of unix_seconds: floor(unix_seconds / step_seconds).
int64_t totp_step(int64_t unix_seconds, int step_seconds = kTotpStepSeconds);
// The code for a time step, zero-padded to `digits` (6..8; other values are clamped).
std::string totp_code_at_step(std::string_view secret, int64_t step, int digits = kTotpDigits,
                              TotpHash hash = TotpHash::kSha1);

// Checks `code` (kTotpDigits ASCII digits, surrounding spaces ignored; SHA-1) against the
// steps now-window .. now+window (window clamped to 0..10), accepting only steps >
// last_used_step (a code is never accepted twice, even within its own step). Returns the
// earliest such matching step or nullopt; the caller stores it as the new last_used_step.
// Compares in constant time.
std::optional<int64_t> totp_verify(std::string_view secret, std::string_view code,
                                   int64_t unix_seconds, int64_t last_used_step, int window = 1);

// A fresh 20-byte secret.
std::string new_totp_secret();

// RFC 4648 base32 without padding (upper case); decode accepts lower case, spaces and
// trailing padding. kMalformed on other characters, text after padding, or a length no
// whole number of bytes encodes to (1, 3 or 6 symbols past a multiple of 8).
std::string base32_encode(std::string_view bytes);
Result<std::string> base32_decode(std::string_view text);

// otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>&algorithm=SHA1&
// digits=6&period=30, with issuer and account percent-encoded (all but RFC 3986
// unreserved characters, so ':' '@' and space too) and `secret` the raw bytes.
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace isms
