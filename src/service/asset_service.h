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

class AssetService {
 public:
  explicit AssetService(const ServiceContext& ctx) : ctx_(ctx) {}

  // kMalformed (field "cursor") when the cursor is not one we issued for this sort.
  Result<AssetListResult> list(const AssetListRequest& request) const;
  Result<Asset> get(const std::string& id) const;
  // kInvalid with every field error; owner and dependencies must exist.
  Result<Asset> create(const Actor& actor, const AssetPatch& patch) const;
  // REQUIRES patch.version (else kInvalid field "version"); kConflict when stale.
  Result<Asset> update(const Actor& actor, const std::string& id, const AssetPatch& patch) const;
  // reason required; kConflict when stale or already archived.
  Result<Asset> archive(const Actor& actor, const std::string& id, const std::string& reason,
                        std::optional<int64_t> version) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
