// Decoding of the API's JSON answers (docs/api.md) into the domain structs, so that the
// remote mode prints with exactly the code the local mode uses (tables, detail views and
// --json via asset_to_json & co.).
//
// Lenient where a newer server may add something (unknown fields are ignored), strict on
// the fields the CLI prints: a missing or mistyped one is kMalformed, message
// "unexpected answer from the server: <what>.<field> ...". Never throws.
#pragma once

#include "base/error.h"
#include "base/json.h"
#include "domain/asset.h"
#include "domain/people.h"
#include "service/asset_service.h"

namespace isms::cli {

// An `Asset` object. `description` null (content hidden in lists) decodes as "" with
// content_hidden set, so asset_to_json gives back the same object.
Result<Asset> asset_from_json(const Json& json);

// The body of GET /assets: {"items":[Asset],"next_cursor":string|null,"total"?:N}.
Result<AssetListResult> asset_list_from_json(const Json& json);

Result<Person> person_from_json(const Json& json);
Result<Role> role_from_json(const Json& json);

// {"items":[...]} of persons or roles.
Result<std::vector<Person>> persons_from_json(const Json& json);
Result<std::vector<Role>> roles_from_json(const Json& json);

}  // namespace isms::cli
