// isms control: the measures the organization applies (docs/api.md "Controls and
// evidence"): list, show, create, update, archive and check (an effectiveness check moves
// the next check date). Controls are named by id or ref (C-0001); requirements as
// framework:ref (iso27001-2022:A.5.15), repeated. Evidence: evidence.cc.
#include <CLI/App.hpp>
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "domain/control.h"
#include "service/control_service.h"

namespace isms::cli {

namespace {

constexpr int kMaxLimit = 500;

const std::vector<std::string>& sort_keys() {
  static const std::vector<std::string> keys = {"ref",        "title",         "status",
                                                "owner_name", "next_check_on", "updated_at"};
  return keys;
}

std::string control_path(const std::string& id, const std::string& suffix = "") {
  return "/controls/" + ApiClient::segment(id) + suffix;
}

// {"control","evidence"} as the API answers.
Json control_view_json(const ControlView& v, const std::string& today) {
  Json evidence = Json::array();
  for (const Evidence& e : v.evidence) evidence.push_back(evidence_to_json(e, today));
  return Json{{"control", control_to_json(v.control, today)}, {"evidence", std::move(evidence)}};
}

// --- list ---

struct ListOptions {
  std::string status;
  std::vector<std::string> owners;
  std::string requirement;
  std::string risk;
  bool check_due = false;
  std::string q;
  std::string sort;
  std::string archived;
  int limit = 0;
  bool all_pages = false;
};

Result<QueryList> list_query(const ListOptions& o, const Backend& b) {
  QueryList query;
  std::vector<std::string> statuses = split_list(o.status);
  for (const std::string& s : statuses) {
    if (!parse_control_status(s)) {
      return Error::invalid(
          "status", "'" + s + "' is not planned, in_progress, implemented or not_applicable");
    }
  }
  if (!statuses.empty()) query.emplace_back("status", join(statuses, ","));
  std::vector<std::string> owners;
  for (const std::string& given : o.owners) {
    for (const std::string& owner : split_list(given)) {
      ISMS_ASSIGN(std::string id, resolve_person(b, "owner", owner));
      owners.push_back(id);
    }
  }
  if (!owners.empty()) query.emplace_back("owner_id", join(owners, ","));
  if (!o.requirement.empty()) {
    if (o.requirement.find(':') == std::string::npos) {
      return Error::invalid("requirement", "must be framework:ref, e.g. iso27001-2022:A.5.15");
    }
    query.emplace_back("requirement", o.requirement);
  }
  if (!o.risk.empty()) {
    ISMS_ASSIGN(std::string id, resolve_risk(b, "risk", o.risk));
    query.emplace_back("risk_id", id);
  }
  if (o.check_due) query.emplace_back("check_due", "true");
  if (!o.q.empty()) query.emplace_back("q", o.q);
  if (!o.sort.empty()) {
    std::string key = o.sort[0] == '-' ? o.sort.substr(1) : o.sort;
    if (std::find(sort_keys().begin(), sort_keys().end(), key) == sort_keys().end()) {
      return Error::invalid("sort", "'" + o.sort + "' is not one of " + join(sort_keys()) +
                                        " (prefix - for descending)");
    }
    query.emplace_back("sort", o.sort);
  }
  if (!o.archived.empty()) {
    if (o.archived != "false" && o.archived != "true" && o.archived != "all") {
      return Error::invalid("archived", "must be false, true or all");
    }
    query.emplace_back("archived", o.archived);
  }
  if (o.limit != 0) {
    if (o.limit < 1 || o.limit > kMaxLimit) {
      return Error::invalid("limit", "must be an integer from 1 to 500");
    }
    query.emplace_back("limit", std::to_string(o.limit));
  }
  return query;
}

ControlListRequest list_request(const QueryList& query, const std::string& today) {
  ControlListRequest request;
  ControlQuery& q = request.query;
  for (const auto& [name, value] : query) {
    if (name == "status") q.statuses = split_list(value);
    if (name == "owner_id") q.owner_ids = split_list(value);
    if (name == "requirement") q.requirement_key = value;
    if (name == "risk_id") q.risk_id = value;
    if (name == "check_due") q.check_before = today;
    if (name == "q") q.search = value;
    if (name == "limit") q.limit = std::stoi(value);
    if (name == "archived") {
      q.archived = value == "all"    ? ArchivedFilter::kAll
                   : value == "true" ? ArchivedFilter::kArchivedOnly
                                     : ArchivedFilter::kActiveOnly;
    }
    if (name == "sort") {
      q.descending = value[0] == '-';
      std::string key = q.descending ? value.substr(1) : value;
      auto it = std::find(sort_keys().begin(), sort_keys().end(), key);
      q.sort = static_cast<ControlSort>(it - sort_keys().begin());
    }
  }
  return request;
}

int print_controls(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No controls.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("REF");
  table.add_column("TITLE", 40);
  table.add_column("STATUS");
  table.add_column("OWNER", 24);
  table.add_column("REQUIREMENTS", 40);
  table.add_column("EVIDENCE");
  table.add_column("NEXT CHECK");
  for (const Json& c : items) {
    std::string status = text_of(c, "status");
    if (!text_of(c, "archived_at").empty()) status += " (archived)";
    std::string check = or_dash(text_of(c, "next_check_on"));
    if (bool_of(c, "check_overdue")) check += " (overdue)";
    table.add_row({text_of(c, "ref"), text_of(c, "title"), status,
                   or_dash(text_of(c, "owner_name")),
                   or_dash(join(strings_in(array_of(c, "requirement_keys")), ",")),
                   std::to_string(int_of(c, "valid_evidence_count")) + "/" +
                       std::to_string(int_of(c, "evidence_count")),
                   check});
  }
  table.print(std::cout);
  if (!text_of(answer, "next_cursor").empty()) {
    std::cout << "(more controls: use --all-pages or a larger --limit)\n";
  }
  return kExitOk;
}

void add_list(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ListOptions>();
  CLI::App* command = add_command(parent, "list", "List controls", invocation);
  command
      ->add_option("--status", o->status,
                   "planned, in_progress, implemented, not_applicable (comma-separated)")
      ->type_name("S");
  command->add_option("--owner", o->owners, "Owner's person id or email (repeat for several)")
      ->type_name("ID|EMAIL");
  command->add_option("--requirement", o->requirement, "Controls naming this requirement")
      ->type_name("FW:REF");
  command->add_option("--risk", o->risk, "Controls this risk names (id or ref)")
      ->type_name("ID|REF");
  command->add_flag("--check-due", o->check_due, "Only controls whose check date has passed");
  command->add_option("--q", o->q, "Text in the ref, title or description")->type_name("TEXT");
  command->add_option("--sort", o->sort, join(sort_keys(), ", ") + "; prefix - for descending")
      ->type_name("S");
  command->add_option("--archived", o->archived, "false (default), true or all")
      ->type_name("WHICH");
  command->add_option("--limit", o->limit, "Controls per page, 1-500 (default 50)")->type_name("N");
  command->add_flag("--all-pages", o->all_pages, "Read every page");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(QueryList query, list_query(*o, Backend{&s, nullptr}));
        std::string today = today_of(s);
        ControlListRequest request = list_request(query, today);
        return collect_pages(o->all_pages, [&](const std::string& cursor) -> Result<Json> {
          request.cursor = cursor;
          ISMS_ASSIGN(ControlListResult page, ControlService(s).list(cli_operator(), request));
          Json items = Json::array();
          for (const Control& c : page.items) items.push_back(control_to_json(c, today));
          return page_json(std::move(items), page.next_cursor, page.total);
        });
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(QueryList query, list_query(*o, Backend{nullptr, &c}));
        return collect_pages(o->all_pages, [&](const std::string& cursor) {
          QueryList q = query;
          if (!cursor.empty()) q.emplace_back("cursor", cursor);
          return c.get("/controls", q);
        });
      },
      print_controls);
}

// --- show ---

int print_control(const Json& view) {
  const Json& c = member_of(view, "control");
  Details d;
  d.add("ref", text_of(c, "ref"));
  d.add("id", text_of(c, "id"));
  d.add("title", text_of(c, "title"));
  d.add("status", text_of(c, "status"));
  d.add("classification", text_of(c, "classification"));
  d.add("owner", or_dash(text_of(c, "owner_name")));
  d.add("requirements", or_dash(join(strings_in(array_of(c, "requirement_keys")))));
  d.add("risks", or_dash(join(strings_in(array_of(c, "risk_ids")))));
  std::string check = or_dash(text_of(c, "next_check_on"));
  if (bool_of(c, "check_overdue")) check += " (overdue)";
  d.add("next check",
        check + ", every " + std::to_string(int_of(c, "check_interval_months")) + " months");
  d.add("last checked", or_dash(text_of(c, "last_checked_on")));
  if (!text_of(c, "archived_at").empty()) {
    d.add("archived", text_of(c, "archived_at") + " (" + text_of(c, "archive_reason") + ")");
  }
  d.add("version", std::to_string(int_of(c, "version")));
  d.print(std::cout);
  if (bool_of(c, "content_hidden")) {
    std::cout << "\n(description hidden)\n";
  } else if (!text_of(c, "description").empty()) {
    std::cout << "\n";
    print_block(text_of(c, "description"), 0);
  }
  const Json& evidence = array_of(view, "evidence");
  if (!evidence.empty()) {
    std::cout << "\nevidence\n";
    Table table;
    table.add_column("ID");
    table.add_column("TITLE", 40);
    table.add_column("KIND");
    table.add_column("STATE");
    table.add_column("VALID UNTIL");
    for (const Json& e : evidence) {
      table.add_row({text_of(e, "id"), text_of(e, "title"), text_of(e, "kind"), text_of(e, "state"),
                     or_dash(text_of(e, "valid_until"))});
    }
    table.print(std::cout);
  }
  return kExitOk;
}

int print_saved(const Json& view) {
  const Json& c = member_of(view, "control");
  std::cout << "Control " << text_of(c, "ref") << " \"" << sanitize_line(text_of(c, "title"))
            << "\" (" << text_of(c, "id") << "), version " << int_of(c, "version") << ", "
            << text_of(c, "status") << (text_of(c, "archived_at").empty() ? "" : ", archived")
            << ".\n";
  return kExitOk;
}

void add_show(CLI::App* parent, Invocation* invocation) {
  auto id = std::make_shared<std::string>();
  CLI::App* command = add_command(parent, "show", "Show a control and its evidence", invocation);
  command->add_option("id", *id, "Control id or ref (C-0001)")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [id](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string full, resolve_control(Backend{&s, nullptr}, "id", *id));
        ISMS_ASSIGN(ControlView v, ControlService(s).get(cli_operator(), full));
        return control_view_json(v, today_of(s));
      },
      [id](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string full, resolve_control(Backend{nullptr, &c}, "id", *id));
        return c.get(control_path(full));
      },
      print_control);
}

// --- create and update ---

struct EditOptions {
  std::string id;  // update only
  int64_t version = 0;
  Flag title, description, owner, status, classification, next_check_on, check_interval;
  std::vector<std::string> requirements;
  CLI::Option* requirements_option = nullptr;
};

void add_edit_options(CLI::App* command, EditOptions* o) {
  add_flag_option(command, "--title", &o->title, "Title, 1-200 characters", "TEXT");
  add_flag_option(command, "--description", &o->description, "What the control does", "TEXT");
  add_flag_option(command, "--owner", &o->owner, "Owner: person id or email (\"\" for none)",
                  "ID|EMAIL");
  add_flag_option(command, "--status", &o->status,
                  "planned, in_progress, implemented or not_applicable", "S");
  add_flag_option(command, "--classification", &o->classification,
                  "public, internal or confidential", "C");
  o->requirements_option =
      command
          ->add_option("--requirement", o->requirements,
                       "Requirement it satisfies, framework:ref (repeat or comma-separate; "
                       "replaces the list)")
          ->type_name("FW:REF")
          ->delimiter(',');
  add_flag_option(command, "--next-check-on", &o->next_check_on,
                  "Next effectiveness check (\"\" for none)", "YYYY-MM-DD");
  add_flag_option(command, "--check-interval-months", &o->check_interval,
                  "Months between checks, 1-36", "N");
}

Result<Json> edit_body(const EditOptions& o, const Backend& b, bool create) {
  Json body = Json::object();
  if (o.title.given()) body["title"] = o.title.value;
  if (o.description.given()) body["description"] = o.description.value;
  if (o.status.given()) body["status"] = o.status.value;
  if (o.classification.given()) body["classification"] = o.classification.value;
  if (o.requirements_option->count() > 0) {
    std::vector<std::string> keys;
    for (const std::string& k : o.requirements) {
      if (!k.empty()) keys.push_back(k);
    }
    body["requirement_keys"] = keys;
  }
  if (o.next_check_on.given()) {
    body["next_check_on"] =
        o.next_check_on.value.empty() ? Json(nullptr) : Json(o.next_check_on.value);
  }
  if (o.check_interval.given()) {
    ISMS_ASSIGN(int64_t months,
                parse_integer("check-interval-months", o.check_interval.value, 1, 36));
    body["check_interval_months"] = months;
  }
  if (!create && body.empty() && !o.owner.given()) {
    return Error::invalid("control",
                          "nothing to change: give --title, --description, --owner, --status, "
                          "--classification, --requirement, --next-check-on or "
                          "--check-interval-months");
  }
  if (o.owner.given()) {
    if (o.owner.value.empty()) {
      body["owner_id"] = nullptr;
    } else {
      ISMS_ASSIGN(body["owner_id"], resolve_person(b, "owner", o.owner.value));
    }
  }
  if (!create) body["version"] = o.version;
  return body;
}

void add_create(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<EditOptions>();
  CLI::App* command = add_command(parent, "create", "Create a control", invocation);
  add_edit_options(command, o.get());
  o->title.option->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, edit_body(*o, Backend{&s, nullptr}, /*create=*/true));
        ISMS_ASSIGN(ControlPatch patch, control_patch_from_json(body));
        ISMS_ASSIGN(ControlView v, ControlService(s).create(cli_operator(), patch));
        return control_view_json(v, today_of(s));
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, edit_body(*o, Backend{nullptr, &c}, /*create=*/true));
        return c.post("/controls", body);
      },
      print_saved);
}

void add_update(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<EditOptions>();
  CLI::App* command = add_command(parent, "update", "Change a control", invocation);
  command->add_option("id", o->id, "Control id or ref")->required();
  command->add_option("--version", o->version, "The version you last read")
      ->required()
      ->type_name("N");
  add_edit_options(command, o.get());
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        Backend b{&s, nullptr};
        ISMS_ASSIGN(Json body, edit_body(*o, b, /*create=*/false));
        ISMS_ASSIGN(std::string id, resolve_control(b, "id", o->id));
        ISMS_ASSIGN(ControlPatch patch, control_patch_from_json(body));
        ISMS_ASSIGN(ControlView v, ControlService(s).update(cli_operator(), id, patch));
        return control_view_json(v, today_of(s));
      },
      [o](ApiClient& c) -> Result<Json> {
        Backend b{nullptr, &c};
        ISMS_ASSIGN(Json body, edit_body(*o, b, /*create=*/false));
        ISMS_ASSIGN(std::string id, resolve_control(b, "id", o->id));
        return c.patch(control_path(id), body);
      },
      print_saved);
}

// --- archive and check ---

struct ActionOptions {
  std::string id;
  int64_t version = 0;
  std::string text;  // reason or note
  Flag checked_on;
};

void add_archive(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ActionOptions>();
  CLI::App* command = add_command(parent, "archive", "Archive a control", invocation);
  command->add_option("id", o->id, "Control id or ref")->required();
  command->add_option("--version", o->version, "The version you last read")
      ->required()
      ->type_name("N");
  command->add_option("--reason", o->text, "Why")->required()->type_name("TEXT");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_control(Backend{&s, nullptr}, "id", o->id));
        ISMS_ASSIGN(ControlView v,
                    ControlService(s).archive(cli_operator(), id, o->version, o->text));
        return control_view_json(v, today_of(s));
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_control(Backend{nullptr, &c}, "id", o->id));
        return c.post(control_path(id, "/archive"),
                      Json{{"version", o->version}, {"reason", o->text}});
      },
      print_saved);
}

void add_check(CLI::App* parent, Invocation* invocation) {
  auto o = std::make_shared<ActionOptions>();
  CLI::App* command = add_command(
      parent, "check", "Record an effectiveness check (moves the next check date)", invocation);
  command->add_option("id", o->id, "Control id or ref")->required();
  command->add_option("--version", o->version, "The version you last read")
      ->required()
      ->type_name("N");
  command->add_option("--note", o->text, "What was checked and found")
      ->required()
      ->type_name("TEXT");
  add_flag_option(command, "--checked-on", &o->checked_on, "Date of the check (default today)",
                  "YYYY-MM-DD");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_control(Backend{&s, nullptr}, "id", o->id));
        std::optional<std::string> on;
        if (o->checked_on.given()) on = o->checked_on.value;
        ISMS_ASSIGN(ControlView v,
                    ControlService(s).record_check(cli_operator(), id, o->version, o->text, on));
        return control_view_json(v, today_of(s));
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_control(Backend{nullptr, &c}, "id", o->id));
        Json body{{"version", o->version}, {"note", o->text}};
        if (o->checked_on.given()) body["checked_on"] = o->checked_on.value;
        return c.post(control_path(id, "/check"), body);
      },
      print_saved);
}

}  // namespace

void add_control_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* control = add_command(
      root, "control", "Controls: requirements they satisfy, risks they treat, checks", invocation);
  control->require_subcommand(1);
  add_list(control, invocation);
  add_show(control, invocation);
  add_create(control, invocation);
  add_update(control, invocation);
  add_archive(control, invocation);
  add_check(control, invocation);
}

}  // namespace isms::cli
