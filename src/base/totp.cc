#include "base/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <algorithm>
#include <array>

#include "base/crypto.h"

namespace isms {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
// A wider window than this would accept most guesses' neighbours; callers never need it.
constexpr int kMaxWindow = 10;

const EVP_MD* md_for(TotpHash hash) {
  switch (hash) {
    case TotpHash::kSha256:
      return EVP_sha256();
    case TotpHash::kSha512:
      return EVP_sha512();
    case TotpHash::kSha1:
      break;
  }
  return EVP_sha1();
}

int base32_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

void append_percent_encoded(std::string* out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out->push_back(ch);
    } else {
      out->push_back('%');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    }
  }
}

}  // namespace

int64_t totp_step(int64_t unix_seconds, int step_seconds) {
  if (step_seconds <= 0) step_seconds = kTotpStepSeconds;
  int64_t q = unix_seconds / step_seconds;
  if (unix_seconds % step_seconds != 0 && unix_seconds < 0) --q;  // floor, not truncation
  return q;
}

std::string totp_code_at_step(std::string_view secret, int64_t step, int digits, TotpHash hash) {
  digits = std::clamp(digits, 6, 8);
  std::array<unsigned char, 8> counter{};
  auto c = static_cast<uint64_t>(step);
  for (int i = 7; i >= 0; --i) {
    counter[static_cast<size_t>(i)] = static_cast<unsigned char>(c & 0xff);
    c >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  static const unsigned char kEmpty = 0;
  const void* key = secret.empty() ? static_cast<const void*>(&kEmpty) : secret.data();
  if (HMAC(md_for(hash), key, static_cast<int>(secret.size()), counter.data(), counter.size(), mac,
           &mac_len) == nullptr ||
      mac_len < 20) {
    return std::string(static_cast<size_t>(digits), '-');  // never matches a digit code
  }
  // RFC 4226 section 5.3 dynamic truncation.
  unsigned offset = mac[mac_len - 1] & 0x0f;
  uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) |
                    (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                    (static_cast<uint32_t>(mac[offset + 2]) << 8) |
                    static_cast<uint32_t>(mac[offset + 3]);
  uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  uint32_t value = binary % modulus;
  std::string code(static_cast<size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i) {
    code[static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return code;
}

std::optional<int64_t> totp_verify(std::string_view secret, std::string_view code,
                                   int64_t unix_seconds, int64_t last_used_step, int window) {
  while (!code.empty() && code.front() == ' ') code.remove_prefix(1);
  while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
  if (code.size() != static_cast<size_t>(kTotpDigits)) return std::nullopt;
  for (char ch : code) {
    if (ch < '0' || ch > '9') return std::nullopt;
  }
  window = std::clamp(window, 0, kMaxWindow);
  int64_t now = totp_step(unix_seconds);
  std::optional<int64_t> matched;
  // Every step in the window is computed and compared, so the time taken does not tell
  // which step (if any) matched.
  for (int64_t step = now - window; step <= now + window; ++step) {
    std::string expected = totp_code_at_step(secret, step);
    bool equal = sodium_memcmp(expected.data(), code.data(), code.size()) == 0;
    if (equal && step > last_used_step && !matched) matched = step;
  }
  return matched;
}

std::string new_totp_secret() { return random_bytes(20); }

std::string base32_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (char ch : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(ch);
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

Result<std::string> base32_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 5 / 8);
  uint32_t buffer = 0;
  int bits = 0;
  size_t symbols = 0;
  bool padding = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (ch == ' ') continue;
    if (ch == '=') {
      padding = true;
      continue;
    }
    int v = base32_value(ch);
    if (v < 0) {
      return Error::malformed("base32 text has an invalid character at offset " +
                              std::to_string(i));
    }
    if (padding) {
      return Error::malformed("base32 text continues after padding at offset " + std::to_string(i));
    }
    ++symbols;
    buffer = ((buffer << 5) | static_cast<uint32_t>(v)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  // 1, 3 or 6 trailing symbols (mod 8) cannot come from any whole number of bytes.
  size_t tail = symbols % 8;
  if (tail == 1 || tail == 3 || tail == 6)
    return Error::malformed("base32 text has an impossible length");
  return out;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view secret) {
  std::string uri = "otpauth://totp/";
  append_percent_encoded(&uri, issuer);
  uri.push_back(':');
  append_percent_encoded(&uri, account);
  uri += "?secret=";
  uri += base32_encode(secret);
  uri += "&issuer=";
  append_percent_encoded(&uri, issuer);
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

}  // namespace isms
