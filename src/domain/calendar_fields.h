// The request body of an activity create or change (docs/api.md "Calendar"): read
// strictly, outside input (fuzz/calendar_body_fuzz.cc). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "domain/calendar.h"

namespace isms {

// A PATCH or a create: unset members stay as they are (create: defaults).
struct ActivityFields {
  std::optional<std::string> title, description, anchor_on, owner_id, policy_ref;
  std::optional<Json> cadence;  // read against the resulting anchor_on
  std::optional<Subject> subject;
  std::optional<std::vector<std::string>> requires_fields;
  std::optional<int> due_window_days;
  std::optional<ActivityStatus> status;
  std::optional<int64_t> version;
};
// Strict: unknown members and read-only ones (id, ref, archived, ...) are refused.
Result<ActivityFields> activity_fields_from_json(const Json& body);

}  // namespace isms
