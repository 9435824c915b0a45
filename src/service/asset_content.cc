#include "service/asset_content.h"

namespace isms {
namespace {

std::string description_place(const std::string& asset_id) {
  return sealed_associated_data("assets", "description_sealed", asset_id);
}

}  // namespace

bool asset_content_sealed(Classification c) { return c >= Classification::kConfidential; }

Asset to_stored_asset(const ServiceContext& ctx, Asset asset) {
  if (asset_content_sealed(asset.classification)) {
    asset.description_sealed =
        asset.description.empty()
            ? ""
            : ctx.keyring->seal(asset.description, description_place(asset.id));
    asset.description.clear();
  } else {
    asset.description_sealed.clear();
  }
  return asset;
}

Result<Asset> from_stored_asset(const ServiceContext& ctx, Asset asset) {
  if (!asset.description_sealed.empty()) {
    ISMS_ASSIGN(asset.description,
                ctx.keyring->open(asset.description_sealed, description_place(asset.id)));
    asset.description_sealed.clear();
  }
  return asset;
}

}  // namespace isms
