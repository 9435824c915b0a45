// OrganizationService: initialization (organization, seed roles, first administrator),
// people and roles, the dashboard summary. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/context.h"
#include "service/traceability_service.h"

namespace isms {

struct InitResult {
  bool created = false;  // false when the database was already initialized
  Organization organization;
  std::string admin_username;           // set when created
  std::string admin_one_time_password;  // set when created; shown once, stored only hashed
};

struct Dashboard {
  Organization organization;
  AssetCounts assets;
  int64_t persons = 0;
  LedgerHead ledger;
  // Coverage of the built-in frameworks by published documents; set when p holds
  // catalogue:read and documents:read (docs/api.md: "coverage" in the dashboard).
  std::optional<CoverageSummary> coverage;
};

class OrganizationService {
 public:
  explicit OrganizationService(const ServiceContext& ctx) : ctx_(ctx) {}

  // Idempotent: creates organization, seed roles, the administrator person and user
  // (username "admin", random one-time password hashed with argon2id, must change it)
  // when the database holds no organization yet; on an existing one, adds built-in roles
  // that a newer version introduced.
  Result<InitResult> initialize(const Actor& actor, const std::string& organization_name) const;
  Result<Organization> organization() const;  // kNotFound before initialize
  Result<std::vector<Person>> persons() const;
  Result<std::vector<Role>> roles() const;
  // Asset counts include only what p may read.
  Result<Dashboard> dashboard(const Principal& p) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
