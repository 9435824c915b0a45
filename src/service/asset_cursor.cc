#include "service/asset_cursor.h"

#include "base/crypto.h"
#include "base/json.h"

namespace isms {

namespace {
std::string sort_tag(AssetSort sort, bool descending) {
  return std::string(descending ? "-" : "+") + std::to_string(static_cast<int>(sort));
}
}  // namespace

std::string encode_asset_cursor(const AssetKeyset& keyset, AssetSort sort, bool descending) {
  Json j{{"s", sort_tag(sort, descending)}, {"v", keyset.sort_value}, {"i", keyset.id}};
  return base64url_encode(dump_json(j));
}

std::optional<AssetKeyset> decode_asset_cursor(const std::string& text, AssetSort sort,
                                               bool descending) {
  if (text.size() > 2048) return std::nullopt;
  std::string raw;
  if (!base64url_decode(text, &raw)) return std::nullopt;
  auto parsed = parse_json(raw);
  if (!parsed || !parsed->is_object()) return std::nullopt;
  const Json& j = *parsed;
  if (!j.contains("s") || !j.contains("v") || !j.contains("i") || !j["s"].is_string() ||
      !j["v"].is_string() || !j["i"].is_string()) {
    return std::nullopt;
  }
  if (j["s"].get<std::string>() != sort_tag(sort, descending)) return std::nullopt;
  return AssetKeyset{j["v"].get<std::string>(), j["i"].get<std::string>()};
}

}  // namespace isms
