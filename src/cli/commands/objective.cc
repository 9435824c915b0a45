// isms objective: the information security objectives (docs/api.md "Objectives and
// indicators"): list with the indicators' latest values, show, create, update, and record
// the periodic review. Objectives are named by id or ref (OBJ-01). The commands for
// indicators and measurements are in objective_indicator.cc.
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/commands/objective_cli.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "service/objective_service.h"
#include "service/objective_wire.h"

namespace isms::cli {

namespace {

std::string objective_path(const std::string& id, const std::string& suffix = "") {
  return "/objectives/" + ApiClient::segment(id) + suffix;
}

// Every objective (withdrawn too) as the API lists them.
Result<Json> all_objectives_json(const Backend& b) {
  if (b.local) {
    ISMS_ASSIGN(auto views, ObjectiveService(*b.local).list(cli_operator(), true));
    return items_of(views, objective_view_json);
  }
  return b.remote->get("/objectives", {{"include_withdrawn", "true"}});
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Refs compare case-insensitively (obj-01 names OBJ-01).
bool same_ref(const std::string& a, const std::string& b) { return lower(a) == lower(b); }

}  // namespace

Result<std::string> resolve_objective(const Backend& b, const std::string& field,
                                      const std::string& given) {
  ISMS_ASSIGN(Json all, all_objectives_json(b));
  for (const Json& o : array_of(all, "items")) {
    if (text_of(o, "id") == given || same_ref(text_of(o, "ref"), given)) return text_of(o, "id");
  }
  return Error::not_found(field + ": no objective \"" + given + "\"");
}

Result<std::string> resolve_indicator(const Backend& b, const std::string& field,
                                      const std::string& given) {
  ISMS_ASSIGN(Json all, all_objectives_json(b));
  for (const Json& o : array_of(all, "items")) {
    for (const Json& i : array_of(o, "indicators")) {
      if (text_of(i, "id") == given || same_ref(text_of(i, "ref"), given)) {
        return text_of(i, "id");
      }
    }
  }
  return Error::not_found(field + ": no indicator \"" + given + "\"");
}

const Json& field_of(const Json& object, const char* key) {
  static const Json kNull = nullptr;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it != object.end() ? *it : kNull;
}

std::string target_text(const Json& i) {
  const Json& t = field_of(i, "target");
  std::string unit = text_of(i, "unit");
  std::string text;
  if (t.is_array() && t.size() == 2) {
    text = t[0].get<std::string>() + ".." + t[1].get<std::string>();
  } else if (t.is_string()) {
    text = (text_of(i, "direction") == "lower_is_better" ? "<= " : ">= ") + t.get<std::string>();
  }
  return unit.empty() ? text : text + " " + unit;
}

namespace {

std::string status_dot(const Json& i) {
  const Json& on = field_of(i, "on_target");
  std::string s = on.is_boolean() ? (on.get<bool>() ? "on target" : "OFF TARGET") : "no data";
  if (bool_of(i, "measurement_overdue")) s += ", measurement overdue";
  return s;
}

int print_objectives(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No objectives.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("REF");
  table.add_column("TITLE", 45);
  table.add_column("STATUS");
  table.add_column("NEXT REVIEW");
  table.add_column("INDICATORS", 40);
  for (const Json& o : items) {
    std::string review = text_of(o, "next_review_on");
    if (bool_of(o, "review_overdue")) review += " (overdue)";
    int on = 0, off = 0, none = 0;
    for (const Json& i : array_of(o, "indicators")) {
      if (text_of(i, "status") != "active") continue;
      const Json& t = field_of(i, "on_target");
      if (!t.is_boolean()) {
        ++none;
      } else if (t.get<bool>()) {
        ++on;
      } else {
        ++off;
      }
    }
    table.add_row({text_of(o, "ref"), text_of(o, "title"), text_of(o, "status"), review,
                   std::to_string(on) + " on, " + std::to_string(off) + " off, " +
                       std::to_string(none) + " unmeasured"});
  }
  table.print(std::cout);
  return kExitOk;
}

int print_objective(const Json& o) {
  Details d;
  d.add("id", text_of(o, "id"));
  d.add("ref", text_of(o, "ref"));
  d.add("title", text_of(o, "title"));
  d.add("status", text_of(o, "status"));
  d.add("policy section", or_dash(text_of(o, "policy_section")));
  d.add("owner", or_dash(text_of(o, "owner_name")));
  d.add("review", "every " + std::to_string(int_of(o, "review_interval_months")) +
                      " months, next " + text_of(o, "next_review_on") +
                      (bool_of(o, "review_overdue") ? " (overdue)" : "") + ", last " +
                      or_dash(text_of(o, "last_reviewed_on")));
  d.add("version", std::to_string(int_of(o, "version")));
  d.print(std::cout);
  if (!text_of(o, "description").empty()) {
    std::cout << "\n";
    print_block(text_of(o, "description"), 2);
  }
  const Json& indicators = array_of(o, "indicators");
  if (!indicators.empty()) {
    std::cout << "\n";
    Table table;
    table.add_column("REF");
    table.add_column("NAME", 35);
    table.add_column("TARGET");
    table.add_column("LATEST");
    table.add_column("STATE", 36);
    table.add_column("NEXT DUE");
    for (const Json& i : indicators) {
      const Json& latest = field_of(i, "latest");
      std::string value = latest.is_object() ? text_of(latest, "value") : "-";
      table.add_row({text_of(i, "ref"), text_of(i, "name"), target_text(i), value,
                     text_of(i, "status") == "active" ? status_dot(i) : "retired",
                     text_of(i, "next_due_on")});
    }
    table.print(std::cout);
  }
  const Json& reviews = array_of(o, "reviews");
  if (!reviews.empty()) {
    std::cout << "\nReviews:\n";
    for (const Json& r : reviews) {
      std::cout << "  " << text_of(r, "on") << " " << text_of(r, "outcome") << " by "
                << sanitize_line(or_dash(text_of(r, "by_name")))
                << (text_of(r, "note").empty() ? "" : ": " + sanitize_line(text_of(r, "note")))
                << "\n";
    }
  }
  return kExitOk;
}

void add_list(CLI::App* parent, Invocation* invocation) {
  auto all = std::make_shared<bool>(false);
  CLI::App* command =
      add_command(parent, "list", "List objectives and their indicators", invocation);
  command->add_flag("--all", *all, "Include withdrawn objectives");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [all](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto views, ObjectiveService(s).list(cli_operator(), *all));
        return items_of(views, objective_view_json);
      },
      [all](ApiClient& c) {
        return c.get("/objectives", {{"include_withdrawn", *all ? "true" : "false"}});
      },
      print_objectives);
}

void add_show(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  CLI::App* command = add_command(parent, "show", "Show an objective", invocation);
  command->add_option("objective", *id, "Objective id or ref (OBJ-01)")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [id](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string oid, resolve_objective(Backend{&s, nullptr}, "objective", *id));
        ISMS_ASSIGN(ObjectiveView v, ObjectiveService(s).get(cli_operator(), oid));
        return objective_view_json(v);
      },
      [id](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string oid, resolve_objective(Backend{nullptr, &c}, "objective", *id));
        return c.get(objective_path(oid));
      },
      print_objective);
}

struct ObjectiveOptions {
  std::string id;
  Flag title, description, section, owner, status, next_review;
  int interval = 0;
  int64_t version = 0;
};

void add_field_options(CLI::App* command, ObjectiveOptions* o, bool update) {
  add_flag_option(command, "--title", &o->title, "Title", "TEXT");
  add_flag_option(command, "--description", &o->description, "What the objective aims at", "TEXT");
  add_flag_option(command, "--policy-section", &o->section, "Policy section (default 6)", "S");
  add_flag_option(command, "--owner", &o->owner, "Owner (person id or email; \"\" = none)",
                  "ID|EMAIL");
  add_flag_option(command, "--status", &o->status,
                  update ? "active, achieved or withdrawn" : "active or achieved", "STATUS");
  add_flag_option(command, "--next-review", &o->next_review, "Next review date", "YYYY-MM-DD");
  command->add_option("--interval-months", o->interval, "Months between reviews (default 12)")
      ->type_name("N");
}

Result<Json> objective_body(const ObjectiveOptions& o, const Backend& b) {
  Json body = Json::object();
  if (o.title.given()) body["title"] = o.title.value;
  if (o.description.given()) body["description"] = o.description.value;
  if (o.section.given()) body["policy_section"] = o.section.value;
  if (o.owner.given()) {
    if (o.owner.value.empty()) {
      body["owner_id"] = nullptr;
    } else {
      ISMS_ASSIGN(body["owner_id"], resolve_person(b, "owner", o.owner.value));
    }
  }
  if (o.status.given()) body["status"] = o.status.value;
  if (o.next_review.given()) body["next_review_on"] = o.next_review.value;
  if (o.interval != 0) body["review_interval_months"] = o.interval;
  if (o.version != 0) body["version"] = o.version;
  return body;
}

void add_create(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ObjectiveOptions>();
  CLI::App* command = add_command(parent, "create", "Create an objective", invocation);
  add_field_options(command, o.get(), false);
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, objective_body(*o, Backend{&s, nullptr}));
        ISMS_ASSIGN(ObjectiveFields fields, objective_fields_from_json(body));
        ISMS_ASSIGN(ObjectiveView v, ObjectiveService(s).create(cli_operator(), fields));
        return objective_view_json(v);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, objective_body(*o, Backend{nullptr, &c}));
        return c.post("/objectives", body);
      },
      print_objective);
}

void add_update(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ObjectiveOptions>();
  CLI::App* command = add_command(parent, "update", "Change an objective", invocation);
  command->add_option("objective", o->id, "Objective id or ref")->required();
  add_field_options(command, o.get(), true);
  command->add_option("--version", o->version, "The objective's version you last read")
      ->required()
      ->type_name("N");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        Backend b{&s, nullptr};
        ISMS_ASSIGN(std::string id, resolve_objective(b, "objective", o->id));
        ISMS_ASSIGN(Json body, objective_body(*o, b));
        ISMS_ASSIGN(ObjectiveFields fields, objective_fields_from_json(body));
        ISMS_ASSIGN(ObjectiveView v, ObjectiveService(s).update(cli_operator(), id, fields));
        return objective_view_json(v);
      },
      [o](ApiClient& c) -> Result<Json> {
        Backend b{nullptr, &c};
        ISMS_ASSIGN(std::string id, resolve_objective(b, "objective", o->id));
        ISMS_ASSIGN(Json body, objective_body(*o, b));
        return c.patch(objective_path(id), body);
      },
      print_objective);
}

struct ReviewOptions {
  std::string id, outcome, note;
};

void add_review(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ReviewOptions>();
  CLI::App* command =
      add_command(parent, "review",
                  "Record the periodic review (the next review moves one interval on)", invocation);
  command->add_option("objective", o->id, "Objective id or ref")->required();
  command->add_option("--outcome", o->outcome, "kept or changed")->required()->type_name("O");
  command->add_option("--note", o->note, "What the review concluded")->type_name("TEXT");
  add_json_flag(command, invocation);
  auto body = [o] { return Json{{"outcome", o->outcome}, {"note", o->note}}; };
  set_json_action(
      command, invocation,
      [o, body](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_objective(Backend{&s, nullptr}, "objective", o->id));
        ISMS_ASSIGN(ObjectiveReviewInput input, objective_review_from_json(body()));
        ISMS_ASSIGN(ObjectiveView v, ObjectiveService(s).review(cli_operator(), id, input));
        return objective_view_json(v);
      },
      [o, body](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_objective(Backend{nullptr, &c}, "objective", o->id));
        return c.post(objective_path(id, "/review"), body());
      },
      print_objective);
}

}  // namespace

void add_objective_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* objective = add_command(
      root, "objective", "Information security objectives and their yearly review", invocation);
  objective->require_subcommand(1);
  add_list(objective, invocation);
  add_show(objective, invocation);
  add_create(objective, invocation);
  add_update(objective, invocation);
  add_review(objective, invocation);
  add_indicator_commands(root, invocation);
  add_measurement_commands(root, invocation);
}

}  // namespace isms::cli
