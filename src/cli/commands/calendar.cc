// isms activity / isms calendar: the ISMS calendar (docs/api.md "Calendar"). Activities
// (recurring duties) are listed, shown, created, changed, archived; their occurrences are
// listed, completed or skipped. The agenda lists every dated duty in a range; settings
// shows or sets the organization's time zone. Locally the operator completes for a person
// named by --as-person; remotely the token's person completes.
#include <CLI/App.hpp>
#include <array>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "service/calendar_agenda.h"
#include "service/calendar_service.h"

namespace isms::cli {

namespace {

std::string activity_path(const std::string& id, const std::string& suffix = "") {
  return "/activities/" + ApiClient::segment(id) + suffix;
}

// An activity given by id or ref ("ACT-0001"): its id. kNotFound naming "activity".
Result<std::string> resolve_activity(const Backend& b, const std::string& given) {
  if (given.rfind("ACT-", 0) != 0) return given;
  Json list;
  if (b.local) {
    ISMS_ASSIGN(auto views, CalendarService(*b.local).list(cli_operator(), {}));
    ISMS_ASSIGN(auto archived,
                CalendarService(*b.local).list(cli_operator(), {"archived", "", ""}));
    views.insert(views.end(), archived.begin(), archived.end());
    list = items_of(views, activity_view_to_json);
  } else {
    ISMS_ASSIGN(list, b.remote->get("/activities"));
  }
  for (const Json& a : array_of(list, "items")) {
    if (text_of(a, "ref") == given) return text_of(a, "id");
  }
  Error e = Error::not_found("no activity with ref " + given);
  e.field = "activity";
  return e;
}

// --- printers ---

int print_activities(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No activities.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("REF");
  table.add_column("TITLE", 44);
  table.add_column("CADENCE", 30);
  table.add_column("OWNER", 20);
  table.add_column("NEXT");
  table.add_column("STATE");
  for (const Json& a : items) {
    table.add_row(
        {text_of(a, "ref"), text_of(a, "title"), text_of(a, "cadence_text"),
         or_dash(text_of(a, "owner_name")), or_dash(text_of(a, "next_due")),
         text_of(a, "status") == "paused" ? "paused" : or_dash(text_of(a, "next_state"))});
  }
  table.print(std::cout);
  return kExitOk;
}

int print_activity(const Json& a) {
  Details d;
  d.add("id", text_of(a, "id"));
  d.add("ref", text_of(a, "ref"));
  d.add("title", text_of(a, "title"));
  d.add("cadence", text_of(a, "cadence_text"));
  d.add("owner", or_dash(text_of(a, "owner_name")));
  const Json& subject = member_of(a, "subject");
  d.add("subject",
        text_of(subject, "register") +
            (text_of(subject, "object_id").empty() ? "" : " " + text_of(subject, "object_id")));
  std::string requires_text;
  for (const Json& r : array_of(a, "requires")) {
    requires_text += (requires_text.empty() ? "" : ", ") + r.get<std::string>();
  }
  d.add("requires", or_dash(requires_text));
  d.add("due window", std::to_string(int_of(a, "due_window_days")) + " day(s)");
  d.add("policy", or_dash(text_of(a, "policy_ref")));
  d.add("status", text_of(a, "status") + (bool_of(a, "archived") ? " (archived)" : ""));
  d.add("next due",
        or_dash(text_of(a, "next_due")) +
            (text_of(a, "next_state").empty() ? "" : " (" + text_of(a, "next_state") + ")"));
  d.add("version", std::to_string(int_of(a, "version")));
  d.print(std::cout);
  if (!text_of(a, "description").empty()) {
    std::cout << "\n";
    print_block(text_of(a, "description"), 2);
  }
  return kExitOk;
}

int print_occurrence(const Json& o) {
  std::cout << text_of(o, "due_on") << " " << text_of(o, "state");
  if (!text_of(o, "completed_by_name").empty()) {
    std::cout << " by " << sanitize_line(text_of(o, "completed_by_name"));
  }
  if (!text_of(o, "completed_at").empty()) std::cout << " at " << text_of(o, "completed_at");
  std::cout << "\n";
  return kExitOk;
}

int print_occurrences(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No occurrences in the range.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("DATE");
  table.add_column("STATE");
  table.add_column("BY", 24);
  table.add_column("NOTES", 50);
  for (const Json& o : items) {
    std::string note = text_of(o, "notes");
    if (note.empty()) note = text_of(o, "reason");
    table.add_row({text_of(o, "due_on"), text_of(o, "state"),
                   or_dash(text_of(o, "completed_by_name")), or_dash(note)});
  }
  table.print(std::cout);
  return kExitOk;
}

int print_agenda(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "Nothing on the agenda in the range.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("DUE");
  table.add_column("STATE");
  table.add_column("SOURCE");
  table.add_column("REF");
  table.add_column("TITLE", 44);
  table.add_column("OWNER", 20);
  for (const Json& i : items) {
    table.add_row({text_of(i, "due_on"), text_of(i, "state"), text_of(i, "source"),
                   or_dash(text_of(i, "ref")), text_of(i, "title"),
                   text_of(i, "owner_name").empty() ? "unassigned" : text_of(i, "owner_name")});
  }
  table.print(std::cout);
  return kExitOk;
}

// --- activity options shared by create and update ---

struct ActivityOptions {
  std::string id;
  Flag title, description, cadence, weekday, anchor_on, owner, subject, subject_object,
      requires_list, policy;
  int day_of_month = 0, every = 0, window = -1;
  std::string unit;
  bool pause = false, resume = false;
  int64_t version = 0;
};

void add_activity_options(CLI::App* c, ActivityOptions* o) {
  add_flag_option(c, "--title", &o->title, "Title (1-200 characters)", "TEXT");
  add_flag_option(c, "--description", &o->description, "What the duty is", "TEXT");
  add_flag_option(c, "--cadence", &o->cadence, "weekly, monthly, quarterly, yearly or custom",
                  "KIND");
  add_flag_option(c, "--weekday", &o->weekday, "Weekly: monday..sunday", "DAY");
  c->add_option("--day-of-month", o->day_of_month, "Monthly: 1-31 (clamped to the month's end)")
      ->type_name("N");
  c->add_option("--every", o->every, "Custom: every N units")->type_name("N");
  c->add_option("--unit", o->unit, "Custom: days, weeks, months or years")->type_name("UNIT");
  add_flag_option(c, "--anchor-on", &o->anchor_on, "First occurrence (default today)",
                  "YYYY-MM-DD");
  add_flag_option(c, "--owner", &o->owner, "Owner person (id or email; empty = unassigned)",
                  "ID|EMAIL");
  add_flag_option(c, "--subject", &o->subject, "Register it concerns (risks, documents, ...)",
                  "REGISTER");
  add_flag_option(c, "--subject-object", &o->subject_object, "Object id in that register", "ID");
  add_flag_option(c, "--requires", &o->requires_list,
                  "What completing needs: notes,evidence,decision (empty = nothing)", "LIST");
  c->add_option("--window", o->window, "Due window in days before the date (0-90)")
      ->type_name("DAYS");
  add_flag_option(c, "--policy", &o->policy, "Policy reference, e.g. \"Policy 5\"", "TEXT");
}

Result<Json> activity_body_of(const ActivityOptions& o, const Backend& b) {
  Json body = Json::object();
  if (o.title.given()) body["title"] = o.title.value;
  if (o.description.given()) body["description"] = o.description.value;
  if (o.anchor_on.given()) body["anchor_on"] = o.anchor_on.value;
  if (o.policy.given()) body["policy_ref"] = o.policy.value;
  if (o.cadence.given()) {
    Json c{{"kind", o.cadence.value}};
    if (o.weekday.given()) c["weekday"] = o.weekday.value;
    if (o.day_of_month != 0) c["day_of_month"] = o.day_of_month;
    if (o.every != 0) c["every"] = o.every;
    if (!o.unit.empty()) c["unit"] = o.unit;
    body["cadence"] = c;
  } else if (o.weekday.given() || o.day_of_month != 0 || o.every != 0 || !o.unit.empty()) {
    return Error::invalid("cadence",
                          "--weekday, --day-of-month, --every and --unit need --cadence");
  }
  if (o.owner.given()) {
    if (o.owner.value.empty()) {
      body["owner_id"] = nullptr;
    } else {
      ISMS_ASSIGN(std::string id, resolve_person(b, "owner", o.owner.value));
      body["owner_id"] = id;
    }
  }
  if (o.subject.given() || o.subject_object.given()) {
    body["subject"] = Json{{"register", o.subject.given() ? o.subject.value : "other"}};
    if (o.subject_object.given()) body["subject"]["object_id"] = o.subject_object.value;
  }
  if (o.requires_list.given()) {
    Json list = Json::array();
    std::string rest = o.requires_list.value;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string item = rest.substr(0, comma);
      if (!item.empty()) list.push_back(item);
      rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
    }
    body["requires"] = list;
  }
  if (o.window >= 0) body["due_window_days"] = o.window;
  if (o.pause && o.resume) return Error::invalid("status", "give --pause or --resume, not both");
  if (o.pause) body["status"] = "paused";
  if (o.resume) body["status"] = "active";
  return body;
}

void add_list(CLI::App* parent, Invocation* invocation) {
  auto f = std::make_shared<ActivityFilter>();
  CLI::App* c =
      add_command(parent, "list", "List activities and their next occurrence", invocation);
  c->add_option("--status", f->status, "active, paused or archived")->type_name("STATUS");
  c->add_option("--owner", f->owner_id, "Owner person id (none = unassigned)")->type_name("ID");
  c->add_option("--subject", f->subject, "Subject register")->type_name("REGISTER");
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [f](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto views, CalendarService(s).list(cli_operator(), *f));
        return items_of(views, activity_view_to_json);
      },
      [f](ApiClient& api) {
        QueryList q;
        if (!f->status.empty()) q.emplace_back("status", f->status);
        if (!f->owner_id.empty()) q.emplace_back("owner", f->owner_id);
        if (!f->subject.empty()) q.emplace_back("subject", f->subject);
        return api.get("/activities", q);
      },
      print_activities);
}

void add_show(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  CLI::App* c = add_command(parent, "show", "Show an activity", invocation);
  c->add_option("id", *id, "Activity id or ref (ACT-0001)")->required();
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [id](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string aid, resolve_activity(Backend{&s, nullptr}, *id));
        ISMS_ASSIGN(ActivityView v, CalendarService(s).get(cli_operator(), aid));
        return activity_view_to_json(v);
      },
      [id](ApiClient& api) -> Result<Json> {
        ISMS_ASSIGN(std::string aid, resolve_activity(Backend{nullptr, &api}, *id));
        return api.get(activity_path(aid));
      },
      print_activity);
}

void add_create(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ActivityOptions>();
  CLI::App* c = add_command(parent, "create", "Create a recurring activity", invocation);
  add_activity_options(c, o.get());
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, activity_body_of(*o, Backend{&s, nullptr}));
        ISMS_ASSIGN(ActivityFields fields, activity_fields_from_json(body));
        ISMS_ASSIGN(ActivityView v, CalendarService(s).create(cli_operator(), fields));
        return activity_view_to_json(v);
      },
      [o](ApiClient& api) -> Result<Json> {
        ISMS_ASSIGN(Json body, activity_body_of(*o, Backend{nullptr, &api}));
        return api.post("/activities", body);
      },
      print_activity);
}

void add_update(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ActivityOptions>();
  CLI::App* c = add_command(parent, "update", "Change an activity", invocation);
  c->add_option("id", o->id, "Activity id or ref")->required();
  c->add_option("--version", o->version, "The version you last read")->required()->type_name("N");
  add_activity_options(c, o.get());
  c->add_flag("--pause", o->pause, "Pause: no occurrences until resumed");
  c->add_flag("--resume", o->resume, "Resume a paused activity");
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        Backend b{&s, nullptr};
        ISMS_ASSIGN(std::string aid, resolve_activity(b, o->id));
        ISMS_ASSIGN(Json body, activity_body_of(*o, b));
        body["version"] = o->version;
        ISMS_ASSIGN(ActivityFields fields, activity_fields_from_json(body));
        ISMS_ASSIGN(ActivityView v, CalendarService(s).update(cli_operator(), aid, fields));
        return activity_view_to_json(v);
      },
      [o](ApiClient& api) -> Result<Json> {
        Backend b{nullptr, &api};
        ISMS_ASSIGN(std::string aid, resolve_activity(b, o->id));
        ISMS_ASSIGN(Json body, activity_body_of(*o, b));
        body["version"] = o->version;
        return api.patch(activity_path(aid), body);
      },
      print_activity);
}

void add_archive(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<int64_t>(0);
  CLI::App* c = add_command(parent, "archive", "Archive an activity (records kept)", invocation);
  c->add_option("id", *id, "Activity id or ref")->required();
  c->add_option("--version", *version, "The version you last read")->type_name("N");
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [id, version](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string aid, resolve_activity(Backend{&s, nullptr}, *id));
        std::optional<int64_t> v;
        if (*version > 0) v = *version;
        ISMS_ASSIGN(ActivityView out, CalendarService(s).archive(cli_operator(), aid, v));
        return activity_view_to_json(out);
      },
      [id, version](ApiClient& api) -> Result<Json> {
        ISMS_ASSIGN(std::string aid, resolve_activity(Backend{nullptr, &api}, *id));
        Json body = Json::object();
        if (*version > 0) body["version"] = *version;
        return api.post(activity_path(aid, "/archive"), body);
      },
      print_activity);
}

struct RecordOptions {
  std::string id, date, as_person;
  Flag notes, decision, reason;
  std::vector<std::string> evidence;
};

void add_record(CLI::App* parent, Invocation* invocation, bool skip) {
  auto o = std::make_shared<RecordOptions>();
  CLI::App* c = add_command(parent, skip ? "skip" : "complete",
                            skip ? "Skip an occurrence with a reason"
                                 : "Complete an occurrence (notes, evidence, decision as required)",
                            invocation);
  c->add_option("id", o->id, "Activity id or ref")->required();
  c->add_option("date", o->date, "The occurrence's date YYYY-MM-DD")->required();
  if (skip) {
    add_flag_option(c, "--reason", &o->reason, "Why it is skipped", "TEXT");
  } else {
    add_flag_option(c, "--notes", &o->notes, "What was done", "TEXT");
    add_flag_option(c, "--decision", &o->decision, "What was decided", "TEXT");
    c->add_option("--evidence", o->evidence, "Evidence id or https URL (repeatable)")
        ->type_name("ID|URL");
  }
  c->add_option("--as-person", o->as_person, "Local operator only: who did it (id or email)")
      ->type_name("ID|EMAIL");
  add_json_flag(c, invocation);
  auto body = [o, skip] {
    Json b = Json::object();
    if (skip) {
      if (o->reason.given()) b["reason"] = o->reason.value;
      return b;
    }
    if (o->notes.given()) b["notes"] = o->notes.value;
    if (o->decision.given()) b["decision"] = o->decision.value;
    if (!o->evidence.empty()) b["evidence"] = o->evidence;
    return b;
  };
  set_json_action(
      c, invocation,
      [o, body, skip](const ServiceContext& s) -> Result<Json> {
        Backend b{&s, nullptr};
        ISMS_ASSIGN(std::string aid, resolve_activity(b, o->id));
        ISMS_ASSIGN(Completion completion, completion_from_json(body(), skip));
        std::optional<std::string> person;
        if (!o->as_person.empty()) {
          ISMS_ASSIGN(person, resolve_person(b, "as-person", o->as_person));
        }
        CalendarService service(s);
        ISMS_ASSIGN(Occurrence out,
                    skip ? service.skip(cli_operator(), aid, o->date, completion, person)
                         : service.complete(cli_operator(), aid, o->date, completion, person));
        return occurrence_to_json(out);
      },
      [o, body, skip](ApiClient& api) -> Result<Json> {
        if (!o->as_person.empty()) {
          return Error::invalid("as-person",
                                "is for the local operator; with --server the token's person "
                                "completes");
        }
        ISMS_ASSIGN(std::string aid, resolve_activity(Backend{nullptr, &api}, o->id));
        return api.post(activity_path(aid, "/occurrences/" + ApiClient::segment(o->date) +
                                               (skip ? "/skip" : "/complete")),
                        body());
      },
      print_occurrence);
}

void add_occurrences(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<std::array<std::string, 3>>();  // id, from, to
  CLI::App* c = add_command(parent, "occurrences", "List an activity's occurrences", invocation);
  c->add_option("id", (*o)[0], "Activity id or ref")->required();
  c->add_option("--from", (*o)[1], "First day (default 30 days ago)")->type_name("YYYY-MM-DD");
  c->add_option("--to", (*o)[2], "Last day (at most 400 days on)")->type_name("YYYY-MM-DD");
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string aid, resolve_activity(Backend{&s, nullptr}, (*o)[0]));
        ISMS_ASSIGN(auto list,
                    CalendarService(s).occurrences(cli_operator(), aid, (*o)[1], (*o)[2]));
        return items_of(list, occurrence_to_json);
      },
      [o](ApiClient& api) -> Result<Json> {
        ISMS_ASSIGN(std::string aid, resolve_activity(Backend{nullptr, &api}, (*o)[0]));
        QueryList q;
        if (!(*o)[1].empty()) q.emplace_back("from", (*o)[1]);
        if (!(*o)[2].empty()) q.emplace_back("to", (*o)[2]);
        return api.get(activity_path(aid, "/occurrences"), q);
      },
      print_occurrences);
}

void add_agenda(CLI::App* parent, Invocation* invocation) {
  auto q = std::make_shared<AgendaQuery>();
  CLI::App* c = add_command(parent, "agenda", "Every dated duty in a range", invocation);
  c->add_option("--from", q->from, "First day")->required()->type_name("YYYY-MM-DD");
  c->add_option("--to", q->to, "Last day (at most 400 days on)")
      ->required()
      ->type_name("YYYY-MM-DD");
  c->add_option("--owner", q->owner_id, "Only this person's items (id)")->type_name("ID");
  c->add_flag("--include-done", q->include_done, "Include done occurrences");
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [q](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto items, calendar_agenda(s, cli_operator(), *q));
        return items_of(items, agenda_item_to_json);
      },
      [q](ApiClient& api) {
        QueryList query{{"from", q->from}, {"to", q->to}};
        if (!q->owner_id.empty()) query.emplace_back("owner", q->owner_id);
        if (q->include_done) query.emplace_back("include_done", "true");
        return api.get("/calendar/agenda", query);
      },
      print_agenda);
}

void add_settings(CLI::App* parent, Invocation* invocation) {
  auto zone = std::make_shared<Flag>();
  CLI::App* c =
      add_command(parent, "settings",
                  "Show or set the organization's time zone (the calendar's days)", invocation);
  add_flag_option(c, "--time-zone", zone.get(), "IANA zone, e.g. Europe/Stockholm", "ZONE");
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [zone](const ServiceContext& s) -> Result<Json> {
        CalendarService service(s);
        std::string out;
        if (zone->given()) {
          ISMS_ASSIGN(out, service.set_time_zone(cli_operator(), zone->value));
        } else {
          ISMS_ASSIGN(out, service.time_zone(cli_operator()));
        }
        return Json{{"time_zone", out}};
      },
      [zone](ApiClient& api) {
        if (zone->given()) {
          return api.patch("/calendar/settings", Json{{"time_zone", zone->value}});
        }
        return api.get("/calendar/settings");
      },
      [](const Json& j) {
        std::cout << "Time zone: " << text_of(j, "time_zone") << "\n";
        return kExitOk;
      });
}

}  // namespace

void add_calendar_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* activity =
      add_command(root, "activity",
                  "Recurring ISMS activities (the calendar) and their occurrences", invocation);
  activity->require_subcommand(1);
  add_list(activity, invocation);
  add_show(activity, invocation);
  add_create(activity, invocation);
  add_update(activity, invocation);
  add_archive(activity, invocation);
  add_record(activity, invocation, false);
  add_record(activity, invocation, true);
  add_occurrences(activity, invocation);
  CLI::App* calendar =
      add_command(root, "calendar", "The ISMS calendar's agenda and settings", invocation);
  calendar->require_subcommand(1);
  add_agenda(calendar, invocation);
  add_settings(calendar, invocation);
}

}  // namespace isms::cli
