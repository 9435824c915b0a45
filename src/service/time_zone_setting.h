// The organization's time zone (an IANA name, default "UTC"): the calendar's days, the
// due dates of occurrences and reviews, the end-of-day of the NIS2 final-report deadline
// and local times shown in reports are in it. Stored as the operational record
// kind "calendar_settings", id "calendar-settings", body {"time_zone": "<name>", ...}
// (other keys of that body belong to the calendar module and are kept as they are).
#pragma once

#include <string>

#include "base/error.h"
#include "service/context.h"
#include "service/ledger_recorder.h"
#include "store/store.h"

namespace isms {

inline constexpr const char* kCalendarSettingsKind = "calendar_settings";
inline constexpr const char* kCalendarSettingsId = "calendar-settings";

// The zone in force ("UTC" when never set).
Result<std::string> organization_time_zone(StoreTx& tx);
// Today's date in the organization's zone at the context clock's now.
Result<std::string> organization_today(const ServiceContext& ctx, StoreTx& tx);
// Sets the zone inside the caller's write transaction with a "calendar_settings.update"
// ledger entry; kInvalid naming "time_zone" for a name the tzdata does not know.
Status set_organization_time_zone(StoreTx& tx, LedgerRecorder& ledger, const std::string& zone,
                                  const std::string& now);

}  // namespace isms
