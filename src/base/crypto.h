// Small cryptographic helpers over OpenSSL (SHA-256) and libsodium (random bytes).
// All functions are thread-safe; crypto_init() must run once before random_bytes().
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace isms {

// Initializes libsodium; safe to call more than once. Returns false when it cannot.
bool crypto_init();

using Sha256Digest = std::array<uint8_t, 32>;
Sha256Digest sha256(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);

std::string hex_encode(std::string_view bytes);
// Decodes lower- or upper-case hex; returns false on odd length or a non-hex character.
bool hex_decode(std::string_view hex, std::string* out);

// n cryptographically secure random bytes.
std::string random_bytes(size_t n);
// A random (version 4) UUID in lower-case canonical form: the id of every stored object.
std::string new_id();

}  // namespace isms
