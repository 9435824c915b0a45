// Fuzz target: the ledger signing key file parser (read at every start of the server).
// A key file that parses must hold exactly one seed and format back to text that parses
// to the same seed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ledger/key_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto seed = isms::ledger::parse_key_file(text);
  if (!seed.ok()) {
    if (seed.error().code != isms::ErrorCode::kCorruption) std::abort();
    return 0;
  }
  if (seed->size() != isms::ledger::kKeySeedBytes) std::abort();
  auto again = isms::ledger::parse_key_file(isms::ledger::format_key_file(*seed));
  if (!again.ok() || *again != *seed) std::abort();
  return 0;
}
