// Opaque list cursors: the keyset position of the last row of a page, bound to the sort it
// was issued for, encoded as URL-safe base64 of a small JSON object. A cursor from another
// sort or a tampered cursor is rejected instead of silently returning a wrong page.
#pragma once

#include <optional>
#include <string>

#include "store/store.h"

namespace isms {

std::string encode_asset_cursor(const AssetKeyset& keyset, AssetSort sort, bool descending);
// nullopt when the text is not a cursor issued for this sort and direction.
std::optional<AssetKeyset> decode_asset_cursor(const std::string& text, AssetSort sort,
                                               bool descending);

}  // namespace isms
