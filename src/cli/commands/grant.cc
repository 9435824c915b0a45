// isms grant list|add|remove asset ASSET_ID [PERSON_ID]: explicit per-object grants
// (required to read customer_data objects; open a confidential one to a person).
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/commands/asset.h"
#include "cli/output.h"
#include "service/grant_service.h"

namespace isms::cli {

namespace {

enum class Verb { kList, kAdd, kRemove };

struct GrantOptions {
  std::string object_type;
  std::string object_id;
  std::string person_id;
};

int run_grant(const Invocation& invocation, const GrantOptions& options, Verb verb) {
  if (verb != Verb::kList && options.person_id.empty()) {
    return report_error(Error::invalid("person_id", "give the person id after the asset id"));
  }
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  // Only assets carry grants so far (object_type is checked by the parser).
  auto asset_id = resolve_asset_id(AssetService(ctx->services()), options.object_id);
  if (!asset_id.ok()) return report_error(asset_id.error());
  GrantService grants(ctx->services());
  const Principal op = cli_operator();
  switch (verb) {
    case Verb::kList: {
      auto list = grants.list_asset_grants(op, *asset_id);
      if (!list.ok()) return report_error(list.error());
      if (invocation.json) {
        Json items = Json::array();
        for (const auto& g : *list) items.push_back(grant_view_to_json(g));
        print_json({{"items", std::move(items)}});
      } else if (list->empty()) {
        std::cout << "No grants on asset " << *asset_id << ".\n";
      } else {
        Table table;
        table.add_column("PERSON", 30);
        table.add_column("PERSON ID");
        table.add_column("GRANTED BY");
        table.add_column("GRANTED AT");
        for (const auto& g : *list) {
          table.add_row({g.person_name, g.grant.person_id, g.grant.granted_by, g.grant.granted_at});
        }
        table.print(std::cout);
      }
      return kExitOk;
    }
    case Verb::kAdd: {
      auto added = grants.add_asset_grant(op, *asset_id, options.person_id);
      if (!added.ok()) return report_error(added.error());
      if (invocation.json) {
        print_json(grant_view_to_json(*added));
      } else {
        std::cout << "Granted " << sanitize_line(added->person_name) << " (" << options.person_id
                  << ") access to asset " << *asset_id << ".\n";
      }
      return kExitOk;
    }
    case Verb::kRemove: {
      auto removed = grants.remove_asset_grant(op, *asset_id, options.person_id);
      if (!removed.ok()) return report_error(removed.error());
      if (invocation.json) {
        print_json(Json{{"object_type", "asset"},
                        {"object_id", *asset_id},
                        {"person_id", options.person_id},
                        {"removed", true}});
      } else {
        std::cout << "Removed the grant of person " << options.person_id << " on asset "
                  << *asset_id << ".\n";
      }
      return kExitOk;
    }
  }
  return kExitError;
}

void add_verb(CLI::App* grant, Invocation* invocation, const std::string& name,
              const std::string& description, Verb verb) {
  auto options = std::make_shared<GrantOptions>();
  CLI::App* command = add_command(grant, name, description, invocation);
  command->add_option("object_type", options->object_type, "The kind of object: asset")
      ->required()
      ->check(CLI::IsMember({"asset"}));
  command->add_option("object_id", options->object_id, "Asset id, or a unique prefix of it")
      ->required();
  if (verb != Verb::kList) {
    command->add_option("person_id", options->person_id, "Person id")->required();
  }
  add_json_flag(command, invocation);
  set_action(command, invocation,
             [invocation, options, verb] { return run_grant(*invocation, *options, verb); });
}

}  // namespace

void add_grant_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* grant = add_command(
      root, "grant", "Explicit grants of persons on objects (customer_data, confidential)",
      invocation);
  grant->require_subcommand(1);
  add_verb(grant, invocation, "list", "List the grants on an object", Verb::kList);
  add_verb(grant, invocation, "add", "Grant a person access to an object", Verb::kAdd);
  add_verb(grant, invocation, "remove", "Withdraw a person's grant on an object", Verb::kRemove);
}

}  // namespace isms::cli
