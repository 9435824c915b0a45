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

namespace isms {

// argon2id hash (libsodium crypto_pwhash_str, interactive limits) of a password; the
// result embeds salt and parameters. Empty string when memory cannot be allocated.
std::string hash_password(std::string_view password);
// True when password matches a hash_password() result.
bool verify_password(std::string_view password, const std::string& hash);
// A random password of `length` characters from an unambiguous alphabet.
std::string random_password(size_t length);

// URL-safe base64 without padding, for opaque tokens such as list cursors.
std::string base64url_encode(std::string_view bytes);
bool base64url_decode(std::string_view text, std::string* out);

}  // namespace isms
