// isms finding create | list | show | close and isms action add | implement | verify | list.
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/commands/audit_cli.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "service/audit_service.h"

namespace isms::cli::audit_cli {
namespace {

int print_findings(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No findings.\n";
    return kExitOk;
  }
  Table t;
  t.add_column("REF");
  t.add_column("GRADE");
  t.add_column("STATUS");
  t.add_column("SOURCE");
  t.add_column("TITLE", 36);
  t.add_column("ACTIONS");
  t.add_column("VERSION");
  for (const Json& f : items) {
    t.add_row({text_of(f, "ref"), text_of(f, "grade"),
               text_of(f, "status") + (bool_of(f, "overdue") ? " (overdue)" : ""),
               text_of(f, "source") +
                   (text_of(f, "source_ref").empty() ? "" : " " + text_of(f, "source_ref")),
               text_of(f, "title"), std::to_string(array_of(f, "actions").size()),
               std::to_string(int_of(f, "version"))});
  }
  t.print(std::cout);
  return kExitOk;
}

struct FindingOptions {
  std::string source = "self_assessment", source_id, grade, title, description, owner;
  std::vector<std::string> requirements;
  std::string action_title, action_owner, action_due, root_cause;
};

void add_finding_create(CLI::App* group, Invocation* invocation) {
  auto o = std::make_shared<FindingOptions>();
  CLI::App* c = add_command(group, "create", "Record a finding", invocation);
  c->add_option("--source", o->source,
                "audit | incident | management_review | risk_cycle | self_assessment");
  c->add_option("--source-id", o->source_id, "The source record's id (AUD-... for an audit)");
  c->add_option("--grade", o->grade,
                "major_nonconformity | minor_nonconformity | observation | opportunity")
      ->required();
  c->add_option("--title", o->title, "Title")->required();
  c->add_option("--description", o->description, "Description");
  c->add_option("--requirement", o->requirements, "Requirement key (repeat)");
  c->add_option("--owner", o->owner, "Owner (person id or email)");
  c->add_option("--action-title", o->action_title, "A first corrective action");
  c->add_option("--action-owner", o->action_owner, "Its owner");
  c->add_option("--action-due", o->action_due, "Its due date")->type_name("YYYY-MM-DD");
  c->add_option("--root-cause", o->root_cause, "Its root cause");
  add_json_flag(c, invocation);
  auto body = [o](const Backend& b) -> Result<Json> {
    Json j{{"source", o->source}, {"grade", o->grade}, {"title", o->title}};
    if (!o->source_id.empty()) {
      ISMS_ASSIGN(j["source_id"], resolve_record(b, "source-id", o->source_id, "AUD"));
    }
    if (!o->description.empty()) j["description"] = o->description;
    if (!o->requirements.empty()) j["requirement_keys"] = o->requirements;
    if (!o->owner.empty()) {
      ISMS_ASSIGN(j["owner_id"], resolve_person(b, "owner", o->owner));
    }
    if (!o->action_title.empty()) {
      Json a{{"title", o->action_title}, {"due_on", o->action_due}};
      if (!o->root_cause.empty()) a["root_cause"] = o->root_cause;
      ISMS_ASSIGN(a["owner_id"], resolve_person(b, "action-owner", o->action_owner));
      j["action"] = std::move(a);
    }
    return j;
  };
  set_json_action(
      c, invocation,
      [body](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json j, body(Backend{&s, nullptr}));
        AuditService svc(s);
        ISMS_ASSIGN(FindingView v, svc.create_finding(cli_operator(), j));
        ISMS_ASSIGN(std::string today, svc.today());
        return finding_view_to_json(v, today);
      },
      [body](ApiClient& api) -> Result<Json> {
        ISMS_ASSIGN(Json j, body(Backend{nullptr, &api}));
        return api.post("/findings", j);
      },
      print_finding);
}

void add_finding_list(CLI::App* group, Invocation* invocation) {
  struct Options {
    std::string source, grade, status;
    bool overdue = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* c = add_command(group, "list", "List findings", invocation);
  c->add_option("--source", o->source, "Source kind");
  c->add_option("--grade", o->grade, "Grade");
  c->add_option("--status", o->status, "open | closed");
  c->add_flag("--overdue", o->overdue, "Only findings with an overdue action");
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        FindingFilter f;
        if (!o->source.empty()) f.source = o->source;
        if (!o->grade.empty()) f.grade = o->grade;
        if (!o->status.empty()) f.statuses = {o->status};
        if (o->overdue) f.overdue = true;
        AuditService svc(s);
        ISMS_ASSIGN(auto list, svc.list_findings(cli_operator(), f));
        ISMS_ASSIGN(std::string today, svc.today());
        return items_of(list, [&](const FindingView& v) { return finding_view_to_json(v, today); });
      },
      [o](ApiClient& api) {
        QueryList q;
        if (!o->source.empty()) q.push_back({"source", o->source});
        if (!o->grade.empty()) q.push_back({"grade", o->grade});
        if (!o->status.empty()) q.push_back({"status", o->status});
        if (o->overdue) q.push_back({"overdue", "true"});
        return api.get("/findings", q);
      },
      print_findings);
}

void add_finding_one(CLI::App* group, Invocation* invocation, const std::string& verb) {
  struct Options {
    std::string id, note;
    int64_t version = 0;
  };
  auto o = std::make_shared<Options>();
  CLI::App* c = add_command(
      group, verb,
      verb == "show" ? "Show a finding with its actions" : "Close a finding (rules: docs/api.md)",
      invocation);
  c->add_option("id", o->id, "Finding id or ref (F-0001)")->required();
  if (verb == "close") {
    c->add_option("--version", o->version, "The version you last read")->required();
    c->add_option("--note", o->note, "Decision note (required for observations)");
  }
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [o, verb](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_record(Backend{&s, nullptr}, "id", o->id, "F"));
        AuditService svc(s);
        Result<FindingView> v = verb == "show"
                                    ? svc.get_finding(cli_operator(), id)
                                    : svc.close_finding(cli_operator(), id, o->version, o->note);
        if (!v) return std::move(v).error();
        ISMS_ASSIGN(std::string today, svc.today());
        return finding_view_to_json(*v, today);
      },
      [o, verb](ApiClient& api) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_record(Backend{nullptr, &api}, "id", o->id, "F"));
        if (verb == "show") return api.get("/findings/" + ApiClient::segment(id));
        Json body{{"version", o->version}};
        if (!o->note.empty()) body["note"] = o->note;
        return api.post("/findings/" + ApiClient::segment(id) + "/close", body);
      },
      print_finding);
}

// --- actions ---

void add_action_add(CLI::App* group, Invocation* invocation) {
  struct Options {
    std::string finding, title, owner, due, root_cause, action;
  };
  auto o = std::make_shared<Options>();
  CLI::App* c = add_command(group, "add", "Add a corrective action to an open finding", invocation);
  c->add_option("finding", o->finding, "Finding id or ref (F-0001)")->required();
  c->add_option("--title", o->title, "Title")->required();
  c->add_option("--owner", o->owner, "Owner (person id or email)")->required();
  c->add_option("--due", o->due, "Due date")->required()->type_name("YYYY-MM-DD");
  c->add_option("--root-cause", o->root_cause, "Root cause");
  c->add_option("--action", o->action, "What is done");
  add_json_flag(c, invocation);
  auto run = [o](const Backend& b) -> Result<std::pair<std::string, Json>> {
    ISMS_ASSIGN(std::string fid, resolve_record(b, "finding", o->finding, "F"));
    Json j{{"title", o->title}, {"due_on", o->due}};
    ISMS_ASSIGN(j["owner_id"], resolve_person(b, "owner", o->owner));
    if (!o->root_cause.empty()) j["root_cause"] = o->root_cause;
    if (!o->action.empty()) j["action"] = o->action;
    return std::make_pair(fid, j);
  };
  set_json_action(
      c, invocation,
      [run](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto fj, run(Backend{&s, nullptr}));
        AuditService svc(s);
        ISMS_ASSIGN(CorrectiveAction a, svc.add_action(cli_operator(), fj.first, fj.second));
        ISMS_ASSIGN(std::string today, svc.today());
        return action_to_json(a, today);
      },
      [run](ApiClient& api) -> Result<Json> {
        ISMS_ASSIGN(auto fj, run(Backend{nullptr, &api}));
        return api.post("/findings/" + ApiClient::segment(fj.first) + "/actions", fj.second);
      },
      print_action);
}

void add_action_step(CLI::App* group, Invocation* invocation, const std::string& verb) {
  struct Options {
    std::string id, on, note, by;
    int64_t version = 0;
    bool effective = false, ineffective = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* c =
      add_command(group, verb,
                  verb == "implement" ? "Record the implementation of an action"
                                      : "Record the effectiveness verification (not by the owner)",
                  invocation);
  c->add_option("id", o->id, "Action id or ref (CA-0001)")->required();
  c->add_option("--version", o->version, "The version you last read")->required();
  c->add_option("--on", o->on, "Date (default today)")->type_name("YYYY-MM-DD");
  c->add_option("--note", o->note, "Note");
  if (verb == "verify") {
    c->add_flag("--effective", o->effective, "The action worked");
    c->add_flag("--ineffective", o->ineffective, "The action did not work (note required)");
    c->add_option("--by", o->by, "Local operator only: the verifying person (id or email)");
  }
  add_json_flag(c, invocation);
  auto body = [o, verb]() -> Result<Json> {
    Json j{{"version", o->version}};
    if (!o->note.empty()) j["note"] = o->note;
    if (verb == "verify") {
      if (o->effective == o->ineffective) {
        return Error::invalid("effective", "give either --effective or --ineffective");
      }
      j["effective"] = o->effective;
      if (!o->on.empty()) j["verified_on"] = o->on;
    } else if (!o->on.empty()) {
      j["implemented_on"] = o->on;
    }
    return j;
  };
  set_json_action(
      c, invocation,
      [o, verb, body](const ServiceContext& s) -> Result<Json> {
        Backend b{&s, nullptr};
        ISMS_ASSIGN(std::string id, resolve_record(b, "id", o->id, "CA"));
        ISMS_ASSIGN(Json j, body());
        AuditService svc(s);
        Result<CorrectiveAction> a = Error::internal("unknown verb");
        if (verb == "implement") {
          a = svc.implement_action(cli_operator(), id, j);
        } else {
          std::optional<std::string> by;
          if (!o->by.empty()) {
            ISMS_ASSIGN(by, resolve_person(b, "by", o->by));
          }
          a = svc.verify_action(cli_operator(), id, j, by);
        }
        if (!a) return std::move(a).error();
        ISMS_ASSIGN(std::string today, svc.today());
        return action_to_json(*a, today);
      },
      [o, verb, body](ApiClient& api) -> Result<Json> {
        if (!o->by.empty()) {
          return Error::invalid("by",
                                "is for the local operator; with --server the token's "
                                "person verifies");
        }
        ISMS_ASSIGN(std::string id, resolve_record(Backend{nullptr, &api}, "id", o->id, "CA"));
        ISMS_ASSIGN(Json j, body());
        return api.post("/corrective-actions/" + ApiClient::segment(id) + "/" + verb, j);
      },
      print_action);
}

void add_action_list(CLI::App* group, Invocation* invocation) {
  struct Options {
    std::string status, owner;
    bool overdue = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* c = add_command(group, "list", "List corrective actions by due date", invocation);
  c->add_option("--status", o->status, "open | implemented | verified | ineffective");
  c->add_option("--owner", o->owner, "Owner (person id or email; remotely also me)");
  c->add_flag("--overdue", o->overdue, "Only overdue actions");
  add_json_flag(c, invocation);
  set_json_action(
      c, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ActionFilter f;
        if (!o->status.empty()) f.statuses = {o->status};
        if (!o->owner.empty()) {
          ISMS_ASSIGN(f.owner_id, resolve_person(Backend{&s, nullptr}, "owner", o->owner));
        }
        if (o->overdue) f.overdue = true;
        AuditService svc(s);
        ISMS_ASSIGN(auto list, svc.list_actions(cli_operator(), f));
        ISMS_ASSIGN(std::string today, svc.today());
        return items_of(list, [&](const CorrectiveAction& a) { return action_to_json(a, today); });
      },
      [o](ApiClient& api) -> Result<Json> {
        QueryList q;
        if (!o->status.empty()) q.push_back({"status", o->status});
        if (!o->owner.empty()) {
          std::string owner = o->owner;
          if (owner != "me") {
            ISMS_ASSIGN(owner, resolve_person(Backend{nullptr, &api}, "owner", o->owner));
          }
          q.push_back({"owner", owner});
        }
        if (o->overdue) q.push_back({"overdue", "true"});
        return api.get("/corrective-actions", q);
      },
      print_actions);
}

}  // namespace

void add_finding_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* group = add_command(
      root, "finding", "Findings of audits, incidents, reviews and self-assessment", invocation);
  group->require_subcommand(1);
  add_finding_create(group, invocation);
  add_finding_list(group, invocation);
  add_finding_one(group, invocation, "show");
  add_finding_one(group, invocation, "close");
}

void add_action_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* group =
      add_command(root, "action", "Corrective actions: implement, verify", invocation);
  group->require_subcommand(1);
  add_action_add(group, invocation);
  add_action_step(group, invocation, "implement");
  add_action_step(group, invocation, "verify");
  add_action_list(group, invocation);
}

}  // namespace isms::cli::audit_cli
