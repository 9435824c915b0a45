// The agenda (service/calendar_agenda.h): occurrences of active activities plus the dated
// records of other modules, read by the column meanings of store/README.md "Operational
// records", plus the "needs review" items of service/review_due.h.
#include "service/calendar_agenda.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/time.h"
#include "base/time_zone.h"
#include "domain/calendar.h"
#include "service/admin_common.h"
#include "service/calendar_service.h"
#include "service/review_due.h"
#include "service/time_zone_setting.h"

namespace isms {

namespace {

using calendar_internal::PersonNames;

// Dated records of other modules shown on the agenda: a record of `kind` with one of
// `statuses` is a duty due on its due_at.
struct DatedKind {
  const char* kind;
  const char* source;
  std::vector<std::string> statuses;
  const char* link_prefix;
};

const std::vector<DatedKind>& dated_kinds() {
  static const std::vector<DatedKind> kinds = {
      {"exception", "exception_expiry", {"approved"}, "/exceptions/"},
      {"corrective_action", "corrective_action", {"open", "implemented"}, "/corrective-actions/"},
      {"audit", "audit", {"planned", "in_progress"}, "/audits/"},
      {"management_review", "management_review", {"planned"}, "/management-reviews/"},
      {"incident", "incident_deadline", {"open", "contained", "resolved"}, "/incidents/"},
  };
  return kinds;
}

// Items of other modules count as "due" this many days before their date.
constexpr int kOtherDueWindowDays = kDueWindowDefault;

std::string body_title(const std::string& body_text) {
  auto body = parse_json(body_text);
  if (!body || !body->is_object()) return "";
  for (const char* key : {"title", "name", "summary"}) {
    if (body->contains(key) && (*body)[key].is_string()) return (*body)[key].get<std::string>();
  }
  return "";
}

bool item_less(const AgendaItem& a, const AgendaItem& b) {
  return std::tie(a.due_on, a.due_at, a.title, a.object_id) <
         std::tie(b.due_on, b.due_at, b.title, b.object_id);
}

struct AgendaBuilder {
  const ServiceContext& ctx;
  const Principal& p;
  const AgendaQuery& q;
  StoreTx& tx;
  std::string today;
  std::string zone;
  bool sees_all = false;
  PersonNames names;
  std::vector<AgendaItem> items;

  // Visibility and the owner filter.
  bool wanted_owner(const std::string& owner_id) const {
    if (!sees_all && (p.person_id.empty() || owner_id != p.person_id)) return false;
    return q.owner_id.empty() || owner_id == q.owner_id;
  }

  bool wanted_date(const std::string& due_on, const std::string& state) const {
    if (due_on > q.to) return false;
    if (due_on >= q.from) return state != "done" || q.include_done;
    return q.include_overdue_before_from && state == "overdue";
  }

  Status add_activities() {
    OpRecordQuery query;
    query.kind = "activity";
    query.statuses = {"active"};
    ISMS_ASSIGN(std::vector<OpRecord> records, tx.list_op_records(query));
    // Overdue occurrences before `from` are looked for at most one range length back.
    std::string lookback = q.from;
    if (q.include_overdue_before_from) {
      ISMS_ASSIGN(lookback, add_days(q.from, -kCalendarRangeMaxDays));
    }
    for (const OpRecord& r : records) {
      if (!wanted_owner(r.owner_id)) continue;
      ISMS_ASSIGN(Activity a, calendar_internal::activity_of(r));
      ISMS_ASSIGN(std::vector<OpRecord> done, calendar_internal::occurrence_records(tx, a.id));
      std::set<std::string> recorded;
      for (const OpRecord& o : done) recorded.insert(o.due_at);
      ISMS_ASSIGN(std::string owner_name, names.name(a.owner_id));
      for (const std::string& date : occurrence_dates(a, lookback, q.to)) {
        std::string state = occurrence_state(date, today, a.due_window_days, recorded.count(date));
        if (!wanted_date(date, state)) continue;
        AgendaItem item;
        item.source = "occurrence";
        item.object_type = "activity";
        item.object_id = a.id;
        item.ref = a.ref;
        item.title = a.title;
        item.owner_id = a.owner_id;
        item.owner_name = owner_name;
        item.due_on = date;
        item.state = state;
        item.link = "/calendar/activities/" + a.id;
        items.push_back(std::move(item));
      }
    }
    return ok_status();
  }

  Status add_dated_records() {
    ISMS_ASSIGN(std::string after_to, add_days(q.to, 2));  // instants of a local day may
                                                           // fall on the next UTC day
    std::string now = ctx.clock->now_utc();
    for (const DatedKind& k : dated_kinds()) {
      OpRecordQuery query;
      query.kind = k.kind;
      query.statuses = k.statuses;
      query.due_before = after_to;
      query.order = OpRecordOrder::kDue;
      ISMS_ASSIGN(std::vector<OpRecord> records, tx.list_op_records(query));
      for (const OpRecord& r : records) {
        if (r.due_at.empty() || !wanted_owner(r.owner_id)) continue;
        AgendaItem item;
        item.source = k.source;
        item.object_type = k.kind;
        item.object_id = r.id;
        item.ref = r.ref;
        item.title = body_title(r.body);
        item.owner_id = r.owner_id;
        ISMS_ASSIGN(item.owner_name, names.name(r.owner_id));
        bool passed = false;
        if (r.due_at.size() > 10) {  // an instant: its local day in the organization's zone
          int64_t micros = 0;
          if (!parse_utc_micros(r.due_at, &micros)) continue;
          ISMS_ASSIGN(item.due_on, local_date(micros, zone));
          item.due_at = r.due_at;
          passed = r.due_at < now;
        } else {
          item.due_on = r.due_at;
          passed = item.due_on < today;
        }
        if (passed) {
          item.state = "overdue";
        } else {
          ISMS_ASSIGN(std::string window_start, add_days(item.due_on, -kOtherDueWindowDays));
          item.state = today >= window_start ? "due" : "upcoming";
        }
        if (!wanted_date(item.due_on, item.state)) continue;
        item.link = std::string(k.link_prefix) + r.id;
        items.push_back(std::move(item));
      }
    }
    return ok_status();
  }
};

Status check_query(const AgendaQuery& q) {
  std::vector<FieldError> errors;
  if (!is_valid_date(q.from)) errors.push_back({"from", "is required: a date YYYY-MM-DD"});
  if (!is_valid_date(q.to)) errors.push_back({"to", "is required: a date YYYY-MM-DD"});
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ISMS_ASSIGN(int64_t span, days_between(q.from, q.to));
  if (span < 0) return Error::invalid("to", "must not be before from");
  if (span > kCalendarRangeMaxDays) {
    return Error::invalid(
        "to", "the range spans at most " + std::to_string(kCalendarRangeMaxDays) + " days");
  }
  return ok_status();
}

}  // namespace

Result<std::vector<AgendaItem>> calendar_agenda(const ServiceContext& ctx, const Principal& p,
                                                const AgendaQuery& query) {
  ISMS_TRY(check_query(query));
  bool sees_all = p.has("calendar:read");
  std::vector<AgendaItem> items;
  {
    ISMS_ASSIGN(auto tx, ctx.store->begin_read());
    AgendaBuilder b{ctx, p, query, *tx, "", "", sees_all, PersonNames(*tx), {}};
    ISMS_ASSIGN(b.zone, organization_time_zone(*tx));
    ISMS_ASSIGN(b.today, local_date(ctx.clock->now_micros(), b.zone));
    ISMS_TRY(b.add_activities());
    ISMS_TRY(b.add_dated_records());
    items = std::move(b.items);
  }
  // Needs-review items decide their own visibility per object type; the calendar's rule
  // (only own items without calendar:read) and the range apply on top.
  ISMS_ASSIGN(std::vector<AgendaItem> reviews, list_reviews_due(ctx, p, query.to));
  for (AgendaItem& item : reviews) {
    // Approved exceptions are listed above by their expiry (source exception_expiry).
    if (item.object_type == "exception") continue;
    if (!sees_all && (p.person_id.empty() || item.owner_id != p.person_id)) continue;
    if (!query.owner_id.empty() && item.owner_id != query.owner_id) continue;
    if (item.due_on > query.to) continue;
    if (item.due_on < query.from &&
        !(query.include_overdue_before_from && item.state == "overdue")) {
      continue;
    }
    items.push_back(std::move(item));
  }
  std::sort(items.begin(), items.end(), item_less);
  return items;
}

}  // namespace isms
