// Fuzz target: the content key file parser (read at every start and on every reload) and
// ContentKeyring::open over arbitrary stored text, with one fixed key.
//
// Oracles: a key file either parses to keys that format back to text parsing to the same
// keys, or fails with kCorruption (bad line) or kInvalid (no key). open() of text that was
// not sealed by the fixed key fails with kCorruption only (never crashes, never another
// code), key_id_of agrees with open, and the input itself seals and opens back unchanged
// but not under other associated data.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/content_cipher.h"
#include "base/crypto.h"

namespace {

const isms::ContentKeyring& fixed_ring() {
  static const isms::ContentKeyring* ring = [] {
    if (!isms::crypto_init()) std::abort();
    isms::ContentKey key;
    for (int i = 0; i < 32; ++i) key.bytes.push_back(static_cast<char>(i));
    key.id = isms::sha256_hex(key.bytes).substr(0, 8);  // "630dcd29"
    return new isms::ContentKeyring({key});
  }();
  return *ring;
}

void check_key_file(std::string_view text) {
  auto keys = isms::parse_content_key_file(text);
  if (!keys.ok()) {
    auto code = keys.error().code;
    if (code != isms::ErrorCode::kCorruption && code != isms::ErrorCode::kInvalid) std::abort();
    return;
  }
  if (keys->empty()) std::abort();
  for (const auto& k : *keys) {
    if (k.id.size() != 8 || k.bytes.size() != 32) std::abort();
    if (isms::sha256_hex(k.bytes).substr(0, 8) != k.id) std::abort();
  }
  auto again = isms::parse_content_key_file(isms::format_content_key_file(*keys));
  if (!again.ok() || again->size() != keys->size()) std::abort();
  for (size_t i = 0; i < keys->size(); ++i) {
    if ((*again)[i].id != (*keys)[i].id || (*again)[i].bytes != (*keys)[i].bytes) std::abort();
  }
}

void check_open(std::string_view text) {
  const isms::ContentKeyring& ring = fixed_ring();
  const std::string ad = isms::sealed_associated_data("fuzz", "value_sealed", "row-1");
  auto id = isms::ContentKeyring::key_id_of(text);
  if (!id.ok() && id.error().code != isms::ErrorCode::kCorruption) std::abort();
  if (id.ok() && id->size() != 8) std::abort();
  auto opened = ring.open(text, ad);
  if (!opened.ok()) {
    if (opened.error().code != isms::ErrorCode::kCorruption) std::abort();
  } else if (!id.ok() || *id != ring.active_key_id()) {
    std::abort();
  }

  std::string sealed = ring.seal(text, ad);
  auto back = ring.open(sealed, ad);
  if (!back.ok() || *back != text) std::abort();
  auto moved = ring.open(sealed, isms::sealed_associated_data("fuzz", "value_sealed", "row-2"));
  if (moved.ok() || moved.error().code != isms::ErrorCode::kCorruption) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check_key_file(text);
  check_open(text);
  return 0;
}
