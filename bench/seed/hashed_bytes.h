// The reference input for the ledger verification benchmark: the exact bytes that
// `isms ledger verify` hashes (ledger::encode_for_hash of every entry, in seq order),
// written to one file so `sha256sum` can hash the same bytes in one stream.
#pragma once

#include <cstdint>
#include <string>

#include "base/error.h"
#include "store/store.h"

namespace isms::bench {

struct HashedBytes {
  int64_t entries = 0;
  int64_t hashed_bytes = 0;  // sum of encode_for_hash sizes = the file's size
  int64_t field_bytes = 0;   // sum of the stored fields' lengths (what the store reads)
};

// Streams the ledger of `store` into `path` (truncated first).
Result<HashedBytes> dump_hashed_bytes(Store& store, const std::string& path);

}  // namespace isms::bench
