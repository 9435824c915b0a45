// list_reviews_due (service/review_due.h): every object type through its owning service's
// list with its own permission and read rule (a principal without a register's read
// permission simply sees none of that register), each an index range where the store has
// one: risks by review_before, controls by check_before, exceptions by due_at. Documents
// and the SoA are one list each; evidence is read per readable control that has any (the
// store has no list of evidence by validity).
#include "service/review_due.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "base/time_zone.h"
#include "service/admin_common.h"
#include "service/control_service.h"
#include "service/document_service.h"
#include "service/exception_service.h"
#include "service/risk_service.h"
#include "service/soa_service.h"
#include "service/time_zone_setting.h"

namespace isms {

namespace {

constexpr int kDueWindowDays = 30;
constexpr int kSoaReviewMonths = 12;
constexpr int kPageSize = 500;

struct Window {
  std::string today;
  std::string due_until;  // today + 30 days: "due" up to here
  std::string until;
};

std::string state_on(const Window& w, const std::string& due_on) {
  if (due_on < w.today) return "overdue";
  if (due_on <= w.due_until) return "due";
  return "upcoming";
}

AgendaItem item(const Window& w, std::string type, std::string id, std::string ref,
                std::string title, std::string due_on, std::string link) {
  AgendaItem a;
  a.source = "review_due";
  a.object_type = std::move(type);
  a.object_id = std::move(id);
  a.ref = std::move(ref);
  a.title = std::move(title);
  a.state = state_on(w, due_on);
  a.due_on = std::move(due_on);
  a.link = std::move(link);
  return a;
}

Status add_documents(const ServiceContext& ctx, const Principal& p, const Window& w,
                     const std::map<std::string, std::string>& names,
                     std::vector<AgendaItem>* out) {
  if (!p.has("documents:read")) return ok_status();
  ISMS_ASSIGN(auto docs, DocumentService(ctx).list(p, DocumentQuery{}));
  for (const Document& d : docs) {
    if (!d.published_version_id || !d.next_review_date || *d.next_review_date > w.until) {
      continue;
    }
    AgendaItem a = item(w, "document", d.id, d.published_label.value_or(""), d.title,
                        *d.next_review_date, "/documents/" + d.id);
    if (d.owner_person_id) {
      a.owner_id = *d.owner_person_id;
      auto it = names.find(a.owner_id);
      if (it != names.end()) a.owner_name = it->second;
    }
    out->push_back(std::move(a));
  }
  return ok_status();
}

Status add_risks(const ServiceContext& ctx, const Principal& p, const Window& w,
                 const std::string& day_after, std::vector<AgendaItem>* out) {
  if (!p.has("risks:read")) return ok_status();
  RiskService service(ctx);
  RiskListRequest request;
  request.query.review_before = day_after;
  request.query.limit = kPageSize;
  do {
    ISMS_ASSIGN(RiskListResult page, service.list(p, request));
    for (const RiskView& v : page.items) {
      const Risk& r = v.risk;
      if (!r.next_review_on) continue;
      AgendaItem a = item(w, "risk", r.id, r.ref, r.title, *r.next_review_on, "/risks/" + r.id);
      a.owner_id = r.owner_id.value_or("");
      a.owner_name = r.owner_name.value_or("");
      out->push_back(std::move(a));
    }
    request.cursor = page.next_cursor;
  } while (!request.cursor.empty());
  return ok_status();
}

// Controls whose effectiveness check is due, and the evidence of readable controls that
// runs out (unless a newer piece of the same title outlasts it).
Status add_controls_and_evidence(const ServiceContext& ctx, const Principal& p, const Window& w,
                                 std::vector<AgendaItem>* out) {
  if (!p.has("controls:read")) return ok_status();
  ControlService service(ctx);
  ControlListRequest request;
  request.query.limit = kPageSize;
  std::vector<Control> with_evidence;
  do {
    ISMS_ASSIGN(ControlListResult page, service.list(p, request));
    for (Control& c : page.items) {
      // A control that does not apply has no effectiveness to check.
      if (c.status != ControlStatus::kNotApplicable && c.next_check_on &&
          *c.next_check_on <= w.until) {
        AgendaItem a =
            item(w, "control", c.id, c.ref, c.title, *c.next_check_on, "/controls/" + c.id);
        a.owner_id = c.owner_id.value_or("");
        a.owner_name = c.owner_name.value_or("");
        out->push_back(std::move(a));
      }
      if (c.evidence_count > 0) with_evidence.push_back(std::move(c));
    }
    request.cursor = page.next_cursor;
  } while (!request.cursor.empty());
  if (with_evidence.empty()) return ok_status();
  ISMS_ASSIGN(auto tx, ctx.store->begin_read());
  for (const Control& c : with_evidence) {
    ISMS_ASSIGN(auto evidence, tx->list_evidence(c.id, false));
    for (const Evidence& e : evidence) {
      if (!e.valid_until || *e.valid_until > w.until) continue;
      bool superseded = std::any_of(evidence.begin(), evidence.end(), [&](const Evidence& o) {
        return o.id != e.id && o.title == e.title &&
               (!o.valid_until || *o.valid_until > *e.valid_until);
      });
      if (superseded) continue;
      AgendaItem a = item(w, "evidence", e.id, c.ref, e.title + " (" + c.title + ")",
                          *e.valid_until, "/controls/" + c.id);
      a.owner_id = c.owner_id.value_or("");
      a.owner_name = c.owner_name.value_or("");
      out->push_back(std::move(a));
    }
  }
  return ok_status();
}

Status add_exceptions(const ServiceContext& ctx, const Principal& p, const Window& w,
                      const std::string& day_after, std::vector<AgendaItem>* out) {
  ISMS_ASSIGN(auto tx, ctx.store->begin_read());
  ISMS_ASSIGN(auto list, ExceptionService(ctx).expiring_before(p, *tx, day_after));
  for (const PolicyException& e : list) {
    AgendaItem a = item(w, "exception", e.id, e.ref, e.title, e.expires_on, "/exceptions/" + e.id);
    a.owner_id = e.requester_id;
    a.owner_name = e.requester_name;
    out->push_back(std::move(a));
  }
  return ok_status();
}

Status add_soa(const ServiceContext& ctx, const Principal& p, const Window& w,
               std::vector<AgendaItem>* out) {
  if (!p.has("soa:read")) return ok_status();
  ISMS_ASSIGN(auto versions, SoaService(ctx).versions(p));
  if (versions.empty() || versions.front().approved_at.size() < 10) return ok_status();
  const Soa& last = versions.front();
  ISMS_ASSIGN(std::string due, add_months(last.approved_at.substr(0, 10), kSoaReviewMonths));
  if (due > w.until) return ok_status();
  AgendaItem a = item(w, "soa", last.id, "SoA v" + std::to_string(last.number),
                      "Statement of Applicability", due, "/soa");
  a.owner_id = last.approved_by_person_id;
  a.owner_name = last.approved_by_name;
  out->push_back(std::move(a));
  return ok_status();
}

}  // namespace

Result<std::vector<AgendaItem>> list_reviews_due(const ServiceContext& ctx, const Principal& p,
                                                 const std::string& until) {
  if (!is_valid_date(until)) return Error::invalid("until", "must be a date YYYY-MM-DD");
  Window w;
  w.until = until;
  std::map<std::string, std::string> names;
  {
    ISMS_ASSIGN(auto tx, ctx.store->begin_read());
    ISMS_ASSIGN(w.today, organization_today(ctx, *tx));
    if (p.has("documents:read")) {
      ISMS_ASSIGN(auto persons, tx->list_persons());
      for (const Person& person : persons) names[person.id] = person.name;
    }
  }
  ISMS_ASSIGN(w.due_until, add_days(w.today, kDueWindowDays));
  ISMS_ASSIGN(std::string day_after, add_days(until, 1));
  std::vector<AgendaItem> out;
  ISMS_TRY(add_documents(ctx, p, w, names, &out));
  ISMS_TRY(add_risks(ctx, p, w, day_after, &out));
  ISMS_TRY(add_controls_and_evidence(ctx, p, w, &out));
  ISMS_TRY(add_exceptions(ctx, p, w, day_after, &out));
  ISMS_TRY(add_soa(ctx, p, w, &out));
  std::sort(out.begin(), out.end(), [](const AgendaItem& a, const AgendaItem& b) {
    return std::tie(a.due_on, a.title, a.object_id) < std::tie(b.due_on, b.title, b.object_id);
  });
  return out;
}

}  // namespace isms
