// The ISMS calendar's agenda: every dated duty in a range, whatever its source, in one
// shape. Implemented by the calendar module (service/calendar_service.cc); read by the
// reminders (service/notification_service.cc), the dashboard and the web calendar.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "domain/access.h"
#include "service/context.h"

namespace isms {

struct AgendaItem {
  // "occurrence" (of a recurring activity), "review_due" (document, risk, control, evidence,
  // exception, SoA), "exception_expiry", "corrective_action", "audit", "management_review",
  // "incident_deadline"
  std::string source;
  std::string object_type;  // "activity", "document", "risk", "exception", ...
  std::string object_id;
  std::string ref;  // the object's human reference, "" when it has none
  std::string title;
  std::string owner_id;  // person responsible; "" when nobody is
  std::string owner_name;
  std::string due_on;  // YYYY-MM-DD (the organization's calendar day)
  std::string due_at;  // RFC 3339 UTC for instants (incident deadlines), else ""
  // "upcoming" | "due" (today, or inside the activity's due window) | "overdue" | "done"
  std::string state;
  std::string link;  // web UI path, e.g. "/calendar/activities/<id>"
};

struct AgendaQuery {
  std::string from;      // YYYY-MM-DD inclusive, required
  std::string to;        // YYYY-MM-DD inclusive, required; at most 400 days after from
  std::string owner_id;  // only this person's items; "" = all the caller may see
  bool include_done = false;
  bool include_overdue_before_from = true;  // overdue items due before `from` are included
};

// The items the principal may see (calendar:read for all; without it, only items the
// principal's person owns), ordered by due_on, due_at, title, object_id.
Result<std::vector<AgendaItem>> calendar_agenda(const ServiceContext& ctx, const Principal& p,
                                                const AgendaQuery& query);

}  // namespace isms
