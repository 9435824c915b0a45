#include "service/notification_plan.h"

#include <algorithm>
#include <tuple>

#include "base/time_zone.h"

namespace isms {
namespace {

std::string describe(const AgendaItem& item) {
  std::string label = item.ref.empty() ? item.title : item.ref + " " + item.title;
  return label.empty() ? item.object_type + " " + item.object_id : label;
}

std::string item_line(const AgendaItem& item, const std::string& today) {
  std::string line = "- " + describe(item) + " — due " + item.due_on;
  auto days = days_between(today, item.due_on);
  if (days.ok() && *days < 0) line += " (overdue by " + std::to_string(-*days) + " days)";
  if (days.ok() && *days == 0) line += " (today)";
  if (!item.link.empty()) line += "\n  " + item.link;
  return line;
}

std::string days_phrase(int64_t days) {
  if (days == 0) return "today";
  if (days == 1) return "tomorrow";
  return "in " + std::to_string(days) + " days";
}

}  // namespace

Json webhook_item_json(const AgendaItem& i) {
  return Json{{"source", i.source},
              {"object_type", i.object_type},
              {"object_id", i.object_id},
              {"ref", i.ref},
              {"title", i.title},
              {"owner_id", i.owner_id},
              {"owner_name", i.owner_name},
              {"due_on", i.due_on},
              {"due_at", i.due_at.empty() ? Json(nullptr) : Json(i.due_at)},
              {"state", i.state},
              {"link", i.link}};
}

std::vector<PlannedMessage> plan_messages(const std::vector<AgendaItem>& agenda,
                                          const NotificationSettings& settings,
                                          const PlanInput& input) {
  std::vector<PlannedMessage> out;
  // person id -> (name, items for the digest)
  std::map<std::string, std::pair<std::string, std::vector<AgendaItem>>> digest;
  for (const AgendaItem& item : agenda) {
    if (item.owner_id.empty() || item.state == "done") continue;
    auto left = days_between(input.today, item.due_on);
    if (!left.ok()) continue;
    int64_t days_left = *left;
    if (auto offset = applicable_offset(settings.offsets, days_left)) {
      PlannedMessage m;
      m.event = "reminder";
      m.offset = *offset;
      m.subject = "Reminder: " + describe(item) + " is due " + days_phrase(days_left) + " (" +
                  item.due_on + ")";
      m.text = "Hello " + item.owner_name + ",\n\n" + describe(item) + " is due on " + item.due_on +
               " (" + days_phrase(days_left) + ").\n\n" + item_line(item, input.today) +
               "\n\n-- \nISMS reminders\n";
      m.person_id = item.owner_id;
      m.person_name = item.owner_name;
      m.source = item.source;
      m.object_id = item.object_id;
      m.due_on = item.due_on;
      m.items = {item};
      out.push_back(std::move(m));
    }
    if (settings.overdue_notice && days_left < 0 && -days_left <= kOverdueNoticeWindowDays) {
      PlannedMessage m;
      m.event = "overdue";
      m.offset = 0;  // one notice per item and due date, whenever it is first seen
      m.subject = "Overdue: " + describe(item) + " was due on " + item.due_on;
      m.text = "Hello " + item.owner_name + ",\n\n" + describe(item) + " was due on " +
               item.due_on + " and is not done yet.\n\n" + item_line(item, input.today) +
               "\n\n-- \nISMS reminders\n";
      m.person_id = item.owner_id;
      m.person_name = item.owner_name;
      m.source = item.source;
      m.object_id = item.object_id;
      m.due_on = item.due_on;
      m.items = {item};
      out.push_back(std::move(m));
    }
    if (days_left < 7) {  // the coming 7 days (today included) and everything overdue
      auto& entry = digest[item.owner_id];
      entry.first = item.owner_name;
      entry.second.push_back(item);
    }
  }
  if (digest_due(settings.digest, input.local_weekday, input.local_hour)) {
    for (auto& [person, entry] : digest) {
      PlannedMessage m;
      m.event = "digest";
      m.person_id = person;
      m.person_name = entry.first;
      m.source = "digest";
      m.object_id = person;
      m.due_on = input.week_key;
      size_t overdue = 0;
      for (const auto& i : entry.second) overdue += i.due_on < input.today ? 1 : 0;
      m.subject = "Your ISMS week " + input.week_key + ": " + std::to_string(entry.second.size()) +
                  " item(s)" + (overdue ? ", " + std::to_string(overdue) + " overdue" : "");
      m.text = "Hello " + entry.first + ",\n\nyour duties for the coming week:\n\n";
      for (const auto& i : entry.second) m.text += item_line(i, input.today) + "\n";
      m.text += "\n-- \nISMS weekly digest\n";
      m.items = entry.second;
      out.push_back(std::move(m));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const PlannedMessage& a, const PlannedMessage& b) {
    return std::tie(a.person_id, a.event, a.due_on) < std::tie(b.person_id, b.event, b.due_on);
  });
  return out;
}

}  // namespace isms
