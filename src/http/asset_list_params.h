// Query parameters of GET /api/v1/assets (docs/api.md "Assets"): their documentation and
// their decoding into an AssetListRequest. The same table feeds OpenAPI and the parser.
#pragma once

#include <vector>

#include "base/error.h"
#include "http/message.h"
#include "http/router.h"
#include "service/asset_service.h"

namespace isms::http {

inline constexpr int kAssetListDefaultLimit = 50;
inline constexpr int kAssetListMaxLimit = 500;
inline constexpr size_t kAssetSearchMaxLength = 200;
inline constexpr size_t kFilterMaxValues = 100;

// limit, cursor, sort, type, classification, lifecycle_status, owner_id, q, archived,
// include_total.
const std::vector<QueryParamDoc>& asset_list_params();

// Decodes the (already percent-decoded) parameters. kMalformed naming the parameter for an
// unknown parameter or a bad value. The cursor is passed through; the service checks it.
Result<AssetListRequest> parse_asset_list_query(const QueryParams& params);

}  // namespace isms::http
