// Byte encodings of ledger entries and checkpoints. docs/formats/ledger.md is the
// specification; any change here is a new format version there (and a new magic).
#include "ledger/entry.h"

#include <cstdint>
#include <limits>
#include <stdexcept>

#include "base/crypto.h"

namespace isms::ledger {
namespace {

// Magics end in a NUL so that no magic is a prefix of another.
constexpr std::string_view kEntryMagic{"isms-ledger-v1\0", 15};
constexpr std::string_view kCheckpointMagic{"isms-checkpoint-v1\0", 19};
// Used instead when a hash field is not 64 lower-case hex digits. Such a value never
// comes out of compute_hash, so it only appears in a damaged or forged database; the
// separate magic keeps the encoding total and injective without a second hex form.
constexpr std::string_view kEntryMagicOddPrev{"isms-ledger-v1-odd-prev-hash\0", 29};
constexpr std::string_view kCheckpointMagicOddHash{"isms-checkpoint-v1-odd-hash\0", 28};

void append_u64(uint64_t v, std::string* out) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

void append_field(std::string_view bytes, std::string* out) {
  // A field of 4 GiB cannot come from a request (size limits); refuse rather than wrap.
  if (bytes.size() > std::numeric_limits<uint32_t>::max())
    throw std::length_error("ledger field longer than 4 GiB");
  auto n = static_cast<uint32_t>(bytes.size());
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(n >> shift));
  out->append(bytes);
}

bool is_hash_hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Appends 32 raw bytes. REQUIRES: is_hash_hex(hex).
void append_digest(std::string_view hex, std::string* out) {
  std::string raw;
  hex_decode(hex, &raw);
  out->append(raw);
}

}  // namespace

std::string encode_for_hash(const Entry& e) {
  const bool prev_ok = is_hash_hex(e.prev_hash);
  std::string out;
  out.reserve(128 + e.at.size() + e.actor.size() + e.action.size() + e.object_type.size() +
              e.object_id.size() + e.change.size());
  out.append(prev_ok ? kEntryMagic : kEntryMagicOddPrev);
  append_u64(static_cast<uint64_t>(e.seq), &out);
  append_field(e.at, &out);
  append_field(e.actor, &out);
  append_field(e.action, &out);
  append_field(e.object_type, &out);
  append_field(e.object_id, &out);
  append_field(e.change, &out);
  if (prev_ok) {
    append_digest(e.prev_hash, &out);
  } else {
    append_field(e.prev_hash, &out);
  }
  return out;
}

std::string compute_hash(const Entry& entry) { return sha256_hex(encode_for_hash(entry)); }

std::string checkpoint_message(const Checkpoint& c) {
  const bool hash_ok = is_hash_hex(c.hash);
  std::string out;
  out.append(hash_ok ? kCheckpointMagic : kCheckpointMagicOddHash);
  append_u64(static_cast<uint64_t>(c.seq), &out);
  if (hash_ok) {
    append_digest(c.hash, &out);
  } else {
    append_field(c.hash, &out);
  }
  append_field(c.at, &out);
  return out;
}

Json entry_to_json(const Entry& e) {
  Json change;
  if (auto parsed = parse_json(e.change); parsed.ok()) {
    change = std::move(parsed).value();
  } else {
    change = e.change;  // a damaged row is shown as it is stored, never hidden
  }
  return Json{{"seq", e.seq},
              {"at", e.at},
              {"actor", e.actor},
              {"action", e.action},
              {"object_type", e.object_type},
              {"object_id", e.object_id},
              {"change", std::move(change)},
              {"prev_hash", e.prev_hash},
              {"hash", e.hash}};
}

}  // namespace isms::ledger
