// The text format of the ledger signing key file (docs/formats/ledger.md, "Key file").
//
// Two lines, each ending in "\n":
//   isms-ledger-signing-key v1
//   <64 hex digits: the 32-byte Ed25519 seed>
// Only the seed is stored; the key pair is derived from it. Pure functions, no I/O,
// thread-safe. Signer (ledger/signer.h) reads and writes the file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/error.h"

namespace isms::ledger {

inline constexpr std::string_view kKeyFileTag = "isms-ledger-signing-key v1";
inline constexpr size_t kKeySeedBytes = 32;
// Anything longer is not a key file; bounds what load() reads.
inline constexpr size_t kKeyFileMaxBytes = 4096;

// The file text for `seed`. REQUIRES: seed.size() == kKeySeedBytes.
std::string format_key_file(std::string_view seed);

// The seed (kKeySeedBytes raw bytes) held in `text`, or kCorruption saying what is wrong.
// Accepts exactly the format above; the final "\n" may be missing and the hex may be in
// upper case. Never throws.
Result<std::string> parse_key_file(std::string_view text);

}  // namespace isms::ledger
