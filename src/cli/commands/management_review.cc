// isms management-review: management reviews (ISO/IEC 27001 9.3; docs/api.md "Management
// reviews"): create (inputs assembled from the registers), list, show, update (attendees,
// decisions, actions, minutes, comments), refresh the inputs, hold (inputs freeze),
// approve (top management; locally the operator names the approving person with
// --approver), mark an action done, and write the minutes PDF.
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "service/management_review_service.h"

namespace isms::cli {

namespace {

std::string review_path(const std::string& id, const std::string& suffix = "") {
  return "/management-reviews/" + ApiClient::segment(id) + suffix;
}

std::string person_name(const Json& review, const std::string& id) {
  const Json& persons = member_of(review, "persons");
  std::string name = text_of(persons, id.c_str());
  return name.empty() ? or_dash(id) : name;
}

int print_reviews(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No management reviews yet.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("REF");
  table.add_column("ID");
  table.add_column("TITLE", 40);
  table.add_column("PLANNED");
  table.add_column("HELD");
  table.add_column("STATUS");
  table.add_column("VERSION");
  for (const Json& r : items) {
    table.add_row({text_of(r, "ref"), text_of(r, "id"), text_of(r, "title"),
                   text_of(r, "planned_on"), or_dash(text_of(r, "held_on")), text_of(r, "status"),
                   std::to_string(int_of(r, "version"))});
  }
  table.print(std::cout);
  return kExitOk;
}

int print_review(const Json& r) {
  Details d;
  d.add("ref", text_of(r, "ref"));
  d.add("id", text_of(r, "id"));
  d.add("title", text_of(r, "title"));
  d.add("status", text_of(r, "status"));
  d.add("planned on", text_of(r, "planned_on"));
  d.add("held on", or_dash(text_of(r, "held_on")));
  d.add("chair", person_name(r, text_of(r, "chair_id")));
  std::string attendees;
  for (const Json& a : array_of(r, "attendee_ids")) {
    attendees += (attendees.empty() ? "" : ", ") + person_name(r, a.get<std::string>());
  }
  d.add("attendees", or_dash(attendees));
  d.add("inputs assembled", or_dash(text_of(r, "inputs_assembled_at")));
  d.add("approval",
        text_of(r, "status") == "approved"
            ? "approved by " + text_of(r, "approved_by_name") + " at " + text_of(r, "approved_at")
            : "not approved yet");
  d.add("version", std::to_string(int_of(r, "version")));
  d.print(std::cout);
  for (const Json& in : array_of(r, "inputs")) {
    std::cout << "\n"
              << sanitize_line(text_of(in, "clause").empty() ? "" : text_of(in, "clause") + " ")
              << sanitize_line(text_of(in, "heading")) << "\n";
    for (const Json& f : array_of(in, "facts")) {
      std::cout << "  " << sanitize_line(text_of(f, "label")) << ": "
                << sanitize_line(text_of(f, "value")) << "\n";
    }
    for (const Json& n : array_of(in, "notes")) {
      std::cout << "  " << sanitize_line(n.get<std::string>()) << "\n";
    }
    for (const Json& t : array_of(in, "tables")) {
      std::cout << "  " << sanitize_line(text_of(t, "title")) << ": " << array_of(t, "rows").size()
                << " row(s)\n";
    }
    if (!text_of(in, "comment").empty()) {
      std::cout << "  Comment: " << sanitize_line(text_of(in, "comment")) << "\n";
    }
  }
  const Json& decisions = array_of(r, "decisions");
  if (!decisions.empty()) {
    std::cout << "\nDecisions\n";
    for (const Json& dec : decisions) {
      std::cout << "  [" << text_of(dec, "category") << "] " << sanitize_line(text_of(dec, "text"))
                << "\n";
    }
  }
  const Json& actions = array_of(r, "actions");
  if (!actions.empty()) {
    std::cout << "\n";
    Table table;
    table.add_column("#");
    table.add_column("ACTION", 40);
    table.add_column("OWNER");
    table.add_column("DUE");
    table.add_column("STATUS");
    for (size_t i = 0; i < actions.size(); ++i) {
      const Json& a = actions[i];
      bool overdue = a.contains("overdue") && a["overdue"].is_boolean() && a["overdue"].get<bool>();
      table.add_row({std::to_string(i), text_of(a, "title"), person_name(r, text_of(a, "owner_id")),
                     text_of(a, "due_on"), text_of(a, "status") + (overdue ? " (overdue)" : "")});
    }
    table.print(std::cout);
  }
  return kExitOk;
}

void add_list(CLI::App* parent, Invocation* invocation) {
  CLI::App* command = add_command(parent, "list", "List management reviews", invocation);
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto reviews, ManagementReviewService(s).list(cli_operator()));
        std::string today = today_of(s);
        return items_of(reviews, [&](const ManagementReview& r) {
          Json j = management_review_to_json(r, today);
          j.erase("inputs");
          return j;
        });
      },
      [](ApiClient& c) { return c.get("/management-reviews"); }, print_reviews);
}

void add_show(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  CLI::App* command =
      add_command(parent, "show", "Show a review with its inputs and actions", invocation);
  command->add_option("id", *id, "Review id")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [id](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(ReviewView v, ManagementReviewService(s).get(cli_operator(), *id));
        return review_view_to_json(v);
      },
      [id](ApiClient& c) { return c.get(review_path(*id)); }, print_review);
}

struct EditOptions {
  std::string id;
  int64_t version = 0;
  Flag title, planned_on, chair, minutes;
  std::vector<std::string> attendees, guests, decisions, actions, comments;
};

// "key=text" -> {key, text}; kInvalid naming `field` otherwise.
Result<std::pair<std::string, std::string>> split_pair(const std::string& field,
                                                       const std::string& given, char sep) {
  size_t at = given.find(sep);
  if (at == std::string::npos || at == 0) {
    return Error::invalid(field, "\"" + given + "\" is not of the form KEY" + sep + "TEXT");
  }
  return std::make_pair(given.substr(0, at), given.substr(at + 1));
}

// The create/PATCH body from the options, persons resolved by id or email.
Result<Json> edit_body(const EditOptions& o, const Backend& b) {
  Json body = Json::object();
  if (o.title.given()) body["title"] = o.title.value;
  if (o.planned_on.given()) body["planned_on"] = o.planned_on.value;
  if (o.minutes.given()) body["minutes"] = o.minutes.value;
  if (o.chair.given()) {
    ISMS_ASSIGN(body["chair_id"], resolve_person(b, "chair", o.chair.value));
  }
  if (!o.attendees.empty()) {
    Json ids = Json::array();
    for (const std::string& a : o.attendees) {
      ISMS_ASSIGN(std::string id, resolve_person(b, "attendee", a));
      ids.push_back(id);
    }
    body["attendee_ids"] = std::move(ids);
  }
  if (!o.guests.empty()) body["guests"] = o.guests;
  if (!o.decisions.empty()) {
    Json list = Json::array();
    for (const std::string& d : o.decisions) {
      ISMS_ASSIGN(auto pair, split_pair("decision", d, ':'));
      list.push_back({{"category", pair.first}, {"text", pair.second}});
    }
    body["decisions"] = std::move(list);
  }
  if (!o.actions.empty()) {
    Json list = Json::array();
    for (const std::string& a : o.actions) {
      // TITLE|OWNER|YYYY-MM-DD
      size_t first = a.find('|'), last = a.rfind('|');
      if (first == std::string::npos || first == last) {
        return Error::invalid("action", "\"" + a + "\" is not of the form TITLE|OWNER|DUE");
      }
      ISMS_ASSIGN(std::string owner,
                  resolve_person(b, "action", a.substr(first + 1, last - first - 1)));
      list.push_back(
          {{"title", a.substr(0, first)}, {"owner_id", owner}, {"due_on", a.substr(last + 1)}});
    }
    body["actions"] = std::move(list);
  }
  if (!o.comments.empty()) {
    Json comments = Json::object();
    for (const std::string& c : o.comments) {
      ISMS_ASSIGN(auto pair, split_pair("comment", c, '='));
      comments[pair.first] = pair.second;
    }
    body["comments"] = std::move(comments);
  }
  return body;
}

void add_edit_options(CLI::App* command, EditOptions* o) {
  add_flag_option(command, "--title", &o->title, "Title", "TEXT");
  add_flag_option(command, "--planned-on", &o->planned_on, "Planned date", "YYYY-MM-DD");
  add_flag_option(command, "--chair", &o->chair, "Chair (person id or email)", "ID|EMAIL");
  add_flag_option(command, "--minutes", &o->minutes, "Minutes text", "TEXT");
  command->add_option("--attendee", o->attendees, "Attendee (repeat; replaces the list)")
      ->type_name("ID|EMAIL");
  command->add_option("--guest", o->guests, "Guest, free text (repeat; replaces the list)")
      ->type_name("TEXT");
  command
      ->add_option("--decision", o->decisions,
                   "CATEGORY:TEXT, category continual_improvement, isms_change or "
                   "resource_needs (repeat; replaces the list)")
      ->type_name("CAT:TEXT");
  command->add_option("--action", o->actions, "TITLE|OWNER|DUE (repeat; replaces the list)")
      ->type_name("T|O|D");
  command->add_option("--comment", o->comments, "KEY=TEXT: comment on input a, b, ..., g (repeat)")
      ->type_name("KEY=TEXT");
}

void add_create(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<EditOptions>();
  CLI::App* command = add_command(
      parent, "create", "Plan a review; its inputs are assembled from the registers", invocation);
  add_edit_options(command, o.get());
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, edit_body(*o, Backend{&s, nullptr}));
        ISMS_ASSIGN(ReviewFields fields, review_fields_from_json(body));
        ISMS_ASSIGN(ReviewView v, ManagementReviewService(s).create(cli_operator(), fields));
        return review_view_to_json(v);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, edit_body(*o, Backend{nullptr, &c}));
        return c.post("/management-reviews", body);
      },
      print_review);
}

void add_update(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<EditOptions>();
  CLI::App* command = add_command(
      parent, "update", "Change a planned or held review (attendees, decisions, ...)", invocation);
  command->add_option("id", o->id, "Review id")->required();
  command->add_option("--version", o->version, "The version you last read")
      ->required()
      ->type_name("N");
  add_edit_options(command, o.get());
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, edit_body(*o, Backend{&s, nullptr}));
        body["version"] = o->version;
        ISMS_ASSIGN(ReviewFields fields, review_fields_from_json(body));
        ISMS_ASSIGN(ReviewView v, ManagementReviewService(s).update(cli_operator(), o->id, fields));
        return review_view_to_json(v);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, edit_body(*o, Backend{nullptr, &c}));
        body["version"] = o->version;
        return c.patch(review_path(o->id), body);
      },
      print_review);
}

struct StepOptions {
  std::string id;
  int64_t version = 0;
  Flag held_on;
  std::string approver;
};

void add_refresh(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<StepOptions>();
  CLI::App* command =
      add_command(parent, "refresh", "Re-assemble the inputs of a planned review", invocation);
  command->add_option("id", o->id, "Review id")->required();
  command->add_option("--version", o->version, "The version you last read")
      ->required()
      ->type_name("N");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(ReviewView v,
                    ManagementReviewService(s).refresh_inputs(cli_operator(), o->id, o->version));
        return review_view_to_json(v);
      },
      [o](ApiClient& c) {
        return c.post(review_path(o->id, "/inputs/refresh"), Json{{"version", o->version}});
      },
      print_review);
}

void add_hold(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<StepOptions>();
  CLI::App* command =
      add_command(parent, "hold", "Record that the review was held; its inputs freeze", invocation);
  command->add_option("id", o->id, "Review id")->required();
  command->add_option("--version", o->version, "The version you last read")
      ->required()
      ->type_name("N");
  add_flag_option(command, "--held-on", &o->held_on, "Date (default today)", "YYYY-MM-DD");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        std::optional<std::string> on;
        if (o->held_on.given()) on = o->held_on.value;
        ISMS_ASSIGN(ReviewView v,
                    ManagementReviewService(s).hold(cli_operator(), o->id, o->version, on));
        return review_view_to_json(v);
      },
      [o](ApiClient& c) {
        Json body{{"version", o->version}};
        if (o->held_on.given()) body["held_on"] = o->held_on.value;
        return c.post(review_path(o->id, "/hold"), body);
      },
      print_review);
}

void add_approve(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<StepOptions>();
  CLI::App* command =
      add_command(parent, "approve", "Top management approves a held review", invocation);
  command->add_option("id", o->id, "Review id")->required();
  command->add_option("--version", o->version, "The version you last read")
      ->required()
      ->type_name("N");
  command
      ->add_option("--approver", o->approver,
                   "Local operator only: the approving person (id or email)")
      ->type_name("ID|EMAIL");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        std::optional<std::string> approver;
        if (!o->approver.empty()) {
          ISMS_ASSIGN(approver, resolve_person(Backend{&s, nullptr}, "approver", o->approver));
        }
        ISMS_ASSIGN(ReviewView v, ManagementReviewService(s).approve(cli_operator(), o->id,
                                                                     o->version, approver));
        return review_view_to_json(v);
      },
      [o](ApiClient& c) -> Result<Json> {
        if (!o->approver.empty()) {
          return Error::invalid("approver",
                                "is for the local operator; with --server the token's person "
                                "approves");
        }
        return c.post(review_path(o->id, "/approve"), Json{{"version", o->version}});
      },
      print_review);
}

void add_action(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  auto index = std::make_shared<size_t>(0);
  auto status = std::make_shared<std::string>();
  CLI::App* command = add_command(parent, "action",
                                  "Mark an action open or done (also after approval)", invocation);
  command->add_option("id", *id, "Review id")->required();
  command->add_option("index", *index, "The action's position (0, 1, ...)")->required();
  command->add_option("status", *status, "open or done")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [id, index, status](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(ReviewView v, ManagementReviewService(s).set_action_status(
                                      cli_operator(), *id, *index, *status, std::nullopt));
        return review_view_to_json(v);
      },
      [id, index, status](ApiClient& c) {
        return c.patch(review_path(*id, "/actions/" + std::to_string(*index)),
                       Json{{"status", *status}});
      },
      print_review);
}

void add_minutes(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  CLI::App* command = add_command(parent, "minutes", "Write the minutes as PDF", invocation);
  command->add_option("id", *id, "Review id")->required();
  command->add_option("--out,-o", *out, "File to write (- for standard output)")
      ->required()
      ->type_name("FILE");
  set_file_action(
      command, invocation,
      [id](const ServiceContext& s) -> Result<std::string> {
        ISMS_ASSIGN(MinutesFile file, ManagementReviewService(s).minutes_pdf(cli_operator(), *id));
        return std::move(file.bytes);
      },
      [id](ApiClient& c) { return c.get_file(review_path(*id, "/minutes.pdf"), {}); },
      [out] { return *out; });
}

}  // namespace

void add_management_review_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* review = add_command(
      root, "management-review",
      "Management reviews (ISO 27001 9.3): inputs from the registers, approval, minutes",
      invocation);
  review->require_subcommand(1);
  add_list(review, invocation);
  add_create(review, invocation);
  add_show(review, invocation);
  add_update(review, invocation);
  add_refresh(review, invocation);
  add_hold(review, invocation);
  add_approve(review, invocation);
  add_action(review, invocation);
  add_minutes(review, invocation);
}

}  // namespace isms::cli
