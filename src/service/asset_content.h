// Sealing asset content at rest: the description of confidential and customer_data
// assets is stored encrypted (ServiceContext::keyring) under the associated data
// "assets" / "description_sealed" / <asset id>, with the plaintext column left empty so
// that neither search nor a reader of the database file sees it.
#pragma once

#include "domain/asset.h"
#include "service/context.h"

namespace isms {

// True for the classifications whose content is sealed.
bool asset_content_sealed(Classification c);
// The form to store: sealed description (or none) for the asset's classification.
Asset to_stored_asset(const ServiceContext& ctx, Asset asset);
// The readable form of a stored asset; kCorruption when the sealed value does not open.
Result<Asset> from_stored_asset(const ServiceContext& ctx, Asset asset);

}  // namespace isms
