// GrantService: explicit per-object grants (docs/api.md "Working groups and grants"),
// for now on assets (object_type "asset"). Listing, adding and removing grants on an
// object is allowed to whoever can read the object (domain/access.h can_read_object)
// and holds grants:manage, owns the object, or is the operator. An object the caller
// cannot read answers kNotFound exactly like an unknown id; one it can read but may not
// manage, kForbidden. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/auth.h"
#include "service/context.h"

namespace isms {

// A grant with the grantee's name, as the API shows it.
struct GrantView {
  ObjectGrant grant;
  std::string person_name;
};

Json grant_view_to_json(const GrantView& g);

class GrantService {
 public:
  explicit GrantService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<std::vector<GrantView>> list_asset_grants(const Principal& p,
                                                   const std::string& asset_id) const;
  // kInvalid (field person_id) when no such person; kConflict when the grant exists.
  Result<GrantView> add_asset_grant(const Principal& p, const std::string& asset_id,
                                    const std::string& person_id) const;
  // kNotFound when the person holds no grant on the asset.
  Status remove_asset_grant(const Principal& p, const std::string& asset_id,
                            const std::string& person_id) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
