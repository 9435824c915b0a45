#include "ledger/key_file.h"

#include "base/crypto.h"

namespace isms::ledger {

std::string format_key_file(std::string_view seed) {
  return std::string(kKeyFileTag) + "\n" + hex_encode(seed) + "\n";
}

Result<std::string> parse_key_file(std::string_view text) {
  if (text.size() > kKeyFileMaxBytes) return Error::corruption("too large to be a key file");
  size_t eol = text.find('\n');
  if (eol == std::string_view::npos || text.substr(0, eol) != kKeyFileTag)
    return Error::corruption("first line is not \"" + std::string(kKeyFileTag) + "\"");
  std::string_view hex = text.substr(eol + 1);
  if (!hex.empty() && hex.back() == '\n') hex.remove_suffix(1);
  std::string seed;
  if (hex.size() != 2 * kKeySeedBytes || !hex_decode(hex, &seed))
    return Error::corruption("second line is not " + std::to_string(2 * kKeySeedBytes) +
                             " hex digits");
  return seed;
}

}  // namespace isms::ledger
