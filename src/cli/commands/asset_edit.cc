// isms asset create / update. The flags are turned into the same JSON body the API takes
// and decoded with asset_patch_from_json, so the CLI and the API accept exactly the same
// values and report them with the same field names. Remotely that body is what is sent
// (after the same local check, so a typo fails before any request).
#include <CLI/App.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <memory>
#include <sstream>

#include "cli/args.h"
#include "cli/commands/asset.h"
#include "cli/output.h"
#include "cli/remote/assets.h"
#include "cli/remote/decode.h"

namespace isms::cli {

namespace {

// One string-valued flag; `option` tells whether it was given (an empty value can be
// meaningful, e.g. --owner "" clears the owner).
struct Flag {
  std::string value;
  CLI::Option* option = nullptr;
  bool given() const { return option != nullptr && option->count() > 0; }
};

struct EditOptions {
  std::string id;  // update only
  Flag name, type, description, owner, business_function, classification, status, depends_on;
  Flag confidentiality, integrity, availability, authenticity;
  Flag from_json;
  Flag version, justification;  // update only
};

void add_field_flags(CLI::App* command, EditOptions* o) {
  auto add = [command](const char* name, Flag* flag, const char* help, const char* type) {
    flag->option = command->add_option(name, flag->value, help)->type_name(type);
  };
  add("--name", &o->name, "Name, 1-200 characters", "TEXT");
  add("--type", &o->type,
      "information, system, application, service, device, network, cloud_service, facility, "
      "other",
      "T");
  add("--description", &o->description, "Description (up to 10,000 characters)", "TEXT");
  add("--owner", &o->owner, "Owner's person id; \"\" for no owner", "ID");
  add("--business-function", &o->business_function, "Business function it supports", "TEXT");
  add("--classification", &o->classification, "public, internal, confidential, customer_data", "C");
  add("--confidentiality", &o->confidentiality, "Required confidentiality, 1 (low) - 4", "1-4");
  add("--integrity", &o->integrity, "Required integrity, 1-4", "1-4");
  add("--availability", &o->availability, "Required availability, 1-4", "1-4");
  add("--authenticity", &o->authenticity, "Required authenticity, 1-4", "1-4");
  add("--status", &o->status, "Lifecycle status: planned, active, retiring, retired", "S");
  add("--depends-on", &o->depends_on,
      "Ids of the assets it depends on, comma-separated (replaces the list; \"\" for none)",
      "ID,ID");
  add("--from-json", &o->from_json,
      "Read the fields from a JSON object as in the API (FILE, or - for stdin); flags given "
      "as well override its fields",
      "FILE|-");
}

Result<std::string> read_input(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error::invalid("from-json", "cannot read '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The request body the flags describe, as the API would receive it.
Result<Json> body_from_flags(const EditOptions& o) {
  Json body = Json::object();
  if (o.from_json.given()) {
    ISMS_ASSIGN(std::string text, read_input(o.from_json.value));
    auto parsed = parse_json(text);
    if (!parsed.ok()) {
      return Error::invalid("from-json", "not valid JSON: " + parsed.error().message);
    }
    if (!parsed->is_object()) return Error::invalid("from-json", "must hold a JSON object");
    body = std::move(parsed).value();
  }
  auto set_string = [&body](const Flag& flag, const char* field) {
    if (flag.given()) body[field] = flag.value;
  };
  set_string(o.name, "name");
  set_string(o.type, "type");
  set_string(o.description, "description");
  set_string(o.business_function, "business_function");
  set_string(o.classification, "classification");
  set_string(o.status, "lifecycle_status");
  set_string(o.justification, "justification");
  if (o.owner.given()) {
    body["owner_id"] = o.owner.value.empty() ? Json(nullptr) : Json(o.owner.value);
  }
  if (o.depends_on.given()) body["depends_on"] = split_list(o.depends_on.value);
  const std::pair<const Flag*, const char*> levels[] = {{&o.confidentiality, "confidentiality"},
                                                        {&o.integrity, "integrity"},
                                                        {&o.availability, "availability"},
                                                        {&o.authenticity, "authenticity"}};
  for (const auto& [flag, field] : levels) {
    if (!flag->given()) continue;
    ISMS_ASSIGN(int64_t level, parse_integer(field, flag->value, kMinLevel, kMaxLevel));
    body[field] = level;
  }
  if (o.version.given()) {
    ISMS_ASSIGN(int64_t version,
                parse_integer("version", o.version.value, 1, std::numeric_limits<int64_t>::max()));
    body["version"] = version;
  }
  return body;
}

void print_created(const Asset& created, bool json) {
  if (json) {
    print_json(asset_to_json(created));
  } else {
    std::cout << "Created asset " << created.id << " \"" << sanitize_line(created.name) << "\".\n";
  }
}

void print_updated(const Asset& updated, bool json) {
  if (json) {
    print_json(asset_to_json(updated));
  } else {
    std::cout << "Updated asset " << updated.id << " \"" << sanitize_line(updated.name)
              << "\" (now version " << updated.version << ").\n";
  }
}

// The update body from the flags; kInvalid when it changes nothing.
Result<Json> update_body(const EditOptions& options) {
  ISMS_ASSIGN(Json body, body_from_flags(options));
  size_t changes = body.size() - body.count("version") - body.count("justification");
  if (changes == 0) {
    return Error::invalid(
        "fields", "nothing to update: give at least one field flag (e.g. --name) or --from-json");
  }
  return body;
}

int create(const Invocation& invocation, const EditOptions& options) {
  auto body = body_from_flags(options);
  if (!body.ok()) return report_error(body.error());
  auto patch = asset_patch_from_json(*body);
  if (!patch.ok()) return report_error(patch.error());
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  AssetService assets(ctx->services());
  auto created = assets.create(cli_operator(), *patch);
  if (!created.ok()) return report_error(created.error());
  print_created(*created, invocation.json);
  return kExitOk;
}

int update(const Invocation& invocation, const EditOptions& options) {
  auto body = update_body(options);
  if (!body.ok()) return report_error(body.error());
  auto patch = asset_patch_from_json(*body);
  if (!patch.ok()) return report_error(patch.error());
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  AssetService assets(ctx->services());
  auto id = resolve_asset_id(assets, options.id);
  if (!id.ok()) return report_error(id.error());
  if (!patch->version) {
    // No --version: the user means "the asset as it is now". Reading it first keeps
    // the service's rule (updates name the version they change) in one place.
    auto current = assets.get(cli_operator(), *id);
    if (!current.ok()) return report_error(current.error());
    patch->version = current->version;
  }
  auto updated = assets.update(cli_operator(), *id, *patch);
  if (!updated.ok()) return report_error(updated.error());
  print_updated(*updated, invocation.json);
  return kExitOk;
}

int remote_create(const Invocation& invocation, const EditOptions& options) {
  auto body = body_from_flags(options);
  if (!body.ok()) return report_error(body.error());
  auto patch = asset_patch_from_json(*body);
  if (!patch.ok()) return report_error(patch.error());
  auto client = open_remote_or_report(invocation);
  if (!client) return kExitError;
  auto answer = client->post("/assets", *body);
  if (!answer.ok()) return report_error(answer.error());
  auto created = asset_from_json(*answer);
  if (!created.ok()) return report_error(created.error());
  print_created(*created, invocation.json);
  return kExitOk;
}

int remote_update(const Invocation& invocation, const EditOptions& options) {
  auto body = update_body(options);
  if (!body.ok()) return report_error(body.error());
  auto patch = asset_patch_from_json(*body);
  if (!patch.ok()) return report_error(patch.error());
  auto client = open_remote_or_report(invocation);
  if (!client) return kExitError;
  auto id = resolve_asset_id(*client, options.id);
  if (!id.ok()) return report_error(id.error());
  if (!patch->version) {
    // As locally: without --version, the asset as it is now.
    auto current = remote_asset_get(*client, *id);
    if (!current.ok()) return report_error(current.error());
    (*body)["version"] = current->version;
  }
  auto answer = client->patch(asset_path(*id), *body);
  if (!answer.ok()) return report_error(answer.error());
  auto updated = asset_from_json(*answer);
  if (!updated.ok()) return report_error(updated.error());
  print_updated(*updated, invocation.json);
  return kExitOk;
}

}  // namespace

void add_asset_create_command(CLI::App* asset, Invocation* invocation) {
  auto options = std::make_shared<EditOptions>();
  CLI::App* command = add_command(
      asset, "create",
      "Create an asset. --name is required (by flag or in --from-json); other fields take "
      "the registry's defaults (type system, classification internal, levels 2, active).",
      invocation);
  add_field_flags(command, options.get());
  add_json_flag(command, invocation);
  set_action(
      command, invocation, [invocation, options] { return create(*invocation, *options); },
      [invocation, options] { return remote_create(*invocation, *options); });
}

void add_asset_update_command(CLI::App* asset, Invocation* invocation) {
  auto options = std::make_shared<EditOptions>();
  CLI::App* command = add_command(
      asset, "update",
      "Change some fields of an asset; fields not given stay as they are. Without --version "
      "the asset's current version is read first and used, so the update applies to the "
      "asset as it is now; with --version N it is refused (conflict) when the asset changed "
      "since you saw version N. Lowering the classification needs --justification; "
      "customer_data is never lowered.",
      invocation);
  command->add_option("id", options->id, "Asset id or a unique prefix of it")->required();
  add_field_flags(command, options.get());
  options->version.option = command
                                ->add_option("--version", options->version.value,
                                             "The version you last saw (optimistic concurrency)")
                                ->type_name("N");
  options->justification.option =
      command
          ->add_option("--justification", options->justification.value,
                       "Why (required when lowering the classification; kept in the ledger)")
          ->type_name("TEXT");
  add_json_flag(command, invocation);
  set_action(
      command, invocation, [invocation, options] { return update(*invocation, *options); },
      [invocation, options] { return remote_update(*invocation, *options); });
}

}  // namespace isms::cli
