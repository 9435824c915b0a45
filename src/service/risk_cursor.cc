#include "service/risk_cursor.h"

#include "base/crypto.h"
#include "base/json.h"

namespace isms {

namespace {
constexpr size_t kCursorMax = 2048;

// "r" marks a risk cursor, so an asset cursor with the same sort number is refused here.
std::string sort_tag(RiskSort sort, bool descending) {
  return std::string("r") + (descending ? "-" : "+") + std::to_string(static_cast<int>(sort));
}
}  // namespace

std::string encode_risk_cursor(const RiskKeyset& keyset, RiskSort sort, bool descending) {
  Json j{{"s", sort_tag(sort, descending)}, {"v", keyset.sort_value}, {"i", keyset.id}};
  return base64url_encode(dump_json(j));
}

std::optional<RiskKeyset> decode_risk_cursor(const std::string& text, RiskSort sort,
                                             bool descending) {
  if (text.size() > kCursorMax) return std::nullopt;
  std::string raw;
  if (!base64url_decode(text, &raw)) return std::nullopt;
  auto parsed = parse_json(raw);
  if (!parsed || !parsed->is_object()) return std::nullopt;
  const Json& j = *parsed;
  for (const char* key : {"s", "v", "i"}) {
    if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
  }
  if (j["s"].get<std::string>() != sort_tag(sort, descending)) return std::nullopt;
  return RiskKeyset{j["v"].get<std::string>(), j["i"].get<std::string>()};
}

}  // namespace isms
