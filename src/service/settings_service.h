// SettingsService: organization-wide settings (docs/api.md "Settings"): which roles must
// use MFA and the session timeouts. Anyone authenticated may read them; changing them
// needs settings:manage. Thread-safe.
#pragma once

#include <optional>

#include "domain/access.h"
#include "domain/auth.h"
#include "service/context.h"

namespace isms {

inline constexpr int kSessionIdleMinutesMin = 5;
inline constexpr int kSessionIdleMinutesMax = 1440;
inline constexpr int kSessionAbsoluteHoursMin = 1;
inline constexpr int kSessionAbsoluteHoursMax = 168;

// A PUT body: every setting plus the version it replaces (all required).
struct SettingsUpdate {
  OrganizationSettings settings;  // settings.version = the version the client last read
};

// Decodes a PUT body: all members required, unknown members rejected; ranges are checked
// here too so one 422 names every bad field.
Result<SettingsUpdate> settings_update_from_json(const Json& body);

class SettingsService {
 public:
  explicit SettingsService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<OrganizationSettings> get() const;
  // settings:manage. kConflict when update.settings.version is not the stored version;
  // kInvalid for unknown role keys or values out of range.
  Result<OrganizationSettings> put(const Principal& p, const SettingsUpdate& update) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
