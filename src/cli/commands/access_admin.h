// Internals shared by the access administration commands (user.cc, person.cc, group.cc,
// grant.cc): role keys as people type them, and the source address of CLI changes.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "service/context.h"

namespace isms::cli {

// What authentication events record as the source of a change made by the operator at
// the server's console.
inline constexpr const char* kCliRemoteAddress = "local";

// The ids of the roles with these keys, in order; kInvalid (field "role") naming an
// unknown key and listing the known ones.
Result<std::vector<std::string>> role_ids_for_keys(const ServiceContext& services,
                                                   const std::vector<std::string>& keys);

}  // namespace isms::cli
