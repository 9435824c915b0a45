// isms catalogue list|show|requirement|search|mappings|import|export: the requirements
// catalogue (docs/api.md "Catalogue"), locally or with --server (cli/commands/wire.h).
#include <CLI/App.hpp>
#include <iostream>
#include <map>
#include <memory>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/commands/wire.h"
#include "cli/output.h"
#include "formats/catalogue_formats.h"
#include "service/catalogue_json.h"
#include "service/catalogue_service.h"

namespace isms::cli {

namespace {

std::string frameworks_path(const std::string& id, const std::string& suffix = "") {
  return "/catalogue/frameworks/" + ApiClient::segment(id) + suffix;
}

// --- printers (over the API's JSON) ---

int print_frameworks(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No frameworks.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("ID");
  table.add_column("NAME", 60);
  table.add_column("VERSION");
  table.add_column("SOURCE");
  table.add_column("REQUIREMENTS");
  for (const Json& f : items) {
    table.add_row({text_of(f, "id"), text_of(f, "name"), text_of(f, "version"),
                   text_of(f, "source"), std::to_string(int_of(f, "requirement_count"))});
  }
  table.print(std::cout);
  return kExitOk;
}

// The requirements as an indented tree (by parent_ref_id), in catalogue order.
void print_requirement_tree(const Json& requirements) {
  std::map<std::string, int> depth;
  Table table;
  table.add_column("REF");
  table.add_column("KIND");
  table.add_column("TITLE", 90);
  for (const Json& r : requirements) {
    std::string parent = text_of(r, "parent_ref_id");
    int d = parent.empty() || !depth.count(parent) ? 0 : depth[parent] + 1;
    depth[text_of(r, "ref_id")] = d;
    table.add_row({std::string(static_cast<size_t>(2 * d), ' ') + text_of(r, "ref_id"),
                   text_of(r, "kind"), text_of(r, "title")});
  }
  table.print(std::cout);
}

int print_framework(const Json& answer) {
  const Json& f = member_of(answer, "framework");
  Details details;
  for (const char* key : {"id", "name", "ref_id", "version", "provider", "source", "urn"}) {
    std::string value = text_of(f, key);
    details.add(key, value.empty() ? "-" : value);
  }
  details.add("requirements", std::to_string(int_of(f, "requirement_count")));
  details.add("updated", text_of(f, "updated_at"));
  if (!text_of(f, "copyright").empty()) details.add("copyright", text_of(f, "copyright"));
  details.print(std::cout);
  if (!text_of(f, "description").empty()) {
    std::cout << "description\n";
    print_block(text_of(f, "description"), 2);
  }
  std::cout << '\n';
  print_requirement_tree(array_of(answer, "requirements"));
  return kExitOk;
}

void print_mappings_table(const Json& mappings) {
  Table table;
  table.add_column("SOURCE");
  table.add_column("RELATIONSHIP");
  table.add_column("TARGET");
  table.add_column("TARGET TITLE", 60);
  table.add_column("ORIGIN", 40);
  for (const Json& m : mappings) {
    table.add_row({text_of(m, "source"), text_of(m, "relationship"), text_of(m, "target"),
                   text_of(m, "target_title"), text_of(m, "origin")});
  }
  table.print(std::cout);
}

int print_requirement(const Json& answer) {
  const Json& r = member_of(answer, "requirement");
  Details details;
  details.add("key", text_of(r, "key"));
  details.add("title", text_of(r, "title").empty() ? "-" : text_of(r, "title"));
  details.add("kind", text_of(r, "kind"));
  details.add("assessable", bool_of(r, "assessable") ? "yes" : "no");
  std::vector<std::string> path;
  for (const Json& a : array_of(answer, "ancestors")) path.push_back(text_of(a, "ref_id"));
  details.add("within", path.empty() ? "-" : join(path, " > "));
  if (!text_of(r, "urn").empty()) details.add("urn", text_of(r, "urn"));
  details.print(std::cout);
  if (!text_of(r, "description").empty()) {
    std::cout << "description\n";
    print_block(text_of(r, "description"), 2);
  }
  if (!text_of(r, "notes").empty()) {
    std::cout << "notes\n";
    print_block(text_of(r, "notes"), 2);
  }
  const Json& children = array_of(answer, "children");
  if (!children.empty()) {
    std::cout << "\nchildren\n";
    for (const Json& c : children) {
      std::cout << "  " << sanitize_line(text_of(c, "ref_id") + "  " + text_of(c, "title")) << '\n';
    }
  }
  const Json& mappings = array_of(answer, "mappings");
  if (!mappings.empty()) {
    std::cout << "\nmappings\n";
    print_mappings_table(mappings);
  }
  const Json& citations = array_of(answer, "citations");
  std::cout << "\ncited by " << citations.size() << " published section(s)\n";
  for (const Json& c : citations) {
    std::cout << "  "
              << sanitize_line(text_of(c, "document_title") + " " + text_of(c, "version_label") +
                               " §" + text_of(c, "section_number") + " " +
                               text_of(c, "section_title"))
              << '\n';
  }
  return kExitOk;
}

int print_requirements(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No requirements found.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("KEY");
  table.add_column("KIND");
  table.add_column("TITLE", 90);
  for (const Json& r : items) {
    table.add_row({text_of(r, "key"), text_of(r, "kind"), text_of(r, "title")});
  }
  table.print(std::cout);
  return kExitOk;
}

int print_mappings(const Json& answer) {
  const Json& items = array_of(answer, "items");
  if (items.empty()) {
    std::cout << "No mappings.\n";
    return kExitOk;
  }
  print_mappings_table(items);
  return kExitOk;
}

int print_import(const Json& r) {
  std::vector<std::string> ids;
  for (const Json& id : array_of(r, "framework_ids")) ids.push_back(id.get<std::string>());
  std::cout << "Frameworks: " << (ids.empty() ? "-" : join(ids)) << " ("
            << int_of(r, "frameworks_created") << " created, " << int_of(r, "frameworks_updated")
            << " updated)\n"
            << "Requirements: " << int_of(r, "requirements_added") << " added, "
            << int_of(r, "requirements_changed") << " changed, "
            << int_of(r, "requirements_removed") << " removed\n"
            << "Mappings: " << int_of(r, "mappings") << '\n';
  for (const Json& w : array_of(r, "warnings")) {
    std::cout << "warning: " << sanitize_line(w.is_string() ? w.get<std::string>() : "") << '\n';
  }
  return kExitOk;
}

// --- options ---

struct KeyOptions {
  std::string key;  // a framework id or a requirement key
};

struct SearchOptions {
  std::string q;
  std::string framework;
  int limit = 50;
};

struct ImportOptions {
  std::string file;
  std::string format;
  std::string framework;
};

struct ExportOptions {
  std::string framework;
  bool oscal = false;
  std::string output = "-";
};

// ciso-assistant for .yaml/.yml, oscal for .json, else by the first character.
Result<std::string> import_format(const ImportOptions& o, const std::string& bytes) {
  if (!o.format.empty()) {
    if (o.format != "ciso-assistant" && o.format != "oscal") {
      return Error::invalid("format", "must be ciso-assistant or oscal");
    }
    return o.format;
  }
  auto ends_with = [&](std::string_view suffix) {
    return o.file.size() >= suffix.size() &&
           o.file.compare(o.file.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".yaml") || ends_with(".yml")) return std::string("ciso-assistant");
  if (ends_with(".json")) return std::string("oscal");
  size_t first = bytes.find_first_not_of(" \t\r\n");
  return std::string(first != std::string::npos && bytes[first] == '{' ? "oscal"
                                                                       : "ciso-assistant");
}

Result<std::pair<std::string, std::string>> key_parts(const std::string& key) {
  auto parts = split_requirement_key(key);
  if (!parts) {
    return Error::invalid("key", "'" + key +
                                     "' is not a requirement key "
                                     "(<framework>:<ref>, e.g. iso27001-2022:A.5.1)");
  }
  return *parts;
}

void add_list(CLI::App* catalogue, Invocation* invocation) {
  CLI::App* command = add_command(catalogue, "list", "List the frameworks", invocation);
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto list, CatalogueService(s).frameworks(cli_operator()));
        return items_of(list, framework_to_json);
      },
      [](ApiClient& c) { return c.get("/catalogue/frameworks"); }, print_frameworks);
}

void add_show(CLI::App* catalogue, Invocation* invocation) {
  auto o = std::make_shared<KeyOptions>();
  CLI::App* command =
      add_command(catalogue, "show", "Show a framework and its requirements", invocation);
  command->add_option("framework", o->key, "Framework id, e.g. iso27001-2022")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        CatalogueService service(s);
        ISMS_ASSIGN(Framework f, service.framework(cli_operator(), o->key));
        ISMS_ASSIGN(auto reqs, service.requirements(cli_operator(), o->key));
        return Json{{"framework", framework_to_json(f)},
                    {"requirements", items_of(reqs, requirement_to_json)["items"]}};
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(Json f, c.get(frameworks_path(o->key)));
        ISMS_ASSIGN(Json reqs, c.get(frameworks_path(o->key, "/requirements")));
        return Json{{"framework", f}, {"requirements", reqs["items"]}};
      },
      print_framework);
}

void add_requirement(CLI::App* catalogue, Invocation* invocation) {
  auto o = std::make_shared<KeyOptions>();
  CLI::App* command = add_command(
      catalogue, "requirement",
      "Show a requirement with its context, mappings and the published sections citing it",
      invocation);
  command->add_option("key", o->key, "Requirement key, e.g. iso27001-2022:A.5.1")->required();
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto parts, key_parts(o->key));
        ISMS_ASSIGN(RequirementDetail d,
                    CatalogueService(s).requirement(cli_operator(), parts.first, parts.second));
        return requirement_detail_to_json(d);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_TRY(key_parts(o->key));
        return c.get("/catalogue/requirements/" + ApiClient::segment(o->key));
      },
      print_requirement);
}

void add_search(CLI::App* catalogue, Invocation* invocation) {
  auto o = std::make_shared<SearchOptions>();
  CLI::App* command = add_command(catalogue, "search",
                                  "Search requirements by key, title and description", invocation);
  command->add_option("query", o->q, "Text to look for (case-insensitive)")->required();
  command->add_option("--framework", o->framework, "Only this framework")->type_name("ID");
  command->add_option("--limit", o->limit, "At most this many (1-500, default 50)")->type_name("N");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(auto found,
                    CatalogueService(s).search(cli_operator(), o->q, o->framework, o->limit));
        return items_of(found, requirement_to_json);
      },
      [o](ApiClient& c) {
        QueryList query{{"q", o->q}, {"limit", std::to_string(o->limit)}};
        if (!o->framework.empty()) query.emplace_back("framework", o->framework);
        return c.get("/catalogue/search", query);
      },
      print_requirements);
}

void add_mappings(CLI::App* catalogue, Invocation* invocation) {
  auto o = std::make_shared<KeyOptions>();
  CLI::App* command = add_command(
      catalogue, "mappings", "Mappings of a requirement (both directions), or of a whole framework",
      invocation);
  command->add_option("key", o->key, "Requirement key (iso27001-2022:A.5.1) or framework id")
      ->required();
  add_json_flag(command, invocation);
  // A key names one requirement; a bare id the whole framework.
  auto split = [o] {
    auto parts = split_requirement_key(o->key);
    return parts ? *parts : std::make_pair(o->key, std::string());
  };
  set_json_action(
      command, invocation,
      [split](const ServiceContext& s) -> Result<Json> {
        auto [framework, ref] = split();
        ISMS_ASSIGN(auto list, CatalogueService(s).mappings(cli_operator(), framework, ref));
        return items_of(list, mapping_to_json);
      },
      [split](ApiClient& c) {
        auto [framework, ref] = split();
        QueryList query{{"framework", framework}};
        if (!ref.empty()) query.emplace_back("ref", ref);
        return c.get("/catalogue/mappings", query);
      },
      print_mappings);
}

void add_import(CLI::App* catalogue, Invocation* invocation) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* command = add_command(
      catalogue, "import",
      "Import a CISO Assistant library (YAML) or an OSCAL catalog (JSON); importing the same "
      "library again changes nothing",
      invocation);
  command->add_option("file", o->file, "The library file (- for standard input)")->required();
  command
      ->add_option("--format", o->format,
                   "ciso-assistant or oscal (default: from the extension or the content)")
      ->type_name("FORMAT");
  command->add_option("--framework", o->framework, "OSCAL only: the framework id to use")
      ->type_name("ID");
  add_json_flag(command, invocation);
  set_json_action(
      command, invocation,
      [o](const ServiceContext& s) -> Result<Json> {
        ISMS_ASSIGN(std::string bytes, read_input("file", o->file, kMaxLibraryBytes));
        ISMS_ASSIGN(std::string format, import_format(*o, bytes));
        ISMS_ASSIGN(CatalogueImportResult r, CatalogueService(s).import_library(
                                                 cli_operator(), format, bytes, o->framework));
        return catalogue_import_result_to_json(r);
      },
      [o](ApiClient& c) -> Result<Json> {
        ISMS_ASSIGN(std::string bytes, read_input("file", o->file, kMaxLibraryBytes));
        ISMS_ASSIGN(std::string format, import_format(*o, bytes));
        QueryList query{{"format", format}};
        if (!o->framework.empty()) query.emplace_back("framework", o->framework);
        return c.post_file("/catalogue/import", query, bytes,
                           format == "oscal" ? "application/json" : "application/yaml");
      },
      print_import);
}

void add_export(CLI::App* catalogue, Invocation* invocation) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* command =
      add_command(catalogue, "export", "Export a framework as an OSCAL catalog", invocation);
  command->add_option("framework", o->framework, "Framework id")->required();
  command->add_flag("--oscal", o->oscal, "OSCAL 1.1.2 catalog JSON (the only format)")->required();
  command->add_option("-o,--output", o->output, "File to write (default: standard output)")
      ->type_name("FILE");
  set_file_action(
      command, invocation,
      [o](const ServiceContext& s) {
        return CatalogueService(s).export_oscal(cli_operator(), o->framework);
      },
      [o](ApiClient& c) { return c.get_file(frameworks_path(o->framework, "/oscal")); },
      [o] { return o->output; });
}

}  // namespace

void add_catalogue_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* catalogue = add_command(
      root, "catalogue", "The requirements catalogue (ISO/IEC 27001, NIS2, imported libraries)",
      invocation);
  catalogue->require_subcommand(1);
  add_list(catalogue, invocation);
  add_show(catalogue, invocation);
  add_requirement(catalogue, invocation);
  add_search(catalogue, invocation);
  add_mappings(catalogue, invocation);
  add_import(catalogue, invocation);
  add_export(catalogue, invocation);
}

}  // namespace isms::cli
