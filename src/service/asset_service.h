// AssetService: the use cases of the IT Systems Registry. Each call is one transaction;
// each change writes its ledger entry in that same transaction. Thread-safe.
#pragma once

#include <string>

#include "domain/asset.h"
#include "service/context.h"

namespace isms {

// A list request as it arrives from a client: filters plus an opaque cursor.
struct AssetListRequest {
  AssetQuery query;    // query.after is ignored; the cursor sets it
  std::string cursor;  // from a previous AssetListResult::next_cursor, or empty
};

struct AssetListResult {
  std::vector<Asset> items;
  std::string next_cursor;  // empty when this is the last page
  std::optional<int64_t> total;
};

// Access (domain/access.h): every method takes the caller. An asset the caller may not
// read is kNotFound with the same message as an unknown id; one it may read but not change
// is kForbidden. The description of confidential and customer_data assets is sealed at
// rest (ServiceContext::keyring, place "assets/description_sealed/<id>"), left out of
// lists (content_hidden) and each single read of it is recorded in the ledger
// ("asset.read"). Whoever creates a customer_data asset, or raises one to customer_data,
// is granted on it, so they do not lose it.
class AssetService {
 public:
  explicit AssetService(const ServiceContext& ctx) : ctx_(ctx) {}

  // kMalformed (field "cursor") when the cursor is not one we issued for this sort.
  Result<AssetListResult> list(const Principal& p, const AssetListRequest& request) const;
  Result<Asset> get(const Principal& p, const std::string& id) const;
  // kInvalid with every field error; owner, dependencies and working groups must exist.
  Result<Asset> create(const Principal& p, const AssetPatch& patch) const;
  // REQUIRES patch.version (else kInvalid field "version"); kConflict when stale.
  Result<Asset> update(const Principal& p, const std::string& id, const AssetPatch& patch) const;
  // reason required; kConflict when stale or already archived.
  Result<Asset> archive(const Principal& p, const std::string& id, const std::string& reason,
                        std::optional<int64_t> version) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
