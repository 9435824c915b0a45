#include "service/control_cursor.h"

#include "base/crypto.h"
#include "base/json.h"

namespace isms {

namespace {
// "c" keeps a control cursor from ever decoding as an asset cursor of the same sort number.
std::string sort_tag(ControlSort sort, bool descending) {
  return std::string(descending ? "c-" : "c+") + std::to_string(static_cast<int>(sort));
}
}  // namespace

std::string encode_control_cursor(const ControlKeyset& keyset, ControlSort sort, bool descending) {
  Json j{{"s", sort_tag(sort, descending)}, {"v", keyset.sort_value}, {"i", keyset.id}};
  return base64url_encode(dump_json(j));
}

std::optional<ControlKeyset> decode_control_cursor(const std::string& text, ControlSort sort,
                                                   bool descending) {
  if (text.size() > 2048) return std::nullopt;
  std::string raw;
  if (!base64url_decode(text, &raw)) return std::nullopt;
  auto parsed = parse_json(raw);
  if (!parsed || !parsed->is_object()) return std::nullopt;
  const Json& j = *parsed;
  for (const char* key : {"s", "v", "i"}) {
    if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
  }
  if (j["s"].get<std::string>() != sort_tag(sort, descending)) return std::nullopt;
  return ControlKeyset{j["v"].get<std::string>(), j["i"].get<std::string>()};
}

}  // namespace isms
