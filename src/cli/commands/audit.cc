// isms audit-programme | audit | finding | action: the audit programme, audits with their
// checklists and reports, findings and corrective actions (docs/api.md "Audits, findings,
// corrective actions"). Both modes produce the API's JSON answer (the same encoders as
// http/handlers/audits*.cc) and one printer shows it. Records are named by id or by
// reference (AP-2026, AUD-0001, F-0001, CA-0001); persons by id or email.
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/commands/audit_cli.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "service/audit_service.h"

namespace isms::cli {

namespace audit_cli {

std::string join_items(const Json& array) {
  std::string out;
  for (const auto& s : strings_in(array)) out += (out.empty() ? "" : ", ") + s;
  return out;
}

Result<std::string> resolve_record(const Backend& b, const std::string& field,
                                   const std::string& given, const std::string& prefix) {
  if (given.rfind(prefix + "-", 0) != 0) return given;
  Json items;
  if (b.local) {
    AuditService s(*b.local);
    ISMS_ASSIGN(std::string today, s.today());
    items = Json::array();
    if (prefix == "AP") {
      ISMS_ASSIGN(auto list, s.list_programmes(cli_operator()));
      for (const auto& p : list) items.push_back(programme_to_json(p));
    } else if (prefix == "AUD") {
      ISMS_ASSIGN(auto list, s.list_audits(cli_operator(), {}));
      for (const auto& a : list) items.push_back(Json{{"id", a.id}, {"ref", a.ref}});
    } else if (prefix == "F") {
      ISMS_ASSIGN(auto list, s.list_findings(cli_operator(), {}));
      for (const auto& v : list)
        items.push_back(Json{{"id", v.finding.id}, {"ref", v.finding.ref}});
    } else {
      ISMS_ASSIGN(auto list, s.list_actions(cli_operator(), {}));
      for (const auto& a : list) items.push_back(Json{{"id", a.id}, {"ref", a.ref}});
    }
  } else {
    std::string path = prefix == "AP"    ? "/audit-programmes"
                       : prefix == "AUD" ? "/audits"
                       : prefix == "F"   ? "/findings"
                                         : "/corrective-actions";
    ISMS_ASSIGN(Json answer, b.remote->get(path));
    items = array_of(answer, "items");
  }
  for (const Json& item : items) {
    if (text_of(item, "ref") == given) return text_of(item, "id");
  }
  return Error::not_found(field + ": no record " + given);
}

int print_finding(const Json& f) {
  Details d;
  d.add("finding", text_of(f, "ref") + " " + text_of(f, "title"));
  d.add("id", text_of(f, "id"));
  d.add("grade", text_of(f, "grade"));
  d.add("status", text_of(f, "status") + (bool_of(f, "overdue") ? " (overdue)" : ""));
  std::string source = text_of(f, "source");
  if (!text_of(f, "source_ref").empty()) source += " " + text_of(f, "source_ref");
  if (!text_of(f, "source_title").empty()) source += " " + text_of(f, "source_title");
  d.add("source", source);
  d.add("requirements", or_dash(join_items(array_of(f, "requirement_keys"))));
  d.add("owner", or_dash(text_of(f, "owner_id")));
  if (!text_of(f, "close_note").empty()) d.add("closed", text_of(f, "close_note"));
  d.add("version", std::to_string(int_of(f, "version")));
  d.print(std::cout);
  const Json& actions = array_of(f, "actions");
  if (!actions.empty()) {
    std::cout << "\n";
    print_actions(Json{{"items", actions}});
  }
  return kExitOk;
}

int print_actions(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No corrective actions.\n";
    return kExitOk;
  }
  Table t;
  t.add_column("REF");
  t.add_column("TITLE", 36);
  t.add_column("STATUS");
  t.add_column("DUE");
  t.add_column("OWNER");
  t.add_column("VERSION");
  for (const Json& a : items) {
    t.add_row({text_of(a, "ref"), text_of(a, "title"),
               text_of(a, "status") + (bool_of(a, "overdue") ? " (overdue)" : ""),
               text_of(a, "due_on"), text_of(a, "owner_id"), std::to_string(int_of(a, "version"))});
  }
  t.print(std::cout);
  return kExitOk;
}

int print_action(const Json& a) {
  Details d;
  d.add("action", text_of(a, "ref") + " " + text_of(a, "title"));
  d.add("id", text_of(a, "id"));
  d.add("status", text_of(a, "status") + (bool_of(a, "overdue") ? " (overdue)" : ""));
  d.add("root cause", or_dash(text_of(a, "root_cause")));
  d.add("owner", text_of(a, "owner_id"));
  d.add("due", text_of(a, "due_on"));
  if (!text_of(a, "implemented_on").empty()) d.add("implemented", text_of(a, "implemented_on"));
  if (!text_of(a, "verified_on").empty()) {
    d.add("verified", text_of(a, "verified_on") + " by " + text_of(a, "verified_by") +
                          (bool_of(a, "effective") ? ": effective" : ": not effective"));
  }
  d.add("version", std::to_string(int_of(a, "version")));
  d.print(std::cout);
  return kExitOk;
}

}  // namespace audit_cli

namespace {

using namespace audit_cli;

// --- audit-programme ---

int print_programme(const Json& p) {
  Details d;
  d.add("programme", text_of(p, "ref") + " " + text_of(p, "title"));
  d.add("id", text_of(p, "id"));
  d.add("status", text_of(p, "status") +
                      (text_of(p, "approved_at").empty() ? "" : " " + text_of(p, "approved_at")));
  d.add("audits", std::to_string(array_of(p, "audits").size()));
  d.add("version", std::to_string(int_of(p, "version")));
  d.print(std::cout);
  return kExitOk;
}

void add_programme_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* group = add_command(root, "audit-programme", "The yearly audit programme", invocation);
  group->require_subcommand(1);

  struct Create {
    int year = 0;
    std::string title, objectives, owner;
  };
  auto c = std::make_shared<Create>();
  CLI::App* create = add_command(group, "create", "Create the programme of a year", invocation);
  create->add_option("--year", c->year, "Year")->required()->type_name("YYYY");
  create->add_option("--title", c->title, "Title")->required();
  create->add_option("--objectives", c->objectives, "Objectives of the programme");
  create->add_option("--owner", c->owner, "Owner (person id or email)")->type_name("ID|EMAIL");
  add_json_flag(create, invocation);
  auto body = [c](const Backend& b) -> Result<Json> {
    Json j{{"year", c->year}, {"title", c->title}};
    if (!c->objectives.empty()) j["objectives"] = c->objectives;
    if (!c->owner.empty()) {
      ISMS_ASSIGN(j["owner_id"], resolve_person(b, "owner", c->owner));
    }
    return j;
  };
  set_json_action(
      create, invocation,
      [body](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json j, body(Backend{&s, nullptr}));
        ISMS_ASSIGN(ProgrammeView v, AuditService(s).create_programme(cli_operator(), j));
        Json out = programme_to_json(v.programme);
        out["audits"] = Json::array();
        return out;
      },
      [body](ApiClient& api) -> Result<Json> {
        ISMS_ASSIGN(Json j, body(Backend{nullptr, &api}));
        return api.post("/audit-programmes", j);
      },
      print_programme);

  CLI::App* list = add_command(group, "list", "List audit programmes", invocation);
  add_json_flag(list, invocation);
  set_json_action(
      list, invocation,
      [](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto l, AuditService(s).list_programmes(cli_operator()));
        return items_of(l, programme_to_json);
      },
      [](ApiClient& api) { return api.get("/audit-programmes"); },
      [](const Json& answer) {
        Table t;
        t.add_column("REF");
        t.add_column("TITLE", 40);
        t.add_column("STATUS");
        t.add_column("VERSION");
        for (const Json& p : array_of(answer, "items")) {
          t.add_row({text_of(p, "ref"), text_of(p, "title"), text_of(p, "status"),
                     std::to_string(int_of(p, "version"))});
        }
        t.print(std::cout);
        return kExitOk;
      });

  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<int64_t>(0);
  CLI::App* approve = add_command(group, "approve", "Approve a draft programme", invocation);
  approve->add_option("id", *id, "Programme id or ref (AP-2026)")->required();
  approve->add_option("--version", *version, "The version you last read")->required();
  add_json_flag(approve, invocation);
  set_json_action(
      approve, invocation,
      [id, version](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string pid, resolve_record(Backend{&s, nullptr}, "id", *id, "AP"));
        ISMS_ASSIGN(ProgrammeView v,
                    AuditService(s).approve_programme(cli_operator(), pid, *version));
        return programme_to_json(v.programme);
      },
      [id, version](ApiClient& api) -> Result<Json> {
        ISMS_ASSIGN(std::string pid, resolve_record(Backend{nullptr, &api}, "id", *id, "AP"));
        return api.post("/audit-programmes/" + ApiClient::segment(pid) + "/approve",
                        Json{{"version", *version}});
      },
      print_programme);
}

}  // namespace

void add_audit_commands(CLI::App* root, Invocation* invocation) {
  add_programme_commands(root, invocation);
  audit_cli::add_audit_subcommands(root, invocation);
  audit_cli::add_finding_commands(root, invocation);
  audit_cli::add_action_commands(root, invocation);
}

}  // namespace isms::cli
