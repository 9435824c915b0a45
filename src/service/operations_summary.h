// The dashboard's "running the ISMS" part: what is overdue or due soon across the calendar,
// incidents and their regulatory clocks, findings and corrective actions, exceptions and
// management reviews. Counts come from the operational records' indexed columns (store
// README "Operational records"), so the summary costs a few index range counts; each part
// is null without its read permission. Wire form (JSON) in docs/api.md "Dashboard".
#pragma once

#include "base/error.h"
#include "base/json.h"
#include "domain/access.h"
#include "service/context.h"

namespace isms {

Result<Json> operations_summary(const ServiceContext& ctx, const Principal& p);

}  // namespace isms
