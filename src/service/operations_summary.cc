#include "service/operations_summary.h"

#include "base/time_zone.h"
#include "service/calendar_agenda.h"
#include "service/time_zone_setting.h"

namespace isms {
namespace {

OpRecordQuery query(const char* kind, std::vector<std::string> statuses) {
  OpRecordQuery q;
  q.kind = kind;
  q.statuses = std::move(statuses);
  return q;
}

Result<Json> calendar_part(const ServiceContext& ctx, const Principal& p,
                           const std::string& today) {
  AgendaQuery q;
  ISMS_ASSIGN(q.from, add_days(today, -365));
  ISMS_ASSIGN(std::string horizon, add_days(today, 30));
  q.to = horizon;
  ISMS_ASSIGN(std::vector<AgendaItem> items, calendar_agenda(ctx, p, q));
  int64_t overdue = 0, due = 0, upcoming = 0;
  Json next = Json::array();
  for (const auto& item : items) {
    if (item.state == "overdue") ++overdue;
    if (item.state == "due") ++due;
    if (item.state == "upcoming") ++upcoming;
    if (item.state != "done" && next.size() < 5) {
      next.push_back(Json{{"source", item.source},
                          {"title", item.title},
                          {"due_on", item.due_on},
                          {"state", item.state},
                          {"owner_name", item.owner_name},
                          {"link", item.link}});
    }
  }
  return Json{{"overdue", overdue},
              {"due", due},
              {"upcoming_30_days", upcoming},
              {"next", std::move(next)}};
}

Result<Json> incidents_part(StoreTx& tx, const std::string& now) {
  OpRecordQuery open = query("incident", {"open", "contained", "resolved"});
  ISMS_ASSIGN(int64_t open_count, tx.count_op_records(open));
  OpRecordQuery late = open;
  late.due_before = now;
  ISMS_ASSIGN(int64_t overdue_reports, tx.count_op_records(late));
  OpRecordQuery next = open;
  next.due_from = now;
  next.order = OpRecordOrder::kDue;
  next.limit = 1;
  ISMS_ASSIGN(std::vector<OpRecord> soonest, tx.list_op_records(next));
  OpRecordQuery events = query("event", {"reported"});
  ISMS_ASSIGN(int64_t untriaged, tx.count_op_records(events));
  Json next_deadline = nullptr;
  if (!soonest.empty()) {
    next_deadline = Json{{"incident_id", soonest.front().id},
                         {"ref", soonest.front().ref},
                         {"due_at", soonest.front().due_at}};
  }
  return Json{{"open", open_count},
              {"overdue_reports", overdue_reports},
              {"untriaged_events", untriaged},
              {"next_deadline", std::move(next_deadline)}};
}

Result<Json> audits_part(StoreTx& tx, const std::string& today) {
  ISMS_ASSIGN(int64_t open_findings, tx.count_op_records(query("finding", {"open"})));
  OpRecordQuery actions = query("corrective_action", {"open"});
  ISMS_ASSIGN(int64_t open_actions, tx.count_op_records(actions));
  actions.due_before = today;
  ISMS_ASSIGN(int64_t overdue_actions, tx.count_op_records(actions));
  ISMS_ASSIGN(int64_t to_verify, tx.count_op_records(query("corrective_action", {"implemented"})));
  return Json{{"open_findings", open_findings},
              {"open_actions", open_actions},
              {"overdue_actions", overdue_actions},
              {"actions_to_verify", to_verify}};
}

Result<Json> exceptions_part(StoreTx& tx, const std::string& today) {
  ISMS_ASSIGN(int64_t requested, tx.count_op_records(query("exception", {"requested"})));
  OpRecordQuery approved = query("exception", {"approved"});
  OpRecordQuery expired = approved;
  expired.due_before = today;
  ISMS_ASSIGN(int64_t expired_count, tx.count_op_records(expired));
  OpRecordQuery expiring = approved;
  expiring.due_from = today;
  ISMS_ASSIGN(expiring.due_before, add_days(today, 31));
  ISMS_ASSIGN(int64_t expiring_count, tx.count_op_records(expiring));
  ISMS_ASSIGN(int64_t active, tx.count_op_records(approved));
  return Json{{"requested", requested},
              {"approved", active - expired_count},
              {"expiring_30_days", expiring_count},
              {"expired", expired_count}};
}

Result<Json> reviews_part(StoreTx& tx) {
  OpRecordQuery last = query("management_review", {"approved"});
  last.order = OpRecordOrder::kDue;
  last.descending = true;
  last.limit = 1;
  ISMS_ASSIGN(std::vector<OpRecord> rows, tx.list_op_records(last));
  OpRecordQuery planned = query("management_review", {"planned", "held"});
  planned.order = OpRecordOrder::kDue;
  planned.limit = 1;
  ISMS_ASSIGN(std::vector<OpRecord> next, tx.list_op_records(planned));
  auto brief = [](const std::vector<OpRecord>& r) -> Json {
    if (r.empty()) return nullptr;
    return Json{{"id", r.front().id},
                {"ref", r.front().ref},
                {"on", r.front().due_at},
                {"status", r.front().status}};
  };
  return Json{{"last_approved", brief(rows)}, {"next", brief(next)}};
}

}  // namespace

Result<Json> operations_summary(const ServiceContext& ctx, const Principal& p) {
  ISMS_ASSIGN(auto tx, ctx.store->begin_read());
  ISMS_ASSIGN(std::string today, organization_today(ctx, *tx));
  std::string now = ctx.clock->now_utc();
  Json out{{"calendar", nullptr},
           {"incidents", nullptr},
           {"audits", nullptr},
           {"exceptions", nullptr},
           {"management_reviews", nullptr}};
  if (p.has("incidents:read")) {
    ISMS_ASSIGN(out["incidents"], incidents_part(*tx, now));
  }
  if (p.has("audits:read")) {
    ISMS_ASSIGN(out["audits"], audits_part(*tx, today));
  }
  if (p.has("exceptions:read")) {
    ISMS_ASSIGN(out["exceptions"], exceptions_part(*tx, today));
  }
  if (p.has("reviews:read")) {
    ISMS_ASSIGN(out["management_reviews"], reviews_part(*tx));
  }
  tx.reset();  // the agenda opens its own transaction
  if (p.has("calendar:read")) {
    ISMS_ASSIGN(out["calendar"], calendar_part(ctx, p, today));
  }
  return out;
}

}  // namespace isms
