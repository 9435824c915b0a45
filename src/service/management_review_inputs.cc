// Input assembly for management reviews (management_review_inputs.h). Each section is a
// few facts (label, value) and tables of text cells, so the page, the CLI and the minutes
// PDF render every section the same way and the frozen snapshot needs no other module's
// types to be read back.
#include "service/management_review_inputs.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>

#include "base/json.h"
#include "base/time_zone.h"
#include "domain/risk_cycle.h"
#include "service/risk_cycle_service.h"
#include "service/risk_service.h"

namespace isms {
namespace {

struct Rec {
  OpRecord rec;
  Json body;
};

// Every record of a kind not archived, in ref order, with its body (an unreadable body
// reads as {} so one bad record does not hide a section).
Result<std::vector<Rec>> all_of(StoreTx& tx, const std::string& kind) {
  OpRecordQuery q;
  q.kind = kind;
  q.order = OpRecordOrder::kRef;
  ISMS_ASSIGN(std::vector<OpRecord> records, tx.list_op_records(q));
  std::vector<Rec> out;
  for (OpRecord& r : records) {
    auto body = parse_json(r.body);
    Json b = body && body->is_object() ? std::move(*body) : Json::object();
    out.push_back({std::move(r), std::move(b)});
  }
  return out;
}

// A body member as text: strings as they are, integers and decimals in their JSON form,
// booleans yes/no, [min, max] as "min - max"; "" when absent.
std::string text(const Json& body, const char* key) {
  if (!body.is_object()) return "";
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_boolean()) return it->get<bool>() ? "yes" : "no";
  if (it->is_array() && it->size() == 2) {
    Json a = (*it)[0], b = (*it)[1];
    return (a.is_string() ? a.get<std::string>() : dump_json(a)) + " - " +
           (b.is_string() ? b.get<std::string>() : dump_json(b));
  }
  return it->dump();
}

std::string count(size_t n) { return std::to_string(n); }

class Names {
 public:
  explicit Names(StoreTx& tx) : tx_(tx) {}
  Result<std::string> of(const std::string& id) {
    if (id.empty()) return std::string("-");
    auto it = names_.find(id);
    if (it != names_.end()) return it->second;
    auto person = tx_.get_person(id);
    std::string name = id;
    if (person) {
      name = person->name;
    } else if (person.error().code != ErrorCode::kNotFound) {
      return person.error();
    }
    names_[id] = name;
    return name;
  }

 private:
  StoreTx& tx_;
  std::map<std::string, std::string> names_;
};

bool since_ok(const std::string& since, const std::string& when) {
  // A date sorts before any instant of that day, so a date bound also works for instants.
  return since.empty() || (!when.empty() && when >= since);
}

std::string since_text(const InputsScope& s) {
  return s.since.empty() ? "since records began" : "since " + s.since;
}

const char* kGrades[] = {"major_nonconformity", "minor_nonconformity", "observation",
                         "opportunity"};

std::string grade_display(const std::string& g) {
  if (g == "major_nonconformity") return "Major nonconformity";
  if (g == "minor_nonconformity") return "Minor nonconformity";
  if (g == "observation") return "Observation";
  if (g == "opportunity") return "Opportunity for improvement";
  return g.empty() ? "-" : g;
}

struct Data {
  std::vector<Rec> findings, actions, audits, objectives, indicators, incidents, events, exceptions,
      reviews;
};

// --- a) actions of earlier reviews
Status actions_input(Names& names, const Data& d, const InputsScope& s, const PreviousReview& prev,
                     ReviewInput* in) {
  InputTable t{"Actions from earlier reviews", {"Review", "Action", "Owner", "Due", "Status"}, {}};
  size_t open = 0, overdue = 0, done = 0;
  for (const Rec& r : d.reviews) {
    if (r.rec.id == s.review_id || (r.rec.status != "held" && r.rec.status != "approved")) continue;
    auto it = r.body.find("actions");
    if (it == r.body.end() || !it->is_array()) continue;
    for (const Json& a : *it) {
      std::string status = text(a, "status"), due = text(a, "due_on");
      // Open actions of every earlier review; done ones only of the previous review.
      if (status != "open" && r.rec.id != prev.id) continue;
      std::string shown = status;
      if (status == "open" && !due.empty() && due < s.today) {
        shown = "overdue";
        ++overdue;
      }
      (status == "open" ? open : done)++;
      ISMS_ASSIGN(std::string owner, names.of(text(a, "owner_id")));
      t.rows.push_back({r.rec.ref, text(a, "title"), owner, due, shown});
    }
  }
  in->facts = {{"Open actions", count(open)},
               {"Of which overdue", count(overdue)},
               {"Done (previous review)", count(done)}};
  if (t.rows.empty()) {
    in->notes.push_back("No earlier management review has recorded actions.");
  } else {
    in->tables.push_back(std::move(t));
  }
  return ok_status();
}

// --- d1) nonconformities and corrective actions
Status nonconformity_input(Names& names, const Data& d, const InputsScope& s, ReviewInput* in) {
  InputTable by_grade{"Findings by grade", {"Grade", "Open", "Closed", "New " + since_text(s)}, {}};
  for (const char* g : kGrades) {
    size_t open = 0, closed = 0, fresh = 0;
    for (const Rec& f : d.findings) {
      if (text(f.body, "grade") != g) continue;
      (f.rec.status == "closed" ? closed : open)++;
      if (since_ok(s.since, f.rec.created_at)) ++fresh;
    }
    by_grade.rows.push_back({grade_display(g), count(open), count(closed), count(fresh)});
  }
  InputTable open_findings{
      "Open nonconformities and observations", {"Ref", "Grade", "Title", "Source", "Owner"}, {}};
  std::map<std::string, std::string> finding_refs;
  size_t open_total = 0;
  for (const Rec& f : d.findings) {
    finding_refs[f.rec.id] = f.rec.ref;
    if (f.rec.status == "closed" || text(f.body, "grade") == "opportunity") continue;
    ++open_total;
    ISMS_ASSIGN(std::string owner, names.of(f.rec.owner_id));
    open_findings.rows.push_back({f.rec.ref, grade_display(text(f.body, "grade")),
                                  text(f.body, "title"), text(f.body, "source"), owner});
  }
  std::map<std::string, size_t> by_status;
  size_t overdue = 0, verified_since = 0;
  InputTable pending{"Corrective actions not yet verified",
                     {"Ref", "Title", "Finding", "Owner", "Due", "Status"},
                     {}};
  for (const Rec& a : d.actions) {
    by_status[a.rec.status]++;
    if (a.rec.status == "verified" && since_ok(s.since, text(a.body, "verified_on"))) {
      ++verified_since;
    }
    if (a.rec.status == "verified") continue;
    bool late = a.rec.status == "open" && !a.rec.due_at.empty() && a.rec.due_at < s.today;
    if (late) ++overdue;
    ISMS_ASSIGN(std::string owner, names.of(a.rec.owner_id));
    auto ref = finding_refs.find(a.rec.parent_id);
    pending.rows.push_back({a.rec.ref, text(a.body, "title"),
                            ref == finding_refs.end() ? "-" : ref->second, owner, a.rec.due_at,
                            a.rec.status + (late ? " (overdue)" : "")});
  }
  in->facts = {{"Open findings (nonconformities, observations)", count(open_total)},
               {"Corrective actions open", count(by_status["open"])},
               {"Corrective actions overdue", count(overdue)},
               {"Implemented, awaiting verification", count(by_status["implemented"])},
               {"Verified " + since_text(s), count(verified_since)},
               {"Ineffective", count(by_status["ineffective"])}};
  in->tables.push_back(std::move(by_grade));
  if (!open_findings.rows.empty()) in->tables.push_back(std::move(open_findings));
  if (!pending.rows.empty()) in->tables.push_back(std::move(pending));
  if (d.findings.empty() && d.actions.empty()) {
    in->notes.push_back("No findings or corrective actions are recorded.");
  }
  return ok_status();
}

// A decimal's value for comparison only (the text is what is shown and stored).
std::optional<long double> number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  long double v = std::strtold(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

// "on target" / "off target" by the indicator's direction; "-" when it cannot be told.
std::string target_result(const Json& indicator, const std::string& value) {
  auto v = number(value);
  if (!v) return "-";
  std::string direction = text(indicator, "direction");
  auto it = indicator.find("target");
  if (it == indicator.end()) return "-";
  if (direction == "target_range" && it->is_array() && it->size() == 2) {
    auto lo = number((*it)[0].is_string() ? (*it)[0].get<std::string>() : dump_json((*it)[0]));
    auto hi = number((*it)[1].is_string() ? (*it)[1].get<std::string>() : dump_json((*it)[1]));
    if (!lo || !hi) return "-";
    return *lo <= *v && *v <= *hi ? "on target" : "off target";
  }
  auto t = number(text(indicator, "target"));
  if (!t) return "-";
  if (direction == "higher_is_better") return *v >= *t ? "on target" : "off target";
  if (direction == "lower_is_better") return *v <= *t ? "on target" : "off target";
  return "-";
}

std::string target_display(const Json& indicator) {
  std::string t = text(indicator, "target");
  std::string direction = text(indicator, "direction");
  if (t.empty()) return "-";
  if (direction == "higher_is_better") return ">= " + t;
  if (direction == "lower_is_better") return "<= " + t;
  return t;
}

// --- d2) monitoring and measurement
Status measurement_input(StoreTx& tx, const Data& d, ReviewInput* in) {
  std::map<std::string, std::string> objective_refs;
  for (const Rec& o : d.objectives) objective_refs[o.rec.id] = o.rec.ref;
  InputTable t{"Indicators: latest measurement against target",
               {"Ref", "Indicator", "Objective", "Target", "Latest", "Measured on", "Result"},
               {}};
  size_t on = 0, off = 0, never = 0, active = 0;
  for (const Rec& i : d.indicators) {
    if (i.rec.status == "retired") continue;
    ++active;
    OpRecordQuery q;
    q.kind = "measurement";
    q.parent_id = i.rec.id;
    q.order = OpRecordOrder::kDue;
    q.descending = true;
    q.limit = 1;
    ISMS_ASSIGN(std::vector<OpRecord> latest, tx.list_op_records(q));
    std::string value, on_date, result = "not measured";
    if (latest.empty()) {
      ++never;
    } else {
      auto body = parse_json(latest.front().body);
      Json m = body && body->is_object() ? *body : Json::object();
      value = text(m, "value");
      on_date = latest.front().due_at;
      result = target_result(i.body, value);
      if (result == "on target") ++on;
      if (result == "off target") ++off;
      std::string unit = text(i.body, "unit");
      if (!unit.empty() && !value.empty()) value += " " + unit;
    }
    auto obj = objective_refs.find(i.rec.parent_id);
    t.rows.push_back({i.rec.ref, text(i.body, "name"),
                      obj == objective_refs.end() ? "-" : obj->second, target_display(i.body),
                      value.empty() ? "-" : value, on_date.empty() ? "-" : on_date, result});
  }
  in->facts = {{"Active indicators", count(active)},
               {"On target", count(on)},
               {"Off target", count(off)},
               {"Not measured yet", count(never)}};
  if (t.rows.empty()) {
    in->notes.push_back("No indicators are defined.");
  } else {
    in->tables.push_back(std::move(t));
  }
  return ok_status();
}

// --- d3) audit results
Status audit_input(const Data& d, const InputsScope& s, ReviewInput* in) {
  InputTable t{"Audits completed " + since_text(s),
               {"Ref", "Title", "Ended", "Findings", "Major", "Minor", "Observations",
                "Opportunities", "Conclusion"},
               {}};
  size_t in_progress = 0;
  for (const Rec& a : d.audits) {
    if (a.rec.status == "planned" || a.rec.status == "in_progress") ++in_progress;
    std::string ended = text(a.body, "end_on");
    if (ended.empty()) ended = a.rec.due_at;
    if (a.rec.status != "completed" || !since_ok(s.since, ended)) continue;
    std::map<std::string, size_t> grades;
    size_t total = 0;
    for (const Rec& f : d.findings) {
      if (f.rec.parent_id != a.rec.id && text(f.body, "source_id") != a.rec.id) continue;
      ++total;
      grades[text(f.body, "grade")]++;
    }
    t.rows.push_back({a.rec.ref, text(a.body, "title"), ended, count(total),
                      count(grades["major_nonconformity"]), count(grades["minor_nonconformity"]),
                      count(grades["observation"]), count(grades["opportunity"]),
                      text(a.body, "conclusion")});
  }
  in->facts = {{"Audits completed " + since_text(s), count(t.rows.size())},
               {"Audits planned or in progress", count(in_progress)}};
  if (t.rows.empty()) {
    in->notes.push_back("No audit was completed " + since_text(s) + ".");
  } else {
    in->tables.push_back(std::move(t));
  }
  return ok_status();
}

// --- d4) objectives
Status objectives_input(Names& names, const Data& d, const InputsScope& s, ReviewInput* in) {
  InputTable t{"Information security objectives",
               {"Ref", "Objective", "Status", "Owner", "Next review", "Indicators"},
               {}};
  std::map<std::string, size_t> by_status;
  for (const Rec& o : d.objectives) {
    by_status[o.rec.status]++;
    size_t indicators = 0;
    for (const Rec& i : d.indicators) indicators += i.rec.parent_id == o.rec.id ? 1 : 0;
    ISMS_ASSIGN(std::string owner, names.of(o.rec.owner_id));
    bool late = o.rec.status == "active" && !o.rec.due_at.empty() && o.rec.due_at < s.today;
    t.rows.push_back({o.rec.ref, text(o.body, "title"), o.rec.status, owner,
                      o.rec.due_at.empty() ? "-" : o.rec.due_at + (late ? " (overdue)" : ""),
                      count(indicators)});
  }
  in->facts = {{"Active", count(by_status["active"])},
               {"Achieved", count(by_status["achieved"])},
               {"Withdrawn", count(by_status["withdrawn"])}};
  if (t.rows.empty()) {
    in->notes.push_back("No objectives are recorded.");
  } else {
    in->tables.push_back(std::move(t));
  }
  return ok_status();
}

// Errors a section turns into a note (the caller may not read risks, no method yet);
// store failures still fail the assembly.
bool is_note_error(const Error& e) {
  return e.code == ErrorCode::kForbidden || e.code == ErrorCode::kNotFound ||
         e.code == ErrorCode::kInvalid;
}

std::string level_name(const RiskMethod& m, int rank) {
  for (const RiskLevel& l : m.levels) {
    if (l.rank == rank) return l.name;
  }
  return "Level " + std::to_string(rank);
}

// --- f) risk assessment and treatment
Status risk_input(const ServiceContext& ctx, const Principal& p, ReviewInput* in) {
  auto summary = RiskService(ctx).summary(p);
  if (!summary) {
    if (!is_note_error(summary.error())) return summary.error();
    in->notes.push_back("Risk summary not available: " + summary.error().message);
  } else {
    const RiskSummary& s = *summary;
    in->facts = {{"Risks rated", std::to_string(s.residual.total)},
                 {"Residual risk above appetite", std::to_string(s.above_appetite)}};
    InputTable top{"Highest residual risks",
                   {"Ref", "Risk", "Residual level", "Treatment", "Owner", "Acceptance"},
                   {}};
    for (const RiskView& v : s.top_risks) {
      top.rows.push_back(
          {v.risk.ref, v.risk.title, level_name(v.method, v.risk.residual_level),
           std::string(treatment_name(v.risk.treatment)), v.risk.owner_name.value_or("-"),
           v.risk.acceptance ? "accepted until " + v.risk.acceptance->expires_on : "-"});
    }
    const HeatMap& h = s.residual;
    InputTable matrix{"Residual risks per likelihood (rows) and impact (columns)", {"L \\ I"}, {}};
    size_t impacts = h.counts.empty() ? 0 : h.counts.front().size();
    for (size_t i = 1; i <= impacts; ++i) matrix.columns.push_back(std::to_string(i));
    for (size_t l = h.counts.size(); l >= 1; --l) {
      std::vector<std::string> row{std::to_string(l)};
      for (int64_t c : h.counts[l - 1]) row.push_back(std::to_string(c));
      matrix.rows.push_back(std::move(row));
    }
    if (!top.rows.empty()) in->tables.push_back(std::move(top));
    if (!matrix.rows.empty()) in->tables.push_back(std::move(matrix));
    if (s.residual.total == 0) in->notes.push_back("The risk register is empty.");
  }
  auto cycles = RiskCycleService(ctx).list(p);
  if (!cycles) {
    if (!is_note_error(cycles.error())) return cycles.error();
    in->notes.push_back("Risk cycles not available: " + cycles.error().message);
    return ok_status();
  }
  for (const RiskCycle& c : *cycles) {  // newest first
    if (c.status != CycleStatus::kClosed) continue;
    in->facts.push_back({"Last closed risk cycle", c.title});
    in->facts.push_back({"Risk cycle opened on", c.opened_on});
    in->facts.push_back({"Risk cycle closed at", c.closed_at.value_or("-")});
    in->facts.push_back({"Risks reviewed in that cycle",
                         std::to_string(c.reviewed_count) + " of " + std::to_string(c.risk_count)});
    return ok_status();
  }
  in->notes.push_back("No risk cycle has been closed yet.");
  return ok_status();
}

// --- g) opportunities
Status opportunities_input(Names& names, const Data& d, ReviewInput* in) {
  InputTable t{"Findings graded opportunity for improvement",
               {"Ref", "Title", "Status", "Source", "Owner"},
               {}};
  for (const Rec& f : d.findings) {
    if (text(f.body, "grade") != "opportunity") continue;
    ISMS_ASSIGN(std::string owner, names.of(f.rec.owner_id));
    t.rows.push_back(
        {f.rec.ref, text(f.body, "title"), f.rec.status, text(f.body, "source"), owner});
  }
  in->facts = {{"Opportunities recorded", count(t.rows.size())}};
  if (t.rows.empty()) {
    in->notes.push_back("No finding is graded as an opportunity for improvement.");
  } else {
    in->tables.push_back(std::move(t));
  }
  return ok_status();
}

// --- incidents
Status incidents_input(const Data& d, const InputsScope& s, ReviewInput* in) {
  std::map<std::string, std::pair<size_t, size_t>> by_severity;  // total, not closed
  InputTable significant{"Significant incidents",
                         {"Ref", "Title", "Severity", "Status", "Aware at", "Personal data"},
                         {}};
  size_t total = 0, open = 0;
  for (const Rec& i : d.incidents) {
    std::string aware = text(i.body, "aware_at");
    if (!since_ok(s.since, aware.empty() ? i.rec.created_at : aware)) continue;
    ++total;
    bool still_open = i.rec.status != "closed" && i.rec.status != "resolved";
    if (still_open) ++open;
    auto& sev = by_severity[text(i.body, "severity")];
    ++sev.first;
    if (still_open) ++sev.second;
    if (text(i.body, "significant") == "yes") {
      significant.rows.push_back({i.rec.ref, text(i.body, "title"), text(i.body, "severity"),
                                  i.rec.status, aware, text(i.body, "personal_data")});
    }
  }
  size_t events = 0;
  for (const Rec& e : d.events) {
    std::string at = text(e.body, "reported_at");
    events += since_ok(s.since, at.empty() ? e.rec.created_at : at) ? 1 : 0;
  }
  in->facts = {{"Security events reported " + since_text(s), count(events)},
               {"Incidents " + since_text(s), count(total)},
               {"Significant incidents", count(significant.rows.size())},
               {"Not yet resolved", count(open)}};
  InputTable sev{"Incidents by severity", {"Severity", "Incidents", "Not yet resolved"}, {}};
  for (const char* name : {"critical", "high", "medium", "low"}) {
    auto it = by_severity.find(name);
    if (it == by_severity.end()) continue;
    sev.rows.push_back({name, count(it->second.first), count(it->second.second)});
  }
  if (total == 0) {
    in->notes.push_back("No incident " + since_text(s) + ".");
  } else {
    in->tables.push_back(std::move(sev));
  }
  if (!significant.rows.empty()) in->tables.push_back(std::move(significant));
  return ok_status();
}

// --- exceptions
Status exceptions_input(Names& names, const Data& d, const InputsScope& s, ReviewInput* in) {
  ISMS_ASSIGN(std::string soon, add_days(s.today, 30));
  InputTable t{"Approved exceptions", {"Ref", "Title", "Requester", "Expires on", "State"}, {}};
  size_t active = 0, expiring = 0, expired = 0, requested = 0;
  for (const Rec& e : d.exceptions) {
    if (e.rec.status == "requested") ++requested;
    if (e.rec.status != "approved") continue;
    std::string expires = text(e.body, "expires_on");
    if (expires.empty()) expires = e.rec.due_at;
    std::string state = "active";
    if (!expires.empty() && expires < s.today) {
      state = "expired";
      ++expired;
    } else {
      ++active;
      if (!expires.empty() && expires <= soon) {
        state = "expiring within 30 days";
        ++expiring;
      }
    }
    ISMS_ASSIGN(std::string requester, names.of(e.rec.owner_id));
    t.rows.push_back(
        {e.rec.ref, text(e.body, "title"), requester, expires.empty() ? "-" : expires, state});
  }
  in->facts = {{"Active exceptions", count(active)},
               {"Expiring within 30 days", count(expiring)},
               {"Expired", count(expired)},
               {"Requests awaiting a decision", count(requested)}};
  if (t.rows.empty()) {
    in->notes.push_back("No approved exceptions.");
  } else {
    in->tables.push_back(std::move(t));
  }
  return ok_status();
}

}  // namespace

Result<PreviousReview> previous_review(StoreTx& tx, const std::string& review_id) {
  OpRecordQuery q;
  q.kind = kManagementReviewKind;
  q.statuses = {"held", "approved"};
  ISMS_ASSIGN(std::vector<OpRecord> held, tx.list_op_records(q));  // created order
  PreviousReview best;
  for (const OpRecord& r : held) {
    if (r.id == review_id) continue;
    auto body = parse_json(r.body);
    std::string on = body && body->is_object() ? text(*body, "held_on") : "";
    if (best.id.empty() || on >= best.held_on) best = {r.id, on};
  }
  return best;
}

Result<std::vector<ReviewInput>> assemble_review_inputs(const ServiceContext& ctx,
                                                        const Principal& p,
                                                        const InputsScope& scope) {
  std::vector<ReviewInput> inputs = empty_review_inputs();
  auto section = [&](const char* key) -> ReviewInput* {
    for (ReviewInput& in : inputs) {
      if (in.key == key) return &in;
    }
    return nullptr;
  };
  {
    ISMS_ASSIGN(auto tx, ctx.store->begin_read());
    Data d;
    const std::pair<const char*, std::vector<Rec>*> kinds[] = {{"finding", &d.findings},
                                                               {"corrective_action", &d.actions},
                                                               {"audit", &d.audits},
                                                               {"objective", &d.objectives},
                                                               {"indicator", &d.indicators},
                                                               {"incident", &d.incidents},
                                                               {"event", &d.events},
                                                               {"exception", &d.exceptions},
                                                               {kManagementReviewKind, &d.reviews}};
    for (const auto& [kind, out] : kinds) {
      ISMS_ASSIGN(*out, all_of(*tx, kind));
    }
    ISMS_ASSIGN(PreviousReview prev, previous_review(*tx, scope.review_id));
    Names names(*tx);
    ISMS_TRY(actions_input(names, d, scope, prev, section("a")));
    ISMS_TRY(nonconformity_input(names, d, scope, section("d1")));
    ISMS_TRY(measurement_input(*tx, d, section("d2")));
    ISMS_TRY(audit_input(d, scope, section("d3")));
    ISMS_TRY(objectives_input(names, d, scope, section("d4")));
    ISMS_TRY(opportunities_input(names, d, section("g")));
    ISMS_TRY(incidents_input(d, scope, section("incidents")));
    ISMS_TRY(exceptions_input(names, d, scope, section("exceptions")));
  }
  // The risk services open their own read transactions.
  ISMS_TRY(risk_input(ctx, p, section("f")));
  return inputs;
}

}  // namespace isms
