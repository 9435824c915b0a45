// The wire form of an Asset written straight into a string: the same bytes as
// dump_json(asset_to_json(asset)) at a tenth of the cost (no Json tree, no std::map, no
// per-value allocations). asset_json_writer_test.cc proves the equality on generated
// assets; asset_to_json stays the reference and the form used where a tree is needed.
#pragma once

#include <string>

#include "domain/asset.h"

namespace isms {

// Appends the JSON object of `asset` (docs/api.md "Asset") to *out.
void append_asset_json(const Asset& asset, std::string* out);

}  // namespace isms
