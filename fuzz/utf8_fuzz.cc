// Fuzz target: is_valid_utf8, checked against an independent decoder.
//
// Oracle: nlohmann's JSON lexer validates the bytes of a string literal against the
// Unicode well-formed byte sequence table (no overlongs, no surrogates, nothing above
// U+10FFFF), independently of our code. JSON also forbids '"', '\\' and bytes below
// 0x20 raw inside a literal; those are ASCII, and replacing one ASCII byte by another
// never changes UTF-8 validity, so they are replaced by 'a' before asking the lexer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const bool ours = isms::is_valid_utf8(bytes);

  std::string literal = "\"";
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    literal.push_back(u < 0x20 || c == '"' || c == '\\' ? 'a' : c);
  }
  literal.push_back('"');
  if (isms::is_valid_utf8(std::string_view(literal).substr(1, size)) != ours) std::abort();

  isms::Json value = isms::Json::parse(literal, nullptr, /*allow_exceptions=*/false);
  const bool lexer = !value.is_discarded();
  if (ours != lexer) std::abort();
  // Valid input must survive a round trip through the JSON string unchanged.
  if (lexer && value.get_ref<const std::string&>() != std::string_view(literal).substr(1, size))
    std::abort();
  return 0;
}
