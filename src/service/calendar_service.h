// CalendarService: the ISMS calendar's use cases (domain/calendar.h; docs/api.md "Calendar").
// Activities are operational records of kind "activity" (ref ACT-0001, owner_id, status,
// due_at = the next open occurrence's date, "" while paused); what happened to an
// occurrence is a record of kind "occurrence" (parent = the activity, due_at = its date,
// status done|skipped, owner = who completed it). Ledger entries "activity.create|update|
// archive", "occurrence.complete|skip". Permissions: reads "calendar:read", writes
// "calendar:write"; an activity's owner may complete its occurrences without
// calendar:write. Days are the organization's (service/time_zone_setting.h). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/calendar.h"
#include "domain/calendar_fields.h"
#include "service/calendar_agenda.h"
#include "service/context.h"
#include "service/ledger_recorder.h"

namespace isms {

struct ActivityFilter {
  std::string status;    // "" | active | paused | archived
  std::string owner_id;  // "" = any; "none" = unassigned
  std::string subject;   // a subject register; "" = any
};

// One occurrence as listed: generated from the cadence, joined with its record.
struct Occurrence {
  std::string activity_id;
  std::string due_on;
  std::string state;      // upcoming | due | overdue | done | skipped
  std::string record_id;  // "" when nothing was recorded
  std::string completed_at, completed_by, completed_by_name;
  std::string notes, decision, reason;
  std::vector<std::string> evidence;
};
Json occurrence_to_json(const Occurrence& o);

struct ActivityView {
  Activity activity;
  std::string owner_name;
  std::string next_due;  // next open occurrence, "" when paused/archived/none
  std::string next_state;
};
Json activity_view_to_json(const ActivityView& v);

// The wire form of an agenda item (GET /api/v1/calendar/agenda; "" members are null).
Json agenda_item_to_json(const AgendaItem& i);

class CalendarService {
 public:
  explicit CalendarService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<std::vector<ActivityView>> list(const Principal& p, const ActivityFilter& f) const;
  Result<ActivityView> get(const Principal& p, const std::string& id) const;
  Result<ActivityView> create(const Principal& p, const ActivityFields& f) const;
  Result<ActivityView> update(const Principal& p, const std::string& id,
                              const ActivityFields& f) const;  // f.version required
  // Archives (DELETE); kConflict when stale; archiving twice is kConflict.
  Result<ActivityView> archive(const Principal& p, const std::string& id,
                               std::optional<int64_t> expected_version) const;
  // Generated and recorded occurrences in [from, to] (at most 400 days); both default to
  // a window around today (30 days back, 365 ahead).
  Result<std::vector<Occurrence>> occurrences(const Principal& p, const std::string& id,
                                              std::string from, std::string to) const;
  // By the activity's owner or with calendar:write. `operator_person` names who completed
  // it when the principal is the local operator (CLI --as-person); otherwise the caller's
  // person. kInvalid when `date` is not an occurrence or a required field is missing,
  // kConflict when already recorded.
  Result<Occurrence> complete(const Principal& p, const std::string& id, const std::string& date,
                              const Completion& c,
                              const std::optional<std::string>& operator_person) const;
  // calendar:write; a reason is required.
  Result<Occurrence> skip(const Principal& p, const std::string& id, const std::string& date,
                          const Completion& c,
                          const std::optional<std::string>& operator_person) const;

  // The organization's time zone (GET: calendar:read; PUT: calendar:write).
  Result<std::string> time_zone(const Principal& p) const;
  Result<std::string> set_time_zone(const Principal& p, const std::string& zone) const;

 private:
  Result<Occurrence> record_occurrence(const Principal& p, const std::string& id,
                                       const std::string& date, const Completion& c,
                                       const std::optional<std::string>& operator_person,
                                       bool skip) const;
  const ServiceContext& ctx_;
};

namespace calendar_internal {

// The activity stored as `r` (kCorruption for a malformed body).
Result<Activity> activity_of(const OpRecord& r);
// kNotFound naming the id when there is no such activity.
Result<Activity> load_activity(StoreTx& tx, const std::string& id);
// Records of the activity's occurrences by date.
Result<std::vector<OpRecord>> occurrence_records(StoreTx& tx, const std::string& activity_id);
// The earliest occurrence on or after the anchor with no record ("" when paused, archived
// or none within the search bound).
std::string next_open_occurrence(const Activity& a, const std::vector<OpRecord>& records);
// Inserts a new activity record (ref from the counter) with its "activity.create" entry.
Result<Activity> insert_activity(const ServiceContext& ctx, StoreTx& tx, LedgerRecorder& ledger,
                                 Activity a);
// Person name by id ("" for none/unknown), each read once.
class PersonNames {
 public:
  explicit PersonNames(StoreTx& tx) : tx_(tx) {}
  Result<std::string> name(const std::string& id);

 private:
  StoreTx& tx_;
  std::vector<std::pair<std::string, std::string>> cache_;
};

}  // namespace calendar_internal

}  // namespace isms
