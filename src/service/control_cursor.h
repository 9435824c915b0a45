// Opaque cursors of the control list, as asset_cursor.h does for assets: the keyset
// position of a page's last row bound to the sort it was issued for, URL-safe base64 of a
// small JSON object. A cursor from another sort or a tampered one is rejected.
#pragma once

#include <optional>
#include <string>

#include "store/store.h"

namespace isms {

std::string encode_control_cursor(const ControlKeyset& keyset, ControlSort sort, bool descending);
// nullopt when the text is not a cursor issued for this sort and direction.
std::optional<ControlKeyset> decode_control_cursor(const std::string& text, ControlSort sort,
                                                   bool descending);

}  // namespace isms
