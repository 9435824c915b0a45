// What the reminder run should send on a day, from the calendar's agenda: reminders at the
// configured offsets, overdue notices and the weekly digest per person. Pure (no store, no
// clock): NotificationService::run_due gathers the inputs and turns each planned message
// into one delivery per channel (e-mail to the person, POST to each subscribed webhook).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/json.h"
#include "domain/notification.h"
#include "service/calendar_agenda.h"

namespace isms {

// Overdue notices are sent for items at most this many days past due, so switching
// reminders on for an old register does not flood every owner.
inline constexpr int kOverdueNoticeWindowDays = 7;

struct PlannedMessage {
  std::string event;      // "reminder" | "overdue" | "digest"
  std::string person_id;  // recipient: the items' owner
  std::string person_name;
  // Identity parts of the delivery key (reminder_key): the item's source, object and due
  // date, or for a digest "digest", the person and the ISO week.
  std::string source, object_id, due_on;
  int offset = 0;  // reminder: the offset in days; overdue: days past due; digest: 0
  std::string subject;
  std::string text;
  std::vector<AgendaItem> items;
};

struct PlanInput {
  std::string today;      // YYYY-MM-DD in the organization's zone
  int local_weekday = 1;  // ISO 1..7 of today
  int local_hour = 0;     // 0..23 now in the organization's zone
  std::string week_key;   // iso_week_key(today)
};

// One reminder per item whose applicable offset has come, one overdue notice per item
// past due (within kOverdueNoticeWindowDays) when enabled, and when the digest is due one
// digest per owner with items due in the next 7 days or overdue. Items without an owner
// and done items are skipped. Ordered by person, then event, then due date.
std::vector<PlannedMessage> plan_messages(const std::vector<AgendaItem>& agenda,
                                          const NotificationSettings& settings,
                                          const PlanInput& input);

// The agenda items of a webhook body: the AgendaItem members as JSON.
Json webhook_item_json(const AgendaItem& item);

}  // namespace isms
