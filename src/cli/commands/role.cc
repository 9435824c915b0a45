// isms role list: the roles people can hold (seeded from the policy's section 3).
#include <CLI/App.hpp>
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"
#include "cli/remote/decode.h"
#include "service/organization_service.h"

namespace isms::cli {

namespace {

int print_roles(const std::vector<Role>& roles, bool json) {
  if (json) {
    Json items = Json::array();
    for (const Role& role : roles) items.push_back(role_to_json(role));
    print_json({{"items", std::move(items)}});
    return kExitOk;
  }
  if (roles.empty()) {
    std::cout << "No roles.\n";
    return kExitOk;
  }
  Table table;
  table.add_column("KEY");
  table.add_column("NAME", 30);
  table.add_column("DESCRIPTION", 70);
  for (const Role& role : roles) table.add_row({role.key, role.name, role.description});
  table.print(std::cout);
  return kExitOk;
}

int list(const Invocation& invocation) {
  auto ctx = open_or_report(invocation, OpenMode::kExisting);
  if (!ctx) return kExitError;
  OrganizationService organization(ctx->services());
  auto roles = organization.roles();
  if (!roles.ok()) return report_error(roles.error());
  return print_roles(*roles, invocation.json);
}

int remote_list(const Invocation& invocation) {
  auto client = open_remote_or_report(invocation);
  if (!client) return kExitError;
  auto body = client->get("/roles");
  if (!body.ok()) return report_error(body.error());
  auto roles = roles_from_json(*body);
  if (!roles.ok()) return report_error(roles.error());
  return print_roles(*roles, invocation.json);
}

}  // namespace

void add_role_commands(CLI::App* root, Invocation* invocation) {
  CLI::App* role = add_command(root, "role", "Roles people hold in the ISMS", invocation);
  role->require_subcommand(1);
  CLI::App* command = add_command(role, "list", "List roles", invocation);
  add_json_flag(command, invocation);
  set_action(
      command, invocation, [invocation] { return list(*invocation); },
      [invocation] { return remote_list(*invocation); });
}

}  // namespace isms::cli
