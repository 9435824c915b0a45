// Ledger entries and checkpoints: the hash-chained, append-only history of every change.
// The byte encoding that is hashed is specified in docs/formats/ledger.md; this header and
// that document change together.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/json.h"

namespace isms::ledger {

// prev_hash of the first entry (seq 1): 64 zeros.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct Entry {
  int64_t seq = 0;          // 1, 2, 3, ... without gaps
  std::string at;           // UTC, format_utc_micros()
  std::string actor;        // who: "user:<id>", "cli:<os user>", "http:<addr>", "system"
  std::string action;       // "<object_type>.<verb>", e.g. "asset.create"
  std::string object_type;  // "asset", "person", ...
  std::string object_id;
  std::string change;     // canonical JSON text (canonical_json)
  std::string prev_hash;  // hex SHA-256 of the previous entry, kGenesisHash for seq 1
  std::string hash;       // hex SHA-256 of encode_for_hash(*this)
};

// A signed statement "entry `seq` has hash `hash`", made with the ledger signing key.
struct Checkpoint {
  int64_t seq = 0;
  std::string hash;       // hex, must equal the entry's hash
  std::string at;         // when it was signed
  std::string key_id;     // hex SHA-256 of the Ed25519 public key, first 16 chars
  std::string signature;  // hex Ed25519 signature over checkpoint_message()
};

// Canonical JSON: object keys sorted by byte order, no insignificant whitespace, integers
// only (floating point values are rejected by the ledger writer), strings UTF-8 with the
// minimal escaping of RFC 8785. Same value -> same bytes, on every machine.
std::string canonical_json(const Json& value);

// The exact bytes hashed for an entry (everything but `hash`), see docs/formats/ledger.md.
std::string encode_for_hash(const Entry& entry);

// hex SHA-256 of encode_for_hash(entry).
std::string compute_hash(const Entry& entry);

// The exact bytes signed for a checkpoint.
std::string checkpoint_message(const Checkpoint& checkpoint);

Json entry_to_json(const Entry& entry);

}  // namespace isms::ledger
