// GroupService: working groups (docs/api.md "Working groups and grants"). Members of an
// object's working groups may read it when it is confidential. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/auth.h"
#include "service/context.h"

namespace isms {

struct GroupFields {
  std::optional<std::string> name;                     // 1..100, unique case-insensitively
  std::optional<std::string> description;              // 0..2000
  std::optional<std::vector<std::string>> member_ids;  // existing persons
};

struct GroupPatch {
  GroupFields fields;
  std::optional<int64_t> version;  // required by update
};

// Decodes a create (allow_version = false) or update body.
Result<GroupPatch> group_patch_from_json(const Json& body, bool allow_version);

class GroupService {
 public:
  explicit GroupService(const ServiceContext& ctx) : ctx_(ctx) {}

  // groups:read.
  Result<std::vector<WorkingGroup>> list(const Principal& p) const;
  Result<WorkingGroup> get(const Principal& p, const std::string& id) const;
  // groups:manage. kConflict when the name is taken.
  Result<WorkingGroup> create(const Principal& p, const GroupFields& fields) const;
  // groups:manage. REQUIRES patch.version; kConflict when stale or the name is taken.
  Result<WorkingGroup> update(const Principal& p, const std::string& id,
                              const GroupPatch& patch) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
