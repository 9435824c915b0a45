// The first-start output shared by `isms init` and `isms serve`: initialize the
// organization when the database holds none, and show the first administrator's
// one-time password exactly once.
#pragma once

#include <string>

#include "cli/context.h"
#include "service/organization_service.h"

namespace isms::cli {

inline constexpr const char* kDefaultOrganizationName = "My organization";

// Runs OrganizationService::initialize. When it created the organization, prints the
// administrator username and one-time password (as JSON when `json`); the password
// exists nowhere else in clear, so this is the only time anyone sees it.
Result<InitResult> initialize_and_report(const CliContext& ctx,
                                         const std::string& organization_name, bool json);

}  // namespace isms::cli
