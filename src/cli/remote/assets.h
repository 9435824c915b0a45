// The asset calls of the remote mode: the CLI's parsed requests turned into API requests
// (GET /assets with the same filters, sort and paging; GET /assets/{id}) and the answers
// decoded into the structs the local mode prints.
#pragma once

#include <string>

#include "base/error.h"
#include "cli/remote/client.h"
#include "domain/asset.h"
#include "service/asset_service.h"

namespace isms::cli {

// The query parameters of GET /api/v1/assets for `request` (docs/api.md): only the
// non-default ones, list filters comma-separated.
QueryList asset_list_query(const AssetListRequest& request);

// One page of GET /api/v1/assets.
Result<AssetListResult> remote_asset_list(ApiClient& client, const AssetListRequest& request);

// GET /api/v1/assets/{id}.
Result<Asset> remote_asset_get(ApiClient& client, const std::string& id);

// "/assets/<id escaped>" (+ suffix, e.g. "/archive").
std::string asset_path(const std::string& id, const std::string& suffix = "");

}  // namespace isms::cli
