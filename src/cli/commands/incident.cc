// isms event report|list|triage and isms incident list|show|update|assess|clocks|report|
// reports|note|review (docs/parts/incidents.md). Both modes produce the API's JSON (the
// service returns it), printed by one printer. Locally the operator acts; an event it
// reports names the reporter (--reporter, a person id).
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "base/json.h"
#include "cli/command.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/context.h"
#include "cli/output.h"
#include "service/incident_service.h"

namespace isms::cli {

namespace {

std::string inc_path(const std::string& id, const std::string& suffix = "") {
  return "/incidents/" + ApiClient::segment(id) + suffix;
}

// "key=value" -> value typed: true/false -> bool, digits -> integer, else string; a key
// "entity_types" takes a comma-separated list.
Result<Json> typed_pairs(const std::vector<std::string>& pairs, const std::string& option) {
  Json out = Json::object();
  for (const auto& p : pairs) {
    auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Error::invalid(option, "must be key=value, got \"" + p + "\"");
    }
    std::string k = p.substr(0, eq), v = p.substr(eq + 1);
    if (k == "entity_types") {
      Json list = Json::array();
      size_t start = 0;
      while (start <= v.size()) {
        size_t comma = v.find(',', start);
        std::string item =
            v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty()) list.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      out[k] = list;
    } else if (v == "true" || v == "false") {
      out[k] = v == "true";
    } else if (!v.empty() && v.find_first_not_of("0123456789") == std::string::npos &&
               v.size() < 18) {
      out[k] = std::stoll(v);
    } else {
      out[k] = v;
    }
  }
  return out;
}

int print_event(const Json& e) {
  Details d;
  d.add("id", text_of(e, "id"));
  d.add("ref", text_of(e, "ref"));
  d.add("summary", text_of(e, "summary"));
  d.add("status", text_of(e, "status"));
  d.add("reported at", text_of(e, "reported_at"));
  if (!text_of(e, "incident_id").empty()) d.add("incident", text_of(e, "incident_id"));
  if (!text_of(e, "close_reason").empty()) d.add("closed because", text_of(e, "close_reason"));
  d.print(std::cout);
  return kExitOk;
}

int print_events(const Json& answer) {
  Table t;
  t.add_column("ID");
  t.add_column("REF");
  t.add_column("SUMMARY", 50);
  t.add_column("STATUS");
  t.add_column("REPORTED");
  for (const Json& e : array_of(answer, "items")) {
    t.add_row({text_of(e, "id"), text_of(e, "ref"), text_of(e, "summary"), text_of(e, "status"),
               text_of(e, "reported_at")});
  }
  if (t.empty())
    std::cout << "No events.\n";
  else
    t.print(std::cout);
  return kExitOk;
}

int print_clocks(const Json& clocks) {
  Table t;
  t.add_column("REPORT");
  t.add_column("STATE");
  t.add_column("DUE (LOCAL)");
  t.add_column("REMAINING S");
  t.add_column("BASIS");
  for (const Json& c : clocks) {
    const Json& rem = c.contains("remaining_seconds") ? c["remaining_seconds"] : Json(nullptr);
    t.add_row({text_of(c, "type"), text_of(c, "state"), or_dash(text_of(c, "due_local")),
               rem.is_number_integer() ? std::to_string(rem.get<int64_t>()) : "-",
               text_of(c, "basis")});
  }
  t.print(std::cout);
  return kExitOk;
}

int print_incident(const Json& i) {
  Details d;
  d.add("id", text_of(i, "id"));
  d.add("ref", text_of(i, "ref"));
  d.add("title", text_of(i, "title"));
  d.add("severity", text_of(i, "severity"));
  d.add("status", text_of(i, "status"));
  d.add("significant", bool_of(i, "significant") ? "yes" : "no");
  d.add("aware at", text_of(i, "aware_at"));
  d.add("next deadline", or_dash(text_of(i, "next_deadline")));
  d.add("version", std::to_string(int_of(i, "version")));
  d.print(std::cout);
  std::cout << "\n";
  return print_clocks(array_of(i, "clocks"));
}

int print_incidents(const Json& answer) {
  Table t;
  t.add_column("ID");
  t.add_column("REF");
  t.add_column("TITLE", 40);
  t.add_column("SEVERITY");
  t.add_column("STATUS");
  t.add_column("SIGNIFICANT");
  t.add_column("NEXT DEADLINE");
  for (const Json& i : array_of(answer, "items")) {
    t.add_row({text_of(i, "id"), text_of(i, "ref"), text_of(i, "title"), text_of(i, "severity"),
               text_of(i, "status"), bool_of(i, "significant") ? "yes" : "no",
               or_dash(text_of(i, "next_deadline")) + (bool_of(i, "overdue") ? " OVERDUE" : "")});
  }
  if (t.empty())
    std::cout << "No incidents.\n";
  else
    t.print(std::cout);
  return kExitOk;
}

int print_items_raw(const Json& answer) {
  for (const Json& item : array_of(answer, "items")) std::cout << dump_json(item) << "\n";
  return kExitOk;
}

int print_report(const Json& r) {
  Details d;
  d.add("id", text_of(r, "id"));
  d.add("type", text_of(r, "type"));
  d.add("submitted at", text_of(r, "submitted_at"));
  d.add("deadline", or_dash(text_of(r, "deadline")));
  d.add("on time", bool_of(r, "on_time") ? "yes" : "no");
  d.add("recipient", text_of(r, "recipient"));
  d.add("pdf sha256", text_of(r, "pdf_sha256"));
  d.print(std::cout);
  return kExitOk;
}

void add_event_commands(CLI::App* root, Invocation* inv) {
  CLI::App* event = add_command(root, "event", "Security events reported to the CISO", inv);
  event->require_subcommand(1);
  {
    auto body = std::make_shared<Json>(Json::object());
    auto summary = std::make_shared<std::string>();
    auto description = std::make_shared<std::string>();
    auto occurred = std::make_shared<std::string>();
    auto contact = std::make_shared<std::string>();
    auto reporter = std::make_shared<std::string>();
    CLI::App* c = add_command(event, "report", "Report a security event", inv);
    c->add_option("--summary", *summary, "What happened, in one line")->required();
    c->add_option("--description", *description, "Details");
    c->add_option("--occurred-at", *occurred, "When it happened (RFC 3339 UTC)");
    c->add_option("--contact", *contact, "How to reach the reporter");
    c->add_option("--reporter", *reporter, "Reporter person id (local mode)");
    add_json_flag(c, inv);
    auto make = [=](bool local) {
      Json b{{"summary", *summary}};
      if (!description->empty()) b["description"] = *description;
      if (!occurred->empty()) b["occurred_at"] = *occurred;
      if (!contact->empty()) b["contact"] = *contact;
      if (local && !reporter->empty()) b["reporter_id"] = *reporter;
      return b;
    };
    set_json_action(
        c, inv,
        [=](const ServiceContext& s) {
          return IncidentService(s).report_event(cli_operator(), make(true));
        },
        [=](ApiClient& a) { return a.post("/events", make(false)); }, print_event);
  }
  {
    auto mine = std::make_shared<bool>(false);
    CLI::App* c = add_command(event, "list", "List reported events", inv);
    c->add_flag("--mine", *mine, "Only the events I reported (remote)");
    add_json_flag(c, inv);
    set_json_action(
        c, inv,
        [=](const ServiceContext& s) {
          return IncidentService(s).list_events(cli_operator(), false);
        },
        [=](ApiClient& a) { return a.get(*mine ? "/events?mine=true" : "/events"); }, print_events);
  }
  {
    auto id = std::make_shared<std::string>();
    auto action = std::make_shared<std::string>();
    auto severity = std::make_shared<std::string>();
    auto incident = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>();
    CLI::App* c =
        add_command(event, "triage", "Triage an event: into an incident, link, or close", inv);
    c->add_option("id", *id, "Event id")->required();
    c->add_option("--action", *action, "incident | link | close")->required();
    c->add_option("--severity", *severity, "Severity of the new incident");
    c->add_option("--incident", *incident, "Incident id to link to");
    c->add_option("--reason", *reason, "Why the event is closed");
    add_json_flag(c, inv);
    auto make = [=] {
      Json b{{"action", *action}};
      if (*action == "incident" && !severity->empty())
        b["incident"] = Json{{"severity", *severity}};
      if (!incident->empty()) b["incident_id"] = *incident;
      if (!reason->empty()) b["reason"] = *reason;
      return b;
    };
    set_json_action(
        c, inv,
        [=](const ServiceContext& s) {
          return IncidentService(s).triage_event(cli_operator(), *id, make());
        },
        [=](ApiClient& a) {
          return a.post("/events/" + ApiClient::segment(*id) + "/triage", make());
        },
        print_event);
  }
}

}  // namespace

void add_incident_commands(CLI::App* root, Invocation* inv) {
  add_event_commands(root, inv);
  CLI::App* incident =
      add_command(root, "incident", "Incidents and their NIS2/GDPR reporting", inv);
  incident->require_subcommand(1);
  {
    auto status = std::make_shared<std::string>();
    auto overdue = std::make_shared<bool>(false);
    CLI::App* c = add_command(incident, "list", "List incidents with their next deadline", inv);
    c->add_option("--status", *status, "open | contained | resolved | closed");
    c->add_flag("--overdue", *overdue, "Only incidents with an overdue report");
    add_json_flag(c, inv);
    set_json_action(
        c, inv,
        [=](const ServiceContext& s) {
          IncidentFilter f;
          if (!status->empty()) f.status = *status;
          if (*overdue) f.overdue = true;
          return IncidentService(s).list_incidents(cli_operator(), f);
        },
        [=](ApiClient& a) {
          QueryList q;
          if (!status->empty()) q.emplace_back("status", *status);
          if (*overdue) q.emplace_back("overdue", "true");
          return a.get("/incidents", q);
        },
        print_incidents);
  }
  auto with_id = [&](const std::string& name, const std::string& help,
                     std::function<Result<Json>(IncidentService&, const std::string&)> local,
                     std::function<Result<Json>(ApiClient&, const std::string&)> remote,
                     JsonPrinter print) {
    auto id = std::make_shared<std::string>();
    CLI::App* c = add_command(incident, name, help, inv);
    c->add_option("id", *id, "Incident id")->required();
    add_json_flag(c, inv);
    set_json_action(
        c, inv,
        [=](const ServiceContext& s) {
          IncidentService svc(s);
          return local(svc, *id);
        },
        [=](ApiClient& a) { return remote(a, *id); }, print);
    return c;
  };
  with_id(
      "show", "An incident with its reporting clocks",
      [](IncidentService& s, const std::string& id) { return s.get_incident(cli_operator(), id); },
      [](ApiClient& a, const std::string& id) { return a.get(inc_path(id)); }, print_incident);
  with_id(
      "clocks", "The reporting clocks now",
      [](IncidentService& s, const std::string& id) { return s.clocks(cli_operator(), id); },
      [](ApiClient& a, const std::string& id) { return a.get(inc_path(id, "/clocks")); },
      [](const Json& j) { return print_clocks(array_of(j, "items")); });
  with_id(
      "reports", "Filed reports",
      [](IncidentService& s, const std::string& id) { return s.list_reports(cli_operator(), id); },
      [](ApiClient& a, const std::string& id) { return a.get(inc_path(id, "/reports")); },
      print_items_raw);

  // Commands with a body: options collected into shared state.
  struct BodyOptions {
    std::string id, title, severity, status, description, aware_at, reason, text, kind, type,
        recipient, lessons, justification, override_value;
    int64_t version = 0;
    std::vector<std::string> facts, fields;
  };
  auto o = std::make_shared<BodyOptions>();
  auto add_body_command =
      [&](const std::string& name, const std::string& help, std::function<void(CLI::App*)> options,
          std::function<Result<Json>()> body, const std::string& suffix, bool patch,
          std::function<Result<Json>(IncidentService&, const Json&)> local, JsonPrinter print) {
        CLI::App* c = add_command(incident, name, help, inv);
        c->add_option("id", o->id, "Incident id")->required();
        options(c);
        add_json_flag(c, inv);
        set_json_action(
            c, inv,
            [=](const ServiceContext& s) -> Result<Json> {
              ISMS_ASSIGN(Json b, body());
              IncidentService svc(s);
              return local(svc, b);
            },
            [=](ApiClient& a) -> Result<Json> {
              ISMS_ASSIGN(Json b, body());
              return patch ? a.patch(inc_path(o->id), b) : a.post(inc_path(o->id, suffix), b);
            },
            print);
      };
  add_body_command(
      "update", "Change an incident (--version required)",
      [o](CLI::App* c) {
        c->add_option("--version", o->version, "The version you last read")->required();
        c->add_option("--title", o->title, "Title");
        c->add_option("--severity", o->severity, "low | medium | high | critical");
        c->add_option("--status", o->status, "contained | resolved | closed");
        c->add_option("--description", o->description, "Description");
        c->add_option("--aware-at", o->aware_at, "When the organization became aware (RFC 3339)");
        c->add_option("--reason", o->reason, "Why aware_at changes");
      },
      [o]() -> Result<Json> {
        Json b{{"version", o->version}};
        if (!o->title.empty()) b["title"] = o->title;
        if (!o->severity.empty()) b["severity"] = o->severity;
        if (!o->status.empty()) b["status"] = o->status;
        if (!o->description.empty()) b["description"] = o->description;
        if (!o->aware_at.empty()) b["aware_at"] = o->aware_at;
        if (!o->reason.empty()) b["aware_at_reason"] = o->reason;
        return b;
      },
      "", true,
      [o](IncidentService& s, const Json& b) {
        return s.update_incident(cli_operator(), o->id, b, std::nullopt);
      },
      print_incident);
  add_body_command(
      "assess", "Assess significance from facts (--fact key=value, repeatable)",
      [o](CLI::App* c) {
        c->add_option("--fact", o->facts, "A fact, e.g. malicious_access_severe_disruption=true");
        c->add_option("--override", o->override_value, "true | false: override the result");
        c->add_option("--justification", o->justification, "Why the result is overridden");
      },
      [o]() -> Result<Json> {
        ISMS_ASSIGN(Json facts, typed_pairs(o->facts, "--fact"));
        Json b{{"facts", facts}};
        if (!o->override_value.empty()) b["override_significant"] = o->override_value == "true";
        if (!o->justification.empty()) b["justification"] = o->justification;
        return b;
      },
      "/assessment", false,
      [o](IncidentService& s, const Json& b) { return s.assess(cli_operator(), o->id, b); },
      print_incident);
  add_body_command(
      "report", "File a report (--type early_warning ...; --field key=value, repeatable)",
      [o](CLI::App* c) {
        c->add_option(
             "--type", o->type,
             "early_warning | notification | intermediate | final | progress | gdpr_breach")
            ->required();
        c->add_option("--recipient", o->recipient, "CSIRT or authority")->required();
        c->add_option("--field", o->fields, "A report field, e.g. suspected_malicious=true");
      },
      [o]() -> Result<Json> {
        ISMS_ASSIGN(Json fields, typed_pairs(o->fields, "--field"));
        return Json{{"type", o->type}, {"recipient", o->recipient}, {"fields", fields}};
      },
      "/reports", false,
      [o](IncidentService& s, const Json& b) { return s.file_report(cli_operator(), o->id, b); },
      print_report);
  add_body_command(
      "note", "Append a timeline entry",
      [o](CLI::App* c) {
        c->add_option("--text", o->text, "The entry")->required();
        c->add_option("--kind", o->kind, "note | containment | communication");
      },
      [o]() -> Result<Json> {
        Json b{{"text", o->text}};
        if (!o->kind.empty()) b["kind"] = o->kind;
        return b;
      },
      "/timeline", false,
      [o](IncidentService& s, const Json& b) { return s.add_note(cli_operator(), o->id, b); },
      print_items_raw);
  add_body_command(
      "review", "Record the post-incident review",
      [o](CLI::App* c) { c->add_option("--lessons", o->lessons, "Lessons learned")->required(); },
      [o]() -> Result<Json> {
        return Json{{"lessons", o->lessons}, {"findings", Json::array()}};
      },
      "/review", false,
      [o](IncidentService& s, const Json& b) { return s.review(cli_operator(), o->id, b); },
      print_incident);
}

}  // namespace isms::cli
