// isms group list|create: working groups (persons who share access to confidential
// objects assigned to the group).
#include <CLI/App.hpp>
#include <iostream>
#include <memory>

#include "cli/args.h"
#include "cli/command.h"
#include "cli/output.h"
#include "service/group_service.h"

namespace isms::cli {

namespace {

struct CreateOptions {
  std::string name;
  std::string description;
  std::vector<std::string> members;
};

int list(const Invocation& invocation) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  auto groups = GroupService(ctx->services()).list(cli_operator());
  if (!groups.ok()) return report_error(groups.error());
  if (invocation.json) {
    Json items = Json::array();
    for (const auto& g : *groups) items.push_back(working_group_to_json(g));
    print_json({{"items", std::move(items)}});
    return kExitOk;
  }
  if (groups->empty()) {
    std::cout << "No working groups.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("ID");
  table.add_column("NAME", 40);
  table.add_column("MEMBERS");
  table.add_column("DESCRIPTION", 60);
  for (const auto& g : *groups) {
    table.add_row({g.id, g.name, std::to_string(g.member_ids.size()), g.description});
  }
  table.print(std::cout);
  return kExitOk;
}

int create(const Invocation& invocation, const CreateOptions& options) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  GroupFields fields;
  fields.name = options.name;
  fields.description = options.description;
  fields.member_ids = options.members;
  auto group = GroupService(ctx->services()).create(cli_operator(), fields);
  if (!group.ok()) return report_error(group.error());
  if (invocation.json) {
    print_json(working_group_to_json(*group));
  } else {
    std::cout << "Created working group \"" << sanitize_line(group->name) << "\" (" << group->id
              << ") with " << group->member_ids.size() << " member(s).\n";
  }
  return kExitOk;
}

}  // namespace

void add_group_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* group = add_command(root, "group", "Working groups", invocation);
  group->require_subcommand(1);

  CLI::App* list_command = add_command(group, "list", "List working groups", invocation);
  add_json_flag(list_command, invocation);
  set_action(list_command, invocation, [invocation] { return list(*invocation); });

  auto options = std::make_shared<CreateOptions>();
  CLI::App* create_command = add_command(group, "create", "Create a working group", invocation);
  create_command->add_option("name", options->name, "Name (unique, case-insensitive)")->required();
  create_command->add_option("--member", options->members, "A member's person id; repeat")
      ->type_name("PERSON_ID");
  create_command->add_option("--description", options->description, "What the group is for")
      ->type_name("TEXT");
  add_json_flag(create_command, invocation);
  set_action(create_command, invocation,
             [invocation, options] { return create(*invocation, *options); });
}

}  // namespace isms::cli
