// isms threat | isms vulnerability: the editable catalogues risks draw from (docs/api.md
// "Threats and vulnerabilities"): list, add, update, archive. Both nouns share one shape,
// so one set of verbs is registered twice. Entries are named by id, key or name.
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/risk_control.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "domain/threat.h"
#include "service/risk_service.h"

namespace isms::cli {

namespace {

struct Kind {
  RiskSourceKind kind;
  std::string noun;  // "threat"
  std::string path;  // "/threats"
};

std::string item_path(const Kind& k, const std::string& id, const std::string& suffix = "") {
  return k.path + "/" + ApiClient::segment(id) + suffix;
}

int print_sources(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "None.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("NAME", 40);
  table.add_column("CATEGORY");
  table.add_column("PROPERTIES");
  table.add_column("KEY");
  table.add_column("ID");
  for (const Json& s : items) {
    std::string name = text_of(s, "name");
    if (bool_of(s, "archived")) name += " (archived)";
    table.add_row({name, or_dash(text_of(s, "category")),
                   or_dash(join(strings_in(array_of(s, "properties")), ",")),
                   or_dash(text_of(s, "key")), text_of(s, "id")});
  }
  table.print(std::cout);
  return kExitOk;
}

int print_saved(const Json& s) {
  std::cout << "Saved " << text_of(s, "kind") << " \"" << sanitize_line(text_of(s, "name"))
            << "\" (" << text_of(s, "id") << "), version " << int_of(s, "version")
            << (bool_of(s, "archived") ? ", archived" : "") << ".\n";
  return kExitOk;
}

void add_list(CLI::App* parent, Invocation* invocation, const Kind& k) {
  auto archived = std::make_shared<std::string>();
  CLI::App* command = add_command(parent, "list", "List the " + k.noun + " catalogue", invocation);
  command->add_option("--archived", *archived, "false (default), true or all")->type_name("WHICH");
  add_json_flag(command, invocation);
  auto filter = [archived]() -> Result<ArchivedFilter> {
    if (archived->empty() || *archived == "false") return ArchivedFilter::kActiveOnly;
    if (*archived == "true") return ArchivedFilter::kArchivedOnly;
    if (*archived == "all") return ArchivedFilter::kAll;
    return Error::invalid("archived", "must be false, true or all");
  };
  set_json_action(
      command, invocation,
      [k, filter](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(ArchivedFilter f, filter());
        ISMS_ASSIGN(auto list, RiskService(s).sources(cli_operator(), k.kind, f));
        return items_of(list, risk_source_to_json);
      },
      [k, filter, archived](ApiClient& c) -> Result<Json> {
        ISMS_TRY(filter());
        QueryList query;
        if (!archived->empty()) query.emplace_back("archived", *archived);
        return c.get(k.path, query);
      },
      print_sources);
}

struct EditOptions {
  std::string id;  // update, archive
  int64_t version = 0;
  Flag name, category, description, properties;
};

Result<Json> edit_body(const EditOptions& o, bool create) {
  Json body = Json::object();
  if (o.name.given()) body["name"] = o.name.value;
  if (o.category.given()) body["category"] = o.category.value;
  if (o.description.given()) body["description"] = o.description.value;
  if (o.properties.given()) body["properties"] = split_list(o.properties.value);
  if (!create && body.empty()) {
    return Error::invalid("fields",
                          "nothing to change: give --name, --category, --description or "
                          "--properties");
  }
  if (!create) body["version"] = o.version;
  return body;
}

void add_edit_options(CLI::App* command, EditOptions* o) {
  add_flag_option(command, "--name", &o->name, "Name (unique, case-insensitive)", "TEXT");
  add_flag_option(command, "--category", &o->category, "Category, e.g. technical", "TEXT");
  add_flag_option(command, "--description", &o->description, "Description", "TEXT");
  add_flag_option(command, "--properties", &o->properties,
                  "Properties it harms: confidentiality, integrity, availability, authenticity "
                  "(comma-separated)",
                  "P,P");
}

void add_add(CLI::App* parent, Invocation* invocation, const Kind& k) {
  auto o = std::make_shared<EditOptions>();
  CLI::App* command = add_command(parent, "add", "Add a " + k.noun, invocation);
  add_edit_options(command, o.get());
  o->name.option->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [k, o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, edit_body(*o, /*create=*/true));
        ISMS_ASSIGN(RiskSourceFields fields, risk_source_fields_from_json(body));
        ISMS_ASSIGN(RiskSource created,
                    RiskService(s).create_source(cli_operator(), k.kind, fields));
        return risk_source_to_json(created);
      },
      [k, o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, edit_body(*o, /*create=*/true));
        return c.post(k.path, body);
      },
      print_saved);
}

void add_update(CLI::App* parent, Invocation* invocation, const Kind& k) {
  auto o = std::make_shared<EditOptions>();
  CLI::App* command = add_command(parent, "update", "Change a " + k.noun, invocation);
  command->add_option("id", o->id, "Id, key or name")->required();
  command->add_option("--version", o->version, "The version you last read")
      ->required()
      ->type_name("N");
  add_edit_options(command, o.get());
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [k, o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(Json body, edit_body(*o, /*create=*/false));
        ISMS_ASSIGN(std::string id, resolve_source(Backend{&s, nullptr}, k.kind, "id", o->id));
        ISMS_ASSIGN(RiskSourceFields fields, risk_source_fields_from_json(body));
        ISMS_ASSIGN(RiskSource saved, RiskService(s).update_source(cli_operator(), id, fields));
        return risk_source_to_json(saved);
      },
      [k, o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json body, edit_body(*o, /*create=*/false));
        ISMS_ASSIGN(std::string id, resolve_source(Backend{nullptr, &c}, k.kind, "id", o->id));
        return c.patch(item_path(k, id), body);
      },
      print_saved);
}

void add_archive(CLI::App* parent, Invocation* invocation, const Kind& k) {
  auto o = std::make_shared<EditOptions>();
  CLI::App* command = add_command(parent, "archive",
                                  "Archive a " + k.noun + " (risks naming it keep it)", invocation);
  command->add_option("id", o->id, "Id, key or name")->required();
  command->add_option("--version", o->version, "The version you last read")
      ->required()
      ->type_name("N");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [k, o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_source(Backend{&s, nullptr}, k.kind, "id", o->id));
        ISMS_ASSIGN(RiskSource saved,
                    RiskService(s).archive_source(cli_operator(), id, o->version));
        return risk_source_to_json(saved);
      },
      [k, o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string id, resolve_source(Backend{nullptr, &c}, k.kind, "id", o->id));
        return c.post(item_path(k, id, "/archive"), Json{{"version", o->version}});
      },
      print_saved);
}

void add_source_commands(CLI::App* root, Invocation* invocation, const Kind& k,
                         const std::string& description) {
  CLI::App* noun = add_command(root, k.noun, description, invocation);
  noun->require_subcommand(1);
  add_list(noun, invocation, k);
  add_add(noun, invocation, k);
  add_update(noun, invocation, k);
  add_archive(noun, invocation, k);
}

}  // namespace

void add_threat_commands(CLI::App* root, Invocation* invocation) {
  add_source_commands(root, invocation, Kind{RiskSourceKind::kThreat, "threat", "/threats"},
                      "The threat catalogue risks draw from");
  add_source_commands(root, invocation,
                      Kind{RiskSourceKind::kVulnerability, "vulnerability", "/vulnerabilities"},
                      "The vulnerability catalogue risks draw from");
}

}  // namespace isms::cli
