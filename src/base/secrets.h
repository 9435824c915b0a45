// Password policy, API token wire form, session tokens and recovery codes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace isms {

inline constexpr size_t kPasswordMinChars = 12;    // code points
inline constexpr size_t kPasswordMaxBytes = 1024;  // argon2 input bound

// Why `password` is not acceptable, one sentence each; empty when it is. Rules: valid
// UTF-8; 12+ code points; at most 1024 bytes; not containing the username or the
// person's e-mail local part (ASCII case-insensitive, when 3+ characters); not one
// repeated character or a simple sequence (all digits or all letters, each one up or each
// one down from the previous, wrapping: "123456789012", "abcdefghijkl"); not in a short
// list of common passwords (e.g. "password1234", "qwertyuiop12"). Invalid UTF-8 or over
// 1024 bytes reports only that (and length).
std::vector<std::string> password_problems(std::string_view password, std::string_view username,
                                           std::string_view email);

// API token wire form: "isms_" <16 lower-case hex id> "_" <43-char base64url secret>.
struct TokenParts {
  std::string id;
  std::string secret;
};
std::string format_api_token(std::string_view id, std::string_view secret);
// nullopt unless `text` has exactly that form.
std::optional<TokenParts> parse_api_token(std::string_view text);
std::string new_token_id();      // 16 hex chars (8 random bytes)
std::string new_token_secret();  // base64url of 32 random bytes (43 chars)

// A session token: base64url of 32 random bytes.
std::string new_session_token();

// Recovery codes: `count` distinct codes "XXXX-XXXX-XXXX" (60 bits each) from the 32-symbol
// alphabet ABCDEFGHJKLMNPQRSTUVWXYZ23456789 (no 0/O, 1/I look-alikes).
std::vector<std::string> new_recovery_codes(int count = 10);
// Upper-cases (ASCII) and removes spaces, tabs and dashes, so a code can be typed loosely.
std::string normalize_recovery_code(std::string_view code);

// Constant-time equality (sodium_memcmp) for equal lengths; false for different lengths.
bool secure_equals(std::string_view a, std::string_view b);

}  // namespace isms
