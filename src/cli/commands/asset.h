// Internals of `isms asset ...`, shared by asset.cc (registration, show, archive),
// asset_list.cc and asset_edit.cc (create, update). Every verb has a local action (the
// services on the data files) and a remote one (the JSON API, cli/remote/assets.h) that
// print alike.
#pragma once

#include <functional>
#include <string>

#include "base/error.h"
#include "cli/command.h"
#include "domain/asset.h"
#include "service/asset_service.h"

namespace isms::cli {

// Minimum length of an id prefix accepted where an asset id is expected.
inline constexpr size_t kMinIdPrefix = 4;
// Characters of the id shown in the list table (enough to be unique in practice, and
// accepted back by every command that takes an id).
inline constexpr size_t kShownIdPrefix = 8;

// A full asset id is returned as given. A shorter string is taken as a prefix (at least
// kMinIdPrefix characters) and resolved by scanning all assets, archived included:
// kNotFound when none matches, kInvalid (field "id") when several do.
Result<std::string> resolve_asset_id(const AssetService& assets, const std::string& id_or_prefix);
// The same over the API (GET /assets pages; only the assets the token may read).
Result<std::string> resolve_asset_id(ApiClient& client, const std::string& id_or_prefix);

// Prints one asset: JSON (asset_to_json) or a readable detail view.
void print_asset(const Asset& asset, bool json);

void add_asset_list_command(CLI::App* asset, Invocation* invocation);
void add_asset_create_command(CLI::App* asset, Invocation* invocation);
void add_asset_update_command(CLI::App* asset, Invocation* invocation);

}  // namespace isms::cli
