#include "base/secrets.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <set>

#include "base/crypto.h"
#include "base/json.h"

namespace isms {
namespace {

constexpr std::string_view kTokenPrefix = "isms_";
constexpr size_t kTokenIdChars = 16;
constexpr size_t kTokenSecretChars = 43;
constexpr size_t kTokenSecretBytes = 32;
// 32 symbols: no 0/O, 1/I (L stays: without 1 it has no twin among upper-case symbols).
constexpr std::string_view kRecoveryAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
static_assert(kRecoveryAlphabet.size() == 32);

// Common passwords of 12+ characters (shorter ones fail the length rule anyway), lower case.
constexpr std::array<std::string_view, 40> kCommonPasswords = {
    "password1234",     "password12345",  "password123456", "password123!", "password2023",
    "password2024",     "password2025",   "password2026",   "passw0rd1234", "passwordpassword",
    "qwertyuiop12",     "qwertyuiop123",  "qwerty123456",   "qwertyqwerty", "qwertyuiopasdf",
    "1q2w3e4r5t6y",     "1qaz2wsx3edc",   "qazwsxedcrfv",   "asdfghjkl123", "zxcvbnm12345",
    "iloveyou1234",     "welcome12345",   "welcome123456",  "letmein12345", "changeme1234",
    "administrator",    "administrator1", "adminadmin12",   "admin1234567", "admin12345678",
    "trustno1trustno1", "baseball1234",   "football1234",   "monkey123456", "sunshine1234",
    "princess1234",     "dragon123456",   "abc123456789",   "123qweasdzxc", "1234qwerasdf",
};

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Code points of valid UTF-8 text.
std::vector<uint32_t> code_points(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1f) : len == 3 ? (b & 0x0f) : (b & 0x07);
    for (int k = 1; k < len && i + static_cast<size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3f);
    out.push_back(cp);
    i += static_cast<size_t>(len);
  }
  return out;
}

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++n;
  }
  return n;
}

bool contains_folded(std::string_view haystack, std::string_view needle) {
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

// All code points equal.
bool is_repeated_character(const std::vector<uint32_t>& cps) {
  return std::all_of(cps.begin(), cps.end(), [&](uint32_t c) { return c == cps.front(); });
}

// Only digits or only letters, each one after (or each one before) the previous, wrapping
// around ("7890123...", "xyzabc...") and ignoring letter case.
bool is_simple_sequence(const std::vector<uint32_t>& cps) {
  if (cps.size() < 2) return false;
  auto klass = [](uint32_t c) -> int {
    if (c >= '0' && c <= '9') return 1;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 2;
    return 0;
  };
  auto index = [](uint32_t c) -> int {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'z') return static_cast<int>(c - 'a');
    return static_cast<int>(c - 'A');
  };
  int k = klass(cps.front());
  if (k == 0) return false;
  int mod = k == 1 ? 10 : 26;
  for (int dir : {1, -1}) {
    bool all = true;
    for (size_t i = 1; i < cps.size() && all; ++i) {
      if (klass(cps[i]) != k || index(cps[i]) != (index(cps[i - 1]) + dir + mod) % mod) {
        all = false;
      }
    }
    if (all) return true;
  }
  return false;
}

bool is_lower_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::vector<std::string> password_problems(std::string_view password, std::string_view username,
                                           std::string_view email) {
  std::vector<std::string> problems;
  if (!is_valid_utf8(password)) {
    problems.push_back("The password is not valid UTF-8 text.");
    return problems;
  }
  if (count_code_points(password) < kPasswordMinChars) {
    problems.push_back("Use at least " + std::to_string(kPasswordMinChars) + " characters.");
  }
  if (password.size() > kPasswordMaxBytes) {
    problems.push_back("Use at most " + std::to_string(kPasswordMaxBytes) + " bytes.");
    return problems;  // the rules below would only scan a password that cannot be used
  }
  if (count_code_points(username) >= 3 && contains_folded(password, username)) {
    problems.push_back("Do not include your username.");
  }
  std::string_view local = email.substr(0, std::min(email.rfind('@'), email.size()));
  if (count_code_points(local) >= 3 && contains_folded(password, local)) {
    problems.push_back("Do not include your e-mail address.");
  }
  std::vector<uint32_t> cps = code_points(password);
  if (!cps.empty() && is_repeated_character(cps)) {
    problems.push_back("Do not use one character repeated.");
  } else if (is_simple_sequence(cps)) {
    problems.push_back("Do not use a simple sequence such as 123456789012 or abcdefghijkl.");
  }
  std::string folded = lower(password);
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), folded) !=
      kCommonPasswords.end()) {
    problems.push_back("This password is too common; choose another.");
  }
  return problems;
}

std::string format_api_token(std::string_view id, std::string_view secret) {
  std::string out(kTokenPrefix);
  out.append(id);
  out.push_back('_');
  out.append(secret);
  return out;
}

std::optional<TokenParts> parse_api_token(std::string_view text) {
  if (text.size() != kTokenPrefix.size() + kTokenIdChars + 1 + kTokenSecretChars) {
    return std::nullopt;
  }
  if (text.substr(0, kTokenPrefix.size()) != kTokenPrefix) return std::nullopt;
  std::string_view id = text.substr(kTokenPrefix.size(), kTokenIdChars);
  if (!is_lower_hex(id)) return std::nullopt;
  if (text[kTokenPrefix.size() + kTokenIdChars] != '_') return std::nullopt;
  std::string_view secret = text.substr(kTokenPrefix.size() + kTokenIdChars + 1);
  // The canonical encoding of 32 bytes (libsodium also refuses non-zero spare bits).
  std::string bytes;
  if (!base64url_decode(secret, &bytes) || bytes.size() != kTokenSecretBytes) return std::nullopt;
  return TokenParts{std::string(id), std::string(secret)};
}

std::string new_token_id() { return hex_encode(random_bytes(kTokenIdChars / 2)); }

std::string new_token_secret() { return base64url_encode(random_bytes(kTokenSecretBytes)); }

std::string new_session_token() { return base64url_encode(random_bytes(32)); }

std::vector<std::string> new_recovery_codes(int count) {
  std::vector<std::string> codes;
  std::set<std::string> seen;
  while (static_cast<int>(codes.size()) < count) {
    std::string raw = random_bytes(12);
    std::string code;
    code.reserve(14);
    for (size_t i = 0; i < raw.size(); ++i) {
      if (i == 4 || i == 8) code.push_back('-');
      code.push_back(kRecoveryAlphabet[static_cast<unsigned char>(raw[i]) & 31]);  // unbiased
    }
    if (seen.insert(code).second) codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalize_recovery_code(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (char c : code) {
    if (c == ' ' || c == '\t' || c == '-') continue;
    out.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

bool secure_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace isms
