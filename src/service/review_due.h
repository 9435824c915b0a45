// "Needs review": objects whose review date has passed or is near — documents (next
// review), risks (review due), controls (next effectiveness check), evidence (valid until),
// exceptions (expiry), the SoA (a year after its last approval). Completing a review
// moves the object's date by its interval. Implemented by service/review_due.cc; the
// calendar's agenda lists these items as source "review_due" (calendar_agenda.h).
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "domain/access.h"
#include "service/calendar_agenda.h"
#include "service/context.h"

namespace isms {

// Items due on or before `until` (YYYY-MM-DD), including overdue ones, that the principal
// may read (each object type by its own read permission and object rules), as agenda
// items with state "overdue" (date passed), "due" (today or within 30 days) or "upcoming".
Result<std::vector<AgendaItem>> list_reviews_due(const ServiceContext& ctx, const Principal& p,
                                                 const std::string& until);

}  // namespace isms
