// Opaque cursors of the risk register list, like asset_cursor.h: the keyset position of
// the last row of a page, bound to the sort and direction it was issued for, as URL-safe
// base64 of a small JSON object. A cursor of another list, sort or direction is refused.
#pragma once

#include <optional>
#include <string>

#include "store/store.h"

namespace isms {

std::string encode_risk_cursor(const RiskKeyset& keyset, RiskSort sort, bool descending);
// nullopt when the text is not a cursor issued for this sort and direction.
std::optional<RiskKeyset> decode_risk_cursor(const std::string& text, RiskSort sort,
                                             bool descending);

}  // namespace isms
